-- forge:up
ALTER TABLE users ALTER COLUMN plan SET DEFAULT 'pro';
