-- Users and their sessions.
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE
);

CREATE INDEX users_email ON users (email); CREATE TABLE sessions (user_id INTEGER);

-- a comment-only statement is dropped;
;
INSERT INTO users (email) VALUES ('a@example.com')
