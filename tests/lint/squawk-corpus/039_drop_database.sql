-- forge:up
DROP DATABASE old_reports;
