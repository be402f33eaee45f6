-- forge:up
ALTER TABLE users ADD COLUMN plan text DEFAULT 'free';
