'use strict';
/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up (queryInterface, Sequelize) {
    const users = await queryInterface.sequelize.query(
      `SELECT id, email FROM ${queryInterface.quoteIdentifier('Users')} ORDER BY id`,
      { type: Sequelize.QueryTypes.SELECT }
    );
    const now = new Date();
    await queryInterface.bulkInsert('Posts', users.map((user) => ({
      title: `Hello from ${user.email}`,
      body: "It's a first post.",
      userId: user.id,
      published: false,
      createdAt: now,
      updatedAt: now
    })), {});
  },
  async down (queryInterface, Sequelize) {
    await queryInterface.bulkDelete('Posts', null, {});
  }
};
