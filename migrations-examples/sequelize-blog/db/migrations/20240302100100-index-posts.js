'use strict';
/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up (queryInterface, Sequelize) {
    await queryInterface.addIndex('Posts', ['createdAt', 'userId']);
    await queryInterface.addIndex('Posts', ['title'], { name: 'posts_title_unique', unique: true });
  },
  async down (queryInterface, Sequelize) {
    await queryInterface.removeIndex('Posts', 'posts_title_unique');
    await queryInterface.removeIndex('Posts', ['createdAt', 'userId']);
  }
};
