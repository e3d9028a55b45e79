#!/usr/bin/env bash
# The backfill under a fixed application load, colshift against the ways it replaces, in one sitting.
#
#   bench/backfill.sh                               # 5,000,000 rows, 400 tps, on the PostgreSQL at 127.0.0.1:5432
#   ROWS=500000 TPS=200 VARIANTS="loop colshift-2" bench/backfill.sh
#
# Each variant gets a fresh copy of the same table (bench_orders: id bigint PRIMARY KEY, customer int, amount int)
# and adds the same column, `tier int NOT NULL` filled with `customer % 10 + 1`, while pgbench updates random rows by
# key at a fixed rate (-R $TPS, 4 clients, one single-row UPDATE per transaction, every transaction's latency logged).
# Variants (VARIANTS, default all, in this order):
#   update       one UPDATE of every row, then NOT NULL through a validated CHECK
#   loop         the server-side loop: a DO block updating 10,000 keys and COMMITting per batch, then the same
#   client-1000  a client loop: one psql session, autocommit, 1,000 keys per UPDATE, then the same
#   colshift-N   colshift with N workers (./colshift up --workers N), 10,000 keys a range, until COMPLETED (verified)
#   adaptive-T   colshift with 2 workers and colshift.planner.target-batch-time=T (e.g. adaptive-100ms), no batchSize
#   pipelined-N  colshift with N workers, each filling two ranges at once (colshift.worker.ranges-in-flight=2: two
#                Kafka consumers of the batch channel), so a worker's next range starts while one finishes
# Reported per variant (bench/target/run-*/results.tsv, and printed): wall time from the first statement to NOT NULL
# enforced (colshift: from submission to COMPLETED, verified; to NOT NULL enforced, submission to SET NOT NULL committed
# by the ledger; and its backfill alone from the ledger), rows/s over that wall
# time, the application's transactions in that window with p50/p99/max latency, and the longest lock wait of an
# application session seen (pg_stat_activity sampled every 0.1 s). Ratios against `loop` are printed at the end.
# Stops what it started by pid.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$home/bench/await-up.sh"
ROWS="${ROWS:-5000000}"
TPS="${TPS:-400}"
VARIANTS="${VARIANTS:-update loop client-1000 colshift-1 colshift-2 colshift-4 pipelined-2 adaptive-50ms adaptive-200ms}"
DB=colshift_bench_backfill
export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
run="$home/bench/target/run-backfill-$(date -u +%Y%m%dT%H%M%S)"
mkdir -p "$run"
results="$run/results.tsv"
printf 'variant\twall_s\trows_per_s\tnot_null_s\tbackfill_s\tapp_tx\tapp_p50_ms\tapp_p99_ms\tapp_max_ms\tlongest_lock_wait_ms\n' \
  > "$results"

pgbench_pid=
sampler_pid=
up_pid=
stop() {
  for pid in "$sampler_pid" "$pgbench_pid" "$up_pid"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "$sampler_pid" "$pgbench_pid" "$up_pid"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
  sampler_pid= pgbench_pid= up_pid=
}
trap stop EXIT

now() { date +%s.%N; }

psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
echo "bench: loading $ROWS rows" >&2
psql -q -d "$DB" <<SQL
CREATE TABLE bench_template (id bigint PRIMARY KEY, customer int NOT NULL, amount int NOT NULL);
INSERT INTO bench_template SELECT g, g % 1000, 0 FROM generate_series(1, $ROWS) g;
SQL

fresh_table() {
  psql -q -d "$DB" <<SQL
DROP TABLE IF EXISTS bench_orders;
CREATE TABLE bench_orders (id bigint PRIMARY KEY, customer int NOT NULL, amount int NOT NULL);
INSERT INTO bench_orders SELECT * FROM bench_template;
VACUUM ANALYZE bench_orders;
CHECKPOINT;
SQL
}

# the application: TPS single-row updates by key, every transaction's latency logged (pgbench -l, in $1)
start_application() {
  local dir="$1"
  mkdir -p "$dir"
  cat > "$dir/app.sql" <<SQL
\\set id random(1, $ROWS)
UPDATE bench_orders SET amount = amount + 1 WHERE id = :id;
SQL
  (cd "$dir" && exec pgbench -n -c 4 -j 2 -R "$TPS" -T 3600 -l -f app.sql "$DB" > pgbench.out 2>&1) &
  pgbench_pid=$!
  (
    while true; do
      psql -d "$DB" -At -c "SELECT extract(epoch FROM clock_timestamp())::numeric(14,3),
          coalesce(max(extract(epoch FROM clock_timestamp() - state_change) * 1000), 0)::bigint
        FROM pg_stat_activity WHERE application_name = 'pgbench' AND wait_event_type = 'Lock'" \
        >> "$dir/lockwaits.txt" 2>/dev/null || true
      sleep 0.1
    done
  ) &
  sampler_pid=$!
  sleep 3 # let the load settle before the variant starts
}

