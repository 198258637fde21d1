-- The read models as SQL tables (docs/read-models-sql.md). Every table but `checkpoint` and
-- `trail` is derived "as at" the day of the write (the checkpoint's `as_at`); `row` is the
-- row exactly as the matching `assure <view> --json` document gives it, `ord` its place.

CREATE TABLE {{schema}}.checkpoint (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  position bigint NOT NULL,
  hash text NOT NULL,
  as_at date NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE {{schema}}.tracker (
  id text PRIMARY KEY,
  ord integer NOT NULL,
  area_id text NOT NULL,
  source text NOT NULL,
  classification text NOT NULL,
  status text NOT NULL,
  original_due_on date NOT NULL,
  due_on date NOT NULL,
  overdue boolean NOT NULL,
  late boolean NOT NULL,
  owner text,
  row jsonb NOT NULL
);

CREATE TABLE {{schema}}.risks (
  id text PRIMARY KEY,
  ord integer NOT NULL,
  area_id text,
  title text NOT NULL,
  owner text NOT NULL,
  status text NOT NULL,
  current_score integer NOT NULL,
  current_band text NOT NULL,
  target_score integer NOT NULL,
  target_band text NOT NULL,
  next_review_on date NOT NULL,
  review_overdue boolean NOT NULL,
  row jsonb NOT NULL
);

CREATE TABLE {{schema}}.areas (
  programme_id text NOT NULL,
  id text NOT NULL,
  ord integer NOT NULL,
  title text NOT NULL,
  retired boolean NOT NULL,
  rag text NOT NULL,
  row jsonb NOT NULL,
  PRIMARY KEY (programme_id, id)
);

CREATE TABLE {{schema}}.advisers (
  id text PRIMARY KEY,
  ord integer NOT NULL,
  programme_id text NOT NULL,
  name text NOT NULL,
  status text NOT NULL,
  row jsonb NOT NULL
);

CREATE TABLE {{schema}}.meetings (
  programme_id text NOT NULL,
  body_id text NOT NULL,
  meeting_id text NOT NULL,
  ord integer NOT NULL,
  body_kind text NOT NULL,
  body_name text NOT NULL,
  body_dissolved boolean NOT NULL,
  held_on date NOT NULL,
  position bigint NOT NULL,
  PRIMARY KEY (programme_id, body_id, meeting_id)
);

CREATE TABLE {{schema}}.trail (
  position bigint PRIMARY KEY,
  recorded_at timestamptz NOT NULL,
  occurred_at text NOT NULL,
  actor text NOT NULL,
  role text NOT NULL,
  stream text NOT NULL,
  type text NOT NULL,
  summary text NOT NULL,
  reason text,
  evidence jsonb NOT NULL,
  hash text NOT NULL
);
CREATE INDEX trail_occurred_at ON {{schema}}.trail (occurred_at);
