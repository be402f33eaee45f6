CREATE TABLE event (id INTEGER PRIMARY KEY, "end" INTEGER, status TEXT);

CREATE TRIGGER event_status AFTER UPDATE ON event
FOR EACH ROW
BEGIN
  UPDATE event
     SET status = CASE
                    WHEN NEW."end" IS NULL THEN 'open'
                    ELSE 'closed'
                  END
   WHERE id = NEW.id;
  SELECT CASE WHEN NEW.id < 0 THEN RAISE(ABORT, 'bad id; refused') END;
END;

INSERT INTO event (id) VALUES (1);
