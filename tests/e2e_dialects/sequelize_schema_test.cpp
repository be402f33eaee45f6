// The same operations through forge and through sequelize leave the same schema: a declarative
// unit migrated by forge into one database, and the SQL sequelize emits for the same
// queryInterface calls run by hand into another, then both compared through the catalogs
// (CatalogProbe::schema). The peer's SQL is sequelize's, not forge's expected output.
#include <fstream>

#include "dialect_test.hpp"
#include "test_database.hpp"

namespace forge::e2e {
namespace {

using ::testing::StartsWith;

// The twin of the sequelize calls below. seen_at ({fn: NOW}) only on the servers: SQLite has no
// NOW(), and sequelize's `DEFAULT NOW()` is a syntax error there.
std::string forge_unit(const std::string& dialect) {
  std::string unit = R"yaml(up:
  - createTable:
      table: owners
      columns:
        id: { type: INTEGER, primaryKey: true, autoIncrement: true }
        email: { type: STRING, allowNull: false, unique: true }
        createdAt: { type: DATE, allowNull: false }
        updatedAt: { type: DATE, allowNull: false }
  - createTable:
      table: items
      columns:
        id: { type: BIGINT, primaryKey: true, autoIncrement: true }
        name: { type: STRING(50), allowNull: false, defaultValue: x }
        body: TEXT
        code: CHAR(8)
        flag: { type: BOOLEAN, allowNull: false, defaultValue: false }
        qty: SMALLINT
        ratio: FLOAT
        score: DOUBLE
        price: 'DECIMAL(10,2)'
        touched_at: { type: DATE, defaultValue: { literal: CURRENT_TIMESTAMP } }
        day: DATEONLY
        at: TIME
        uid: UUID
        doc: JSON
        data: BLOB
        state: { type: ENUM, values: [new, done], allowNull: false, defaultValue: new, comment: where it is }
        owner_id: { type: INTEGER, references: { table: owners, column: id }, onDelete: CASCADE }
  - addColumn:
      table: items
      column: buyer_id
      type: INTEGER
      references: { table: owners, column: id }
      onDelete: SET NULL
)yaml";
  if (dialect != "sqlite") {
    unit +=
        R"yaml(  - addColumn: { table: items, column: seen_at, type: DATE, allowNull: false, defaultValue: { fn: NOW } }
)yaml";
  }
  return unit +
         R"yaml(  - addIndex: { table: items, name: items_name_day, fields: [name, day], unique: true }
  - addIndex: { table: items, name: items_qty, fields: [qty] }
  - bulkInsert:
      table: owners
      rows: [{ email: "a@x", createdAt: { fn: NOW }, updatedAt: { fn: NOW } }]
)yaml";
}

