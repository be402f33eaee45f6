-- forge:up
ALTER TABLE orders ADD COLUMN discount_code VARCHAR(50) NULL AFTER status;
-- MySQL has no partial indexes; NULLs are cheap in a secondary index anyway.
CREATE INDEX orders_discount_code_idx ON orders (discount_code);

-- forge:down
DROP INDEX orders_discount_code_idx ON orders;
ALTER TABLE orders DROP COLUMN discount_code;
