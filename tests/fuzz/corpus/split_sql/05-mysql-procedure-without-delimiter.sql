CREATE PROCEDURE count_orders(OUT total INT)
BEGIN
  DECLARE done INT DEFAULT 0;
  REPEAT
    SET done = done + 1;
  UNTIL done > 3 END REPEAT;
  my_loop: LOOP
    LEAVE my_loop;
  END LOOP my_loop;
  SELECT COUNT(*) INTO total FROM orders WHERE note = 'it\'s; fine';
END;
CREATE TABLE event (id INT, `end` INT);
