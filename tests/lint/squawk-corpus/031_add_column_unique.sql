-- forge:up
ALTER TABLE users ADD COLUMN handle text UNIQUE;
