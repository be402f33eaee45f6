// The one file that reads yaml-cpp: it turns its nodes into DocumentNode, 1-based positions.
#include "declarative/document.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <cctype>
#include <sstream>
#include <unordered_map>

namespace forge::declarative {

namespace {

// The file a text comes from, and where its lines lie in it.
struct TextOrigin {
  const std::string& file;
  const std::vector<LineShift>& shifts;
};

SourceLocation location_of(const YAML::Mark& mark, const TextOrigin& origin) {
  if (mark.is_null()) return SourceLocation{origin.file, 1, 1};
  const int line = mark.line + 1;
  int by = 0;
  for (const LineShift& shift : origin.shifts) {
    if (shift.from_line > line) break;
    by = shift.by;
  }
  return SourceLocation{origin.file, line + by, mark.column + 1};
}

// A unit needs a handful of levels. Everything that walks the tree recurses, so a deeper
// document is refused before it can exhaust the stack.
constexpr std::size_t k_max_depth = 100;

[[noreturn]] void fail_too_deep(const SourceLocation& location) {
  fail_at(location, "the document is nested too deep (more than " + std::to_string(k_max_depth) +
                        " levels of lists and maps); look for brackets left open");
}

// Without aliases a document holds fewer values than characters; aliases of aliases can
// multiply them past any memory (the "billion laughs"), so the tree has a budget.
std::size_t value_budget(const std::string& text) { return 100000 + 2 * text.size(); }

// Converts yaml-cpp's nodes, keeping the source text to tell `null` from an empty value.
class Converter {
 public:
  Converter(const std::string& text, const TextOrigin& file)
      : m_text(text), m_file(file), m_budget(value_budget(text)) {}

  DocumentNode convert(const YAML::Node& node) {
    DocumentNode out;
    out.location = location_of(node.Mark(), m_file);
    enter(node, out.location);
    if (node.IsScalar()) {
      out.kind = DocumentNode::Kind::scalar;
      out.text = node.Scalar();
      out.quoted = node.Tag() != "?";  // plain scalars carry the tag "?", quoted ones "!"
    } else if (node.IsSequence()) {
      out.kind = DocumentNode::Kind::sequence;
      for (const YAML::Node& item : node) out.items.push_back(convert(item));
    } else if (node.IsMap()) {
      out.kind = DocumentNode::Kind::map;
      std::unordered_map<std::string, std::size_t> keys;  // key -> entry: one lookup per key
      for (auto it = node.begin(); it != node.end(); ++it) {
        add_entry(out, keys, it->first, it->second);
      }
    }
    m_open.pop_back();
    return out;
  }

 private:
  // Refuses what would make the tree endless or huge: nesting past the limit (aliases count
  // as what they stand for), an alias inside the node it names, aliases repeated past reason.
  void enter(const YAML::Node& node, const SourceLocation& at) {
    if (m_open.size() >= k_max_depth) fail_too_deep(at);
    for (const YAML::Node& open : m_open) {
      if (open.is(node)) {
        fail_at(at,
                "an alias (*name) inside this list or map stands for the list or map "
                "itself, which would make it endless");
      }
    }
    if (m_budget-- == 0) {
      fail_at(at, "aliases (*name) expand the document past " +
                      std::to_string(value_budget(m_text)) + " values; repeat less");
    }
    m_open.push_back(node);
  }

  void add_entry(DocumentNode& map, std::unordered_map<std::string, std::size_t>& keys,
                 const YAML::Node& key, const YAML::Node& value) {
    const SourceLocation key_location = location_of(key.Mark(), m_file);
    if (!key.IsScalar()) fail_at(key_location, "a map key must be a plain name, not a list or map");
    const auto [earlier, first] = keys.emplace(key.Scalar(), map.entries.size());
    if (!first) {
      const MapEntry& written = map.entries[earlier->second];
      fail_at(key_location, "'" + written.key + "' is written twice in one map (first at " +
                                to_string(written.key_location) + "); keep one");
    }
    MapEntry entry{key.Scalar(), key_location, convert(value)};
    // yaml-cpp places an empty value (`key:` and nothing) at the next token; point at the key.
    if (value.IsNull() && !is_written_null(value.Mark())) entry.value.location = key_location;
    map.entries.push_back(std::move(entry));
  }

  bool is_written_null(const YAML::Mark& mark) const {
    // yaml-cpp may place the mark past the end of the text (seen with NUL bytes in it).
    if (mark.is_null() || mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= m_text.size()) {
      return false;
    }
    const std::string_view rest =
        std::string_view(m_text).substr(static_cast<std::size_t>(mark.pos));
    for (std::string_view spelling : {"~", "null", "Null", "NULL"}) {
      if (rest.substr(0, spelling.size()) == spelling) return true;
    }
    return false;
  }

