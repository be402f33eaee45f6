#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "declarative/document.hpp"
#include "declarative/value.hpp"

namespace forge::declarative {

// Readers for single values. `what` names the value in messages ("allowNull of addColumn"); each
// throws MigrationFileError at the value when it has the wrong shape, saying what was expected.

/// Non-empty text: a table, column, index or constraint name.
std::string read_name(const DocumentNode& node, std::string_view what);
/// A non-empty list of names, none twice.
std::vector<std::string> read_names(const DocumentNode& node, std::string_view what);
/// `true` or `false` (any case).
bool read_flag(const DocumentNode& node, std::string_view what);
/// A whole number of 1 or more.
int read_count(const DocumentNode& node, std::string_view what);
/// A literal: null, true/false, an integer, a decimal, or text (quoted scalars are always text).
Value read_value(const DocumentNode& node, std::string_view what);
/// read_value into `value`, reusing its storage (a large unit's rows, a million values).
void read_value_into(const DocumentNode& node, std::string_view what, Value& value);
/// A literal as read_value reads it, or a map of one key: `{fn: NOW}` (NOW or
/// CURRENT_TIMESTAMP, any case) or `{literal: "SQL text"}`. For defaults and bulkInsert values.
Value read_value_or_expression(const DocumentNode& node, std::string_view what);
/// Throws unless `node` is a map.
void expect_map(const DocumentNode& node, std::string_view what);
/// Throws unless `node` is a non-empty list.
void expect_list(const DocumentNode& node, std::string_view what);

}  // namespace forge::declarative
