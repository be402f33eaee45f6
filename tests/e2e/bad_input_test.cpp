// Bad input of every kind, given to the real binary: malformed units (SQL and declarative),
// configuration files, URLs and flags. Each case must end with a clear message naming what is
// wrong (the file, and the line where there is one) and the documented exit code (README, "Exit
// codes": 2 for a malformed unit, config or usage, 3 for a database that cannot be reached) --
// never a crash, never a hang, never the password. One table; one test per row.
#include <sys/resource.h>

#include <cctype>
#include <chrono>
#include <cstdint>
#include <functional>
#include <ostream>

#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Written into every URL and config below that has a password.
const std::string k_password = "Sup3rS3cretPw";

struct File {
  std::string path;  // relative to the project
  std::string bytes;
  std::function<std::string()> make = nullptr;  // large content, made only when its test runs
};

struct BadInputCase {
  std::string name;               // the test's name
  std::vector<File> files;        // written before forge runs
  std::vector<std::string> args;  // forge's arguments
  int exit_code = 2;
  std::vector<std::string> says;        // fragments of stderr (of stdout when exit_code is 0)
  std::chrono::seconds cpu_limit{10};   // the CPU time forge may use (not wall time: CI is busy)
  std::chrono::seconds kill_after{30};  // the hang guard: forge is killed after this long
};

// gtest names a failing row by this instead of dumping its bytes.
void PrintTo(const BadInputCase& input, std::ostream* os) { *os << input.name; }

// --- building the table ---------------------------------------------------------------------

std::vector<std::string> migrate_args(const std::string& url = k_url) {
  return {"db:migrate", "--url", url};
}

// One unit file in migrations/, migrated on SQLite; the message names `file_name:line`.
BadInputCase unit_case(std::string name, const std::string& file_name, std::string bytes,
                       const std::string& line, std::string what) {
  const std::string path = "migrations/" + file_name;
  return {std::move(name),
          {{path, std::move(bytes)}},
          migrate_args(),
          2,
          {line.empty() ? path : path + ":" + line, std::move(what)}};
}

// A valid unit, so that only the URL or the configuration is wrong.
File valid_unit() {
  return {"migrations/20240101000001-create-t.sql", unit_sql(create_table("t"), "DROP TABLE t;")};
}

BadInputCase url_case(std::string name, const std::string& url, int exit_code,
                      std::vector<std::string> says) {
  return {std::move(name), {valid_unit()}, migrate_args(url), exit_code, std::move(says)};
}

BadInputCase config_case(std::string name, std::vector<File> files, std::vector<std::string> args,
                         std::vector<std::string> says) {
  files.push_back(valid_unit());
  return {std::move(name), std::move(files), std::move(args), 2, std::move(says)};
}

// Bytes from a fixed-seed generator (xorshift), the same on every run.
std::string garbage(std::size_t size) {
  std::string bytes(size, '\0');
  std::uint64_t state = 0x9E3779B97F4A7C15ULL;
  for (char& byte : bytes) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    byte = static_cast<char>(state >> 56);
  }
  return bytes;
}

// A 50 MB unit: valid statements after the up marker, then a quote left open on the last line.
const std::string k_huge_head = "-- forge:up\nCREATE TABLE t (id INTEGER, name TEXT);\n";
const std::string k_huge_row = "INSERT INTO t (id, name) VALUES (1, 'a row of sixty-odd bytes');\n";
const std::size_t k_huge_rows = 50 * 1024 * 1024 / k_huge_row.size();
const int k_huge_last_line = 3 + static_cast<int>(k_huge_rows);

std::string huge_unit() {
  std::string text = k_huge_head;
  text.reserve(k_huge_head.size() + (k_huge_rows + 1) * k_huge_row.size());
  for (std::size_t i = 0; i < k_huge_rows; ++i) text += k_huge_row;
  return text + "INSERT INTO t (id, name) VALUES (2, 'never closed);\n";
}

