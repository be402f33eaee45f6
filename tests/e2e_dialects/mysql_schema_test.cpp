// forge reads a MariaDB database's schema from its catalog and dumps it as SQL that builds the
// same schema again: the same database reads the same, two databases built alike dump alike,
// and a dump loaded into an empty database dumps identically (what the model cannot hold is
// listed, and is all a reload loses).
#include "core/sql_splitter.hpp"
#include "dialect/schema_io.hpp"
#include "dialect_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

const char* const k_schema_sql = R"sql(
CREATE TABLE authors (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  name VARCHAR(100) NOT NULL COLLATE utf8mb4_bin COMMENT 'display name',
  email VARCHAR(200) NULL,
  status ENUM('active','banned') NOT NULL DEFAULT 'active',
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  prefs JSON,
  score DECIMAL(8,2) DEFAULT 0.00,
  nick VARCHAR(20) DEFAULT NULL,
  motto VARCHAR(50) NOT NULL DEFAULT 'it''s \\ fine',
  PRIMARY KEY (id),
  UNIQUE KEY authors_email (email),
  UNIQUE KEY authors_nick_prefix (nick(5)),
  CONSTRAINT score_positive CHECK (score >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='people who write';
INSERT INTO authors (name) VALUES ('a'), ('b'), ('c');
CREATE TABLE posts (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  author_id INT UNSIGNED NULL,
  reviewer_id INT UNSIGNED NULL,
  title VARCHAR(200) NOT NULL,
  body TEXT,
  title_len INT AS (CHAR_LENGTH(title)) STORED,
  title_upper VARCHAR(200) AS (UPPER(title)) VIRTUAL,
  rating INT CHECK (rating BETWEEN 1 AND 5),
  KEY posts_title_prefix (title(10)),
  KEY posts_rating_desc (rating DESC, id),
  KEY posts_reviewer_idx (reviewer_id),
  FULLTEXT KEY posts_body_ft (body),
  CONSTRAINT posts_author FOREIGN KEY (author_id) REFERENCES authors (id)
    ON DELETE SET NULL ON UPDATE CASCADE,
  CONSTRAINT posts_reviewer FOREIGN KEY (reviewer_id) REFERENCES authors (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE comments (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  post_id BIGINT NOT NULL,
  reply_to INT NULL,
  note VARCHAR(50) NOT NULL DEFAULT '',
  CONSTRAINT comments_post FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE,
  CONSTRAINT comments_reply FOREIGN KEY (reply_to) REFERENCES comments (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE logs (
  id INT NOT NULL,
  at DATE NOT NULL,
  PRIMARY KEY (id, at)
) ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci
  PARTITION BY RANGE (YEAR(at)) (
    PARTITION p0 VALUES LESS THAN (2020), PARTITION p1 VALUES LESS THAN MAXVALUE);
CREATE TABLE forge_history (name VARCHAR(191) PRIMARY KEY);
CREATE TABLE forge_history_forge_progress (name VARCHAR(191) PRIMARY KEY);
CREATE VIEW active_authors AS SELECT id, name FROM authors WHERE status = 'active';
CREATE VIEW active_author_names AS SELECT name FROM active_authors;
DELIMITER //
CREATE TRIGGER posts_title_trim BEFORE INSERT ON posts FOR EACH ROW BEGIN
  SET NEW.title = TRIM(NEW.title);
  IF NEW.rating IS NULL THEN SET NEW.rating = 3; END IF;
END//
CREATE FUNCTION double_it(x INT) RETURNS INT DETERMINISTIC BEGIN
  DECLARE y INT;
  SET y = x * 2;
  RETURN y;
END//
DELIMITER ;
CREATE TRIGGER posts_touch BEFORE UPDATE ON posts FOR EACH ROW SET NEW.title = TRIM(NEW.title);
CREATE PROCEDURE touch_author(IN aid INT)
  UPDATE authors SET updated_at = NOW() WHERE id = aid;
CREATE VIEW doubled AS SELECT double_it(id) AS twice FROM authors;
CREATE TRIGGER posts_a_default BEFORE INSERT ON posts FOR EACH ROW FOLLOWS posts_title_trim
  SET NEW.body = COALESCE(NEW.body, '');
CREATE SEQUENCE order_numbers START WITH 10;
CREATE EVENT nightly ON SCHEDULE EVERY 1 DAY DO DELETE FROM comments WHERE note = 'spam';
)sql";

const std::vector<std::string> k_skip = {"forge_history", "forge_history_forge_progress"};

/// Runs each statement of `sql` (split as forge splits a migration) on `connection`.
void run_sql(core::Connection& connection, const std::string& sql) {
  for (const core::Statement& statement :
       core::split_sql(sql, {"schema.sql", 1}, core::Dialect::mysql)) {
    connection.execute(statement);
  }
}

class MysqlSchema : public DialectTest {
 protected:
  void SetUp() override {
    DialectTest::SetUp();
    m_connection = connect();
    run_sql(*m_connection, k_schema_sql);
  }

  core::Schema read() { return dialect::read_schema(*m_connection, k_skip); }

  std::unique_ptr<core::Connection> m_connection;
};

TEST_P(MysqlSchema, ReadsTheCatalogTheSameEachTime) {
  const core::Schema first = read();
  const core::Schema second = read();

  EXPECT_TRUE(first == second);
  EXPECT_EQ(dialect::schema_sql(first), dialect::schema_sql(second));
}

TEST_P(MysqlSchema, ReadsWhatTheStatementsBuilt) {
  const core::Schema schema = read();
  const std::string sql = dialect::schema_sql(schema);

  EXPECT_THAT(schema.unmodeled, Contains("MySQL partitioning of table logs"));
  EXPECT_THAT(schema.unmodeled, Contains("MySQL sequence order_numbers"));
  EXPECT_THAT(schema.unmodeled, Contains("MySQL event nightly"));
  EXPECT_THAT(sql, Not(HasSubstr("forge_history")));
  EXPECT_THAT(sql, Not(HasSubstr("DEFINER")));
  EXPECT_THAT(sql, Not(HasSubstr("AUTO_INCREMENT=")));
  EXPECT_THAT(sql, HasSubstr("`id` int(10) unsigned NOT NULL AUTO_INCREMENT,"));
  EXPECT_THAT(sql, HasSubstr("`status` enum('active','banned') NOT NULL DEFAULT 'active',"));
  EXPECT_THAT(sql, HasSubstr("DEFAULT current_timestamp() ON UPDATE current_timestamp()"));
  EXPECT_THAT(sql, HasSubstr("`name` varchar(100) COLLATE utf8mb4_bin NOT NULL COMMENT "
                             "'display name',"));
  EXPECT_THAT(sql, HasSubstr("GENERATED ALWAYS AS (char_length(`title`)) STORED"));
  EXPECT_THAT(sql, HasSubstr("UNIQUE KEY `authors_email` (`email`)"));
  EXPECT_THAT(sql, HasSubstr("UNIQUE KEY `authors_nick_prefix` (`nick`(5))"));
  EXPECT_THAT(sql, HasSubstr("KEY `posts_rating_desc` (`rating` DESC,`id`)"));
  EXPECT_THAT(sql, HasSubstr("KEY `posts_title_prefix` (`title`(10))"));
  EXPECT_THAT(sql, HasSubstr("FULLTEXT KEY `posts_body_ft` (`body`)"));
  EXPECT_THAT(sql, HasSubstr("KEY `posts_reviewer_idx` (`reviewer_id`)"));
  EXPECT_THAT(sql, Not(HasSubstr("KEY `posts_author`")));  // InnoDB's own index for the key
  EXPECT_THAT(sql, HasSubstr("CONSTRAINT `score_positive` CHECK (`score` >= 0)"));
  EXPECT_THAT(sql, HasSubstr("ADD CONSTRAINT `posts_author` FOREIGN KEY (`author_id`) REFERENCES "
                             "`authors` (`id`) ON DELETE SET NULL ON UPDATE CASCADE;"));
  EXPECT_THAT(sql, HasSubstr(") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 "
                             "COLLATE=utf8mb4_unicode_ci COMMENT='people who write';"));
  EXPECT_LT(sql.find("CREATE VIEW `active_authors`"),
            sql.find("CREATE VIEW `active_author_names`"));
  EXPECT_LT(sql.find("CREATE FUNCTION `double_it`"), sql.find("CREATE VIEW `doubled`"));
  EXPECT_THAT(sql, HasSubstr("CREATE TRIGGER `posts_title_trim` BEFORE INSERT ON `posts`"));
  EXPECT_THAT(sql, HasSubstr("CREATE PROCEDURE `touch_author`"));
  EXPECT_THAT(sql, HasSubstr("FOR EACH ROW FOLLOWS `posts_title_trim` SET"));
  EXPECT_LT(sql.find("CREATE TRIGGER `posts_title_trim`"), sql.find("CREATE TRIGGER `posts_a_"));
}

TEST_P(MysqlSchema, LeavesOutAHistoryTableNamedWithItsDatabase) {
  const std::string database = m_connection->query("SELECT DATABASE()", {}, "database").at(0).at(0);

  const core::Schema schema = dialect::read_schema(
      *m_connection, {database + ".forge_history", database + ".forge_history_forge_progress"});

  EXPECT_TRUE(schema == read());
  EXPECT_THAT(dialect::schema_sql(dialect::read_schema(*m_connection, {})),
              HasSubstr("CREATE TABLE `forge_history_forge_progress`"));
}

TEST_P(MysqlSchema, TwoDatabasesBuiltAlikeDumpAlike) {
  forge::testing::TestDatabase other("mysql");
  const auto connection = other.connect();
  run_sql(*connection, k_schema_sql);

  EXPECT_EQ(dialect::schema_sql(dialect::read_schema(*connection, k_skip)),
            dialect::schema_sql(read()));
}

TEST_P(MysqlSchema, ADumpLoadedIntoAnEmptyDatabaseDumpsIdentically) {
  core::Schema schema = read();
  schema.unmodeled.clear();  // the partitioning a reload cannot bring back
  const std::string dump = dialect::schema_sql(schema);
  forge::testing::TestDatabase empty("mysql");
  const auto connection = empty.connect();

  run_sql(*connection, dump);
  const core::Schema reloaded = dialect::read_schema(*connection, {});

  EXPECT_EQ(dialect::schema_sql(reloaded), dump);
  EXPECT_TRUE(reloaded == schema);
}

INSTANTIATE_TEST_SUITE_P(Mysql, MysqlSchema, ::testing::Values("mysql"), dialect_name);

}  // namespace
}  // namespace forge::e2e
