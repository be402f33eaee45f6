// The schema model of issue 14: its canonical order, its equality, and its YAML dump.
#include "core/schema.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/schema_yaml.hpp"

namespace forge::core {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

template <typename T>
using Mutations = std::vector<std::pair<std::string, std::function<void(T&)>>>;

// Expects `base` to equal itself and to differ from each mutated copy of it.
template <typename T>
void expect_each_field_counts(const T& base, const Mutations<T>& mutations) {
  EXPECT_TRUE(base == T(base));
  for (const auto& [field, mutate] : mutations) {
    SCOPED_TRACE(field);
    T changed = base;
    mutate(changed);
    EXPECT_FALSE(base == changed);
    EXPECT_FALSE(changed == base);
  }
}

SchemaColumn column(std::string name, std::string type) {
  SchemaColumn c;
  c.name = std::move(name);
  c.type = std::move(type);
  return c;
}

SchemaConstraint unique(std::string name, std::vector<std::string> columns) {
  return {std::move(name), std::move(columns), ""};
}

SchemaConstraint check(std::string name, std::string expression) {
  return {std::move(name), {}, std::move(expression)};
}

SchemaForeignKey foreign_key(std::string name, std::vector<std::string> columns,
                             std::string ref_table) {
  SchemaForeignKey key;
  key.name = std::move(name);
  key.columns = std::move(columns);
  key.ref_table = std::move(ref_table);
  key.ref_columns = {"id"};
  return key;
}

SchemaIndex index(std::string name, std::vector<std::string> keys) {
  SchemaIndex i;
  i.name = std::move(name);
  i.keys = std::move(keys);
  return i;
}

template <typename T, typename Field>
std::vector<std::string> field_of(const std::vector<T>& items, Field field) {
  std::vector<std::string> out;
  for (const T& item : items) out.push_back(field(item));
  return out;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : ",") + part;
  return out;
}

// A table with every list out of canonical order.
SchemaTable shuffled_table(const std::string& name) {
  SchemaTable t;
  t.name = name;
  t.columns = {column("z", "INTEGER"), column("a", "TEXT"), column("m", "REAL")};
  t.uniques = {unique("u2", {"a"}), unique("", {"m"}), unique("u1", {"z"}), unique("", {"a"})};
  t.checks = {check("c2", "z > 0"), check("", "m < 1"), check("", "a <> ''"),
              check("c1", "a IS NOT NULL")};
  t.foreign_keys = {foreign_key("", {"z"}, "zs"), foreign_key("", {"a"}, "bs"),
                    foreign_key("", {"a"}, "as"), foreign_key("fk", {"m"}, "ms")};
  t.indexes = {index("i_z", {"z"}), index("i_a", {"a DESC"}), index("i_m", {"lower(m)"})};
  return t;
}

TEST(Canonicalize, SortsTablesByNameAndKeepsEachTablesColumnOrder) {
  Schema schema;
  schema.tables = {shuffled_table("users"), shuffled_table("accounts"), shuffled_table("m")};

  canonicalize(schema);

  EXPECT_THAT(field_of(schema.tables, [](const SchemaTable& t) { return t.name; }),
              ElementsAre("accounts", "m", "users"));
  for (const SchemaTable& table : schema.tables) {
    EXPECT_THAT(field_of(table.columns, [](const SchemaColumn& c) { return c.name; }),
                ElementsAre("z", "a", "m"));
  }
}

TEST(Canonicalize, SortsUniquesByNameThenColumns) {
  Schema schema;
  schema.tables = {shuffled_table("t")};

  canonicalize(schema);

  EXPECT_THAT(field_of(schema.tables[0].uniques,
                       [](const SchemaConstraint& c) { return c.name + ":" + joined(c.columns); }),
              ElementsAre(":a", ":m", "u1:z", "u2:a"));
}

TEST(Canonicalize, SortsChecksByNameThenExpression) {
  Schema schema;
  schema.tables = {shuffled_table("t")};

  canonicalize(schema);

  EXPECT_THAT(field_of(schema.tables[0].checks,
                       [](const SchemaConstraint& c) { return c.name + ":" + c.check; }),
              ElementsAre(":a <> ''", ":m < 1", "c1:a IS NOT NULL", "c2:z > 0"));
}

