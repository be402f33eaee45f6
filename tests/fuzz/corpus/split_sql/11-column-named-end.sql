CREATE TABLE spans (id INTEGER PRIMARY KEY, start INTEGER, end INTEGER);
CREATE TRIGGER spans_close AFTER INSERT ON spans
WHEN NEW.end IS NULL
BEGIN
  UPDATE spans SET end = NEW.start + 1 WHERE id = NEW.id;
  UPDATE spans SET start = CASE WHEN end < start THEN end ELSE start END WHERE id = NEW.id;
END;
SELECT start, end FROM spans ORDER BY end;