std::string nested(std::size_t depth, const std::string& open, const std::string& close) {
  std::string text;
  for (std::size_t i = 0; i < depth; ++i) text += open;
  for (std::size_t i = 0; i < depth; ++i) text += close;
  return text;
}

std::vector<BadInputCase> unit_cases() {
  BadInputCase huge =
      unit_case("A50MegabyteUnitWithAQuoteLeftOpenAtTheEnd", "20240101000001-huge.sql", "",
                std::to_string(k_huge_last_line), "unterminated quoted text");
  huge.files.front().make = huge_unit;
  huge.cpu_limit = std::chrono::seconds(20);    // 3.3 s measured (1.9 user, 1.3 system), 340 MB
  huge.kill_after = std::chrono::seconds(100);  // under ctest's 120 s per test
  const std::string binary = std::string(1, '\x7f') + "ELF" + garbage(64 * 1024);
  return {
      unit_case("SqlWithoutAnyMarker", "20240101000001-no-markers.sql",
                "-- a comment may come first\nCREATE TABLE t (id INTEGER);\n", "2",
                "SQL before the first -- forge:up marker"),
      unit_case("OnlyCommentsAndNoUpMarker", "20240101000001-no-up.sql",
                "-- nothing but a comment\n", "", "no up section"),
      unit_case("TheUpMarkerTwice", "20240101000001-twice.sql",
                "-- forge:up\nCREATE TABLE a (id INTEGER);\n-- forge:down\nDROP TABLE a;\n"
                "-- forge:up\nCREATE TABLE b (id INTEGER);\n",
                "5", "second -- forge:up marker (the first is on line 1)"),
      unit_case("TheDownMarkerTwiceInDbmateSpelling", "20240101000001-twice.sql",
                "-- migrate:up\nCREATE TABLE a (id INTEGER);\n-- migrate:down\nDROP TABLE a;\n"
                "-- migrate:down\nDROP TABLE b;\n",
                "5", "second -- forge:down marker"),
      unit_case("AnUnterminatedSingleQuote", "20240101000001-quote.sql",
                "-- forge:up\nCREATE TABLE t (name TEXT);\nINSERT INTO t VALUES ('oops);\n\n"
                "-- forge:down\nDROP TABLE t;\n",
                "3", "unterminated quoted text (' without ')"),
      unit_case("AnUnterminatedDoubleQuote", "20240101000001-dquote.sql",
                "-- forge:up\nCREATE TABLE \"t (id INTEGER);\n-- forge:down\nDROP TABLE t;\n", "2",
                "unterminated quoted text (\" without \")"),
      unit_case("AnUnterminatedBlockComment", "20240101000001-comment.sql",
                "-- forge:up\nCREATE TABLE t (id INTEGER);\n\n/* explained below\nDROP TABLE t;\n",
                "4", "unterminated block comment"),
      // A unit's statements are read once the history says it is pending (issue 16: status
      // and a no-op migrate split nothing), so a server that cannot be reached is told first.
      // The dollar quote itself is reported at its line by the splitter's tests.
      {"AnUnterminatedDollarQuoteOnPostgresIsReadOnlyOnceTheServerAnswers",
       {{"migrations/20240101000001-fn.postgres.sql",
         "-- forge:up\nCREATE FUNCTION f() RETURNS int AS $body$\n  SELECT 1;\n$bod$ LANGUAGE "
         "sql;\n"}},
       migrate_args("postgres://admin:" + k_password + "@127.0.0.1:1/shop"),
       3,
       {"cannot connect to PostgreSQL"}},
      unit_case(
          "InvalidUtf8InAStatement", "20240101000001-latin1.sql",
          "-- forge:up\nCREATE TABLE t (name TEXT);\nINSERT INTO t VALUES ('caf\xe9 \xff\xfe);\n",
          "3", "unterminated quoted text"),
      huge,
      // Binary files hold NUL bytes: refused as not text, whatever the extension.
      unit_case("BinaryGarbage", "20240101000001-binary.sql", binary, "", "NUL byte"),
      unit_case("BinaryGarbageAsAYamlUnit", "20240101000001-binary.yaml", binary, "", "NUL byte"),
      unit_case("ANulByteInAStatement", "20240101000001-nul.sql",
                std::string("-- forge:up\nCREATE TABLE t (id INTEGER);\nDROP TABLE t") + '\0' +
                    "_backup;\n",
                "3", "NUL"),
  };
}

