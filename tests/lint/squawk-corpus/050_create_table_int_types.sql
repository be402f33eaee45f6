-- forge:up
CREATE TABLE metrics (id serial PRIMARY KEY, n int, label varchar(40), at timestamp, code char(2));
