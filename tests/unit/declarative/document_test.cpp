#include "declarative/document.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"

namespace forge::declarative {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

std::string error_of(const std::string& text) {
  try {
    parse_document(text, "u.yaml");
  } catch (const MigrationFileError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(ParseDocument, ReportsOneBasedLinesAndColumns) {
  const DocumentNode root = parse_document("up:\n  - addColumn:\n      table: orders\n", "u.yaml");
  ASSERT_EQ(root.kind, DocumentNode::Kind::map);
  EXPECT_EQ(root.entries[0].key, "up");
  EXPECT_EQ(root.entries[0].key_location.line, 1);
  EXPECT_EQ(root.entries[0].key_location.column, 1);
  const DocumentNode& item = root.entries[0].value.items.at(0);
  EXPECT_EQ(item.entries[0].key_location.line, 2);
  EXPECT_EQ(item.entries[0].key_location.column, 5);
  const DocumentNode& table = *item.entries[0].value.find("table");
  EXPECT_EQ(table.text, "orders");
  EXPECT_EQ(table.location.file, "u.yaml");
  EXPECT_EQ(table.location.line, 3);
  EXPECT_EQ(table.location.column, 14);
}

TEST(ParseDocument, TellsQuotedScalarsFromPlainOnes) {
  const DocumentNode root = parse_document("a: 12\nb: '12'\nc: \"x\"\nd: !!str 5\n", "u.yaml");
  EXPECT_FALSE(root.find("a")->quoted);
  EXPECT_TRUE(root.find("b")->quoted);
  EXPECT_TRUE(root.find("c")->quoted);
  EXPECT_TRUE(root.find("d")->quoted);
}

TEST(ParseDocument, ReadsNullAndAnEmptyValueAsNull) {
  const DocumentNode root = parse_document("a: null\nb: ~\nc:\nd: 'null'\n", "u.yaml");
  EXPECT_EQ(root.find("a")->kind, DocumentNode::Kind::null);
  EXPECT_EQ(root.find("b")->kind, DocumentNode::Kind::null);
  EXPECT_EQ(root.find("c")->kind, DocumentNode::Kind::null);
  EXPECT_EQ(root.find("c")->location.line, 3);  // not the next key's line
  EXPECT_EQ(root.find("d")->kind, DocumentNode::Kind::scalar);
}

TEST(ParseDocument, KeepsMapEntriesInFileOrder) {
  const DocumentNode root = parse_document("z: 1\na: 2\nm: 3\n", "u.yaml");
  ASSERT_EQ(root.entries.size(), 3u);
  EXPECT_EQ(root.entries[0].key, "z");
  EXPECT_EQ(root.entries[1].key, "a");
  EXPECT_EQ(root.entries[2].key, "m");
}

TEST(ParseDocument, RefusesAKeyWrittenTwice) {
  EXPECT_THAT(error_of("a: 1\nb: 2\na: 3\n"),
              StartsWith("u.yaml:3:1: 'a' is written twice in one map (first at u.yaml:1:1)"));
}

TEST(ParseDocument, RefusesAKeyThatIsNotAScalar) {
  EXPECT_THAT(error_of("? [a, b]\n: 1\n"), HasSubstr("a map key must be a plain name"));
}

TEST(ParseDocument, ReportsYamlSyntaxErrorsAtYamlCppsPosition) {
  EXPECT_EQ(error_of("up: [a, b\n"), "u.yaml:2:1: invalid YAML: end of sequence flow not found");
  EXPECT_THAT(error_of("up:\n  - a: 1\n - b\n"), StartsWith("u.yaml:3:"));
}

TEST(ParseDocument, RefusesASecondDocument) {
  EXPECT_THAT(error_of("a: 1\n---\nb: 2\n"), HasSubstr("one YAML document"));
}

std::string nested(std::size_t depth, const std::string& open, const std::string& close) {
  std::string text;
  for (std::size_t i = 0; i < depth; ++i) text += open;
  for (std::size_t i = 0; i < depth; ++i) text += close;
  return text;
}

TEST(ParseDocument, ReadsAHundredListsInsideOneAnother) {
  const DocumentNode root = parse_document(nested(100, "[", "]"), "u.yaml");
  EXPECT_EQ(root.kind, DocumentNode::Kind::sequence);
}

TEST(ParseDocument, RefusesTheHundredAndFirstLevelWhereItIsWritten) {
  EXPECT_THAT(error_of(nested(101, "[", "]")),
              StartsWith("u.yaml:1:101: the document is nested too deep (more than 100"));
  EXPECT_THAT(error_of("up: " + nested(100, "{a: ", "}")), StartsWith("u.yaml:1:"));
}

TEST(ParseDocument, RefusesDeepNestingBeyondYamlCppsOwnGuardWithTheSameMessage) {
  for (const std::string& text : {nested(100000, "[", "]"), "up: " + nested(10000, "{a: ", "}"),
                                  "x:\n" + nested(600, "- ", "") + "1\n"}) {
    EXPECT_THAT(error_of(text), HasSubstr("nested too deep")) << text.substr(0, 20);
  }
}

TEST(ParseDocument, RefusesDeepBlockNestingAtItsLine) {
  std::string text;
  for (int level = 0; level < 1000; ++level) text += std::string(level, ' ') + "a:\n";
  EXPECT_THAT(error_of(text), AllOf(HasSubstr("nested too deep"), Not(StartsWith("u.yaml:1:"))));
}

TEST(ParseDocument, RefusesAnAliasInsideTheListOrMapItNames) {
  EXPECT_THAT(error_of("up: &a [*a]\n"), StartsWith("u.yaml:1:5: an alias (*name) inside this"));
  EXPECT_THAT(error_of("up: &a {b: [x, *a]}\n"), HasSubstr("would make it endless"));
}

TEST(ParseDocument, ReadsAnAliasUsedBesideItsAnchor) {
  const DocumentNode root = parse_document("a: &col {type: INTEGER}\nb: *col\nc: *col\n", "u.yaml");
  EXPECT_EQ(root.find("c")->find("type")->text, "INTEGER");
}

TEST(ParseDocument, RefusesAliasesThatMultiplyTheDocumentPastReason) {
  // Ten times ten times ... ten 'x': 10^8 values written in 400 bytes.
  std::string text = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int level = 1; level < 8; ++level) {
    const std::string alias = "*l" + std::to_string(level - 1);
    text += "l" + std::to_string(level) + ": &l" + std::to_string(level) + " [";
    for (int i = 0; i < 10; ++i) text += (i == 0 ? "" : ", ") + alias;
    text += "]\n";
  }
  EXPECT_THAT(error_of(text), HasSubstr("aliases (*name) expand the document past"));
}

TEST(ParseDocument, RefusesAliasesNestingPastTheLimit) {
  const std::string deep = nested(60, "[", "]");
  EXPECT_THAT(
      error_of("a: &a " + deep + "\nb: " + nested(60, "[", "") + "*a" + nested(60, "", "]") + "\n"),
      HasSubstr("nested too deep"));
}

TEST(ParseDocument, ReadsAnEmptyFileAsNullAtItsStart) {
  const DocumentNode root = parse_document("# only a comment\n", "u.yaml");
  EXPECT_EQ(root.kind, DocumentNode::Kind::null);
  EXPECT_EQ(root.location.line, 1);
}

TEST(ParseDocument, ReadsJson) {
  const DocumentNode root =
      parse_document("{\n  \"up\": [\n    {\"dropTable\": {\"table\": \"t\"}}\n  ]\n}\n", "u.json");
  const DocumentNode& item = root.find("up")->items.at(0);
  EXPECT_EQ(item.entries[0].key, "dropTable");
  EXPECT_EQ(item.entries[0].key_location.line, 3);
  EXPECT_EQ(item.entries[0].key_location.column, 6);
  EXPECT_TRUE(item.entries[0].value.find("table")->quoted);
}

// Found by fuzz_declarative: with NUL bytes in the text yaml-cpp marked an empty value past the
// end of the text, and reading the text there threw std::out_of_range.
TEST(ParseDocument, SurvivesAnEmptyValueMarkedPastTheEndOfTheText) {
  const std::string text("\0pwherchecke\0:\0", 15);
  EXPECT_NO_THROW(error_of(text));  // a MigrationFileError is fine, anything else is not
}

TEST(Describe, NamesEachKindOfNode) {
  const DocumentNode root = parse_document("a: [1]\nb: {c: 1}\nd: null\ne: x\n", "u.yaml");
  EXPECT_EQ(describe(*root.find("a")), "a list");
  EXPECT_EQ(describe(*root.find("b")), "a map");
  EXPECT_EQ(describe(*root.find("d")), "nothing (null)");
  EXPECT_EQ(describe(*root.find("e")), "'x'");
}

}  // namespace
}  // namespace forge::declarative
