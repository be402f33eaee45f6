-- forge:up
BEGIN;
CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);
COMMIT;
