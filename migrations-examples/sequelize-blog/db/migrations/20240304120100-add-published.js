'use strict';
/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up (queryInterface, Sequelize) {
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addColumn('Posts', 'published', {
        type: Sequelize.BOOLEAN,
        allowNull: false,
        defaultValue: false
      }, { transaction });
      await queryInterface.addIndex('Posts', ['published'], { transaction });
    });
  },
  async down (queryInterface, Sequelize) {
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.removeIndex('Posts', ['published'], { transaction });
      await queryInterface.removeColumn('Posts', 'published', { transaction });
    });
  }
};
