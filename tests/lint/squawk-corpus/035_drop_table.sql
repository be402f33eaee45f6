-- forge:up
DROP TABLE legacy_sessions;