TEST(Canonicalize, SortsForeignKeysByNameThenColumnsThenReferencedTable) {
  Schema schema;
  schema.tables = {shuffled_table("t")};

  canonicalize(schema);

  EXPECT_THAT(field_of(schema.tables[0].foreign_keys,
                       [](const SchemaForeignKey& k) {
                         return k.name + ":" + joined(k.columns) + "->" + k.ref_table;
                       }),
              ElementsAre(":a->as", ":a->bs", ":z->zs", "fk:m->ms"));
}

TEST(Canonicalize, SortsIndexesByName) {
  Schema schema;
  schema.tables = {shuffled_table("t")};

  canonicalize(schema);

  EXPECT_THAT(field_of(schema.tables[0].indexes, [](const SchemaIndex& i) { return i.name; }),
              ElementsAre("i_a", "i_m", "i_z"));
}

TEST(Canonicalize, SortsObjectsByKindThenNameAndUnmodeledLinesAsText) {
  Schema schema;
  schema.objects = {{"view", "b", "CREATE VIEW b AS SELECT 2"},
                    {"trigger", "z", "CREATE TRIGGER z ..."},
                    {"view", "a", "CREATE VIEW a AS SELECT 1"},
                    {"trigger", "c", "CREATE TRIGGER c ..."}};
  schema.unmodeled = {"SQLite virtual table z: ...", "SQLite virtual table a: ...",
                      "PostgreSQL policy p on t"};

  canonicalize(schema);

  EXPECT_THAT(field_of(schema.objects, [](const SchemaObject& o) { return o.kind + " " + o.name; }),
              ElementsAre("trigger c", "trigger z", "view a", "view b"));
  EXPECT_THAT(schema.unmodeled,
              ElementsAre("PostgreSQL policy p on t", "SQLite virtual table a: ...",
                          "SQLite virtual table z: ..."));
}

TEST(Canonicalize, LeavesACanonicalSchemaAsItIs) {
  Schema schema;
  schema.tables = {shuffled_table("b"), shuffled_table("a")};
  canonicalize(schema);
  const Schema once = schema;

  canonicalize(schema);

  EXPECT_TRUE(schema == once);
}

TEST(SchemaEquality, ADifferenceInAnyColumnFieldMakesColumnsUnequal) {
  SchemaColumn base = column("id", "INTEGER");
  expect_each_field_counts<SchemaColumn>(
      base, {{"name", [](SchemaColumn& c) { c.name = "ID"; }},
             {"type", [](SchemaColumn& c) { c.type = "BIGINT"; }},
             {"nullable", [](SchemaColumn& c) { c.nullable = false; }},
             {"default_sql", [](SchemaColumn& c) { c.default_sql = "NULL"; }},
             {"default_sql empty", [](SchemaColumn& c) { c.default_sql = ""; }},
             {"identity", [](SchemaColumn& c) { c.identity = "autoincrement"; }},
             {"generated", [](SchemaColumn& c) { c.generated = "1"; }},
             {"generated_stored", [](SchemaColumn& c) { c.generated_stored = true; }},
             {"collation", [](SchemaColumn& c) { c.collation = "NOCASE"; }},
             {"comment", [](SchemaColumn& c) { c.comment = "the key"; }}});
}

TEST(SchemaEquality, ADifferenceInAnyConstraintFieldMakesConstraintsUnequal) {
  expect_each_field_counts<SchemaConstraint>(
      {"u", {"a", "b"}, ""}, {{"name", [](SchemaConstraint& c) { c.name = "v"; }},
                              {"columns order",
                               [](SchemaConstraint& c) {
                                 c.columns = {"b", "a"};
                               }},
                              {"columns", [](SchemaConstraint& c) { c.columns.pop_back(); }},
                              {"check", [](SchemaConstraint& c) { c.check = "a > 0"; }}});
}

