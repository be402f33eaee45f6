// The canonical MySQL dump of a hand-built schema, pinned, and that forge's splitter cuts it
// into the statements it is made of.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/sql_splitter.hpp"
#include "dialect/mysql/mysql_introspect.hpp"
#include "dialect/schema_io.hpp"

namespace forge::dialect::mysql {
namespace {

using ::testing::HasSubstr;

core::SchemaColumn column(const std::string& name, const std::string& type, bool nullable) {
  core::SchemaColumn column;
  column.name = name;
  column.type = type;
  column.nullable = nullable;
  return column;
}

core::SchemaTable authors() {
  core::SchemaTable table;
  table.name = "authors";
  table.columns.push_back(column("id", "int(10) unsigned", false));
  table.columns.back().identity = "auto_increment";
  table.columns.push_back(column("name", "varchar(100)", false));
  table.columns.back().collation = "utf8mb4_bin";
  table.columns.back().comment = "it's \\ shown";
  table.columns.push_back(column("status", "enum('a','b')", false));
  table.columns.back().default_sql = "'a'";
  table.columns.push_back(column("updated_at", "timestamp", true));
  table.columns.back().default_sql = "current_timestamp() ON UPDATE current_timestamp()";
  table.columns.push_back(column("name_len", "int(11)", true));
  table.columns.back().generated = "char_length(`name`)";
  table.columns.back().generated_stored = true;
  table.primary_key = core::SchemaConstraint{"PRIMARY", {"id"}, ""};
  table.uniques.push_back({"authors_name", {"name", "status"}, ""});
  table.checks.push_back({"len_positive", {}, "`name_len` > 0"});
  table.indexes.push_back({"authors_prefix", false, {"name(10)", "id DESC"}, "", ""});
  table.indexes.push_back({"authors_ft", false, {"name"}, "", "FULLTEXT"});
  table.options = "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci";
  table.comment = "people";
  return table;
}

core::SchemaTable posts() {
  core::SchemaTable table;
  table.name = "posts";
  table.columns.push_back(column("id", "bigint(20)", false));
  table.columns.push_back(column("author_id", "int(10) unsigned", true));
  table.primary_key = core::SchemaConstraint{"PRIMARY", {"id"}, ""};
  core::SchemaForeignKey key;
  key.name = "posts_author";
  key.columns = {"author_id"};
  key.ref_table = "authors";
  key.ref_columns = {"id"};
  key.on_delete = "SET NULL";
  key.on_update = "CASCADE";
  table.foreign_keys.push_back(key);
  table.options = "ENGINE=InnoDB";
  return table;
}

core::Schema schema() {
  core::Schema schema;
  schema.dialect = core::Dialect::mysql;
  schema.tables = {authors(), posts()};
  schema.objects.push_back({"view", "a_names", "CREATE VIEW `a_names` AS select 1 from `b_base`"});
  schema.objects.push_back({"view", "b_base", "CREATE VIEW `b_base` AS select 1 AS `x`"});
  schema.objects.push_back({"trigger", "t_one",
                            "CREATE TRIGGER `t_one` BEFORE INSERT ON `posts` FOR EACH ROW SET "
                            "NEW.id = NEW.id + 1"});
  schema.objects.push_back(
      {"function", "f", "CREATE FUNCTION `f`(x INT) RETURNS int(11)\nBEGIN\n  RETURN x;\nEND"});
  schema.unmodeled.push_back("MySQL partitioning of table logs");
  core::canonicalize(schema);
  return schema;
}

TEST(MysqlSchemaSql, WritesTablesKeysForeignKeysAndObjectsInLoadOrder) {
  EXPECT_EQ(
      dialect::schema_sql(schema()),
      "-- forge schema dump (mysql)\n"
      "-- unmodeled: MySQL partitioning of table logs\n"
      "\n"
      "CREATE TABLE `authors` (\n"
      "  `id` int(10) unsigned NOT NULL AUTO_INCREMENT,\n"
      "  `name` varchar(100) COLLATE utf8mb4_bin NOT NULL COMMENT 'it''s \\\\ shown',\n"
      "  `status` enum('a','b') NOT NULL DEFAULT 'a',\n"
      "  `updated_at` timestamp NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),\n"
      "  `name_len` int(11) GENERATED ALWAYS AS (char_length(`name`)) STORED,\n"
      "  PRIMARY KEY (`id`),\n"
      "  UNIQUE KEY `authors_name` (`name`,`status`),\n"
      "  FULLTEXT KEY `authors_ft` (`name`),\n"
      "  KEY `authors_prefix` (`name`(10),`id` DESC),\n"
      "  CONSTRAINT `len_positive` CHECK (`name_len` > 0)\n"
      ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='people';\n"
      "\n"
      "CREATE TABLE `posts` (\n"
      "  `id` bigint(20) NOT NULL,\n"
      "  `author_id` int(10) unsigned,\n"
      "  PRIMARY KEY (`id`)\n"
      ") ENGINE=InnoDB;\n"
      "\n"
      "ALTER TABLE `posts` ADD CONSTRAINT `posts_author` FOREIGN KEY (`author_id`) REFERENCES "
      "`authors` (`id`) ON DELETE SET NULL ON UPDATE CASCADE;\n"
      "\n"
      "DELIMITER $$\n"
      "CREATE FUNCTION `f`(x INT) RETURNS int(11)\nBEGIN\n  RETURN x;\nEND$$\n"
      "DELIMITER ;\n"
      "\n"
      "CREATE VIEW `b_base` AS select 1 AS `x`;\n"
      "\n"
      "CREATE VIEW `a_names` AS select 1 from `b_base`;\n"
      "\n"
      "CREATE TRIGGER `t_one` BEFORE INSERT ON `posts` FOR EACH ROW SET NEW.id = NEW.id + 1;\n");
}

TEST(MysqlSchemaSql, SplitsIntoOneStatementPerObject) {
  const auto statements =
      core::split_sql(dialect::schema_sql(schema()), {"dump.sql", 1}, core::Dialect::mysql);

  ASSERT_EQ(statements.size(), 7u);
  EXPECT_THAT(statements[3].text, HasSubstr("RETURN x;\nEND"));
  EXPECT_THAT(statements[3].text, ::testing::Not(HasSubstr("$$")));
  EXPECT_THAT(statements[6].text, HasSubstr("CREATE TRIGGER `t_one`"));
}

TEST(MysqlSchemaSql, PicksADelimiterTheBodyDoesNotHold) {
  core::Schema schema;
  schema.dialect = core::Dialect::mysql;
  schema.objects.push_back(
      {"procedure", "p", "CREATE PROCEDURE `p`()\nBEGIN\n  SELECT '$$';\nEND"});

  const std::string sql = dialect::schema_sql(schema);

  EXPECT_THAT(sql, HasSubstr("DELIMITER $$$\nCREATE PROCEDURE"));
  const auto statements = core::split_sql(sql, {"dump.sql", 1}, core::Dialect::mysql);
  ASSERT_EQ(statements.size(), 1u);
  EXPECT_EQ(statements[0].text, "CREATE PROCEDURE `p`()\nBEGIN\n  SELECT '$$';\nEND");
}

TEST(MysqlSchemaSql, EqualSchemasGiveTheSameText) {
  core::Schema shuffled = schema();
  std::swap(shuffled.tables[0], shuffled.tables[1]);
  std::swap(shuffled.objects[0], shuffled.objects[2]);
  core::canonicalize(shuffled);

  EXPECT_EQ(dialect::schema_sql(shuffled), dialect::schema_sql(schema()));
}

}  // namespace
}  // namespace forge::dialect::mysql
