#!/usr/bin/env bash
# Where a build's CPU time goes: records one build of a generated library with
# `perf` (DWARF call stacks) and splits the samples twice: by build stage, and
# within the larger stages by the crate that was running (printpdf, lopdf, the
# deflater, Tera, ... or handout's own code, by module).
#
#   benches/profile.sh [N exercises] [M conditions] [HZ] [full|edit]
#   benches/profile.sh 10000 500 499 full    # defaults: a cold full build
#   benches/profile.sh 10000 500 999 edit    # a rebuild after editing one exercise
#
# Needs `perf` (Debian: linux-perf) and python3. The library is built with
# `cards: false`, as in benches/hugo.sh; the site lives on /dev/shm.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
M=${2:-500}
HZ=${3:-499}
MODE=${4:-full}
command -v perf >/dev/null || { echo "skipped: perf not installed"; exit 0; }
command -v python3 >/dev/null || { echo "skipped: python3 not installed"; exit 0; }

cargo build --release --quiet --example corpus
cargo build --release --quiet
SITE=/dev/shm/handout-profile-$N-$M
DATA=${TMPDIR:-/tmp}/handout-profile.data
rm -rf "$SITE"
target/release/examples/corpus "$N" "$M" "$SITE" 2>/dev/null
echo "cards: false" >>"$SITE/content/site.yaml"
if [ "$MODE" = edit ]; then
  # Two builds first, each after an edit: the second replaces an output, which
  # is kept as the spare folder the profiled build starts from (see README,
  # "Incremental builds"), as every edit after the first does.
  EDIT=$(find "$SITE/content/exercises" -name '*.md' | sort | awk 'NR == 1')
  for round in 1 2; do
    target/release/handout build --root "$SITE" --quiet
    echo "One more sentence $round." >>"$EDIT"
  done
fi
perf record -q -F "$HZ" --call-graph dwarf,65528 -o "$DATA" \
  target/release/handout build --root "$SITE" --quiet 2>/dev/null
perf script --no-inline -i "$DATA" 2>/dev/null | python3 benches/profile_split.py
