-- forge:up
ALTER TABLE users ADD COLUMN visits bigint DEFAULT 0;
