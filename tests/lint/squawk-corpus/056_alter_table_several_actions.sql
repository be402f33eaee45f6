-- forge:up
ALTER TABLE orders
  ADD COLUMN note text,
  ADD COLUMN placed_at timestamptz NOT NULL,
  ALTER COLUMN status TYPE varchar(40),
  ADD CONSTRAINT orders_note_len CHECK (length(note) < 500);
