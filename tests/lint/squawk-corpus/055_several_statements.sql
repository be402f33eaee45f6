-- forge:up
ALTER TABLE users ADD COLUMN referrer_id bigint;

CREATE INDEX users_referrer_idx
  ON users (referrer_id);

ALTER TABLE users
  ADD CONSTRAINT users_referrer_fk FOREIGN KEY (referrer_id) REFERENCES users (id);
ALTER TABLE users ALTER COLUMN referrer_id SET NOT NULL;
DROP TABLE referrals;
