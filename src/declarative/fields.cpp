#include "declarative/fields.hpp"

#include <algorithm>

#include "declarative/scalars.hpp"
#include "declarative/suggestion.hpp"

namespace forge::declarative {

Fields::Fields(const DocumentNode& map, std::string owner, SourceLocation owner_location,
               std::vector<std::string_view> allowed)
    : m_map(map),
      m_owner(std::move(owner)),
      m_owner_location(std::move(owner_location)),
      m_allowed(std::move(allowed)) {
  if (m_map.kind != DocumentNode::Kind::map) {
    fail_at(m_map.kind == DocumentNode::Kind::null ? m_owner_location : m_map.location,
            m_owner + " takes a map of options (" + quoted_list(m_allowed) + "), not " +
                describe(m_map));
  }
  for (const MapEntry& entry : m_map.entries) {
    if (std::find(m_allowed.begin(), m_allowed.end(), entry.key) != m_allowed.end()) continue;
    if (entry.key.find(')') != std::string::npos) {
      fail_at(entry.key_location, m_owner + " has no option '" + entry.key +
                                      "'; a comma inside { } ends the value: quote it, e.g. "
                                      "type: 'DECIMAL(10,2)'");
    }
    fail_at(entry.key_location, m_owner + " has no option '" + entry.key + "'" +
                                    did_you_mean(entry.key, m_allowed) + "; its options are " +
                                    quoted_list(m_allowed));
  }
}

const DocumentNode* Fields::find(std::string_view key) const { return m_map.find(key); }

const DocumentNode& Fields::required(std::string_view key) const {
  if (const DocumentNode* value = find(key)) return *value;
  fail_at(m_owner_location, m_owner + " needs '" + std::string(key) + "'");
}

std::string Fields::name(std::string_view key) const {
  return read_name(required(key), describe_key(key));
}

std::optional<std::string> Fields::optional_name(std::string_view key) const {
  const DocumentNode* value = find(key);
  if (!value) return std::nullopt;
  return read_name(*value, describe_key(key));
}

bool Fields::flag(std::string_view key, bool fallback) const {
  const DocumentNode* value = find(key);
  return value ? read_flag(*value, describe_key(key)) : fallback;
}

std::string Fields::describe_key(std::string_view key) const {
  return std::string(key) + " of " + m_owner;
}

Origin Fields::origin() const {
  Origin origin{m_owner_location, {}};
  for (const MapEntry& entry : m_map.entries) origin.options.emplace(entry.key, entry.key_location);
  return origin;
}

}  // namespace forge::declarative
