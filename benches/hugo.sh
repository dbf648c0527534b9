#!/usr/bin/env bash
# Compares a full handout build with Hugo building the same exercise and condition
# pages from the same Markdown files, in interleaved runs on /dev/shm. Needs `hugo`
# (Debian: apt-get install hugo). Prints the medians and the ratios of wall and CPU.
#
#   benches/hugo.sh [N exercises] [M conditions] [ROUNDS]     # default 10000 500 3
#
# handout builds with `cards: false` (pages and one PDF per condition); Hugo builds
# one page per file with a minimal theme and no taxonomies, feeds or sitemap.
# When M > 0, each round also builds the same N exercises with no condition, on
# both sides: handout then makes no PDF at all, so the two comparisons together
# show how much of handout's time is the M handouts, which Hugo does not make.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
M=${2:-500}
ROUNDS=${3:-3}
command -v hugo >/dev/null || { echo "skipped: hugo not installed"; exit 0; }

cargo build --release --quiet --example corpus
cargo build --release --quiet

# make_pair M: the handout site and the Hugo site for N exercises and M conditions.
make_pair() {
  local m=$1 site=/dev/shm/handout-vs-hugo-$N-$1 hugo=/dev/shm/hugo-site-$N-$1
  rm -rf "$site" "$hugo"
  target/release/examples/corpus "$N" "$m" "$site" 2>/dev/null
  echo "cards: false" >>"$site/content/site.yaml"
  mkdir -p "$hugo/layouts/_default" "$hugo/content"
  cp -r "$site/content/exercises" "$hugo/content/"
  if [ -d "$site/content/conditions" ]; then cp -r "$site/content/conditions" "$hugo/content/"; fi
  cat >"$hugo/config.yaml" <<'YAML'
baseURL: https://bench.example/
title: Benchmark
disableKinds: [taxonomy, term, RSS, sitemap, robotsTXT, 404]
markup:
  goldmark:
    renderer:
      unsafe: false
YAML
  cat >"$hugo/layouts/_default/baseof.html" <<'HTML'
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main>{{ block "main" . }}{{ end }}</main></body></html>
HTML
  cat >"$hugo/layouts/_default/single.html" <<'HTML'
{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ .Params.summary }}</p>
{{ with .Params.dosage }}<ul>{{ range $k, $v := . }}<li>{{ $k }}: {{ $v }}</li>{{ end }}</ul>{{ end }}
{{ .Content }}{{ with .Params.cautions }}<ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}{{ end }}
HTML
  cat >"$hugo/layouts/_default/list.html" <<'HTML'
{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
HTML
  : >"/tmp/vs-handout-$m"
  : >"/tmp/vs-hugo-$m"
}

timed() { /usr/bin/time -f "%e %U %S %M" -o /tmp/handout-vs-hugo-time "$@" >/dev/null 2>&1
  awk '{ printf "%.3f %.3f %.0f\n", $1, $2 + $3, $4 / 1024 }' /tmp/handout-vs-hugo-time; }

# one_round M: a cold build of each site, handout first.
one_round() {
  local m=$1 site=/dev/shm/handout-vs-hugo-$N-$1 hugo=/dev/shm/hugo-site-$N-$1
  rm -rf "$site/output" "$site"/.output.* "$hugo/public"
  timed target/release/handout build --root "$site" --quiet >>"/tmp/vs-handout-$m"
  timed hugo --source "$hugo" --destination "$hugo/public" --quiet >>"/tmp/vs-hugo-$m"
}

SIZES="$M"
if [ "$M" -gt 0 ]; then SIZES="$M 0"; fi
for m in $SIZES; do make_pair "$m"; done
for round in $(seq "$ROUNDS"); do
  for m in $SIZES; do one_round "$m"; done
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "medians of $ROUNDS interleaved rounds on /dev/shm"
printf "%-34s %8s %8s %8s %8s\n" "N=$N exercises" pages "wall s" "CPU s" "peak MB"
for m in $SIZES; do
  site=/dev/shm/handout-vs-hugo-$N-$m hugo=/dev/shm/hugo-site-$N-$m
  pdfs=$(find "$site/output" -name '*.pdf' | wc -l)
  for t in handout hugo; do
    f=/tmp/vs-$t-$m
    if [ $t = hugo ]; then
      pages=$(find "$hugo/public" -name '*.html' | wc -l); what="hugo, $m conditions"
    else
      pages=$(find "$site/output" -name '*.html' | wc -l); what="handout, $m conditions, $pdfs PDFs"
    fi
    printf "%-34s %8s %8s %8s %8s\n" "$what" "$pages" "$(cut -d' ' -f1 "$f" | median)" \
      "$(cut -d' ' -f2 "$f" | median)" "$(cut -d' ' -f3 "$f" | median)"
  done
  hw=$(cut -d' ' -f1 "/tmp/vs-handout-$m" | median); gw=$(cut -d' ' -f1 "/tmp/vs-hugo-$m" | median)
  hc=$(cut -d' ' -f2 "/tmp/vs-handout-$m" | median); gc=$(cut -d' ' -f2 "/tmp/vs-hugo-$m" | median)
  awk -v hw="$hw" -v gw="$gw" -v hc="$hc" -v gc="$gc" -v m="$m" \
    'BEGIN { printf "  %d conditions: handout / hugo = %.2f wall, %.2f CPU\n", m, hw / gw, hc / gc }'
done
