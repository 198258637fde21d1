-- The one-round-trip append (see the package README): the writer plans the rows from the
-- log's tail and the streams' heads it last saw (hashes are computed by the writer), and
-- this function, under the append lock, inserts them only if the log is still as the
-- writer saw it, then notifies. It returns true when it inserted, false when the log had
-- moved (nothing written: the writer then reads under the lock and plans again), and null
-- when the transaction is not READ COMMITTED (its snapshot would predate the lock).
--   p_tail, p_tail_hash:            the log's last event as the writer saw it (null: empty)
--   p_streams, p_revisions, p_heads: each stream's head as seen (revision null: no events)
--   p_positions .. p_envelopes:     the rows, in position order
CREATE FUNCTION {{schema}}.append_if_unchanged(
  p_lock bigint, p_channel text, p_tail bigint, p_tail_hash text,
  p_streams text[], p_revisions integer[], p_heads text[],
  p_positions bigint[], p_row_streams text[], p_row_revisions integer[], p_hashes text[],
  p_recorded text[], p_envelopes text[])
RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RETURN NULL;
  END IF;
  PERFORM pg_advisory_xact_lock(p_lock);
  -- Each statement from here reads with a snapshot taken after the lock was granted.
  IF p_tail IS NULL THEN
    IF EXISTS (SELECT 1 FROM {{schema}}.events) THEN RETURN false; END IF;
  ELSIF NOT EXISTS (SELECT 1 FROM {{schema}}.events WHERE position = p_tail AND hash = p_tail_hash)
     OR EXISTS (SELECT 1 FROM {{schema}}.events WHERE position > p_tail) THEN
    RETURN false;
  END IF;
  FOR i IN 1 .. coalesce(array_length(p_streams, 1), 0) LOOP
    IF p_revisions[i] IS NULL THEN
      IF EXISTS (SELECT 1 FROM {{schema}}.events WHERE stream = p_streams[i]) THEN
        RETURN false;
      END IF;
    ELSIF NOT EXISTS (SELECT 1 FROM {{schema}}.events
                       WHERE stream = p_streams[i] AND revision = p_revisions[i] AND hash = p_heads[i])
       OR EXISTS (SELECT 1 FROM {{schema}}.events
                   WHERE stream = p_streams[i] AND revision > p_revisions[i]) THEN
      RETURN false;
    END IF;
  END LOOP;
  INSERT INTO {{schema}}.events (position, stream, revision, hash, recorded_at, envelope)
  SELECT r.position, r.stream, r.revision, r.hash, r.recorded_at, r.envelope::json
    FROM unnest(p_positions, p_row_streams, p_row_revisions, p_hashes, p_recorded, p_envelopes)
      AS r (position, stream, revision, hash, recorded_at, envelope);
  PERFORM pg_notify(p_channel, p_positions[array_upper(p_positions, 1)]::text);
  RETURN true;
END
$$;