# the application's transactions between $2 and $3 (epoch seconds): count, p50, p99, max latency in ms
application_figures() {
  local dir="$1" from="$2" to="$3"
  cat "$dir"/pgbench_log.* 2>/dev/null | awk -v from="$from" -v to="$to" '
    { t = $5 + $6 / 1e6; if (t >= from && t <= to) print $3 / 1000.0 }' | sort -n > "$dir/latencies.txt"
  local n
  n=$(wc -l < "$dir/latencies.txt")
  if [ "$n" -eq 0 ]; then echo "0 - - -"; return; fi
  local p50 p99 max
  p50=$(awk -v n="$n" 'NR == int((n - 1) * 0.50) + 1 { print; exit }' "$dir/latencies.txt")
  p99=$(awk -v n="$n" 'NR == int((n - 1) * 0.99) + 1 { print; exit }' "$dir/latencies.txt")
  max=$(tail -1 "$dir/latencies.txt")
  printf '%s %.1f %.1f %.1f\n' "$n" "$p50" "$p99" "$max"
}

longest_lock_wait() {
  local dir="$1" from="$2" to="$3"
  awk -v from="$from" -v to="$to" -F'|' '$1 >= from && $1 <= to && $2 > m { m = $2 } END { print m + 0 }' \
    "$dir/lockwaits.txt"
}

not_null_sql="ALTER TABLE bench_orders ADD CONSTRAINT tier_not_null CHECK (tier IS NOT NULL) NOT VALID;
ALTER TABLE bench_orders VALIDATE CONSTRAINT tier_not_null;
ALTER TABLE bench_orders ALTER COLUMN tier SET NOT NULL;
ALTER TABLE bench_orders DROP CONSTRAINT tier_not_null;"

by_hand() {
  local variant="$1"
  case "$variant" in
    update)
      psql -q -d "$DB" -v ON_ERROR_STOP=1 <<SQL
SET lock_timeout = '200ms';
ALTER TABLE bench_orders ADD COLUMN tier int;
UPDATE bench_orders SET tier = customer % 10 + 1;
$not_null_sql
SQL
      ;;
    loop)
      psql -q -d "$DB" -v ON_ERROR_STOP=1 <<SQL
SET lock_timeout = '200ms';
ALTER TABLE bench_orders ADD COLUMN tier int;
DO \$\$
DECLARE lo bigint := 1; hi bigint := (SELECT max(id) FROM bench_orders);
BEGIN
  WHILE lo <= hi LOOP
    UPDATE bench_orders SET tier = customer % 10 + 1 WHERE id >= lo AND id < lo + 10000 AND tier IS NULL;
    COMMIT;
    lo := lo + 10000;
  END LOOP;
END
\$\$;
$not_null_sql
SQL
      ;;
    client-1000)
      {
        echo "SET lock_timeout = '200ms';"
        echo "ALTER TABLE bench_orders ADD COLUMN tier int;"
        awk -v rows="$ROWS" 'BEGIN { for (lo = 1; lo <= rows; lo += 1000)
          printf "UPDATE bench_orders SET tier = customer %% 10 + 1 WHERE id >= %d AND id < %d AND tier IS NULL;\n", lo, lo + 1000 }'
        echo "$not_null_sql"
      } > "$run/client-1000.sql"
      psql -q -d "$DB" -v ON_ERROR_STOP=1 -f "$run/client-1000.sql"
      ;;
  esac
}

