#!/usr/bin/env bash
# How long the verifier keeps a transaction open while it verifies a migration of a large table.
#
#   bench/verifier-transactions.sh            # 5,000,000 rows on the PostgreSQL at 127.0.0.1:5432 (user postgres)
#   ROWS=200000 bench/verifier-transactions.sh
#
# Creates the database colshift_bench (dropped first if it exists) and in it bench_users (id bigint PRIMARY KEY,
# plan_id int) with ROWS rows; starts the local stack on it (./colshift up: Kafka, planner, 2 workers, verifier);
# submits a derived NOT NULL column with an index ({"column":"plan_code","backfillExpression":"plan_id * 10",...}), so
# the verifier runs every check, the two chunked scans of the whole table included; samples pg_stat_activity every
# 0.1 s for the verifier's sessions (application_name colshift-verifier) and reports the longest transaction seen
# (a sample every 0.1 s plus psql's start-up: a transaction may have lasted longer than seen by up to the interval
# reported). Stops what it started by pid.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$home/bench/await-up.sh"
ROWS="${ROWS:-5000000}"
DB=colshift_bench
export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
run="$home/bench/target/run-$(date -u +%Y%m%dT%H%M%S)"
mkdir -p "$run"

psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
echo "bench: loading $ROWS rows into $DB.bench_users" >&2
load_started=$(date +%s.%N)
psql -q -d "$DB" <<SQL
CREATE TABLE bench_users (id bigint PRIMARY KEY, plan_id int NOT NULL);
INSERT INTO bench_users SELECT g, g % 7 FROM generate_series(1, $ROWS) g;
VACUUM ANALYZE bench_users;
SQL
echo "bench: loaded in $(echo "$(date +%s.%N) - $load_started" | bc) s" >&2

COLSHIFT_PG_URL="postgresql://postgres@127.0.0.1:5432/$DB" "$home/colshift" up > "$run/up.log" 2>&1 &
up_pid=$!
sampler_pid=
cleanup() {
  [ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null || true
  kill "$up_pid" 2>/dev/null || true   # up stops its services on SIGTERM
  wait "$up_pid" 2>/dev/null || true
}
trap cleanup EXIT
await_up "$run/up.log" "$up_pid"

# one line per sample: epoch seconds, longest open verifier transaction (s), verifier sessions in a transaction, and
# the statement that transaction runs or last ran (first 80 characters)
(
  while true; do
    psql -d "$DB" -AtF' ' -c "SELECT extract(epoch FROM clock_timestamp())::numeric(14,3),
        coalesce(max(extract(epoch FROM clock_timestamp() - xact_start)), 0)::numeric(10,3),
        count(xact_start),
        coalesce((SELECT regexp_replace(left(query, 80), '\s+', ' ', 'g') FROM pg_stat_activity
          WHERE application_name = 'colshift-verifier' AND xact_start IS NOT NULL ORDER BY xact_start LIMIT 1), '-')
      FROM pg_stat_activity WHERE application_name = 'colshift-verifier'" >> "$run/samples.txt" 2>/dev/null || true
    sleep 0.1
  done
) &
sampler_pid=$!

submitted=$(date +%s.%N)
id=$(curl -sf -X POST "$COLSHIFT_PLANNER_URL/migrations" -H "Authorization: Bearer $COLSHIFT_API_TOKEN" \
  -H 'Content-Type: application/json' \
  --data '{"table":"bench_users","column":"plan_code","type":"int","backfillExpression":"plan_id * 10",
           "nullable":false,"indexes":[{"keys":["plan_code"]}],
           "watchQueries":["SELECT id FROM bench_users WHERE id BETWEEN 1000 AND 1100"]}' \
  | grep -o '^{"id":"[^"]*"' | cut -d'"' -f4)
[ -n "$id" ] || { echo "bench: the planner did not accept the migration" >&2; exit 1; }
echo "bench: migration $id submitted" >&2
phase=
while true; do
  view=$(curl -sf "$COLSHIFT_PLANNER_URL/migrations/$id")
  phase=$(echo "$view" | grep -o '"phase":"[A-Z_]*"' | head -1 | cut -d'"' -f4)
  case "$phase" in COMPLETED|FAILED|ROLLED_BACK|CANCELLED) break ;; esac
  sleep 1
done
finished=$(date +%s.%N)
kill "$sampler_pid"; sampler_pid=

detail=$(psql -d "$DB" -At -c "SELECT detail FROM colshift.migrations WHERE id = '$id'")
# the verifier opens transactions only while it verifies, so every sample with one belongs to a verification
busy=$(awk '$3 > 0 { if (!f) f = $1; l = $1 } END { printf "%.1f", l - f }' "$run/samples.txt")
samples=$(awk '$3 > 0 { n++ } END { print n + 0 }' "$run/samples.txt")
interval=$(awk '{ if (p) { d += $1 - p; n++ } p = $1 } END { if (n) printf "%.2f", d / n; else print "-" }' "$run/samples.txt")
longest=$(awk '$2 > m { m = $2 } END { printf "%.3f", m }' "$run/samples.txt")
longest_sql=$(awk '$2 > m { m = $2; q = $0 } END { print q }' "$run/samples.txt" | cut -d' ' -f4-)
verifications=$(psql -d "$DB" -At -c "SELECT count(*) FROM colshift.audit_log WHERE migration_id = '$id'
    AND actor = 'verifier' AND action = 'verify'")
checks=$(psql -d "$DB" -At -c "SELECT string_agg(action || ' ' || outcome, ', ' ORDER BY id) FROM colshift.audit_log
    WHERE migration_id = '$id' AND actor = 'verifier' AND action LIKE 'verify:%'")

cat <<REPORT | tee "$run/report.txt"
rows                         $ROWS
migration                    $id: $phase ($detail)
submitted to finished        $(echo "$finished - $submitted" | bc) s
verifications                $verifications, the verifier in a transaction from first to last sample: $busy s
samples                      $samples with a verifier transaction open, one every $interval s
longest verifier transaction $longest s, running: $longest_sql
checks                       $checks
server                       $(psql -d "$DB" -At -c "SELECT version()")
sample file                  $run/samples.txt
REPORT
