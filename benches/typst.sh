#!/usr/bin/env bash
# Condition handouts against Typst: the same M handouts of PER exercises each, from
# a generated library of N exercises, made by handout (its PDF stage) and by Typst
# (PyPI's `typst` package, which ships the compiler: one compiler, one document per
# condition, in a batch). Runs are interleaved, ROUNDS times; prints medians.
#
#   benches/typst.sh [N exercises] [M conditions] [ROUNDS] [PER condition]
#   benches/typst.sh 10000 500 3        # defaults
#
# Typst's document is benches/typst/handout.typ: the same fonts (DejaVu Sans),
# text, dose boxes, drawn figures (handout's own SVGs), steps, cautions and log,
# without QR codes (Typst has none offline). handout's CPU per handout is its PDF
# stage run on one thread (RAYON_NUM_THREADS=1); its wall time uses every core.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
M=${2:-500}
ROUNDS=${3:-3}
PER=${4:-8}
DIR=${BENCH_DIR:-/dev/shm/handout-typst-$N-$M}
VENV=${TYPST_VENV:-target/bench-typst-venv}

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet typst==0.15.0 pyyaml
fi
cargo build --release --quiet --example corpus
cargo build --release --quiet
BIN=target/release/handout

rm -rf "$DIR"
target/release/examples/corpus "$N" "$M" "$DIR" "$PER" 2>/dev/null
echo "cards: false" >>"$DIR/content/site.yaml"
# One build first: Typst's documents show the figures it draws.
"$BIN" build --root "$DIR" --quiet
cp benches/typst/handout.typ "$DIR/"
"$VENV/bin/python" benches/typst/export.py "$DIR" "$DIR/typst-data"
FONT=$(find "${CARGO_HOME:-$HOME/.cargo}/registry/src" -path '*dejavu-2.37*' -name DejaVuSans.ttf | head -1)

# The PDF stage of a build that renders everything, in seconds.
pdf_stage() {
  "$BIN" build --root "$DIR" --force --verbose 2>&1 |
    sed -n 's/.*PDFs \([0-9]*\) ms.*/\1/p' | awk '{ printf "%.3f\n", $1 / 1000 }'
}

: >/tmp/handout-typst-one; : >/tmp/handout-typst-all; : >/tmp/handout-typst-typst
for round in $(seq "$ROUNDS"); do
  RAYON_NUM_THREADS=1 pdf_stage >>/tmp/handout-typst-one
  pdf_stage >>/tmp/handout-typst-all
  dirname "$FONT" | "$VENV/bin/python" benches/typst/compile.py "$DIR" "$DIR/typst-data" "$DIR/typst-pdf" >>/tmp/handout-typst-typst
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
one=$(median </tmp/handout-typst-one)
all=$(median </tmp/handout-typst-all)
typst_wall=$(cut -d' ' -f1 /tmp/handout-typst-typst | median)
typst_cpu=$(cut -d' ' -f2 /tmp/handout-typst-typst | median)
pages() { for f in "$1"/*.pdf; do pdfinfo "$f" 2>/dev/null | awk '/^Pages/ { print $2 }'; done | median; }
echo "$M handouts of $PER exercises (N=$N); medians of $ROUNDS interleaved rounds"
if command -v pdfinfo >/dev/null; then
  echo "pages per handout: handout $(pages "$DIR/output/handouts"), Typst $(pages "$DIR/typst-pdf")"
else
  echo "pages per handout: skipped: pdfinfo (poppler-utils) not installed"
fi
awk -v m="$M" -v one="$one" -v all="$all" -v tw="$typst_wall" -v tc="$typst_cpu" 'BEGIN {
  printf "%-10s %12s %14s\n", "", "wall s", "CPU ms/handout"
  printf "%-10s %12.2f %14.2f\n", "handout", all, one * 1000 / m
  printf "%-10s %12.2f %14.2f\n", "Typst", tw, tc * 1000 / m
  printf "handout is %.1fx faster in wall time and uses %.1fx less CPU per handout\n", tw / all, (tc / m) / (one / m)
}'
