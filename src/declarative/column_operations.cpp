// addColumn, removeColumn, renameColumn, changeColumn.
#include "declarative/column_reader.hpp"
#include "declarative/operation_readers.hpp"

namespace forge::declarative {

namespace {
std::vector<std::string_view> with_column_attributes(std::vector<std::string_view> options) {
  const auto& attributes = column_attributes();
  options.insert(options.end(), attributes.begin(), attributes.end());
  return options;
}
}  // namespace

Operation read_add_column(const DocumentNode& body, const SourceLocation& at) {
  const Fields fields(body, "addColumn", at,
                      with_column_attributes({"table", "column", "after", "first"}));
  AddColumn op;
  op.origin = fields.origin();
  op.table = fields.name("table");
  const std::string name = fields.name("column");
  op.column = read_column(fields, name, fields.required("column").location);
  op.after = fields.optional_name("after");
  op.first = fields.flag("first");
  if (op.after && fields.find("first")) {
    fail_at(op.origin.of("first"), "addColumn takes after or first, not both");
  }
  return op;
}

Operation read_remove_column(const DocumentNode& body, const SourceLocation& at) {
  const Fields fields(body, "removeColumn", at, {"table", "column"});
  return RemoveColumn{fields.origin(), fields.name("table"), fields.name("column")};
}

Operation read_rename_column(const DocumentNode& body, const SourceLocation& at) {
  const Fields fields(body, "renameColumn", at, {"table", "from", "to"});
  RenameColumn op{fields.origin(), fields.name("table"), fields.name("from"), fields.name("to")};
  if (op.from == op.to) fail_at(op.origin.of("to"), "renameColumn from and to are the same name");
  return op;
}

Operation read_change_column(const DocumentNode& body, const SourceLocation& at) {
  const Fields fields(body, "changeColumn", at, with_column_attributes({"table", "column"}));
  ChangeColumn op;
  op.origin = fields.origin();
  op.table = fields.name("table");
  const std::string name = fields.name("column");
  op.column = read_column(fields, name, fields.required("column").location);
  return op;
}

}  // namespace forge::declarative
