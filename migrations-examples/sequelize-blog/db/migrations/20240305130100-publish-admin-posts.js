'use strict';
/** @type {import('sequelize-cli').Migration} */
module.exports = {
  // A data migration: reads the admins, then publishes their posts.
  async up (queryInterface, Sequelize) {
    const admins = await queryInterface.sequelize.query(
      `SELECT id FROM ${queryInterface.quoteIdentifier('Users')} WHERE ${queryInterface.quoteIdentifier('isAdmin')} = :yes`,
      { replacements: { yes: true }, type: Sequelize.QueryTypes.SELECT }
    );
    if (admins.length === 0) return;
    await queryInterface.bulkUpdate('Posts', { published: true }, { userId: admins.map((a) => a.id) });
  },
  async down (queryInterface, Sequelize) {
    // Publishing is not undone: the posts keep their state.
  }
};
