-- forge:up
ALTER TABLE users ADD COLUMN score double precision DEFAULT random();