std::vector<BadInputCase> name_cases() {
  const std::string spaced = "20240101000001-create the t table.sql";
  const std::string unicode = "20240101000002-créer-ü-表.sql";
  const std::string broken = "20240101000003-caf\xe9.sql";  // Latin-1, not UTF-8
  const std::string ok = unit_sql(create_table("t"), "DROP TABLE t;");
  const std::string ok2 = unit_sql(create_table("u"), "DROP TABLE u;");
  const std::string open_quote = "-- forge:up\nCREATE TABLE v (id INTEGER);\nSELECT 'x;\n";
  // forge takes any name that starts with digits and ends in .sql, and shows it as written.
  return {
      {"AFileNameWithSpacesIsRunAndShownAsWritten",
       {{"migrations/" + spaced, ok}},
       migrate_args(),
       0,
       {"20240101000001-create the t table: migrated"}},
      {"AUnicodeFileNameIsRunAndShownAsWritten",
       {{"migrations/" + unicode, ok}},
       migrate_args(),
       0,
       {"20240101000002-créer-ü-表: migrated"}},
      {"AnErrorInAFileNameWithSpacesAndUnicodeNamesItExactly",
       {{"migrations/" + spaced, ok},
        {"migrations/20240101000002-crée la table ü.sql", open_quote}},
       migrate_args(),
       2,
       {"migrations/20240101000002-crée la table ü.sql:3", "unterminated quoted text"}},
      {"AFileNameThatIsNotUtf8IsRun",
       {{"migrations/" + broken, ok2}},
       migrate_args(),
       0,
       {"20240101000003-caf\xe9: migrated"}},
      {"AFileNameThatIsNotUtf8IsListedByStatusJson",
       {{"migrations/" + broken, ok2}},
       {"db:migrate:status", "--json", "--url", k_url},
       0,
       {"20240101000003-caf"}},
      {"AFileNameThatIsNotUtf8IsReportedByMigrateJson",
       {{"migrations/" + broken, ok2}},
       {"db:migrate", "--json", "--url", k_url},
       0,
       {"20240101000003-caf"}},
  };
}

std::vector<BadInputCase> declarative_cases() {
  return {
      unit_case("AYamlUnitIndentedWithATab", "20240101000001-tab.yaml",
                "up:\n\t- dropTable: { table: t }\n", "2", "invalid YAML"),
      unit_case("AYamlUnitWithAnUnclosedBracket", "20240101000001-bracket.yaml",
                "up: [ { dropTable: { table: t } }\n", "", "invalid YAML"),
      unit_case("AYamlUnitWithAnUnknownOperation", "20240101000001-typo.yaml",
                "up:\n  - creatTable: { table: t, columns: { id: INTEGER } }\n", "2:5",
                "createTable"),
      unit_case("AYamlUnitWithAListWhereAMapIsExpected", "20240101000001-list.yaml",
                "up:\n  - createTable: [t, id]\n", "2", "map"),
      unit_case("AYamlUnitWhoseUpIsAMap", "20240101000001-map.yaml",
                "up:\n  createTable: { table: t }\n", "2", "must be a list of operations"),
      unit_case("AYamlUnitNested10000ListsDeep", "20240101000001-deep.yaml",
                "up: " + nested(10000, "[", "]") + "\n", "1", "nested"),
      unit_case("AYamlUnitNested10000MapsDeep", "20240101000001-deep.yaml",
                "up: " + nested(10000, "{a: ", "}") + "\n", "1", "nested"),
      unit_case("AYamlUnitHoldingAStrayComma", "20240101000001-comma.yaml", "up: []\n,\n", "",
                "invalid YAML"),
      unit_case("AYamlUnitThatIsOnlyAComma", "20240101000001-comma.yaml", ",", "1:1",
                "invalid YAML: unexpected ','"),
      unit_case("AJsonUnitThatIsNotJson", "20240101000001-broken.json",
                "{ \"up\": [ { \"dropTable\": { \"table\": \"t\" } ]\n", "", "invalid YAML"),
      unit_case(
          "AJsonUnitWithANulByte", "20240101000001-nul.json",
          std::string("{ \"up\": [ { \"dropTable\": { \"table\": \"t") + '\0' + "\" } } ] }\n", "1",
          "a NUL byte (\\0) in the unit"),
      unit_case("AJsonUnitWithAnEscapedNul", "20240101000001-nul.json",
                "{ \"up\": [ { \"dropTable\": { \"table\": \"t\\u0000\" } } ] }\n", "1",
                "a name holds a NUL character"),
  };
}