// What sequelize 6.37.8's queryInterface emitted (captured with its QueryGenerator, one
// statement each) for:
//   createTable('owners', { id: { INTEGER, primaryKey, autoIncrement, allowNull: false },
//     email: { STRING, allowNull: false, unique: true }, createdAt/updatedAt: { DATE,
//     allowNull: false } })
//   createTable('items', { id: { BIGINT, primaryKey, autoIncrement }, name: { STRING(50),
//     allowNull: false, defaultValue: 'x' }, body: TEXT, code: CHAR(8), flag: { BOOLEAN,
//     allowNull: false, defaultValue: false }, qty: SMALLINT, ratio: FLOAT, score: DOUBLE,
//     price: DECIMAL(10, 2), touched_at: { DATE, defaultValue: literal('CURRENT_TIMESTAMP') },
//     day: DATEONLY, at: TIME, uid: UUID, doc: JSON, data: BLOB, state: { ENUM('new', 'done'),
//     allowNull: false, defaultValue: 'new', comment: 'where it is' }, owner_id: { INTEGER,
//     references: { model: 'owners', key: 'id' }, onDelete: 'CASCADE' } })
//   addColumn('items', 'buyer_id', { INTEGER, references: owners.id, onDelete: 'SET NULL' })
//   addColumn('items', 'seen_at', { DATE, allowNull: false, defaultValue: fn('NOW') })  (servers)
//   addIndex('items', ['name', 'day'], { unique: true, name: 'items_name_day' })
//   addIndex('items', ['qty'])
//   bulkInsert('owners', [{ email: 'a@x', createdAt: fn('NOW'), updatedAt: fn('NOW') }])
//     (SQLite: new Date(), as NOW() does not exist there)
std::vector<std::string> sequelize_sql(const std::string& dialect) {
  if (dialect == "sqlite") {
    return {
        "CREATE TABLE IF NOT EXISTS `owners` (`id` INTEGER PRIMARY KEY AUTOINCREMENT, `email` "
        "VARCHAR(255) NOT NULL UNIQUE, `createdAt` DATETIME NOT NULL, `updatedAt` DATETIME NOT "
        "NULL);",
        "CREATE TABLE IF NOT EXISTS `items` (`id` INTEGER PRIMARY KEY AUTOINCREMENT, `name` "
        "VARCHAR(50) NOT NULL DEFAULT 'x', `body` TEXT, `code` CHAR(8), `flag` TINYINT(1) NOT "
        "NULL DEFAULT 0, `qty` SMALLINT, `ratio` FLOAT, `score` DOUBLE PRECISION, `price` "
        "DECIMAL(10,2), `touched_at` DATETIME DEFAULT CURRENT_TIMESTAMP, `day` DATE, `at` TIME, "
        "`uid` UUID, `doc` JSON, `data` BLOB, `state` TEXT NOT NULL DEFAULT 'new', `owner_id` "
        "INTEGER REFERENCES `owners` (`id`) ON DELETE CASCADE);",
        "ALTER TABLE `items` ADD `buyer_id` INTEGER REFERENCES `owners` (`id`) ON DELETE SET "
        "NULL;",
        "CREATE UNIQUE INDEX `items_name_day` ON `items` (`name`, `day`)",
        "CREATE INDEX `items_qty` ON `items` (`qty`)",
        "INSERT INTO `owners` (`email`,`createdAt`,`updatedAt`) VALUES ('a@x','2026-12-04 "
        "00:43:50.472 +00:00','2026-12-04 00:43:50.472 +00:00');"};
  }
  if (dialect == "postgres") {
    return {
        "CREATE TABLE IF NOT EXISTS \"owners\" (\"id\"   SERIAL , \"email\" VARCHAR(255) NOT NULL "
        "UNIQUE, \"createdAt\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updatedAt\" TIMESTAMP WITH "
        "TIME ZONE NOT NULL, PRIMARY KEY (\"id\"));",
        "DO 'BEGIN CREATE TYPE \"public\".\"enum_items_state\" AS ENUM(''new'', ''done''); "
        "EXCEPTION WHEN duplicate_object THEN null; END';",
        "CREATE TABLE IF NOT EXISTS \"items\" (\"id\"  BIGSERIAL , \"name\" VARCHAR(50) NOT NULL "
        "DEFAULT 'x', \"body\" TEXT, \"code\" CHAR(8), \"flag\" BOOLEAN NOT NULL DEFAULT false, "
        "\"qty\" SMALLINT, \"ratio\" FLOAT, \"score\" DOUBLE PRECISION, \"price\" DECIMAL(10,2), "
        "\"touched_at\" TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP, \"day\" DATE, \"at\" "
        "TIME, \"uid\" UUID, \"doc\" JSON, \"data\" BYTEA, \"state\" "
        "\"public\".\"enum_items_state\" "
        "NOT NULL DEFAULT 'new' , \"owner_id\" INTEGER REFERENCES \"owners\" (\"id\") ON DELETE "
        "CASCADE, PRIMARY KEY (\"id\"));",
        "COMMENT ON COLUMN \"items\".\"state\" IS 'where it is';",
        "ALTER TABLE \"public\".\"items\" ADD COLUMN \"buyer_id\" INTEGER REFERENCES \"owners\" "
        "(\"id\") ON DELETE SET NULL;",
        "ALTER TABLE \"public\".\"items\" ADD COLUMN \"seen_at\" TIMESTAMP WITH TIME ZONE NOT "
        "NULL DEFAULT NOW();",
        "CREATE UNIQUE INDEX \"items_name_day\" ON \"items\" (\"name\", \"day\")",
        "CREATE INDEX \"items_qty\" ON \"items\" (\"qty\")",
        "INSERT INTO \"owners\" (\"email\",\"createdAt\",\"updatedAt\") VALUES "
        "('a@x',NOW(),NOW());"};
  }
  return {
      "CREATE TABLE IF NOT EXISTS `owners` (`id` INTEGER NOT NULL auto_increment , `email` "
      "VARCHAR(255) NOT NULL UNIQUE, `createdAt` DATETIME NOT NULL, `updatedAt` DATETIME NOT "
      "NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB;",
      "CREATE TABLE IF NOT EXISTS `items` (`id` BIGINT auto_increment , `name` VARCHAR(50) NOT "
      "NULL DEFAULT 'x', `body` TEXT, `code` CHAR(8), `flag` TINYINT(1) NOT NULL DEFAULT false, "
      "`qty` SMALLINT, `ratio` FLOAT, `score` DOUBLE PRECISION, `price` DECIMAL(10,2), "
      "`touched_at` DATETIME DEFAULT CURRENT_TIMESTAMP, `day` DATE, `at` TIME, `uid` CHAR(36) "
      "BINARY, `doc` JSON, `data` BLOB, `state` ENUM('new', 'done') NOT NULL DEFAULT 'new' "
      "COMMENT 'where it is', `owner_id` INTEGER, PRIMARY KEY (`id`), FOREIGN KEY (`owner_id`) "
      "REFERENCES `owners` (`id`) ON DELETE CASCADE) ENGINE=InnoDB;",
      "ALTER TABLE `items` ADD `buyer_id` INTEGER, ADD CONSTRAINT `items_buyer_id_foreign_idx` "
      "FOREIGN KEY (`buyer_id`) REFERENCES `owners` (`id`) ON DELETE SET NULL;",
      "ALTER TABLE `items` ADD `seen_at` DATETIME NOT NULL DEFAULT NOW();",
      "ALTER TABLE `items` ADD UNIQUE INDEX `items_name_day` (`name`, `day`)",
      "ALTER TABLE `items` ADD INDEX `items_qty` (`qty`)",
      "INSERT INTO `owners` (`email`,`createdAt`,`updatedAt`) VALUES ('a@x',NOW(),NOW());"};
}

