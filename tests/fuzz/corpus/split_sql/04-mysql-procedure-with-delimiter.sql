DROP PROCEDURE IF EXISTS restock;
DELIMITER $$
CREATE DEFINER=`admin`@`%` PROCEDURE restock(IN wanted INT)
BEGIN
  DECLARE i INT DEFAULT 0;
  IF wanted > 0 THEN
    WHILE i < wanted DO
      UPDATE products SET stock = stock + 1 WHERE id = i; # one at a time; slowly
      SET i = i + 1;
    END WHILE;
  ELSE
    SELECT 'nothing to do; done';
  END IF;
  BEGIN
    SELECT CASE WHEN i > 0 THEN 'some' ELSE 'none' END;
  END;
END$$
DELIMITER ;
CALL restock(3);
