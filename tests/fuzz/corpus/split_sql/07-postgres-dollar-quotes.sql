CREATE FUNCTION touch_updated_at() RETURNS trigger AS $$
BEGIN
  NEW.updated_at := now(); -- stamp it; always
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION greet(name text) RETURNS text AS $body$
  SELECT 'hello; ' || name || $q$ and $$ ; $q$;
$body$ LANGUAGE sql;

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'mood') THEN
    CREATE TYPE mood AS ENUM ('sad', 'ok');
  END IF;
END $$;

SELECT E'it\'s; escaped', 'plain\', $1;
