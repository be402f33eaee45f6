-- forge:up
ALTER TABLE users DROP COLUMN IF EXISTS legacy_flag;