  const std::string& m_text;
  const TextOrigin& m_file;
  std::size_t m_budget;            // how many more values the tree may take
  std::vector<YAML::Node> m_open;  // the node being converted and those holding it
};

// Reads the documents' events once, before LoadAll, for two things yaml-cpp 0.7 gets wrong:
// - LoadAll never returns on some malformed text, such as a lone ',' (its issue 1040): the
//   parser reports an empty document at a token it does not consume, forever, and LoadAll
//   keeps every one. This throws when a document starts where the previous one did.
// - Its own depth guard (500 levels) points past all that its scanner has read ahead. This
//   refuses nesting past k_max_depth at the list or map that goes too deep.
class EventGuard : public YAML::EventHandler {
 public:
  EventGuard(const std::string& text, const TextOrigin& file) : m_text(text), m_file(file) {}

  void check() {
    std::istringstream stream(m_text);
    YAML::Parser parser(stream);
    while (parser.HandleNextDocument(*this)) {
    }
  }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (m_started && mark.pos == m_last.pos) throw YAML::ParserException(mark, unexpected_at(mark));
    m_started = true;
    m_last = mark;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { check_depth(mark); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { check_depth(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string&) override {
    check_depth(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    open(mark);
  }
  void OnSequenceEnd() override { --m_depth; }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    open(mark);
  }
  void OnMapEnd() override { --m_depth; }

 private:
  // A node's depth counts the lists and maps around it, plus one, as in Converter::enter.
  void check_depth(const YAML::Mark& mark) const {
    if (m_depth >= k_max_depth) fail_too_deep(location_of(mark, m_file));
  }
  void open(const YAML::Mark& mark) {
    check_depth(mark);
    ++m_depth;
  }

  std::string unexpected_at(const YAML::Mark& mark) const {
    const auto at = static_cast<std::size_t>(mark.pos);
    if (mark.pos < 0 || at >= m_text.size()) return "unexpected token";
    if (!std::isprint(static_cast<unsigned char>(m_text[at]))) return "unexpected token";
    return "unexpected '" + std::string(1, m_text[at]) + "'";
  }

  const std::string& m_text;
  const TextOrigin& m_file;
  bool m_started = false;
  YAML::Mark m_last;
  std::size_t m_depth = 0;  // lists and maps open around the next node
};

}  // namespace

const DocumentNode* DocumentNode::find(std::string_view key) const {
  for (const MapEntry& entry : entries) {
    if (entry.key == key) return &entry.value;
  }
  return nullptr;
}

DocumentNode parse_document(const std::string& text, const std::string& path,
                            const std::vector<LineShift>& shifts) {
  const TextOrigin file{path, shifts};
  std::vector<YAML::Node> documents;
  try {
    EventGuard(text, file).check();
    documents = YAML::LoadAll(text);
  } catch (const YAML::DeepRecursion& e) {  // yaml-cpp's own guard, should EventGuard go
    fail_too_deep(location_of(e.mark, file));
  } catch (const YAML::ParserException& e) {
    fail_at(location_of(e.mark, file), "invalid YAML: " + e.msg);
  } catch (const YAML::Exception& e) {
    fail_at(location_of(e.mark, file), "invalid YAML: " + e.msg);
  }
  if (documents.empty()) {
    DocumentNode empty;
    empty.location = SourceLocation{path, 1, 1};
    return empty;
  }
  if (documents.size() > 1) {
    fail_at(location_of(documents[1].Mark(), file),
            "a unit holds one YAML document; remove the second one (after ---)");
  }
  return Converter(text, file).convert(documents.front());
}

std::string describe(const DocumentNode& node) {
  switch (node.kind) {
    case DocumentNode::Kind::null:
      return "nothing (null)";
    case DocumentNode::Kind::sequence:
      return "a list";
    case DocumentNode::Kind::map:
      return "a map";
    case DocumentNode::Kind::scalar:
      break;
  }
  return "'" + node.text + "'";
}

}  // namespace forge::declarative

namespace forge::declarative {

void append_canonical_form(const DocumentNode& node, std::string& out) {
  switch (node.kind) {
    case DocumentNode::Kind::null:
      out += '~';
      return;
    case DocumentNode::Kind::scalar:
      // Length-prefixed, so no text can be mistaken for structure.
      out += node.quoted ? '"' : '\'';
      out += std::to_string(node.text.size());
      out += ':';
      out += node.text;
      return;
    case DocumentNode::Kind::sequence:
      out += '[';
      for (const DocumentNode& item : node.items) {
        append_canonical_form(item, out);
        out += ',';
      }
      out += ']';
      return;
    case DocumentNode::Kind::map:
      break;
  }
  out += '{';
  for (const MapEntry& entry : node.entries) {
    out += std::to_string(entry.key.size());
    out += ':';
    out += entry.key;
    out += '=';
    append_canonical_form(entry.value, out);
    out += ',';
  }
  out += '}';
}

std::string canonical_form(const DocumentNode& node) {
  std::string out;
  append_canonical_form(node, out);
  return out;
}

}  // namespace forge::declarative
