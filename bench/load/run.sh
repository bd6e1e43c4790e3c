#!/usr/bin/env bash
# Load test: gunicorn serving the portal on PostgreSQL, driven by locust, on this machine only
# (127.0.0.1), for a fixed time. Writes bench/results/load-<projects>-postgresql-<users>-users.md.
#
#   bash bench/load/run.sh                 # 50 users for 60 s against the ngo_bench database
#   USERS=10 DURATION=20 bash bench/load/run.sh
#
# Needs the load extras (pip install -e ".[load]") and a database filled by the search
# benchmark (python -m bench.search --size 100000).
set -euo pipefail
cd "$(dirname "$0")/../.."

DB=${LOAD_DB:-ngo_bench}
USERS=${USERS:-50}
DURATION=${DURATION:-60}
# An unmeasured run with the same mix first, so that the measured one sees the site in its
# steady state (popular searches cached), not its first minute after a restart. 0: none.
WARMUP=${WARMUP:-30}
PORT=${PORT:-8100}
# Sync workers, one request each, one per core: a page is CPU-bound Python, so a worker more
# than there are cores only shares a core with another, and an idle worker takes the next
# connection. Measured at 50 users (project page p95): 2 workers 93-120 ms, 3 workers
# 110-120 ms, 5 workers 130 ms. Threaded (gthread) workers keep each visitor's keep-alive
# connection, so bursts piled up in one worker's threads (one core, one GIL) while others
# idled: one worker served 976 requests of a run, another 503; project p95 130-280 ms.
# WORKERS and THREADS (gthread when > 1) change the setup.
WORKERS=${WORKERS:-$(nproc)}
THREADS=${THREADS:-1}
PSQL=(psql -h 127.0.0.1 -U postgres -d "$DB" -Atq)

export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB"
SECRET_KEY=$(openssl rand -hex 32)
export SECRET_KEY ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 LOG_LEVEL=WARNING
# The workers share one cache (figures, search summaries), as in production; a key prefix of
# this run's own, so nothing cached by an earlier run is read.
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/0} CACHE_KEY_PREFIX="load-$$-$(date +%s)"

projects=$("${PSQL[@]}" -c "select count(*) from projects_project where status = 'published'")
echo "== $projects published projects in $DB"

work=$(mktemp -d)
export LOAD_SLUGS="$work/slugs" LOAD_ORGANIZATIONS="$work/organizations"
export LOAD_FUNDERS="$work/funders" LOAD_YEARS="$work/years"
"${PSQL[@]}" -c "select slug from projects_project where status = 'published'
                 order by md5(slug) limit 2000" >"$LOAD_SLUGS"
"${PSQL[@]}" -c "select slug from organizations_organization order by md5(slug) limit 500" \
  >"$LOAD_ORGANIZATIONS"
"${PSQL[@]}" -c "select distinct o.slug from organizations_organization o
                 join projects_funding f on f.funder_id = o.id" >"$LOAD_FUNDERS"
"${PSQL[@]}" -c "select distinct extract(year from start_date)::int from projects_project
                 where status = 'published' and start_date is not null" >"$LOAD_YEARS"

.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py collectstatic --noinput -v0

# Other work on the box disturbs the figures: the report states the load before the run.
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# Threaded workers: keep-alive longer than a visitor's think time, so that a reused connection
# is never one the server is closing at that moment (a reset, counted as an error). Sync
# workers close each connection after its response.
echo "== gunicorn on 127.0.0.1:$PORT ($WORKERS workers × $THREADS threads)"
if [ "$THREADS" -gt 1 ]; then
  worker=(--worker-class gthread --threads "$THREADS")
else
  worker=(--worker-class sync)
fi
.venv/bin/gunicorn portal.wsgi --bind "127.0.0.1:$PORT" --workers "$WORKERS" "${worker[@]}" \
  --timeout 60 --keep-alive 10 --log-level warning &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 60); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/" && break
  sleep 1
done
# Warm each worker's connection, and the shared cache with the pages whose number does not grow
# with the registry (home, funders, years), as on a site that has been running. Project,
# organization and search pages are left cold: the run meets them as they come.
for _ in $(seq 20); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/projects/?q=projektas"; done
for path in / /funders/ /years/ $(sed 's|.*|/funders/&/|' "$LOAD_FUNDERS") \
  $(sed 's|.*|/years/&/|' "$LOAD_YEARS"); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT$path"
done

if [ "$WARMUP" -gt 0 ]; then
  echo "== warm-up (not measured): $USERS users for ${WARMUP}s"
  timeout $((WARMUP + 60)) .venv/bin/locust -f bench/load/locustfile.py --headless \
    --host "http://127.0.0.1:$PORT" --users "$USERS" --spawn-rate 10 --run-time "${WARMUP}s" \
    --stop-timeout 10 --only-summary --loglevel WARNING >/dev/null || true
fi

echo "== locust: $USERS users for ${DURATION}s"
timeout $((DURATION + 60)) .venv/bin/locust -f bench/load/locustfile.py --headless \
  --host "http://127.0.0.1:$PORT" --users "$USERS" --spawn-rate 10 --run-time "${DURATION}s" \
  --stop-timeout 10 --csv "$work/load" --only-summary --loglevel WARNING || status=$?
# locust exits 1 when any request failed; the report still records it.
echo "locust exit status: ${status:-0}"

out="bench/results/load-${projects}-postgresql-${USERS}-users.md"
.venv/bin/python bench/load/report.py "$work/load_stats.csv" \
  --projects "$projects" --users "$USERS" --duration "$DURATION" --workers "$WORKERS" \
  --threads "$THREADS" --load-before "$load_before" --warmup "$WARMUP" >"$out"
cat "$out"