std::vector<BadInputCase> config_cases() {
  return {
      config_case("AForgeJsonThatIsNotJson", {{"forge.json", "{ development: sqlite }\n"}},
                  {"db:migrate"}, {"forge.json: invalid JSON", "line 1, column 3"}),
      config_case(
          "ASequelizeConfigJsonThatIsNotJson",
          {{"config/config.json", "{\n  \"development\": {\n    \"dialect\": \"sqlite\",\n}\n"}},
          {"db:migrate"}, {"config/config.json: invalid JSON", "line 4"}),
      config_case("AForgeJsonThatIsAList", {{"forge.json", "[\"development\"]\n"}}, {"db:migrate"},
                  {"forge.json: expected an object"}),
      config_case("AnEnvironmentThatIsAStringNotAnObject",
                  {{"forge.json", "{ \"development\": \"sqlite:db/dev.sqlite3\" }\n"}},
                  {"db:migrate"}, {"forge.json", "development", "object"}),
      config_case(
          "AUrlThatIsAListNotAString",
          {{"forge.json", "{ \"development\": { \"url\": [\"sqlite:db/dev.sqlite3\"] } }\n"}},
          {"db:migrate"}, {"forge.json", "\"url\"", "string"}),
      config_case("AConfigPortThatIsNotANumber",
                  {{"forge.json",
                    "{ \"development\": { \"dialect\": \"postgres\", \"host\": "
                    "\"127.0.0.1\", \"port\": \"five\", \"password\": \"" +
                        k_password + "\" } }\n"}},
                  {"db:migrate"}, {"forge.json", "port", "five"}),
      config_case("AConfigPortOfZero",
                  {{"forge.json",
                    "{ \"development\": { \"dialect\": \"postgres\", \"host\": "
                    "\"127.0.0.1\", \"port\": 0, \"password\": \"" +
                        k_password + "\" } }\n"}},
                  {"db:migrate"}, {"forge.json", "\"port\"", "bad port '0'"}),
      config_case(
          "ASqliteStorageThatIsANumberNotAString",
          {{"forge.json", "{ \"development\": { \"dialect\": \"sqlite\", \"storage\": 42 } }\n"}},
          {"db:migrate"}, {"forge.json", "\"storage\"", "must be a string, not a number"}),
      config_case("AnUnknownDialect",
                  {{"forge.json", "{ \"development\": { \"dialect\": \"oracle\" } }\n"}},
                  {"db:migrate"}, {"forge.json", "unsupported dialect 'oracle'"}),
      config_case("AnUnknownEnvironment",
                  {{"forge.json", "{ \"development\": { \"url\": \"sqlite:db/dev.sqlite3\" } }\n"}},
                  {"db:migrate", "--env", "staging"}, {"forge.json", "\"staging\"", "development"}),
      config_case("AConfigFileThatDoesNotExist", {}, {"db:migrate", "--config", "nowhere.json"},
                  {"nowhere.json"}),
      config_case("AForgeJsonNested100000Deep", {{"forge.json", nested(100000, "[", "]")}},
                  {"db:migrate"}, {"forge.json"}),
      config_case("AForgercThatIsNotJson", {{".forgerc", "{ \"url\": \n"}}, {"db:migrate"},
                  {".forgerc: invalid JSON"}),
      config_case(
          "AnUnsetVariableInTheConfig",
          {{"forge.json", "{ \"development\": { \"url\": \"${FORGE_TEST_NO_SUCH_URL}\" } }\n"}},
          {"db:migrate"}, {"FORGE_TEST_NO_SUCH_URL"}),
  };
}