// The twin of the sequelize calls below, on the tables the first units made.
const char* k_forge_change_unit = R"yaml(up:
  - changeColumn: { table: items, column: name, type: STRING(100), defaultValue: y }
  - changeColumn: { table: items, column: flag, type: BOOLEAN, allowNull: false, defaultValue: true }
  - renameColumn: { table: items, from: code, to: sku }
  - removeColumn: { table: items, column: body }
  - addConstraint: { table: items, type: unique, name: items_sku_uk, fields: [sku] }
  - addConstraint: { table: items, type: check, name: items_qty_check, where: { qty: { gte: 0 } } }
  - removeIndex: { table: items, name: items_qty }
down: []
)yaml";

// What sequelize 6.37.8 emitted for (servers only: its SQLite changeColumn reads the live table):
//   changeColumn('items', 'name', { STRING(100), allowNull: true, defaultValue: 'y' })
//   changeColumn('items', 'flag', { BOOLEAN, allowNull: false, defaultValue: true })
//   renameColumn('items', 'code', 'sku'); removeColumn('items', 'body')
//   addConstraint('items', { fields: ['sku'], type: 'unique', name: 'items_sku_uk' })
//   addConstraint('items', { fields: ['qty'], type: 'check', where: { qty: { [Op.gte]: 0 } },
//     name: 'items_qty_check' })
//   removeIndex('items', 'items_qty')
std::vector<std::string> sequelize_change_sql(const std::string& dialect) {
  if (dialect == "postgres") {
    return {
        "ALTER TABLE \"items\" ALTER COLUMN \"name\" DROP NOT NULL;ALTER TABLE \"items\" ALTER "
        "COLUMN \"name\" SET DEFAULT 'y';ALTER TABLE \"items\" ALTER COLUMN \"name\" TYPE "
        "VARCHAR(100);",
        "ALTER TABLE \"items\" ALTER COLUMN \"flag\" SET NOT NULL;ALTER TABLE \"items\" ALTER "
        "COLUMN \"flag\" SET DEFAULT true;ALTER TABLE \"items\" ALTER COLUMN \"flag\" TYPE "
        "BOOLEAN;",
        "ALTER TABLE \"items\" RENAME COLUMN \"code\" TO \"sku\";",
        "ALTER TABLE \"public\".\"items\" DROP COLUMN \"body\";",
        "ALTER TABLE \"items\" ADD CONSTRAINT \"items_sku_uk\" UNIQUE (\"sku\");",
        "ALTER TABLE \"items\" ADD CONSTRAINT \"items_qty_check\" CHECK (\"qty\" >= 0);",
        "DROP INDEX IF EXISTS \"items_qty\""};
  }
  return {"ALTER TABLE `items` CHANGE `name` `name` VARCHAR(100) DEFAULT 'y';",
          "ALTER TABLE `items` CHANGE `flag` `flag` TINYINT(1) NOT NULL DEFAULT true;",
          "ALTER TABLE `items` CHANGE `code` `sku` CHAR(8);",
          "ALTER TABLE `items` DROP `body`;",
          "ALTER TABLE `items` ADD CONSTRAINT `items_sku_uk` UNIQUE (`sku`);",
          "ALTER TABLE `items` ADD CONSTRAINT `items_qty_check` CHECK (`qty` >= 0);",
          "DROP INDEX `items_qty` ON `items`"};
}

