-- forge:up
DROP TABLE IF EXISTS legacy_sessions, legacy_tokens;
