// canonical_form: the checksummed text of a declarative unit, blind to how the file is laid out.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "declarative/document.hpp"
#include "load_helpers.hpp"

namespace forge::declarative {
namespace {

std::string canonical(const std::string& text) {
  return canonical_form(parse_document(text, testing::k_file));
}

const std::string k_block = R"(up:
  - addColumn:
      table: orders
      column: code
      type: STRING(50)
      allowNull: true
)";

TEST(CanonicalForm, IgnoresCommentsIndentationAndBlankLines) {
  EXPECT_EQ(canonical(k_block), canonical(R"(# adds the discount code
up:

    -   addColumn:          # one operation
          table: orders
          column: code      # the new column
          type: STRING(50)
          allowNull: true
)"));
}

TEST(CanonicalForm, IgnoresFlowOrBlockStyle) {
  EXPECT_EQ(canonical(k_block),
            canonical("up: [ { addColumn: { table: orders, column: code, type: STRING(50), "
                      "allowNull: true } } ]\n"));
}

TEST(CanonicalForm, ChangesWithAnyValue) {
  const std::string base = canonical(k_block);
  EXPECT_NE(base, canonical(R"(up:
  - addColumn:
      table: orders
      column: code
      type: STRING(51)
      allowNull: true
)"));
  EXPECT_NE(base, canonical(R"(up:
  - addColumn:
      table: orders
      column: code
      type: STRING(50)
      allowNull: false
)"));
}

TEST(CanonicalForm, ChangesWithAKey) {
  EXPECT_NE(canonical("up:\n  - addColumn: { table: t, column: c, type: TEXT }\n"),
            canonical("up:\n  - addColumn: { table: t, column: c, kind: TEXT }\n"));
}

TEST(CanonicalForm, TellsAQuotedStringFromAPlainScalar) {
  // defaultValue: '1' is the text 1, defaultValue: 1 the number.
  EXPECT_NE(canonical("x: '1'\n"), canonical("x: 1\n"));
}

TEST(CanonicalForm, TellsNullFromAnEmptyString) {
  EXPECT_NE(canonical("x:\n"), canonical("x: ''\n"));
  EXPECT_EQ(canonical("x:\n"), canonical("x: ~\n"));
}

TEST(CanonicalForm, TellsAListFromAScalarThatLooksLikeOne) {
  EXPECT_NE(canonical("x: [a, b]\n"), canonical("x: '[a, b]'\n"));
  EXPECT_NE(canonical("x: [a, b]\n"), canonical("x: [\"a, b\"]\n"));
}

TEST(CanonicalForm, CannotBeFooledByTextThatSpellsStructure) {
  // Two items versus one item whose text is what the two would read as if scalars were
  // written out without their length.
  EXPECT_NE(canonical("x:\n  - a\n  - b\n"), canonical("x:\n  - a,'b\n"));
}

TEST(CanonicalForm, ReadsJsonAsTheSameStructure) {
  EXPECT_EQ(canonical("{\"up\": [{\"dropTable\": {\"table\": \"t\"}}]}"),
            canonical("{\"up\":[\n  {\"dropTable\":\n     {\"table\":\"t\"}}]}\n"));
}

TEST(CanonicalForm, IsWhatTheLoaderKeepsForTheUpList) {
  const DeclarativeUnit unit = testing::load(k_block + "down:\n  - removeColumn: { table: orders, column: code }\n");
  EXPECT_EQ(unit.up_canonical, canonical_form(*parse_document(k_block, testing::k_file).find("up")));
}

}  // namespace
}  // namespace forge::declarative
