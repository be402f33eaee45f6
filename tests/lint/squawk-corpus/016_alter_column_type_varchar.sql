-- forge:up
ALTER TABLE users ALTER COLUMN name TYPE varchar(200);
