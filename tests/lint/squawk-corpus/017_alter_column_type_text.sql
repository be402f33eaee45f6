-- forge:up
ALTER TABLE users ALTER COLUMN name TYPE text;
