-- forge:up
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_day_idx ON orders (created_at);
