-- forge:up
SET lock_timeout = '5s';
SET statement_timeout = '30s';
ALTER TABLE users ADD COLUMN bio text;
CREATE INDEX CONCURRENTLY users_bio_idx ON users (bio);
