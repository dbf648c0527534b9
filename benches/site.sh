#!/usr/bin/env bash
# The website at clinic scale: page weights, page lengths and search latency on a
# generated library, in Chromium with its CPU slowed 4x (a modest phone). Prints
# figures; asserts nothing.
#
#   benches/site.sh [N exercises] [M conditions]
#   benches/site.sh 1000 50      # defaults
#   benches/site.sh 10000 500
#
# Needs chromium and `npm ci` in tests/browser (as the browser tests do).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
M=${2:-50}
DIR=${BENCH_DIR:-/dev/shm/handout-site-$N-$M}
CHROMIUM=${HANDOUT_CHROMIUM:-/usr/bin/chromium}

cargo build --release --quiet --example corpus
cargo build --release --quiet
rm -rf "$DIR"
target/release/examples/corpus "$N" "$M" "$DIR" 8 2>/dev/null
# Pages only: the PDFs do not change what a browser loads.
printf 'cards: false\nlarge_print: false\n' >>"$DIR/content/site.yaml"
target/release/handout build --root "$DIR" --quiet

kb() { awk -v b="$1" 'BEGIN { printf "%.0f KB", b / 1024 }'; }
size() { stat -c %s "$1"; }
gz() { gzip -9c "$1" | wc -c; }
out="$DIR/output"
largest=$(find "$out" -name '*.html' -printf '%s %p\n' | sort -n | tail -1)
echo "N=$N exercises, M=$M conditions: $(find "$out" -name '*.html' | wc -l) pages"
printf "%-28s %10s %10s\n" file size gzipped
printf "%-28s %10s %10s\n" index.html "$(kb "$(size "$out/index.html")")" "$(kb "$(gz "$out/index.html")")"
printf "%-28s %10s %10s\n" search-index.js "$(kb "$(size "$out/search-index.js")")" "$(kb "$(gz "$out/search-index.js")")"
printf "%-28s %10s %10s\n" "largest page" "$(kb "${largest%% *}")" "$(kb "$(gz "${largest#* }")")"
echo "  (${largest#"$out/"})"
node tests/browser/scale.mjs "$out" "$CHROMIUM"
