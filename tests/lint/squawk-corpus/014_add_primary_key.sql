-- forge:up
ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY (id);
