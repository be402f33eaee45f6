-- forge:up
TRUNCATE users CASCADE;