class SequelizeSchema : public DialectTest {
 protected:
  /// Migrates forge's `unit` into this test's database and runs `peer_sql` in `peer`'s.
  void build_twins(const std::string& name, const std::string& unit,
                   const std::vector<std::string>& peer_sql) {
    project.write("migrations/" + name + ".yaml", unit);
    const auto migrated = forge_db({"db:migrate"});
    ASSERT_EQ(migrated.exit_code, 0) << migrated;
    for (const std::string& statement : peer_sql) CatalogProbe(m_peer.url()).execute(statement);
  }
  void SetUp() override {
    DialectTest::SetUp();
    // The probe opens an SQLite file without creating it, as the sqlite3 shell would not.
    if (dialect() == "sqlite") std::ofstream(m_peer.url().substr(std::string("sqlite:").size()));
  }
  CatalogProbe peer() const { return CatalogProbe(m_peer.url()); }

 private:
  forge::testing::TestDatabase m_peer{GetParam()};
};

TEST_P(SequelizeSchema, ForgeBuildsTheCatalogSequelizeBuildsForTheSameOperations) {
  build_twins("20240101000000-sequelize-twin", forge_unit(dialect()), sequelize_sql(dialect()));

  const std::vector<std::string> forge_schema = db().schema();
  EXPECT_GT(forge_schema.size(), 20u);  // the comparison below is of something
  EXPECT_EQ(forge_schema, peer().schema());
}

class SequelizeServerSchema : public SequelizeSchema {};

TEST_P(SequelizeServerSchema, ChangesRenamesRemovalsAndConstraintsKeepTheCatalogsEqual) {
  build_twins("20240101000000-sequelize-twin", forge_unit(dialect()), sequelize_sql(dialect()));
  const std::vector<std::string> before = db().schema();
  build_twins("20240101000001-sequelize-change", k_forge_change_unit,
              sequelize_change_sql(dialect()));

  const std::vector<std::string> forge_schema = db().schema();
  EXPECT_NE(forge_schema, before);  // the second units changed something
  EXPECT_EQ(forge_schema, peer().schema());
}

// {fn: NOW} in a row is the database's current time, never the text 'NOW' (which SQLite stored
// and MariaDB refused).
TEST_P(SequelizeSchema, ANowFunctionInARowStoresTheCurrentTime) {
  project.write("migrations/20240101000000-sequelize-twin.yaml", forge_unit(dialect()));
  const auto migrated = forge_db({"db:migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << migrated;
  const std::string quote = dialect() == "postgres" ? "\"" : "`";
  const std::string created = db().scalar("SELECT " + quote + "createdAt" + quote + " FROM owners");
  EXPECT_THAT(created, StartsWith("20")) << created;
}

INSTANTIATE_TEST_SUITE_P(AllDialects, SequelizeSchema, k_all_dialects, dialect_name);
INSTANTIATE_TEST_SUITE_P(Servers, SequelizeServerSchema, k_server_dialects, dialect_name);

}  // namespace
}  // namespace forge::e2e
