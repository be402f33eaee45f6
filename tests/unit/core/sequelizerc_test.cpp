#include "core/sequelizerc.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace forge::core {
namespace {

using ::testing::Optional;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

const std::filesystem::path k_folder = "/work/app";

TEST(ReadSequelizercLiterally, ReadsTheFormSequelizesDocumentationShows) {
  const auto options = read_sequelizerc_literally(R"(// where sequelize-cli finds things
'use strict';
const path = require('path');

module.exports = {
  'config': path.resolve('config', 'database.json'),
  "migrations-path": path.resolve('db', 'migrate'),
  'seeders-path': path.join(__dirname, 'db/seeders'),
  'models-path': path.resolve(process.cwd(), 'models'),  /* not forge's */
  url: 'postgres://app@db/shop',
};
)",
                                                  k_folder);

  EXPECT_THAT(options,
              Optional(UnorderedElementsAre(Pair("config", "/work/app/config/database.json"),
                                            Pair("migrations-path", "/work/app/db/migrate"),
                                            Pair("seeders-path", "/work/app/db/seeders"),
                                            Pair("models-path", "/work/app/models"),
                                            Pair("url", "postgres://app@db/shop"))));
}

TEST(ReadSequelizercLiterally, ReadsAJsonObject) {
  EXPECT_THAT(read_sequelizerc_literally(R"({ "migrations-path": "db/migrations" })", k_folder),
              Optional(UnorderedElementsAre(Pair("migrations-path", "db/migrations"))));
}

TEST(ReadSequelizercLiterally, AnAbsolutePartRestartsAResolve) {
  EXPECT_THAT(read_sequelizerc_literally("module.exports = { config: path.resolve('a', '/etc/x') }",
                                         k_folder),
              Optional(UnorderedElementsAre(Pair("config", "/etc/x"))));
}

// Anything computed otherwise needs Node: the reader says it cannot tell, never guesses.
TEST(ReadSequelizercLiterally, LeavesEverythingElseToNode) {
  for (const char* text : {
           "module.exports = { 'migrations-path': process.env.MIGRATIONS }",
           "const dir = 'db';\nmodule.exports = { 'migrations-path': dir }",
           "module.exports = { 'migrations-path': `db/${x}` }",
           "module.exports = { 'migrations-path': path.resolve('db', 'm') + '/x' }",
           "module.exports = { 'migrations-path': 'a' }; console.log(1)",
           "module.exports = { 'migrations-path': 'a\\'b' }",
           "export default { }",
       }) {
    EXPECT_EQ(read_sequelizerc_literally(text, k_folder), std::nullopt) << text;
  }
}

}  // namespace
}  // namespace forge::core
