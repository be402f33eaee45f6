-- forge:up
CREATE TABLE order_items (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id         INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  product_id       INTEGER NOT NULL REFERENCES products (id) ON DELETE RESTRICT,
  quantity         INTEGER NOT NULL CHECK (quantity >= 1),
  -- the price when the order was placed, so later price changes leave old orders alone
  unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
  created_at       TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at       TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX order_items_order_id_idx ON order_items (order_id);
CREATE INDEX order_items_product_id_idx ON order_items (product_id);

-- forge:down
DROP TABLE order_items;