TEST(SchemaEquality, ADifferenceInAnyForeignKeyFieldMakesForeignKeysUnequal) {
  expect_each_field_counts<SchemaForeignKey>(
      foreign_key("fk", {"team_id"}, "teams"),
      {{"name", [](SchemaForeignKey& k) { k.name = ""; }},
       {"columns", [](SchemaForeignKey& k) { k.columns = {"team"}; }},
       {"ref_table", [](SchemaForeignKey& k) { k.ref_table = "squads"; }},
       {"ref_columns", [](SchemaForeignKey& k) { k.ref_columns = {"key"}; }},
       {"on_delete", [](SchemaForeignKey& k) { k.on_delete = "CASCADE"; }},
       {"on_update", [](SchemaForeignKey& k) { k.on_update = "SET NULL"; }},
       {"deferrable", [](SchemaForeignKey& k) { k.deferrable = true; }},
       {"initially_deferred", [](SchemaForeignKey& k) { k.initially_deferred = true; }}});
}

TEST(SchemaEquality, ADifferenceInAnyIndexFieldMakesIndexesUnequal) {
  expect_each_field_counts<SchemaIndex>(index("i", {"a"}),
                                        {{"name", [](SchemaIndex& i) { i.name = "j"; }},
                                         {"unique", [](SchemaIndex& i) { i.unique = true; }},
                                         {"keys", [](SchemaIndex& i) { i.keys = {"a DESC"}; }},
                                         {"where", [](SchemaIndex& i) { i.where = "a > 0"; }},
                                         {"method", [](SchemaIndex& i) { i.method = "hash"; }}});
}

TEST(SchemaEquality, ADifferenceInAnyTableFieldMakesTablesUnequal) {
  SchemaTable base = shuffled_table("t");
  base.primary_key = SchemaConstraint{"", {"z"}, ""};
  expect_each_field_counts<SchemaTable>(
      base, {{"name", [](SchemaTable& t) { t.name = "u"; }},
             {"columns", [](SchemaTable& t) { t.columns[1].type = "BLOB"; }},
             {"column order", [](SchemaTable& t) { std::swap(t.columns[0], t.columns[1]); }},
             {"primary_key absent", [](SchemaTable& t) { t.primary_key.reset(); }},
             {"primary_key columns", [](SchemaTable& t) { t.primary_key->columns = {"a"}; }},
             {"uniques", [](SchemaTable& t) { t.uniques.pop_back(); }},
             {"checks", [](SchemaTable& t) { t.checks[0].check = "z > 1"; }},
             {"foreign_keys", [](SchemaTable& t) { t.foreign_keys[0].on_delete = "CASCADE"; }},
             {"indexes", [](SchemaTable& t) { t.indexes[0].where = "z > 0"; }},
             {"comment", [](SchemaTable& t) { t.comment = "rows"; }},
             {"options", [](SchemaTable& t) { t.options = "STRICT"; }}});
}

TEST(SchemaEquality, ADifferenceInAnyObjectFieldMakesObjectsUnequal) {
  expect_each_field_counts<SchemaObject>(
      {"view", "v", "CREATE VIEW v AS SELECT 1"},
      {{"kind", [](SchemaObject& o) { o.kind = "materialized view"; }},
       {"name", [](SchemaObject& o) { o.name = "w"; }},
       {"definition", [](SchemaObject& o) { o.definition = "CREATE VIEW v AS SELECT 2"; }}});
}

TEST(SchemaEquality, ADifferenceInAnySchemaFieldMakesSchemasUnequal) {
  Schema base;
  base.tables = {shuffled_table("t")};
  base.objects = {{"view", "v", "CREATE VIEW v AS SELECT 1"}};
  base.unmodeled = {"SQLite virtual table docs: CREATE VIRTUAL TABLE docs USING fts5(body)"};
  expect_each_field_counts<Schema>(base,
                                   {{"dialect", [](Schema& s) { s.dialect = Dialect::postgres; }},
                                    {"tables", [](Schema& s) { s.tables[0].columns.pop_back(); }},
                                    {"no tables", [](Schema& s) { s.tables.clear(); }},
                                    {"objects", [](Schema& s) { s.objects[0].definition += " "; }},
                                    {"unmodeled", [](Schema& s) { s.unmodeled.clear(); }}});
}

