-- forge:up
ALTER TABLE orders ADD COLUMN discount_code VARCHAR(50);
-- Most orders have no code: index only the ones that do.
CREATE INDEX orders_discount_code_idx ON orders (discount_code) WHERE discount_code IS NOT NULL;

-- forge:down
DROP INDEX orders_discount_code_idx;
ALTER TABLE orders DROP COLUMN discount_code;
