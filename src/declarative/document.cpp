// The one file that reads yaml-cpp: it turns its nodes into DocumentNode, 1-based positions.
#include "declarative/document.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <cctype>
#include <sstream>

namespace forge::declarative {

namespace {

SourceLocation location_of(const YAML::Mark& mark, const std::string& file) {
  if (mark.is_null()) return SourceLocation{file, 1, 1};
  return SourceLocation{file, mark.line + 1, mark.column + 1};
}

// Converts yaml-cpp's nodes, keeping the source text to tell `null` from an empty value.
class Converter {
 public:
  Converter(const std::string& text, const std::string& file) : m_text(text), m_file(file) {}

  DocumentNode convert(const YAML::Node& node) const {
    DocumentNode out;
    out.location = location_of(node.Mark(), m_file);
    if (node.IsScalar()) {
      out.kind = DocumentNode::Kind::scalar;
      out.text = node.Scalar();
      out.quoted = node.Tag() != "?";  // plain scalars carry the tag "?", quoted ones "!"
    } else if (node.IsSequence()) {
      out.kind = DocumentNode::Kind::sequence;
      for (const YAML::Node& item : node) out.items.push_back(convert(item));
    } else if (node.IsMap()) {
      out.kind = DocumentNode::Kind::map;
      for (auto it = node.begin(); it != node.end(); ++it) add_entry(out, it->first, it->second);
    }
    return out;
  }

 private:
  void add_entry(DocumentNode& map, const YAML::Node& key, const YAML::Node& value) const {
    const SourceLocation key_location = location_of(key.Mark(), m_file);
    if (!key.IsScalar()) fail_at(key_location, "a map key must be a plain name, not a list or map");
    for (const MapEntry& earlier : map.entries) {
      if (earlier.key == key.Scalar()) {
        fail_at(key_location, "'" + earlier.key + "' is written twice in one map (first at " +
                                  to_string(earlier.key_location) + "); keep one");
      }
    }
    MapEntry entry{key.Scalar(), key_location, convert(value)};
    // yaml-cpp places an empty value (`key:` and nothing) at the next token; point at the key.
    if (value.IsNull() && !is_written_null(value.Mark())) entry.value.location = key_location;
    map.entries.push_back(std::move(entry));
  }

  bool is_written_null(const YAML::Mark& mark) const {
    if (mark.is_null() || mark.pos < 0) return false;
    const std::string_view rest =
        std::string_view(m_text).substr(static_cast<std::size_t>(mark.pos));
    for (std::string_view spelling : {"~", "null", "Null", "NULL"}) {
      if (rest.substr(0, spelling.size()) == spelling) return true;
    }
    return false;
  }

  const std::string& m_text;
  const std::string& m_file;
};

// yaml-cpp 0.7's LoadAll never returns on some malformed text, such as a lone ',' (its issue
// 1040): the parser reports an empty document at a token it does not consume, forever, and
// LoadAll keeps every one. This reads the documents' events once, before LoadAll, and throws
// when a document starts where the previous one did.
class EndlessDocumentGuard : public YAML::EventHandler {
 public:
  explicit EndlessDocumentGuard(const std::string& text) : m_text(text) {}

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
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

 private:
  std::string unexpected_at(const YAML::Mark& mark) const {
    const auto at = static_cast<std::size_t>(mark.pos);
    if (mark.pos < 0 || at >= m_text.size()) return "unexpected token";
    if (!std::isprint(static_cast<unsigned char>(m_text[at]))) return "unexpected token";
    return "unexpected '" + std::string(1, m_text[at]) + "'";
  }

  const std::string& m_text;
  bool m_started = false;
  YAML::Mark m_last;
};

}  // namespace

const DocumentNode* DocumentNode::find(std::string_view key) const {
  for (const MapEntry& entry : entries) {
    if (entry.key == key) return &entry.value;
  }
  return nullptr;
}

DocumentNode parse_document(const std::string& text, const std::string& file) {
  std::vector<YAML::Node> documents;
  try {
    EndlessDocumentGuard(text).check();
    documents = YAML::LoadAll(text);
  } catch (const YAML::ParserException& e) {
    fail_at(location_of(e.mark, file), "invalid YAML: " + e.msg);
  } catch (const YAML::Exception& e) {
    fail_at(location_of(e.mark, file), "invalid YAML: " + e.msg);
  }
  if (documents.empty()) {
    DocumentNode empty;
    empty.location = SourceLocation{file, 1, 1};
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

std::string canonical_form(const DocumentNode& node) {
  switch (node.kind) {
    case DocumentNode::Kind::null:
      return "~";
    case DocumentNode::Kind::scalar: {
      // Length-prefixed, so no text can be mistaken for structure.
      return (node.quoted ? "\"" : "'") + std::to_string(node.text.size()) + ":" + node.text;
    }
    case DocumentNode::Kind::sequence: {
      std::string out = "[";
      for (const DocumentNode& item : node.items) out += canonical_form(item) + ",";
      return out + "]";
    }
    case DocumentNode::Kind::map:
      break;
  }
  std::string out = "{";
  for (const MapEntry& entry : node.entries) {
    out += std::to_string(entry.key.size()) + ":" + entry.key + "=" + canonical_form(entry.value) + ",";
  }
  return out + "}";
}

}  // namespace forge::declarative
