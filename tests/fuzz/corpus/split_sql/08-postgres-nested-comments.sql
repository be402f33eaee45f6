/* outer
   /* inner; still a comment */
   and still; the outer comment
*/
CREATE TABLE t (id int);
/* one */ /* two */ ;
CREATE INDEX t_id ON t (id) /* trailing */;
