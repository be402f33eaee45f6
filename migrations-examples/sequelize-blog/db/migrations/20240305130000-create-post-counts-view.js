'use strict';
/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up (queryInterface, Sequelize) {
    const q = (name) => queryInterface.quoteIdentifier(name);
    await queryInterface.sequelize.query(
      `CREATE VIEW ${q('PostCounts')} AS SELECT ${q('userId')}, COUNT(*) AS ${q('posts')} ` +
      `FROM ${q('Posts')} GROUP BY ${q('userId')}`
    );
  },
  async down (queryInterface, Sequelize) {
    await queryInterface.sequelize.query(`DROP VIEW ${queryInterface.quoteIdentifier('PostCounts')}`);
  }
};