with_colshift() {
  local variant="$1" workers=2 target="" concurrency="" spec
  case "$variant" in
    colshift-*) workers="${variant#colshift-}" ;;
    adaptive-*) target="${variant#adaptive-}" ;;
    pipelined-*) workers="${variant#pipelined-}" concurrency=2 ;;
  esac
  if [ "${variant%%-*}" = adaptive ]; then
    spec='{"table":"bench_orders","column":"tier","type":"int","backfillExpression":"customer % 10 + 1","nullable":false}'
  else
    spec='{"table":"bench_orders","column":"tier","type":"int","backfillExpression":"customer % 10 + 1","nullable":false,"batchSize":10000}'
  fi
  # the services inherit up's environment; an empty target leaves the planner's default (off)
  env ${target:+COLSHIFT_PLANNER_TARGET_BATCH_TIME=$target} ${concurrency:+COLSHIFT_WORKER_RANGES_IN_FLIGHT=$concurrency} COLSHIFT_PG_URL="postgresql://postgres@127.0.0.1:5432/$DB" \
    "$home/colshift" up --workers "$workers" > "$run/$variant-up.log" 2>&1 &
  up_pid=$!
  await_up "$run/$variant-up.log" "$up_pid"
  start_application "$run/$variant"
  started=$(now)
  id=$(curl -sf -X POST "$COLSHIFT_PLANNER_URL/migrations" -H "Authorization: Bearer $COLSHIFT_API_TOKEN" \
    -H 'Content-Type: application/json' --data "$spec" | grep -o '^{"id":"[^"]*"' | cut -d'"' -f4)
  [ -n "$id" ] || { echo "bench: the planner did not accept the migration" >&2; exit 1; }
  while true; do
    phase=$(curl -sf "$COLSHIFT_PLANNER_URL/migrations/$id" | grep -o '"phase":"[A-Z_]*"' | head -1 | cut -d'"' -f4)
    case "$phase" in COMPLETED|FAILED|ROLLED_BACK|CANCELLED) break ;; esac
    sleep 0.2
  done
  finished=$(now)
  [ "$phase" = COMPLETED ] || { echo "bench: $variant ended $phase" >&2; exit 1; }
  backfill=$(psql -d "$DB" -At -c "SELECT round(extract(epoch FROM backfill_finished_at - backfill_started_at), 1)
    FROM colshift.migrations WHERE id = '$id'")
  # submission to SET NOT NULL committed (what the loops' wall time measures), by the ledger's clock on this host
  not_null_at=$(psql -d "$DB" -At -c "SELECT extract(epoch FROM completed_at) FROM colshift.steps
    WHERE migration_id = '$id' AND step_id LIKE 'set_not_null:%'")
  not_null=$(printf '%.1f' "$(echo "$not_null_at - $started" | bc)")
}

for variant in $VARIANTS; do
  echo "bench: $variant" >&2
  fresh_table
  backfill=-
  not_null=
  case "$variant" in
    colshift-*|adaptive-*|pipelined-*) with_colshift "$variant" ;;
    *)
      start_application "$run/$variant"
      started=$(now)
      by_hand "$variant"
      finished=$(now)
      ;;
  esac
  sleep 2 # pgbench's buffered log lines of the window reach the file before it is stopped
  kill "$pgbench_pid" "$sampler_pid" 2>/dev/null || true
  wait "$pgbench_pid" "$sampler_pid" 2>/dev/null || true
  pgbench_pid= sampler_pid=
  if [ -n "$up_pid" ]; then
    kill "$up_pid" 2>/dev/null || true   # up stops its services on SIGTERM
    wait "$up_pid" 2>/dev/null || true
    up_pid=
  fi
  left=$(psql -d "$DB" -At -c "SELECT count(*) FROM bench_orders WHERE tier IS DISTINCT FROM customer % 10 + 1")
  [ "$left" = 0 ] || { echo "bench: $variant left $left rows wrong" >&2; exit 1; }
  wall=$(echo "$finished - $started" | bc)
  read -r tx p50 p99 max <<< "$(application_figures "$run/$variant" "$started" "$finished")"
  lock=$(longest_lock_wait "$run/$variant" "$started" "$finished")
  printf '%s\t%.1f\t%.0f\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$variant" "$wall" "$(echo "$ROWS / $wall" | bc -l)" \
    "${not_null:-$(printf '%.1f' "$wall")}" "$backfill" "$tx" "$p50" "$p99" "$max" "$lock" >> "$results"
  tail -1 "$results" >&2
done

echo
column -t -s $'\t' "$results"
loop_wall=$(awk -F'\t' '$1 == "loop" { print $2 }' "$results")
if [ -n "$loop_wall" ]; then
  echo
  echo "rows/s against the server-side loop (loop wall time / variant wall time):"
  awk -F'\t' -v base="$loop_wall" 'NR > 1 { printf "  %-16s %.2fx\n", $1, base / $2 }' "$results"
  echo "the same to NOT NULL enforced (colshift: without its verification):"
  awk -F'\t' -v base="$loop_wall" 'NR > 1 { printf "  %-16s %.2fx\n", $1, base / $4 }' "$results"
fi
psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB"