// Two tables, a view and an unmodeled object, with a value in every field the dump writes.
Schema small_schema() {
  Schema schema;
  schema.dialect = Dialect::sqlite;

  SchemaTable teams;
  teams.name = "teams";
  SchemaColumn team_id = column("id", "INTEGER");
  team_id.nullable = false;
  teams.columns = {team_id};
  teams.primary_key = SchemaConstraint{"", {"id"}, ""};

  SchemaTable users;
  users.name = "users";
  users.comment = "who signs in";
  users.options = "STRICT";
  SchemaColumn id = column("id", "INTEGER");
  id.nullable = false;
  id.identity = "autoincrement";
  SchemaColumn email = column("email", "TEXT");
  email.nullable = false;
  email.collation = "NOCASE";
  email.comment = "login";
  SchemaColumn score = column("score", "REAL");
  score.default_sql = "0";
  SchemaColumn doubled = column("doubled", "REAL");
  doubled.generated = "score * 2";
  doubled.generated_stored = true;
  SchemaColumn half = column("half", "REAL");
  half.generated = "score / 2";
  users.columns = {id, email, score, column("team_id", "INTEGER"), doubled, half};
  users.primary_key = SchemaConstraint{"", {"id"}, ""};
  users.uniques = {unique("", {"email", "team_id"})};
  users.checks = {check("", "score < 100"), check("positive", "score >= 0")};
  SchemaForeignKey team = foreign_key("", {"team_id"}, "teams");
  team.on_delete = "SET NULL";
  team.on_update = "CASCADE";
  SchemaForeignKey deferred = foreign_key("later", {"team_id"}, "teams");
  deferred.deferrable = true;
  deferred.initially_deferred = true;
  users.foreign_keys = {team, deferred};
  SchemaIndex by_score = index("users_score", {"score DESC", "lower(email)"});
  by_score.where = "score > 0";
  SchemaIndex by_email = index("users_email", {"email"});
  by_email.unique = true;
  by_email.method = "btree";
  users.indexes = {by_email, by_score};

  schema.tables = {teams, users};
  schema.objects = {{"view", "ranked", "CREATE VIEW ranked AS SELECT * FROM users"}};
  schema.unmodeled = {"SQLite virtual table docs: CREATE VIRTUAL TABLE docs USING fts5(body)"};
  return schema;
}

TEST(SchemaYaml, WritesASmallSchemaExactly) {
  EXPECT_EQ(
      schema_yaml(small_schema()),
      "# forge schema dump\n"
      "dialect: sqlite\n"
      "tables:\n"
      "  \"teams\":\n"
      "    columns:\n"
      "      \"id\": { type: \"INTEGER\", notNull: true }\n"
      "    primaryKey: { columns: [\"id\"] }\n"
      "  \"users\":\n"
      "    comment: \"who signs in\"\n"
      "    options: \"STRICT\"\n"
      "    columns:\n"
      "      \"id\": { type: \"INTEGER\", notNull: true, identity: \"autoincrement\" }\n"
      "      \"email\": { type: \"TEXT\", notNull: true, collation: \"NOCASE\", comment: "
      "\"login\" }\n"
      "      \"score\": { type: \"REAL\", default: \"0\" }\n"
      "      \"team_id\": { type: \"INTEGER\" }\n"
      "      \"doubled\": { type: \"REAL\", generated: \"score * 2\", stored: true }\n"
      "      \"half\": { type: \"REAL\", generated: \"score / 2\" }\n"
      "    primaryKey: { columns: [\"id\"] }\n"
      "    unique:\n"
      "      - { columns: [\"email\", \"team_id\"] }\n"
      "    checks:\n"
      "      - { check: \"score < 100\" }\n"
      "      - { name: \"positive\", check: \"score >= 0\" }\n"
      "    foreignKeys:\n"
      "      - { columns: [\"team_id\"], references: \"teams\", refColumns: [\"id\"], onDelete: "
      "\"SET NULL\", onUpdate: \"CASCADE\" }\n"
      "      - { name: \"later\", columns: [\"team_id\"], references: \"teams\", refColumns: "
      "[\"id\"], onDelete: \"NO ACTION\", onUpdate: \"NO ACTION\", deferrable: true, "
      "initiallyDeferred: true }\n"
      "    indexes:\n"
      "      - { name: \"users_email\", unique: true, keys: [\"email\"], using: \"btree\" }\n"
      "      - { name: \"users_score\", keys: [\"score DESC\", \"lower(email)\"], where: \"score "
      "> 0\" }\n"
      "objects:\n"
      "  - { kind: \"view\", name: \"ranked\", definition: \"CREATE VIEW ranked AS SELECT * FROM "
      "users\" }\n"
      "# objects forge cannot model, not in this dump:\n"
      "unmodeled:\n"
      "  - \"SQLite virtual table docs: CREATE VIRTUAL TABLE docs USING fts5(body)\"\n");
}

