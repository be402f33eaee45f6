-- forge:up
ALTER TABLE events ADD COLUMN seq bigserial;
