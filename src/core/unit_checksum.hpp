#pragma once
#include <functional>
#include <memory>
#include <string>

namespace forge::core {

/// The SHA-256 of a unit's up section. Known when the unit is read, or, for a large unit whose
/// rows stream (issue 16), worked out when first asked (one read through every row), or given by
/// the run that sent every row: a unit applied in one pass is read once, not twice. Copies share
/// what is worked out; safe from several threads at once (a fleet's workers share the units).
class UnitChecksum {
 public:
  /// Reads the whole up section and gives its checksum; throws what the read throws.
  using Compute = std::function<std::string()>;
  using Listener = std::function<void(const std::string&)>;

  UnitChecksum() = default;
  /// A checksum known already (implicit, so a unit is still built from a string).
  UnitChecksum(std::string known)  // NOLINT(google-explicit-constructor)
      : m_known(std::move(known)) {}
  /// A checksum `compute` works out on the first value() that no full read gave before it.
  static UnitChecksum when_asked(Compute compute);

  /// The checksum, worked out on the first call when still unknown (throws what that throws).
  /// Empty for a unit without an up section.
  const std::string& value() const;
  /// The checksum when known without a read; nullptr when only value() would tell it.
  const std::string* known() const;
  /// Whether there is no checksum, known or to work out.
  bool empty() const { return m_deferred == nullptr && m_known.empty(); }

  /// `hash` is what a read through the whole up section gave, or what the file gave when last
  /// read (the unit cache): kept when nothing is known yet. False when another checksum is
  /// known: the file changed between the two reads.
  bool agrees(const std::string& hash) const;

  /// Has `listener` told the checksum once it is worked out or given by a full read (at once
  /// when it is known already), outside any lock and on the thread that learned it.
  void when_known(Listener listener) const;

 private:
  struct Deferred;
  std::string m_known;
  std::shared_ptr<Deferred> m_deferred;
};

}  // namespace forge::core