std::vector<BadInputCase> url_cases() {
  const std::string pw = k_password;
  return {
      url_case("AUrlWithoutAScheme", "db/dev.sqlite3", 2,
               {"'db/dev.sqlite3' is not a database URL"}),
      url_case("AHostAndPortWithoutAScheme", "127.0.0.1:5432/shop", 2,
               {"unsupported database URL scheme"}),
      url_case("AnUnknownScheme", "oracle://admin:" + pw + "@127.0.0.1:1521/shop", 2,
               {"unsupported database URL scheme 'oracle:'", "admin:***@127.0.0.1"}),
      url_case("APortAboveTheRange", "postgres://admin:" + pw + "@127.0.0.1:99999/shop", 2,
               {"bad port", "admin:***@"}),
      url_case("AUrlPortThatIsNotANumber", "mysql://admin:" + pw + "@127.0.0.1:http/shop", 2,
               {"bad port"}),
      url_case("PortZero", "postgres://admin:" + pw + "@127.0.0.1:0/shop", 2, {"bad port"}),
      // libpq's defaults (the local socket, port 5432), as psql does: nothing listens there.
      url_case("PostgresWithNothingAfterTheScheme", "postgres://", 3,
               {"cannot connect to PostgreSQL at localhost:5432"}),
      url_case("PostgresWithoutSlashes", "postgres:admin:" + pw + "@127.0.0.1/shop", 2,
               {"lacks '//' after the scheme"}),
      url_case("ABrokenPercentEscapeInThePassword",
               "postgres://admin:" + pw + "%zz@127.0.0.1:1/shop", 2,
               {"bad percent-escape", "admin:***@127.0.0.1"}),
      url_case("ATruncatedPercentEscapeInTheDatabase",
               "mysql://admin:" + pw + "@127.0.0.1:1/shop%4", 2, {"bad percent-escape"}),
      url_case("APercentEncodedNulInTheDatabaseName",
               "postgres://admin:" + pw + "@127.0.0.1:1/sh%00op", 2, {"bad percent-escape"}),
      url_case("AnUnclosedIpv6Bracket", "postgres://admin:" + pw + "@[::1:5432/shop", 2,
               {"unclosed '['"}),
      url_case("SqliteWithNoFile", "sqlite:", 2, {"names no file"}),
      url_case("APostgresServerThatRefuses", "postgres://admin:" + pw + "@127.0.0.1:1/shop", 3,
               {"cannot connect to PostgreSQL at 127.0.0.1:1/shop"}),
      url_case("AMysqlServerThatRefuses", "mysql://admin:" + pw + "@127.0.0.1:1/shop", 3,
               {"127.0.0.1"}),
      url_case("APasswordInAQueryParameter",
               "postgres://admin@127.0.0.1:1/shop?sslmode=disable&password=" + pw, 3,
               {"127.0.0.1"}),
      url_case("ASqliteFileThatCannotBeCreated", "sqlite:///proc/forge-e2e/dev.sqlite3", 3,
               {"/proc/forge-e2e/dev.sqlite3"}),
  };
}

std::vector<BadInputCase> usage_cases() {
  return {
      {"AnUnknownFlag",
       {valid_unit()},
       {"db:migrate", "--colour", "--url", k_url},
       2,
       {"--colour"}},
      {"AStepThatIsNotANumber",
       {valid_unit()},
       {"db:migrate", "--step", "two", "--url", k_url},
       2,
       {"--step"}},
      {"AnUnknownCommand", {valid_unit()}, {"db:migrat", "--url", k_url}, 2, {"db:migrat"}},
  };
}

