// Real-world statement shapes, split by forge's splitter and run on the real server: bodies with
// inner semicolons must reach the server whole.
#include "core/sql_splitter.hpp"
#include "db_probe.hpp"
#include "test_database.hpp"

#include <gtest/gtest.h>

namespace forge::integration {
namespace {

using forge::testing::TestDatabase;

void run_script(core::Connection& connection, const std::string& sql, core::Dialect dialect) {
  for (const auto& statement : core::split_sql(sql, core::SqlOrigin{"script.sql", 1}, dialect)) {
    connection.execute(statement);
  }
}

TEST(PostgresStatements, ADollarQuotedPlpgsqlFunctionAndItsTriggerRun) {
  TestDatabase database("postgres");
  auto connection = database.connect();
  run_script(*connection, R"sql(
CREATE TABLE prices (id SERIAL PRIMARY KEY, cents INT NOT NULL, updated_at TIMESTAMPTZ);
CREATE OR REPLACE FUNCTION touch_updated_at() RETURNS trigger AS $body$
BEGIN
  NEW.updated_at := now();  -- a semicolon inside the body
  IF NEW.cents < 0 THEN RAISE EXCEPTION 'negative: %', NEW.cents; END IF;
  RETURN NEW;
END;
$body$ LANGUAGE plpgsql;
CREATE TRIGGER prices_touch BEFORE INSERT OR UPDATE ON prices
  FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
INSERT INTO prices (cents) VALUES (100);
DO $$ BEGIN PERFORM 1; END $$;
)sql", core::Dialect::postgres);
  EXPECT_EQ(testing::count_rows(database.url(), "prices WHERE updated_at IS NOT NULL"), 1);
}

TEST(MysqlStatements, AProcedureAndATriggerWrittenWithDelimiterRun) {
  TestDatabase database("mysql");
  auto connection = database.connect();
  run_script(*connection, R"sql(
CREATE TABLE stock (id INT PRIMARY KEY, quantity INT NOT NULL);
DELIMITER $$
CREATE PROCEDURE restock(IN item INT, IN amount INT)
BEGIN
  DECLARE current INT DEFAULT 0;
  SELECT quantity INTO current FROM stock WHERE id = item;
  IF current IS NULL THEN
    INSERT INTO stock VALUES (item, amount);
  ELSE
    UPDATE stock SET quantity = quantity + amount WHERE id = item;
  END IF;
END$$
CREATE TRIGGER stock_not_negative BEFORE UPDATE ON stock FOR EACH ROW
BEGIN
  IF NEW.quantity < 0 THEN
    SET NEW.quantity = 0;
  END IF;
END$$
DELIMITER ;
INSERT INTO stock VALUES (1, 5);
CALL restock(1, 3);
UPDATE stock SET quantity = -4 WHERE id = 1;
)sql", core::Dialect::mysql);
  EXPECT_EQ(testing::query_scalar(database.url(), "SELECT quantity FROM stock WHERE id = 1"), "0");
}

TEST(SqliteStatements, ATriggerWithACaseExpressionRuns) {
  TestDatabase database("sqlite");
  auto connection = database.connect();
  run_script(*connection, R"sql(
CREATE TABLE orders (id INTEGER PRIMARY KEY, status TEXT, label TEXT);
CREATE TRIGGER orders_label AFTER INSERT ON orders BEGIN
  UPDATE orders SET label = CASE NEW.status WHEN 'shipped' THEN 'on its way' ELSE 'waiting' END
   WHERE id = NEW.id;
END;
INSERT INTO orders (status) VALUES ('shipped');
)sql", core::Dialect::sqlite);
  EXPECT_EQ(testing::query_scalar(database.url(), "SELECT label FROM orders"), "on its way");
}

}  // namespace
}  // namespace forge::integration
