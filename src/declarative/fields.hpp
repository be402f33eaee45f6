#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "declarative/document.hpp"
#include "declarative/location.hpp"

namespace forge::declarative {

/// The options of one map (an operation's fields, a column's attributes): checked against the
/// options it may have, then read with the shape each must have.
class Fields {
 public:
  /// Throws MigrationFileError when `map` is not a map, or at the first key not in `allowed`
  /// (naming the nearest allowed one). `owner` names the map in messages (`addColumn`,
  /// `column 'id'`); `owner_location` is where a missing option is reported. `map` must outlive
  /// this object.
  Fields(const DocumentNode& map, std::string owner, SourceLocation owner_location,
         std::vector<std::string_view> allowed);

  /// The value of `key`, or nullptr when it is not written.
  const DocumentNode* find(std::string_view key) const;
  /// The value of `key`; throws at the owner when it is not written.
  const DocumentNode& required(std::string_view key) const;
  /// The non-empty name written for `key`; throws when missing or not a name.
  std::string name(std::string_view key) const;
  /// The name written for `key`, or nullopt when it is not written.
  std::optional<std::string> optional_name(std::string_view key) const;
  /// The true/false written for `key`, or `fallback` when it is not written.
  bool flag(std::string_view key, bool fallback = false) const;
  /// `key of owner`, for messages about that key's value.
  std::string describe_key(std::string_view key) const;
  /// Where the owner and each written option are.
  Origin origin() const;
  const SourceLocation& owner_location() const noexcept { return m_owner_location; }

 private:
  const DocumentNode& m_map;
  std::string m_owner;
  SourceLocation m_owner_location;
  std::vector<std::string_view> m_allowed;
};

}  // namespace forge::declarative
