-- forge:up
CREATE TABLE order_items (
  id               BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id         BIGINT NOT NULL,
  product_id       BIGINT NOT NULL,
  quantity         INT NOT NULL CHECK (quantity >= 1),
  -- the price when the order was placed, so later price changes leave old orders alone
  unit_price_cents INT NOT NULL CHECK (unit_price_cents >= 0),
  created_at       TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at       TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  INDEX order_items_order_id_idx (order_id),
  INDEX order_items_product_id_idx (product_id),
  CONSTRAINT order_items_order_id_fk FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
  CONSTRAINT order_items_product_id_fk FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE RESTRICT
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- forge:down
DROP TABLE order_items;
