#!/usr/bin/env bash
# Planning a backfill's key ranges over a large table, and the planner's heap while it does.
#
#   bench/range-planning.sh                  # 100,000,000 keys in ranges of 10,000, on the PostgreSQL at 127.0.0.1:5432
#   KEYS=1000000 bench/range-planning.sh
#
# Loads bench_keys (id bigint PRIMARY KEY, v int; UNLOGGED, to load faster: the walk reads the index either way) with
# KEYS keys, starts the stack with no workers (./colshift up --workers 0: its planner runs with -Xmx256m like every
# service it starts), submits `grams int NOT NULL` filled with `v + 1` in ranges of BATCH keys, and waits until the
# planner's keyset walk has stored and published every range. No range is filled: the walk alone is measured.
# Reported: ranges, the walk's time (backfill start to the last range stored), and from the planner's /q/metrics
# sampled every 0.5 s, the most heap in use and the most old generation in use (what survives collections: retained
# memory, garbage mostly aside), at rest for 5 s before the migration and from its submission to the walk's end. Drops its own database at the end; stops what it started by pid.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$home/bench/await-up.sh"
KEYS="${KEYS:-100000000}"
BATCH="${BATCH:-10000}"
DB=colshift_bench_ranges
export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
run="$home/bench/target/run-ranges-$(date -u +%Y%m%dT%H%M%S)"
mkdir -p "$run"

up_pid=
sampler_pid=
stop() {
  for pid in "$sampler_pid" "$up_pid"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "$sampler_pid" "$up_pid"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
  sampler_pid= up_pid=
}
trap 'stop; psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB" || true' EXIT

psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
echo "bench: loading $KEYS keys" >&2
load_started=$(date +%s)
psql -q -d "$DB" <<SQL
SET maintenance_work_mem = '1GB';
CREATE UNLOGGED TABLE bench_keys (id bigint NOT NULL, v int NOT NULL);
INSERT INTO bench_keys SELECT g, g % 1000 FROM generate_series(1, $KEYS) g;
ALTER TABLE bench_keys ADD PRIMARY KEY (id);
VACUUM ANALYZE bench_keys;
SQL
echo "bench: loaded in $(( $(date +%s) - load_started )) s" >&2

COLSHIFT_PG_URL="postgresql://postgres@127.0.0.1:5432/$DB" "$home/colshift" up --workers 0 > "$run/up.log" 2>&1 &
up_pid=$!
await_up "$run/up.log" "$up_pid"

(
  while true; do
    metrics=$(curl -sf "$COLSHIFT_PLANNER_URL/q/metrics" || true)
    heap=$(awk '/^jvm_memory_used_bytes\{.*area="heap"/ { s += $NF } END { printf "%.0f", s }' <<< "$metrics")
    old=$(awk '/^jvm_memory_used_bytes\{.*id="(G1 Old Gen|Tenured Gen|PS Old Gen)"/ { s += $NF } END { printf "%.0f", s }' \
      <<< "$metrics")
    echo "$(date +%s.%N) ${heap:-0} ${old:-0}"
    sleep 0.5
  done
) > "$run/heap.txt" &
sampler_pid=$!
sleep 5 # the planner at rest, before the migration
submitted=$(date +%s.%N)

id=$(curl -sf -X POST "$COLSHIFT_PLANNER_URL/migrations" -H "Authorization: Bearer $COLSHIFT_API_TOKEN" \
  -H 'Content-Type: application/json' --data \
  '{"table":"bench_keys","column":"grams","type":"int","backfillExpression":"v + 1","nullable":false,"batchSize":'"$BATCH"'}' \
  | grep -o '^{"id":"[^"]*"' | cut -d'"' -f4)
[ -n "$id" ] || { echo "bench: the planner did not accept the migration" >&2; exit 1; }
echo "bench: migration $id" >&2
until [ "$(psql -d "$DB" -At -c "SELECT ranges_walked AND batches_published FROM colshift.migrations WHERE id = '$id'")" = t ]; do
  phase=$(psql -d "$DB" -At -c "SELECT phase FROM colshift.migrations WHERE id = '$id'")
  case "$phase" in FAILED|CANCELLED|ROLLED_BACK) echo "bench: the migration ended $phase" >&2; exit 1 ;; esac
  sleep 1
done
sleep 2 # one more heap sample after the walk
kill "$sampler_pid" 2>/dev/null || true
wait "$sampler_pid" 2>/dev/null || true
sampler_pid=

read -r ranges walk_s <<< "$(psql -d "$DB" -At -F ' ' -c "SELECT count(*),
    round(extract(epoch FROM max(r.planned_at) - min(m.backfill_started_at))::numeric, 1)
  FROM colshift.ranges r JOIN colshift.migrations m ON m.id = r.migration_id WHERE m.id = '$id'")"
mib() { echo "$1 / 1048576" | bc -l; }
# most heap in use and most old generation in use, at rest before the migration and while it was planned and walked
read -r rest_heap rest_old walk_heap walk_old <<< "$(awk -v t="$submitted" '
  $1 <  t { if ($2 > rh) rh = $2; if ($3 > ro) ro = $3 }
  $1 >= t { if ($2 > wh) wh = $2; if ($3 > wo) wo = $3 }
  END { print rh + 0, ro + 0, wh + 0, wo + 0 }' "$run/heap.txt")"
printf 'keys\trange_keys\tranges\twalk_s\tranges_per_s\theap_max_rest_mib\theap_max_walk_mib\told_gen_max_rest_mib\told_gen_max_walk_mib\tplanner_xmx\n' \
  > "$run/results.tsv"
printf '%s\t%s\t%s\t%s\t%.0f\t%.1f\t%.1f\t%.1f\t%.1f\t256m\n' "$KEYS" "$BATCH" "$ranges" "$walk_s" \
  "$(echo "$ranges / $walk_s" | bc -l)" "$(mib "$rest_heap")" "$(mib "$walk_heap")" "$(mib "$rest_old")" \
  "$(mib "$walk_old")" >> "$run/results.tsv"
column -t -s $'\t' "$run/results.tsv"
