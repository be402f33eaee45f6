#include "declarative/column_reader.hpp"

#include "declarative/column_checks.hpp"
#include "declarative/scalars.hpp"
#include "util/strings.hpp"

namespace forge::declarative {

namespace {

// `type: {postgres: INET, mysql: VARCHAR(45), sqlite: TEXT}`: each database's own type.
TypeSpec read_native_type(const Fields& fields, const DocumentNode& type) {
  if (fields.find("values")) {
    fail_at(fields.find("values")->location, "values belongs to type: ENUM only");
  }
  std::vector<NativeSpelling> spellings;
  for (const MapEntry& entry : type.entries) {
    if (entry.value.kind != DocumentNode::Kind::scalar) {
      fail_at(entry.value.location,
              "the " + entry.key + " type must be a type name, not " + describe(entry.value));
    }
    spellings.push_back(NativeSpelling{entry.key, entry.value.text});
  }
  return native_type(std::move(spellings), type.location);
}

TypeSpec read_type(const Fields& fields) {
  const DocumentNode& type = fields.required("type");
  if (type.kind == DocumentNode::Kind::map) return read_native_type(fields, type);
  if (type.kind != DocumentNode::Kind::scalar) {
    fail_at(type.location,
            fields.describe_key("type") +
                " must be a type like STRING(50) or one per database like {postgres: INET, "
                "sqlite: TEXT}, not " +
                describe(type));
  }
  std::vector<std::string> values;
  if (const DocumentNode* list = fields.find("values")) {
    if (util::to_lower(util::trim(type.text)) != "enum") {
      fail_at(list->location, "values belongs to type: ENUM only; this column is " + type.text);
    }
    expect_list(*list, fields.describe_key("values"));
    for (const DocumentNode& item : list->items) {
      if (item.kind != DocumentNode::Kind::scalar) {
        fail_at(item.location, "each ENUM value must be text, not " + describe(item));
      }
      values.push_back(item.text);
    }
  }
  return parse_type(type.text, type.location, values);
}

std::optional<DefaultValue> read_default(const Fields& fields, const TypeSpec& type) {
  const DocumentNode* node = fields.find("defaultValue");
  if (!node) return std::nullopt;
  const bool temporal = type.kind == TypeKind::date_time || type.kind == TypeKind::date_only ||
                        type.kind == TypeKind::time;
  if (temporal && node->kind == DocumentNode::Kind::scalar && util::to_lower(node->text) == "now") {
    return DefaultValue{Now{}};
  }
  return DefaultValue{read_value_or_expression(*node, fields.describe_key("defaultValue"))};
}

ColumnReference read_reference(const DocumentNode& node, const std::string& column) {
  const Fields fields(node, "references of column '" + column + "'", node.location,
                      {"table", "column"});
  return ColumnReference{fields.name("table"), fields.name("column"), node.location};
}

void read_foreign_key(const Fields& fields, ColumnSpec& column) {
  if (const DocumentNode* node = fields.find("references")) {
    column.references = read_reference(*node, column.name);
  }
  if (const DocumentNode* node = fields.find("onDelete")) {
    column.on_delete = read_action(*node, fields.describe_key("onDelete"));
  }
  if (const DocumentNode* node = fields.find("onUpdate")) {
    column.on_update = read_action(*node, fields.describe_key("onUpdate"));
  }
}

}  // namespace

const std::vector<std::string_view>& column_attributes() {
  static const std::vector<std::string_view> attributes{
      "type",   "values",     "allowNull", "defaultValue", "primaryKey", "autoIncrement",
      "unique", "references", "onDelete",  "onUpdate",     "comment"};
  return attributes;
}

ColumnSpec read_column(const Fields& fields, std::string name, SourceLocation name_location) {
  ColumnSpec column;
  column.origin = fields.origin();
  column.origin.location = std::move(name_location);
  column.name = std::move(name);
  column.type = read_type(fields);
  column.primary_key = fields.flag("primaryKey");
  column.allow_null = fields.flag("allowNull", !column.primary_key);
  column.default_value = read_default(fields, column.type);
  column.auto_increment = fields.flag("autoIncrement");
  column.unique = fields.flag("unique");
  read_foreign_key(fields, column);
  if (const DocumentNode* node = fields.find("comment")) {
    if (node->kind != DocumentNode::Kind::scalar) {
      fail_at(node->location,
              fields.describe_key("comment") + " must be text, not " + describe(*node));
    }
    column.comment = node->text;
  }
  check_column(column);
  return column;
}

ColumnSpec read_column_entry(const MapEntry& entry, std::string_view table) {
  const std::string owner = "column '" + entry.key + "' of " + std::string(table);
  if (entry.value.kind == DocumentNode::Kind::scalar) {
    DocumentNode shorthand;
    shorthand.kind = DocumentNode::Kind::map;
    shorthand.location = entry.value.location;
    shorthand.entries.push_back(MapEntry{"type", entry.value.location, entry.value});
    return read_column(Fields(shorthand, owner, entry.key_location, column_attributes()), entry.key,
                       entry.key_location);
  }
  const Fields fields(entry.value, owner, entry.key_location, column_attributes());
  return read_column(fields, entry.key, entry.key_location);
}

ReferentialAction read_action(const DocumentNode& node, std::string_view what) {
  const std::string text =
      node.kind == DocumentNode::Kind::scalar ? util::to_lower(util::trim(node.text)) : "";
  if (text == "cascade") return ReferentialAction::cascade;
  if (text == "set null") return ReferentialAction::set_null;
  if (text == "set default") return ReferentialAction::set_default;
  if (text == "restrict") return ReferentialAction::restrict;
  if (text == "no action") return ReferentialAction::no_action;
  fail_at(node.location, std::string(what) +
                             " must be CASCADE, SET NULL, SET DEFAULT, RESTRICT or "
                             "NO ACTION, not " +
                             describe(node));
}

}  // namespace forge::declarative
