-- forge:up
CREATE INDEX measurements_at_idx ON ONLY measurements (at);
