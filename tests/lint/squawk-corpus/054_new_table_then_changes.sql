-- forge:up
CREATE TABLE coupons (id bigint PRIMARY KEY, code text);
CREATE INDEX coupons_code_idx ON coupons (code);
ALTER TABLE coupons ADD CONSTRAINT coupons_code_key UNIQUE (code);
ALTER TABLE coupons ADD COLUMN user_id bigint NOT NULL;
