// libpg_query's JSON parse tree (PostgreSQL 15's node names) read into the lint model.
#include "dialect/postgres/postgres_lint_tree.hpp"

#include <nlohmann/json.hpp>

namespace forge::dialect::postgres {

namespace lint = core::lint;
using nlohmann::json;

namespace {

std::string text(const json& node, const char* key) {
  const auto found = node.find(key);
  return found != node.end() && found->is_string() ? found->get<std::string>() : "";
}

bool flag(const json& node, const char* key) {
  const auto found = node.find(key);
  return found != node.end() && found->is_boolean() && found->get<bool>();
}

const json& child(const json& node, const char* key) {
  static const json k_empty = json::object();
  const auto found = node.find(key);
  return found != node.end() ? *found : k_empty;
}

const json& list(const json& node, const char* key) {
  static const json k_empty = json::array();
  const auto found = node.find(key);
  return found != node.end() && found->is_array() ? *found : k_empty;
}

// The last `String` of a name list: `pg_catalog.int4` -> `int4`.
std::string last_name(const json& names) {
  std::string name;
  for (const json& part : names) {
    if (part.contains("String")) name = text(part["String"], "sval");
  }
  return name;
}

// Functions known not to be volatile: a default made of them is computed once when a column is
// added (PostgreSQL 11's fast default). Any other call may be volatile, so it is taken to be.
bool is_known_stable(const std::string& name) {
  for (const char* known : {"now",
                            "statement_timestamp",
                            "transaction_timestamp",
                            "current_setting",
                            "lower",
                            "upper",
                            "length",
                            "concat",
                            "to_char",
                            "to_date",
                            "to_timestamp",
                            "to_number",
                            "make_date",
                            "make_time",
                            "make_timestamp",
                            "make_timestamptz",
                            "make_interval",
                            "json_build_object",
                            "jsonb_build_object",
                            "json_build_array",
                            "jsonb_build_array"}) {
    if (name == known) return true;
  }
  return false;
}

// Does the expression call a function that may be volatile (random(), gen_random_uuid(),
// clock_timestamp(), nextval(), a user's function), anywhere inside it?
bool may_be_volatile(const json& expression) {
  if (!expression.is_structured()) return false;
  if (expression.is_object()) {
    const auto call = expression.find("FuncCall");
    if (call != expression.end() && !is_known_stable(last_name(list(*call, "funcname")))) {
      return true;
    }
  }
  for (const json& item : expression) {
    if (may_be_volatile(item)) return true;
  }
  return false;
}

// A default computed per row when the column is added: a volatile call, a sequence (serial,
// identity) or a stored generated column; each rewrites the table.
lint::DefaultKind default_kind(const std::string& contype, const json& constraint) {
  if (contype == "CONSTR_IDENTITY" || contype == "CONSTR_GENERATED") {
    return lint::DefaultKind::volatile_value;
  }
  return may_be_volatile(child(constraint, "raw_expr")) ? lint::DefaultKind::volatile_value
                                                        : lint::DefaultKind::constant;
}

lint::ColumnDef column_def(const json& def) {
  lint::ColumnDef column;
  column.name = text(def, "colname");
  column.type = last_name(list(child(def, "typeName"), "names"));
  column.serial = column.type.find("serial") != std::string::npos;
  for (const json& wrapped : list(def, "constraints")) {
    const json& constraint = child(wrapped, "Constraint");
    const std::string kind = text(constraint, "contype");
    column.not_null = column.not_null || kind == "CONSTR_NOTNULL";
    column.primary_key = column.primary_key || kind == "CONSTR_PRIMARY";
    column.unique = column.unique || kind == "CONSTR_UNIQUE";
    column.references = column.references || kind == "CONSTR_FOREIGN";
    if (kind == "CONSTR_IDENTITY") column.serial = true;
    if (kind == "CONSTR_DEFAULT" || kind == "CONSTR_IDENTITY" || kind == "CONSTR_GENERATED") {
      column.default_kind = default_kind(kind, constraint);
    }
  }
  return column;
}

lint::TableAction constraint_action(const json& constraint) {
  lint::AddConstraint add;
  const std::string kind = text(constraint, "contype");
  if (kind == "CONSTR_UNIQUE") add.kind = lint::ConstraintType::unique;
  if (kind == "CONSTR_PRIMARY") add.kind = lint::ConstraintType::primary_key;
  if (kind == "CONSTR_FOREIGN") add.kind = lint::ConstraintType::foreign_key;
  if (kind == "CONSTR_CHECK") add.kind = lint::ConstraintType::check;
  add.name = text(constraint, "conname");
  add.not_valid = flag(constraint, "skip_validation");
  add.using_index = !text(constraint, "indexname").empty();
  return add;
}

lint::TableAction table_action(const json& command) {
  const std::string subtype = text(command, "subtype");
  const std::string name = text(command, "name");
  const json& def = child(command, "def");
  if (subtype == "AT_AddColumn") return lint::AddColumn{column_def(child(def, "ColumnDef")), false};
  if (subtype == "AT_DropColumn") return lint::DropColumn{name};
  if (subtype == "AT_SetNotNull") return lint::SetNotNull{name};
  if (subtype == "AT_DropNotNull") return lint::DropNotNull{name};
  if (subtype == "AT_DropConstraint") return lint::DropConstraint{name};
  if (subtype == "AT_AddConstraint") return constraint_action(child(def, "Constraint"));
  if (subtype == "AT_AlterColumnType") {
    lint::AlterColumnType change;
    change.column = name;
    change.type = last_name(list(child(child(def, "ColumnDef"), "typeName"), "names"));
    return change;
  }
  return lint::OtherAction{};
}

lint::StatementShape alter_table(const json& statement) {
  lint::AlterTable alter;
  alter.table = text(child(statement, "relation"), "relname");
  for (const json& command : list(statement, "cmds")) {
    alter.actions.push_back(table_action(child(command, "AlterTableCmd")));
  }
  return alter;
}

lint::StatementShape create_table(const json& statement) {
  lint::CreateTable create;
  create.table = text(child(statement, "relation"), "relname");
  for (const json& element : list(statement, "tableElts")) {
    if (element.contains("ColumnDef")) create.columns.push_back(column_def(element["ColumnDef"]));
  }
  return create;
}

std::vector<std::string> relation_names(const json& relations) {
  std::vector<std::string> names;
  for (const json& relation : relations) {
    names.push_back(text(child(relation, "RangeVar"), "relname"));
  }
  return names;
}

std::string object_name(const json& object) {
  if (object.contains("List")) return last_name(list(object["List"], "items"));
  return text(child(object, "String"), "sval");
}

lint::StatementShape drop(const json& statement) {
  const std::string type = text(statement, "removeType");
  std::vector<std::string> names;
  for (const json& object : list(statement, "objects")) names.push_back(object_name(object));
  if (type == "OBJECT_TABLE") return lint::DropTable{names};
  if (type == "OBJECT_SCHEMA") return lint::DropNamespace{"schema", names.empty() ? "" : names[0]};
  if (type == "OBJECT_INDEX") {
    return lint::DropIndex{names.empty() ? "" : names[0], flag(statement, "concurrent")};
  }
  return lint::OtherStatement{};
}

lint::StatementShape rename(const json& statement) {
  const std::string type = text(statement, "renameType");
  const std::string table = text(child(statement, "relation"), "relname");
  if (type == "OBJECT_TABLE") return lint::RenameTable{table, text(statement, "newname")};
  if (type == "OBJECT_COLUMN" && text(statement, "relationType") == "OBJECT_TABLE") {
    return lint::AlterTable{
        table, {lint::RenameColumn{text(statement, "subname"), text(statement, "newname")}}, false};
  }
  return lint::OtherStatement{};
}

lint::StatementShape transaction(const json& statement) {
  const std::string kind = text(statement, "kind");
  if (kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START") return lint::Begin{};
  if (kind == "TRANS_STMT_COMMIT" || kind == "TRANS_STMT_ROLLBACK") return lint::Commit{};
  return lint::OtherStatement{};
}

lint::StatementShape index(const json& statement) {
  lint::CreateIndex index;
  index.table = text(child(statement, "relation"), "relname");
  index.name = text(statement, "idxname");
  index.unique = flag(statement, "unique");
  index.concurrently = flag(statement, "concurrent");
  return index;
}

}  // namespace

lint::StatementShape classify_node(const json& node) {
  if (!node.is_object() || node.empty()) return lint::OtherStatement{};
  const std::string& type = node.begin().key();
  const json& statement = node.begin().value();
  if (type == "AlterTableStmt" && text(statement, "objtype") == "OBJECT_TABLE") {
    return alter_table(statement);
  }
  if (type == "CreateStmt") return create_table(statement);
  if (type == "IndexStmt") return index(statement);
  if (type == "DropStmt") return drop(statement);
  if (type == "DropdbStmt") return lint::DropNamespace{"database", text(statement, "dbname")};
  if (type == "TruncateStmt") {
    return lint::Truncate{relation_names(list(statement, "relations")),
                          text(statement, "behavior") == "DROP_CASCADE"};
  }
  if (type == "RenameStmt") return rename(statement);
  if (type == "AlterEnumStmt" && !text(statement, "newVal").empty() &&
      text(statement, "oldVal").empty()) {
    return lint::AlterEnumAddValue{last_name(list(statement, "typeName")),
                                   text(statement, "newVal")};
  }
  if (type == "VariableSetStmt" && text(statement, "name") == "lock_timeout") {
    return lint::SetLockTimeout{};
  }
  if (type == "TransactionStmt") return transaction(statement);
  return lint::OtherStatement{};
}

std::vector<std::string> string_constants(const json& node) {
  std::vector<std::string> found;
  if (node.is_object()) {
    if (const auto constant = node.find("A_Const"); constant != node.end()) {
      const std::string value = text(child(*constant, "sval"), "sval");
      if (!value.empty()) found.push_back(value);
    }
  }
  if (node.is_structured()) {
    for (const json& item : node) {
      for (std::string& value : string_constants(item)) found.push_back(std::move(value));
    }
  }
  return found;
}

}  // namespace forge::dialect::postgres
