package dev.colshift.schemas;

import java.util.List;

/**
 * The {@code colshift} schema in the target database, shared by all services: the migration ledger, the step ledger,
 * the batch ledger (beside the data, so a range's UPDATE and its record commit together), the audit log, and the
 * planner's outbox (events written in the same transaction as the ledger change they announce, relayed to Kafka). The
 * planner creates it; workers write batches; the verifier only reads. Changes are additive, like the events.
 */
public final class LedgerTables {
    private LedgerTables() {}

    public static final List<String> DDL = List.of(
            "SELECT pg_advisory_xact_lock(hashtext('colshift.ledger-schema'))",
            "CREATE SCHEMA IF NOT EXISTS colshift",
            """
            CREATE TABLE IF NOT EXISTS colshift.migrations (
              id text PRIMARY KEY,
              spec jsonb NOT NULL,
              plan jsonb NOT NULL,
              table_schema text NOT NULL,
              table_name text NOT NULL,
              column_name text NOT NULL,
              key_column text NOT NULL,
              backfill_sql text,
              batch_size integer NOT NULL,
              phase text NOT NULL,
              requested_by text NOT NULL,
              range_lower bigint,
              range_upper bigint,
              batches_total bigint,
              batches_published boolean NOT NULL DEFAULT false,
              rows_estimate bigint,
              created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
              updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
              backfill_started_at timestamptz,
              backfill_finished_at timestamptz,
              verify_requested_at timestamptz,
              finished_at timestamptz,
              detail text,
              verification jsonb)""",
            """
            CREATE TABLE IF NOT EXISTS colshift.steps (
              migration_id text NOT NULL REFERENCES colshift.migrations(id),
              step_id text NOT NULL,
              attempts integer NOT NULL,
              lock_timeouts integer NOT NULL DEFAULT 0,
              completed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
              PRIMARY KEY (migration_id, step_id))""",
            """
            CREATE TABLE IF NOT EXISTS colshift.batches (
              migration_id text NOT NULL,
              range_id bigint NOT NULL,
              lower_bound bigint NOT NULL,
              upper_bound bigint NOT NULL,
              rows_updated bigint NOT NULL,
              worker_id text NOT NULL,
              attempt integer NOT NULL,
              duration_ms bigint NOT NULL,
              completed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
              PRIMARY KEY (migration_id, range_id))""",
            """
            CREATE TABLE IF NOT EXISTS colshift.audit_log (
              id bigserial PRIMARY KEY,
              migration_id text NOT NULL,
              occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
              actor text NOT NULL,
              action text NOT NULL,
              outcome text NOT NULL,
              sql text,
              detail text)""",
            """
            CREATE TABLE IF NOT EXISTS colshift.outbox (
              id bigserial PRIMARY KEY,
              topic text NOT NULL,
              message_key text NOT NULL,
              payload text NOT NULL,
              created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
              published_at timestamptz)""",
            "CREATE INDEX IF NOT EXISTS outbox_unpublished ON colshift.outbox (id) WHERE published_at IS NULL",
            // a metadata-only change needs no key, so a table without one can take it
            "ALTER TABLE colshift.migrations ALTER COLUMN key_column DROP NOT NULL",
            // the request a migration came from (colshift.migration-requests): a redelivered request is a no-op
            "ALTER TABLE colshift.migrations ADD COLUMN IF NOT EXISTS request_id text",
            "CREATE UNIQUE INDEX IF NOT EXISTS migrations_request ON colshift.migrations (request_id, column_name)"
                    + " WHERE request_id IS NOT NULL",
            // control: what the operator wants (RUN, PAUSE, CANCEL, ROLLBACK), beside where the migration is
            "ALTER TABLE colshift.migrations ADD COLUMN IF NOT EXISTS desired text NOT NULL DEFAULT 'RUN'",
            "ALTER TABLE colshift.migrations ADD COLUMN IF NOT EXISTS paused_from text",
            "ALTER TABLE colshift.migrations ADD COLUMN IF NOT EXISTS paused_at timestamptz",
            "ALTER TABLE colshift.migrations ADD COLUMN IF NOT EXISTS waiting_for text",
            "ALTER TABLE colshift.migrations ADD COLUMN IF NOT EXISTS failure text",
            // the transaction that backfilled the range: a row whose xmin is still this xid was last written by the
            // backfill, so the verifier can tell it from rows the application wrote
            "ALTER TABLE colshift.batches ADD COLUMN IF NOT EXISTS backfill_xid xid8",
            // the event that announced the audit row on colshift.audit, so the topic and the table can be matched
            "ALTER TABLE colshift.audit_log ADD COLUMN IF NOT EXISTS event_id text",
            "CREATE UNIQUE INDEX IF NOT EXISTS audit_log_event ON colshift.audit_log (event_id)"
                    + " WHERE event_id IS NOT NULL",
            // ranges a worker gave up on (the dead letter's batch and reason), held for the operator's redrive
            """
            CREATE TABLE IF NOT EXISTS colshift.dead_ranges (
              migration_id text NOT NULL,
              range_id bigint NOT NULL,
              batch text NOT NULL,
              reason text NOT NULL,
              dead_at timestamptz NOT NULL DEFAULT clock_timestamp(),
              redriven_at timestamptz,
              redrives integer NOT NULL DEFAULT 0,
              PRIMARY KEY (migration_id, range_id))""",
            // why each worker holds back now (its oldest throttle reason), refreshed while it lasts, gone when it ends
            """
            CREATE TABLE IF NOT EXISTS colshift.worker_throttle (
              worker_id text PRIMARY KEY,
              migration_id text,
              kind text NOT NULL,
              reason text NOT NULL,
              since timestamptz NOT NULL,
              seen_at timestamptz NOT NULL DEFAULT clock_timestamp())""",
            // the migration's trace (W3C traceparent of its span): every message sent for it later carries a child of
            // it
            "ALTER TABLE colshift.migrations ADD COLUMN IF NOT EXISTS traceparent text",
            // the range size an adaptive walk uses now (null: the plan's batch size)
            "ALTER TABLE colshift.migrations ADD COLUMN IF NOT EXISTS walk_batch_size integer",
            // keyset ranges over any key: the key's columns and types, its minimum and maximum captured at backfill
            // start (text, one value per column), the statement for the last range (upper bound included), whether
            // the walk is complete, and how far the stored ranges have been published since the backfill (re)started
            "ALTER TABLE colshift.migrations ADD COLUMN IF NOT EXISTS key_columns jsonb",
            "ALTER TABLE colshift.migrations ADD COLUMN IF NOT EXISTS key_min text[]",
            "ALTER TABLE colshift.migrations ADD COLUMN IF NOT EXISTS key_max text[]",
            "ALTER TABLE colshift.migrations ADD COLUMN IF NOT EXISTS backfill_last_sql text",
            "ALTER TABLE colshift.migrations ADD COLUMN IF NOT EXISTS ranges_walked boolean NOT NULL DEFAULT false",
            "ALTER TABLE colshift.migrations ADD COLUMN IF NOT EXISTS ranges_published_below bigint NOT NULL DEFAULT 0",
            // the ranges a keyset walk found, written as the walk goes: a restarted planner carries on from the last
            // one, and a worker runs only a range stored here; a range is done when colshift.batches has it
            """
            CREATE TABLE IF NOT EXISTS colshift.ranges (
              migration_id text NOT NULL,
              range_id bigint NOT NULL,
              lower_key text[] NOT NULL,
              upper_key text[] NOT NULL,
              upper_inclusive boolean NOT NULL,
              planned_at timestamptz NOT NULL DEFAULT clock_timestamp(),
              PRIMARY KEY (migration_id, range_id))""",
            // a keyset range is recorded by its text bounds; integer bounds only for version-1 ranges
            "ALTER TABLE colshift.batches ALTER COLUMN lower_bound DROP NOT NULL",
            "ALTER TABLE colshift.batches ALTER COLUMN upper_bound DROP NOT NULL",
            "ALTER TABLE colshift.batches ADD COLUMN IF NOT EXISTS lower_key text[]",
            "ALTER TABLE colshift.batches ADD COLUMN IF NOT EXISTS upper_key text[]",
            // a range that ran into statement_timeout is filled in pieces, each its own transaction, recorded here
            // (the piece's bounds, rows and transaction id); the transaction of the final piece also records the range
            // in colshift.batches, with the rows of all its pieces
            """
            CREATE TABLE IF NOT EXISTS colshift.range_pieces (
              migration_id text NOT NULL,
              range_id bigint NOT NULL,
              piece_id integer NOT NULL,
              lower_key text[] NOT NULL,
              upper_key text[] NOT NULL,
              final boolean NOT NULL,
              rows_updated bigint NOT NULL,
              worker_id text NOT NULL,
              backfill_xid xid8 NOT NULL,
              completed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
              PRIMARY KEY (migration_id, range_id, piece_id))""",
            // append-only: a row once written is never changed or removed (the owner can still disable the trigger)
            """
            CREATE OR REPLACE FUNCTION colshift.audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $f$
            BEGIN
              RAISE EXCEPTION 'colshift.audit_log is append-only: % refused', TG_OP
                USING ERRCODE = 'insufficient_privilege';
            END $f$""",
            // created only when missing: no lock on the table at every start once it exists
            """
            DO $d$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'colshift.audit_log'::regclass
                             AND tgname = 'audit_log_append_only') THEN
                CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON colshift.audit_log
                  FOR EACH ROW EXECUTE FUNCTION colshift.audit_log_append_only();
              END IF;
              IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'colshift.audit_log'::regclass
                             AND tgname = 'audit_log_no_truncate') THEN
                CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON colshift.audit_log
                  FOR EACH STATEMENT EXECUTE FUNCTION colshift.audit_log_append_only();
              END IF;
            END $d$""");
}
