#pragma once
#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "core/errors.hpp"
#include "declarative/loader.hpp"

namespace forge::declarative::testing {

/// The file name every test unit is loaded as.
inline const std::string k_file = "20240315102344-change.yaml";

/// Loads `text` as k_file.
inline DeclarativeUnit load(const std::string& text) { return load_declarative(text, k_file); }

/// The message of the MigrationFileError that loading `text` throws; "(no error)" if none.
inline std::string error_of(const std::string& text) {
  try {
    load(text);
  } catch (const MigrationFileError& e) {
    return e.what();
  }
  return "(no error)";
}

/// The up list's only operation, as a T (std::get throws when it is another operation).
template <typename T>
T only_up(const std::string& text) {
  const DeclarativeUnit unit = load(text);
  EXPECT_EQ(unit.up.size(), 1u);
  return std::get<T>(unit.up.at(0));
}

/// `file:line:column: ` as the loader's messages begin.
inline std::string at(int line, int column) {
  return k_file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
}

}  // namespace forge::declarative::testing
