-- forge:up
TRUNCATE audit_log;
