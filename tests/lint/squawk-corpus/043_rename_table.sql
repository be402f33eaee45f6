-- forge:up
ALTER TABLE users RENAME TO accounts;
