-- The log is append-only: a trigger refuses UPDATE and DELETE on the events table, so
-- an application bug cannot rewrite history (a superuser can still drop the trigger;
-- `assure verify` is what proves a log intact).
CREATE FUNCTION {{schema}}.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the Assure event log is append-only: % refused', TG_OP
    USING ERRCODE = 'P0001';
END
$$;
CREATE TRIGGER events_append_only
  BEFORE UPDATE OR DELETE ON {{schema}}.events
  FOR EACH ROW EXECUTE FUNCTION {{schema}}.refuse_change();
