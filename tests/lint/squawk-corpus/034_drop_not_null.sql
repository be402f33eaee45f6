-- forge:up
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;
