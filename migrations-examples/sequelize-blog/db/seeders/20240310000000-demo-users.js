'use strict';
/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up (queryInterface, Sequelize) {
    const now = new Date();
    await queryInterface.bulkInsert('Users', [
      { email: 'ada@example.com', fullName: 'Ada Lovelace', isAdmin: true, createdAt: now, updatedAt: now },
      { email: 'alan@example.com', fullName: 'Alan Turing', isAdmin: false, createdAt: now, updatedAt: now }
    ], {});
  },
  async down (queryInterface, Sequelize) {
    await queryInterface.bulkDelete('Users', { email: ['ada@example.com', 'alan@example.com'] }, {});
  }
};
