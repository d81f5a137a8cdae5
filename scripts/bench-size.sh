#!/usr/bin/env bash
# Benchmark one generated size on one database, as recorded in docs/performance.md:
#   scripts/bench-size.sh SIZE DATABASE_URL [OUT.json]
# The database must already hold that size (samverka generate --size SIZE); the script
# serves it with `samverka serve` on a free local port, runs `samverka bench` and stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
size="$1"; export DATABASE_URL="$2"; out="${3:-docs/bench/$size-$(echo "$2" | cut -d: -f1).json}"
port="${BENCH_PORT:-8199}"
export SAMVERKA_QUERY_COUNT_HEADER=1 SAMVERKA_BENCH_FLOORS=1 SAMVERKA_PUBLIC_INSTITUTION="${SAMVERKA_PUBLIC_INSTITUTION:-gen-01-stockholm}"
export WEB_CONCURRENCY="${WEB_CONCURRENCY:-2}" SAMVERKA_THREADS="${SAMVERKA_THREADS:-4}"
# SERVE_PYTHONPATH serves another checkout's code (scripts/bench-compare.sh); the client is this one's.
serve=(env ${SERVE_PYTHONPATH:+PYTHONPATH="$SERVE_PYTHONPATH"} .venv/bin/samverka)
"${serve[@]}" migrate --noinput -v0
"${serve[@]}" serve --bind "127.0.0.1:$port" > "/tmp/samverka-bench-serve-$port.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
mkdir -p "$(dirname "$out")"
.venv/bin/samverka bench --base "http://127.0.0.1:$port" --user gen-samordnare --password samverka-demo \
  --workers "$WEB_CONCURRENCY" --threads "$SAMVERKA_THREADS" --label "$size" --json "$out" ${BENCH_ARGS:-}