TEST(SchemaYaml, WritesAnEmptySchemaAsAnEmptyTableMap) {
  Schema schema;
  schema.dialect = Dialect::postgres;

  EXPECT_EQ(schema_yaml(schema), "# forge schema dump\ndialect: postgres\ntables: {}\n");
}

TEST(SchemaYaml, ReadsBackAsTheSameValuesWithAYamlParser) {
  const YAML::Node document = YAML::Load(schema_yaml(small_schema()));

  EXPECT_EQ(document["dialect"].as<std::string>(), "sqlite");
  const YAML::Node users = document["tables"]["users"];
  EXPECT_EQ(users["columns"]["doubled"]["generated"].as<std::string>(), "score * 2");
  EXPECT_TRUE(users["columns"]["doubled"]["stored"].as<bool>());
  EXPECT_EQ(users["foreignKeys"][0]["onDelete"].as<std::string>(), "SET NULL");
  EXPECT_EQ(users["indexes"][1]["keys"][1].as<std::string>(), "lower(email)");
  EXPECT_EQ(document["objects"][0]["definition"].as<std::string>(),
            "CREATE VIEW ranked AS SELECT * FROM users");
}

TEST(SchemaYaml, WritesNamesWithQuotesNewlinesAndUnicodeAsDoubleQuotedStrings) {
  const std::string table_name = "we\"ird\nname\\";
  const std::string column_name = "n\xc3\xa4me \xe2\x98\x83\t\x01";
  const std::string definition = "CREATE VIEW \"v\" AS\nSELECT 'it''s'\r\n";
  Schema schema;
  SchemaTable table;
  table.name = table_name;
  SchemaColumn c = column(column_name, "TEXT");
  c.default_sql = "'a: b # c'";
  table.columns = {c};
  schema.tables = {table};
  schema.objects = {{"view", "v", definition}};

  const std::string yaml = schema_yaml(schema);

  EXPECT_THAT(yaml, HasSubstr("  \"we\\\"ird\\nname\\\\\":\n"));
  EXPECT_THAT(yaml, HasSubstr("      \"n\xc3\xa4me \xe2\x98\x83\\t\\u0001\": { type: \"TEXT\", "
                              "default: \"'a: b # c'\" }\n"));
  EXPECT_THAT(yaml, HasSubstr("definition: \"CREATE VIEW \\\"v\\\" AS\\nSELECT 'it''s'\\r\\n\""));
  const YAML::Node document = YAML::Load(yaml);
  const YAML::Node read_table = document["tables"][table_name];
  ASSERT_TRUE(read_table.IsMap()) << yaml;
  EXPECT_EQ(read_table["columns"].begin()->first.as<std::string>(), column_name);
  EXPECT_EQ(read_table["columns"][column_name]["default"].as<std::string>(), "'a: b # c'");
  EXPECT_EQ(document["objects"][0]["definition"].as<std::string>(), definition);
}

TEST(SchemaYaml, TwoShuffledButEqualSchemasGiveTheSameTextAfterCanonicalize) {
  Schema one = small_schema();
  one.tables.push_back(shuffled_table("audit"));
  one.objects.push_back({"trigger", "stamp", "CREATE TRIGGER stamp ..."});
  one.unmodeled.push_back("SQLite virtual table a_docs: ...");
  Schema two = one;
  std::reverse(two.tables.begin(), two.tables.end());
  for (SchemaTable& table : two.tables) {
    std::reverse(table.uniques.begin(), table.uniques.end());
    std::reverse(table.checks.begin(), table.checks.end());
    std::reverse(table.foreign_keys.begin(), table.foreign_keys.end());
    std::reverse(table.indexes.begin(), table.indexes.end());
  }
  std::reverse(two.objects.begin(), two.objects.end());
  std::reverse(two.unmodeled.begin(), two.unmodeled.end());
  ASSERT_NE(schema_yaml(one), schema_yaml(two));

  canonicalize(one);
  canonicalize(two);

  EXPECT_TRUE(one == two);
  EXPECT_EQ(schema_yaml(one), schema_yaml(two));
}

}  // namespace
}  // namespace forge::core
