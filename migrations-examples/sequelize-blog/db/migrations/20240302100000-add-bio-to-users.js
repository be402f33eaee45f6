'use strict';
/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up (queryInterface, Sequelize) {
    // `after` places the column on MySQL/MariaDB; the other databases append it.
    await queryInterface.addColumn('Users', 'bio', { type: Sequelize.TEXT, after: 'name' });
  },
  async down (queryInterface, Sequelize) {
    await queryInterface.removeColumn('Users', 'bio');
  }
};
