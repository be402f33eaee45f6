-- forge:up
DROP SCHEMA archive CASCADE;
