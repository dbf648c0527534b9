#!/usr/bin/env bash
# `handout serve` on a generated library: from saving one exercise to the event
# that reloads open pages (benches/serve/latency.py reads the server's event stream
# as a page does). Prints the median and the range of ROUNDS saves.
#
#   benches/serve.sh [N exercises] [M conditions] [ROUNDS]   # default 10000 500 5
#
# The library has `cards: false`, as in benches/build.sh with BENCH_CARDS=false.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
M=${2:-500}
ROUNDS=${3:-5}
PORT=${BENCH_PORT:-18111}
DIR=${BENCH_DIR:-/dev/shm/handout-serve-$N-$M}

cargo build --release --quiet --example corpus
cargo build --release --quiet
rm -rf "$DIR"
target/release/examples/corpus "$N" "$M" "$DIR" 2>/dev/null
echo "cards: false" >>"$DIR/content/site.yaml"
EDIT=$(find "$DIR/content/exercises" -name '*.md' | sort | awk 'NR == 1')

target/release/handout serve --root "$DIR" --port "$PORT" >/tmp/handout-serve-bench.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
# Ready once the first build is done and the port answers.
for _ in $(seq 600); do
  if python3 -c "import socket; socket.create_connection(('127.0.0.1', $PORT)).close()" 2>/dev/null; then break; fi
  sleep 0.2
done

python3 benches/serve/latency.py "$PORT" "$EDIT" "$ROUNDS" >/tmp/handout-serve-latency
sort -n /tmp/handout-serve-latency | awk -v n="$N" -v m="$M" '{ v[NR] = $1 } END {
  median = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
  printf "serve, %d exercises / %d conditions: save to reload, median %.3f s (%.3f-%.3f s, %d saves)\n", n, m, median, v[1], v[NR], NR
}'
