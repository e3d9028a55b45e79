# Sourced by the bench scripts: await_up LOG PID waits until `colshift up` (pid PID, output in LOG) prints its
# export line, then exports COLSHIFT_PLANNER_URL and COLSHIFT_API_TOKEN; if up exits first, prints LOG and exits 1.
await_up() {
  local log="$1" pid="$2"
  for _ in $(seq 1 300); do
    grep -q "export COLSHIFT_PLANNER_URL" "$log" && break
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 1
  done
  eval "$(grep -o 'export COLSHIFT_PLANNER_URL=.*' "$log")"
}
