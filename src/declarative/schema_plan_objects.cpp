// Which named objects (views, functions, triggers, types ...) a generated unit makes or drops,
// and in which order.
#include "declarative/schema_plan_objects.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace forge::declarative {

namespace {

int rank(const std::string& kind) {
  static const char* const k_order[] = {"extension", "schema",    "enum", "sequence",
                                        "function",  "procedure", "view", "materialized view",
                                        "trigger"};
  for (int i = 0; i < 9; ++i) {
    if (kind == k_order[i]) return i;
  }
  return 9;
}

// An object's name as other definitions mention it: without schema, arguments or table.
std::string bare_name(const core::SchemaObject& object) {
  std::string name = object.name.substr(0, object.name.find_first_of("( "));
  const auto dot = name.rfind('.');
  return dot == std::string::npos ? name : name.substr(dot + 1);
}

// True when `text` holds `word` not inside a longer identifier.
bool mentions(const std::string& text, const std::string& word) {
  const auto part = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    const auto end = at + word.size();
    if ((at == 0 || !part(text[at - 1])) && (end == text.size() || !part(text[end]))) return true;
  }
  return false;
}

// What an object's definition says after its own name: what it uses.
std::string uses_of(const core::SchemaObject& object) {
  const std::string& text = object.definition;
  const std::string name = bare_name(object);
  const auto own = text.find(name);
  return own == std::string::npos ? text : text.substr(own + name.size());
}

// `objects` (in kind order) with each after the others it mentions; a cycle keeps the order.
std::vector<const core::SchemaObject*> in_making_order(
    std::vector<const core::SchemaObject*> objects) {
  std::vector<const core::SchemaObject*> ordered;
  while (!objects.empty()) {
    auto ready = std::find_if(objects.begin(), objects.end(), [&](const auto* object) {
      const std::string uses = uses_of(*object);
      return std::none_of(objects.begin(), objects.end(), [&](const auto* other) {
        return other != object && mentions(uses, bare_name(*other));
      });
    });
    if (ready == objects.end()) ready = objects.begin();
    ordered.push_back(*ready);
    objects.erase(ready);
  }
  return ordered;
}

}  // namespace

bool is_type_object(const core::SchemaObject& object) { return rank(object.kind) < 4; }

std::vector<const core::SchemaObject*> changed_objects(const core::Schema& from,
                                                       const core::Schema& to, bool types) {
  std::vector<const core::SchemaObject*> found;
  for (const core::SchemaObject& object : from.objects) {
    const auto other = std::find_if(to.objects.begin(), to.objects.end(),
                                    [&](const auto& o) { return o.name == object.name; });
    const bool same = other != to.objects.end() && *other == object;
    if (is_type_object(object) == types && !same) found.push_back(&object);
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const auto* a, const auto* b) { return rank(a->kind) < rank(b->kind); });
  return types ? found : in_making_order(std::move(found));
}

}  // namespace forge::declarative
