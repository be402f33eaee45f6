INSERT INTO notes (body) VALUES ('it''s; not -- a comment');
/* a block; comment
   over two lines */
INSERT INTO "odd;""table" VALUES ('/* not a comment */');
SELECT [weird;name] FROM t; -- trailing; comment
