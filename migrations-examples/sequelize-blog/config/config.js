// development: a SQLite file; test and production: the database DATABASE_URL names.
module.exports = {
  development: {
    dialect: 'sqlite',
    storage: 'db/development.sqlite3',
    seederStorage: 'sequelize',
  },
  test: {
    use_env_variable: 'DATABASE_URL',
    seederStorage: 'sequelize',
  },
  production: {
    use_env_variable: 'DATABASE_URL',
    seederStorage: 'sequelize',
  },
};
