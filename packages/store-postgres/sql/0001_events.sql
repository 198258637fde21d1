-- The global log. One row per event; `envelope` holds the normative envelope exactly as
-- written (json keeps the text, so key order and numbers read back as they were hashed).
-- `position` is assigned under the append lock (see the package README): positions are
-- contiguous from 0 and commit in order.
CREATE TABLE {{schema}}.events (
  position    bigint  PRIMARY KEY CHECK (position >= 0),
  stream      text    NOT NULL,
  revision    integer NOT NULL CHECK (revision >= 0),
  hash        text    NOT NULL,
  recorded_at text    NOT NULL,
  envelope    json    NOT NULL,
  -- The concurrency backstop: two events can never share a stream revision, whatever
  -- writes to this table.
  CONSTRAINT events_stream_revision UNIQUE (stream, revision)
);
