#include "core/lint/rule_catalog.hpp"

#include <algorithm>

namespace forge::core::lint {

namespace {

constexpr Severity E = Severity::error;
constexpr Severity W = Severity::warning;

}  // namespace

const std::vector<RuleInfo>& rule_catalog() {
  static const std::vector<RuleInfo> k_rules = {
      {"FORGE-D001", "drop-table", "all", E, "DROP TABLE deletes the table and its data",
       "ban-drop-table"},
      {"FORGE-D002", "drop-column", "all", E,
       "DROP COLUMN deletes data and breaks code that still reads the column", "ban-drop-column"},
      {"FORGE-D003", "drop-schema-or-database", "all", E,
       "DROP SCHEMA / DROP DATABASE deletes every object in it", "ban-drop-database"},
      {"FORGE-D004", "truncate", "all", E,
       "TRUNCATE deletes every row (CASCADE: of other tables too)", "ban-truncate-cascade"},
      {"FORGE-D005", "add-unique", "all", W,
       "a UNIQUE constraint or index on an existing table fails when duplicates exist",
       "disallowed-unique-constraint"},
      {"FORGE-D006", "set-not-null", "all", W,
       "SET NOT NULL fails when NULLs exist and scans the whole table",
       "adding-not-nullable-field"},
      {"FORGE-D007", "add-required-column", "all", E,
       "a NOT NULL column without a default cannot be added to a table with rows",
       "adding-required-field"},
      {"FORGE-D008", "change-column-type", "all", W,
       "a column type change may fail on, or cut, values that do not fit the new type",
       "changing-column-type"},
      {"FORGE-D009", "rename-table", "all", E,
       "renaming a table breaks the application still running against the old name",
       "renaming-table"},
      {"FORGE-D010", "rename-column", "all", E,
       "renaming a column breaks the application still running against the old name",
       "renaming-column"},
      {"FORGE-D011", "drop-not-null", "all", W,
       "DROP NOT NULL lets NULLs in that code reading the column may not expect",
       "ban-drop-not-null"},
      {"FORGE-PG001", "index-without-concurrently", "postgres", E,
       "CREATE INDEX without CONCURRENTLY blocks writes to an existing table while it builds",
       "require-concurrent-index-creation"},
      {"FORGE-PG002", "concurrently-in-transaction", "postgres", E,
       "CREATE/DROP INDEX CONCURRENTLY cannot run inside a transaction block",
       "ban-concurrent-index-creation-in-transaction"},
      {"FORGE-PG003", "foreign-key-without-not-valid", "postgres", E,
       "adding a FOREIGN KEY checks every row while both tables are locked",
       "adding-foreign-key-constraint"},
      {"FORGE-PG004", "check-without-not-valid", "postgres", E,
       "adding a CHECK constraint scans the table under ACCESS EXCLUSIVE",
       "constraint-missing-not-valid"},
      {"FORGE-PG005", "unique-or-key-without-using-index", "postgres", E,
       "ADD UNIQUE / PRIMARY KEY builds its index under ACCESS EXCLUSIVE",
       "adding-serial-primary-key-field, disallowed-unique-constraint"},
      {"FORGE-PG006", "type-change-rewrites", "postgres", E,
       "ALTER COLUMN TYPE rewrites the table and its indexes under ACCESS EXCLUSIVE",
       "changing-column-type"},
      {"FORGE-PG007", "volatile-default", "postgres", E,
       "ADD COLUMN with a default computed per row (volatile or unknown function, serial, "
       "identity, generated) rewrites the table under ACCESS EXCLUSIVE",
       "adding-field-with-default"},
      {"FORGE-PG008", "missing-lock-timeout", "postgres", W,
       "a statement that waits for a lock on an existing object runs without SET lock_timeout "
       "first",
       "require-lock-timeout"},
      {"FORGE-PG009", "enum-value-used-in-transaction", "postgres", E,
       "a value added with ALTER TYPE ... ADD VALUE cannot be used in the same transaction", ""},
      {"FORGE-PG010", "drop-index-without-concurrently", "postgres", W,
       "DROP INDEX without CONCURRENTLY blocks reads and writes of the table",
       "require-concurrent-index-deletion"},
      {"FORGE-MY001", "enum-or-set-change", "mysql", W,
       "changing an ENUM or SET column other than appending values copies the table", ""},
      {"FORGE-MY002", "column-reorder", "mysql", W,
       "FIRST / AFTER moves a column by copying the table", ""},
      {"FORGE-MY003", "charset-conversion", "mysql", W,
       "CONVERT TO CHARACTER SET rewrites every text column by copying the table", ""},
      {"FORGE-MY004", "inline-references-ignored", "mysql", E,
       "MySQL parses and ignores REFERENCES on a column definition: no foreign key is made", ""},
      {"FORGE-SL001", "unsupported-alter-table", "sqlite", E,
       "an ALTER TABLE form SQLite does not support: the unit fails", ""},
      {"FORGE-SL002", "table-rebuild", "sqlite", W,
       "the change is made by copying the table (SQLite's twelve-step rebuild)", ""},
      {"FORGE-U001", "missing-down", "all", W, "the unit has no down: it cannot be undone", ""},
      {"FORGE-U002", "down-not-inverse", "all", W,
       "the declarative unit's down is not the inverse of its up", ""},
      {"FORGE-U003", "non-transactional-unit", "postgres, sqlite", W,
       "a unit run outside a transaction has several statements: a failure leaves it half done",
       ""},
      {"FORGE-L001", "ignore-without-reason", "all", E,
       "a forge:lint-ignore comment gives no reason", ""},
      {"FORGE-L002", "unparsable-statement", "all", E, "the statement could not be parsed", ""},
  };
  return k_rules;
}

const RuleInfo* find_rule(const std::string& code) {
  const auto& rules = rule_catalog();
  const auto found = std::find_if(rules.begin(), rules.end(),
                                  [&](const RuleInfo& rule) { return rule.code == code; });
  return found == rules.end() ? nullptr : &*found;
}

}  // namespace forge::core::lint