// Every seconds option takes 0 to 2147483 (what fits an int of milliseconds); NaN, infinity and
// huge numbers would overflow the wait ("held the lock for over -9223372036854776 s").
std::vector<BadInputCase> seconds_cases() {
  std::vector<BadInputCase> all;
  const std::vector<std::pair<std::string, std::string>> values = {
      {"NotANumber", "nan"}, {"Infinite", "inf"}, {"Huge", "1e308"},
      {"TooLong", "1e10"},   {"Negative", "-1"},  {"TrailingText", "30s"},
  };
  for (const std::string option : {"--lock-timeout", "--wait", "--statement-timeout"}) {
    std::string title = option.substr(2);
    title[0] = static_cast<char>(std::toupper(title[0]));
    if (const auto dash = title.find('-'); dash != std::string::npos) {
      title.erase(dash, 1);
      title[dash] = static_cast<char>(std::toupper(title[dash]));
    }
    for (const auto& [what, value] : values) {
      all.push_back({title + what,
                     {valid_unit()},
                     {"db:migrate", option, value, "--url", k_url},
                     2,
                     {option, "from 0 to 2147483", "'" + value + "'"}});
    }
  }
  for (const std::string value : {"0", "-3", "1.5", "99999999999999999999"}) {
    all.push_back({"AStepOf" + std::to_string(all.size()),
                   {valid_unit()},
                   {"db:migrate", "--step", value, "--url", k_url},
                   2,
                   {"--step", "whole number from 1", "'" + value + "'"}});
  }
  return all;
}

std::vector<BadInputCase> cases() {
  std::vector<BadInputCase> all;
  for (auto part : {unit_cases(), name_cases(), declarative_cases(), config_cases(), url_cases(),
                    usage_cases(), seconds_cases()}) {
    for (auto& one : part) all.push_back(std::move(one));
  }
  return all;
}

// --- the test ---------------------------------------------------------------------------------

// CPU time (user + system) of the children reaped so far.
std::chrono::microseconds children_cpu_time() {
  rusage usage{};
  ::getrusage(RUSAGE_CHILDREN, &usage);
  const auto micros = [](const timeval& t) {
    return std::chrono::seconds(t.tv_sec) + std::chrono::microseconds(t.tv_usec);
  };
  return micros(usage.ru_utime) + micros(usage.ru_stime);
}

class BadInput : public ForgeTest, public ::testing::WithParamInterface<BadInputCase> {};

TEST_P(BadInput, EndsWithAClearMessageAndTheDocumentedExitCode) {
  const BadInputCase& input = GetParam();
  for (const File& file : input.files) {
    project.write(file.path, file.make ? file.make() : file.bytes);
  }

  const auto cpu_before = children_cpu_time();
  const auto started = std::chrono::steady_clock::now();
  const ProcessResult result = project.forge(input.args, {}, input.kill_after);
  const auto wall = std::chrono::steady_clock::now() - started;
  const auto cpu = children_cpu_time() - cpu_before;
  RecordProperty("forge_cpu_ms", static_cast<int>(cpu.count() / 1000));
  RecordProperty(
      "forge_wall_ms",
      static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(wall).count()));

  EXPECT_FALSE(result.timed_out) << "forge hung" << result;
  EXPECT_EQ(result.signal, 0) << "forge crashed" << result;
  EXPECT_EQ(result.exit_code, input.exit_code) << result;
  EXPECT_LT(cpu, input.cpu_limit) << "forge took too long" << result;
  const std::string& message = input.exit_code == 0 ? result.out : result.err;
  EXPECT_FALSE(message.empty()) << result;
  for (const std::string& fragment : input.says) {
    EXPECT_THAT(message, HasSubstr(fragment)) << result;
  }
  EXPECT_THAT(result.err, Not(HasSubstr("unexpected failure"))) << result;
  EXPECT_THAT(result.out + result.err, Not(HasSubstr(k_password))) << result;
}

INSTANTIATE_TEST_SUITE_P(Table, BadInput, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<BadInputCase>& info) {
                           return info.param.name;
                         });

}  // namespace
}  // namespace forge::e2e
