-- forge:up
BEGIN;
DROP INDEX CONCURRENTLY orders_total_idx;
COMMIT;
