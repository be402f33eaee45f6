// MySQL's own kinds of unit: a procedure and a trigger written with the mysql client's DELIMITER
// convention, called from a later unit.
#include "dialect_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const char* k_procedure_and_trigger = R"(-- forge:up
CREATE TABLE counters (name VARCHAR(50) PRIMARY KEY, hits INT NOT NULL DEFAULT 0);
CREATE TABLE audit (note VARCHAR(100) NOT NULL);

DELIMITER $$
CREATE PROCEDURE bump(IN counter_name VARCHAR(50))
BEGIN
  -- semicolons inside the body must not end the statement;
  INSERT INTO counters (name, hits) VALUES (counter_name, 1)
    ON DUPLICATE KEY UPDATE hits = hits + 1;
END$$

CREATE TRIGGER counters_audit AFTER INSERT ON counters
FOR EACH ROW
BEGIN
  IF NEW.name <> '' THEN
    INSERT INTO audit (note) VALUES (CONCAT('new counter ', NEW.name, '; welcome'));
  END IF;
END$$
DELIMITER ;

-- forge:down
DROP TRIGGER counters_audit;
DROP PROCEDURE bump;
DROP TABLE audit;
DROP TABLE counters;
)";

const char* k_calls = R"(-- forge:up
CALL bump('home');
CALL bump('home');
CALL bump('cart');

-- forge:down
DELETE FROM counters;
DELETE FROM audit;
)";

using MysqlUnits = DialectTest;

TEST_P(MysqlUnits, AProcedureAndATriggerWrittenWithDelimiterRunAndALaterUnitCallsThem) {
  add_unit("1-counters", k_procedure_and_trigger);
  add_unit("2-bump-counters", k_calls);

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(db().scalar("SELECT hits FROM counters WHERE name = 'home'"), "2");
  EXPECT_EQ(db().scalar("SELECT hits FROM counters WHERE name = 'cart'"), "1");
  EXPECT_EQ(db().scalar("SELECT GROUP_CONCAT(note ORDER BY note SEPARATOR '|') FROM audit"),
            "new counter cart; welcome|new counter home; welcome")
      << "the trigger ran once per new counter";
  EXPECT_THAT(db().history(), ElementsAre("1-counters", "2-bump-counters"));
}

TEST_P(MysqlUnits, UndoingTheDelimiterUnitDropsTheProcedureAndTheTrigger) {
  add_unit("1-counters", k_procedure_and_trigger);
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);

  const auto result = forge_db({"db:migrate:undo"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(db().scalar("SELECT count(*) FROM information_schema.routines "
                        "WHERE routine_schema = DATABASE() AND routine_name = 'bump'"),
            "0");
  EXPECT_EQ(db().scalar("SELECT count(*) FROM information_schema.triggers "
                        "WHERE trigger_schema = DATABASE()"),
            "0");
  EXPECT_FALSE(db().has_table("counters"));
}

TEST_P(MysqlUnits, AFailingCallNamesTheLineOfTheCall) {
  add_unit("1-counters", k_procedure_and_trigger);
  add_unit("2-bad-call", "-- forge:up\nCALL bump('ok');\nCALL no_such_procedure();\n");

  const auto result = forge_db({"db:migrate"});

  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.err, HasSubstr("migrations/2-bad-call.sql:3")) << result;
  EXPECT_THAT(result.err, HasSubstr("no_such_procedure")) << result;
  EXPECT_THAT(result.err, HasSubstr("statement 1 (line 2)")) << result;
}

// `DELIMITER` with nothing but spaces after it is the client command without its argument: an
// error at its line before anything runs, never text sent to the server.
TEST_P(MysqlUnits, ADelimiterLineWithoutADelimiterIsAnErrorAtItsLine) {
  add_unit("1-counters", "-- forge:up\nCREATE TABLE counters (id INT);\nDELIMITER   \nSELECT 1;\n");

  const auto result = forge_db({"db:migrate"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("migrations/1-counters.sql:3")) << result;
  EXPECT_THAT(result.err, HasSubstr("DELIMITER without a delimiter")) << result;
  EXPECT_FALSE(db().has_table("counters"));
}

INSTANTIATE_TEST_SUITE_P(Mysql, MysqlUnits, ::testing::Values("mysql"), dialect_name);

}  // namespace
}  // namespace forge::e2e
