// The fast reader of a bulkInsert row must read what it takes exactly as yaml-cpp does: the
// rows' values and a large unit's checksum come from it.
#include "declarative/flow_row.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <string>
#include <vector>

namespace forge::declarative {
namespace {

const std::string k_file = "rows.yaml";

// The row as yaml-cpp reads it on line 7 of a file, as an item of a block list (`    - {`).
DocumentNode parsed(const std::string& text) {
  const DocumentNode list = parse_document("    - " + text + "\n", k_file, {{1, 6}});
  return list.items.at(0);
}

// One node for every row read, as a large unit's reader keeps it.
std::optional<DocumentNode> fast(const std::string& text) {
  static DocumentNode reused;
  if (!read_flow_row(text, SourceLocation{k_file, 7, 7}, reused)) return std::nullopt;
  return reused;
}

// Every field the loader reads, recursively.
void expect_same(const DocumentNode& fast, const DocumentNode& slow, const std::string& text) {
  SCOPED_TRACE(text);
  EXPECT_EQ(fast.kind, slow.kind);
  EXPECT_EQ(fast.text, slow.text);
  EXPECT_EQ(fast.quoted, slow.quoted);
  EXPECT_EQ(to_string(fast.location), to_string(slow.location));
  ASSERT_EQ(fast.entries.size(), slow.entries.size());
  for (std::size_t i = 0; i < fast.entries.size(); ++i) {
    EXPECT_EQ(fast.entries[i].key, slow.entries[i].key);
    EXPECT_EQ(to_string(fast.entries[i].key_location), to_string(slow.entries[i].key_location));
    expect_same(fast.entries[i].value, slow.entries[i].value, text);
  }
  EXPECT_EQ(canonical_form(fast), canonical_form(slow));
}

TEST(FlowRow, ReadsTheUsualRowsAsYamlCppDoes) {
  for (const std::string text : {
           "{ id: 1, name: 'event 1', payload: 'a; b -- c', amount: 12 }",
           "{id: 1,name: x}",
           R"({"id": 1, "name": "Ann", "note": null, "ok": true})",
           "{ id: -5, price: 3.25, when: 2024-01-01, path: a/b, big: 1e+5 }  # a comment",
           "{ a: 'it''s', b: '', c: \"\", d: 'x # not a comment, {}' }",
           "{ a: NULL, b: Null, c: nullable, d: two  spaces , e: 'null' }",
       }) {
    const std::optional<DocumentNode> row = fast(text);
    ASSERT_TRUE(row.has_value()) << text;
    expect_same(*row, parsed(text), text);
  }
}

TEST(FlowRow, LeavesToYamlCppWhatItDoesNotReadExactly) {
  for (const std::string text : {
           "{}",
           "{ a: 1, }",
           "{ a: \"\\t\" }",
           "{ a: [1, 2] }",
           "{ a: { fn: NOW } }",
           "{ a: *x }",
           "{ a: 1, a: 2 }",
           "{ a: b: c }",
           "{ a: 10:30 }",
           "{ a: 1 } b",
           "{ a: 1 }#x",
           "{ a: 'open }",
           "{ a:1 }",
           "{ a: caf\xC3\xA9 }",
           "{ a: \tb }",
           "{ null: 1 }",
           "{ 1a: 2 }",
           "{ a: ~ }",
           "{ a: }",
           "{ a: 'x' 'y' }",
       }) {
    EXPECT_FALSE(fast(text).has_value()) << text;
  }
}

// Rows drawn from YAML's awkward characters: whatever the fast reader takes, yaml-cpp reads
// the same; and it takes enough of them for the comparison to mean something.
TEST(FlowRow, AgreesWithYamlCppOnRandomRows) {
  const std::vector<std::string> pieces = {
      "a",  "b1", "_x", "9",  "-", ".",  "+",  "/",  " ", "  ", ":",    ": ",   ",",
      ", ", "'",  "''", "\"", "#", " #", "{",  "}",  "[", "]",  "null", "NULL", "~",
      "&a", "*a", "!",  "?",  "|", ">",  "\\", "e5", "%", "@",  "`"};
  std::mt19937 random(16);
  int taken = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text = "{ k: ";
    const int length = 1 + static_cast<int>(random() % 6);
    for (int j = 0; j < length; ++j) text += pieces[random() % pieces.size()];
    text += random() % 2 ? ", m: v }" : " }";
    const std::optional<DocumentNode> row = fast(text);
    if (!row) continue;
    ++taken;
    DocumentNode slow;
    try {
      slow = parsed(text);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "the fast reader took what yaml-cpp refuses: " << text << ": " << e.what();
      continue;
    }
    expect_same(*row, slow, text);
  }
  EXPECT_GT(taken, 1000);
}

}  // namespace
}  // namespace forge::declarative
