#!/usr/bin/env bash
# Whole-build benchmark on a generated library: a full build, a rebuild with no
# change, and a rebuild after editing one exercise, each timed ROUNDS times; prints
# the medians of wall time, CPU time (user + system) and peak memory.
#
#   benches/build.sh [N exercises] [M conditions] [ROUNDS] [PER condition]
#   benches/build.sh 1000 50 5        # defaults
#   benches/build.sh 10000 500 3
#
# The site and its output live on /dev/shm (tmpfs), so disk speed does not decide
# the figures. Set BENCH_DIR to put them elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
M=${2:-50}
ROUNDS=${3:-5}
PER=${4:-8}
DIR=${BENCH_DIR:-/dev/shm/handout-bench-$N-$M}

cargo build --release --quiet --example corpus
cargo build --release --quiet
BIN=target/release/handout

rm -rf "$DIR"
target/release/examples/corpus "$N" "$M" "$DIR" "$PER" 2>/dev/null
# BENCH_CARDS=false builds no exercise cards: pages plus one PDF per condition.
if [ "${BENCH_CARDS:-true}" = false ]; then echo "cards: false" >>"$DIR/content/site.yaml"; fi
EDIT=$(find "$DIR/content/exercises" -name '*.md' | sort | awk 'NR == 1')

# One timed build: prints "wall cpu peak_mb".
timed() {
  /usr/bin/time -f "%e %U %S %M" -o /tmp/handout-bench-time "$BIN" build --root "$DIR" --quiet "$@"
  awk '{ printf "%.3f %.3f %.0f\n", $1, $2 + $3, $4 / 1024 }' /tmp/handout-bench-time
}

: >/tmp/handout-bench-full; : >/tmp/handout-bench-none; : >/tmp/handout-bench-edit
for round in $(seq "$ROUNDS"); do
  rm -rf "$DIR/output" "$DIR"/.output.*
  timed >>/tmp/handout-bench-full
  timed >>/tmp/handout-bench-none
  echo "One more sentence, round $round." >>"$EDIT"
  timed >>/tmp/handout-bench-edit
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
files=$(find "$DIR/output" -type f | wc -l)
pages=$(find "$DIR/output" -name '*.html' | wc -l)
pdfs=$(find "$DIR/output" -name '*.pdf' | wc -l)
echo "N=$N exercises, M=$M conditions of $PER: $pages pages, $pdfs PDFs, $files files; medians of $ROUNDS rounds"
printf "%-22s %9s %9s %9s\n" build "wall s" "CPU s" "peak MB"
for kind in full none edit; do
  f=/tmp/handout-bench-$kind
  case $kind in full) name="full build";; none) name="no-change rebuild";; edit) name="one-exercise edit";; esac
  printf "%-22s %9s %9s %9s\n" "$name" "$(cut -d' ' -f1 $f | median)" "$(cut -d' ' -f2 $f | median)" "$(cut -d' ' -f3 $f | median)"
done
