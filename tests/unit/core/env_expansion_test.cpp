#include "core/env_expansion.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "core/errors.hpp"

namespace forge::core {
namespace {

using ::testing::HasSubstr;

Getenv fake_environment(std::map<std::string, std::string> variables) {
  return [variables = std::move(variables)](const std::string& name) -> std::optional<std::string> {
    auto found = variables.find(name);
    if (found == variables.end()) return std::nullopt;
    return found->second;
  };
}

const Getenv k_env =
    fake_environment({{"DB_HOST", "db.internal"}, {"DB_PORT", "5432"}, {"EMPTY", ""}});

TEST(ExpandEnv, ReplacesVariables) {
  EXPECT_EQ(expand_env("postgres://${DB_HOST}:${DB_PORT}/app", k_env, "url"),
            "postgres://db.internal:5432/app");
}

TEST(ExpandEnv, LeavesTextWithoutVariablesAlone) {
  EXPECT_EQ(expand_env("sqlite:db/dev.sqlite3 $HOME {x}", k_env, "url"),
            "sqlite:db/dev.sqlite3 $HOME {x}");
}

TEST(ExpandEnv, UsesTheFallbackForAnUnsetOrEmptyVariable) {
  EXPECT_EQ(expand_env("${MISSING:-localhost}", k_env, "host"), "localhost");
  EXPECT_EQ(expand_env("${EMPTY:-fallback}", k_env, "host"), "fallback");
  EXPECT_EQ(expand_env("${DB_HOST:-unused}", k_env, "host"), "db.internal");
  EXPECT_EQ(expand_env("${MISSING:-}", k_env, "host"), "");
}

TEST(ExpandEnv, KeepsAnEmptyVariableWithoutFallback) {
  EXPECT_EQ(expand_env("[${EMPTY}]", k_env, "x"), "[]");
}

TEST(ExpandEnv, RefusesAnUnsetVariableNamingItAndTheKey) {
  try {
    expand_env("postgres://${DB_USER}@host/db", k_env,
               "forge.json (environment production, \"url\")");
    FAIL() << "expected a ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("DB_USER is not set"));
    EXPECT_THAT(e.what(), HasSubstr("environment production"));
  }
}

TEST(ExpandEnv, RefusesAnUnclosedVariable) {
  try {
    expand_env("postgres://${DB_HOST/db", k_env, "url");
    FAIL() << "expected a ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("without a closing"));
  }
}

TEST(ProcessEnvironment, ReadsTheRealEnvironment) {
  ::setenv("FORGE_UNIT_TEST_VARIABLE", "present", 1);
  ::unsetenv("FORGE_UNIT_TEST_UNSET");
  const Getenv getenv = process_environment();
  EXPECT_EQ(getenv("FORGE_UNIT_TEST_VARIABLE"), std::optional<std::string>("present"));
  EXPECT_EQ(getenv("FORGE_UNIT_TEST_UNSET"), std::nullopt);
}

}  // namespace
}  // namespace forge::core
