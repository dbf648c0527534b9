#!/usr/bin/env bash
# Compares a full handout build with Hugo building the same exercise and condition
# pages from the same Markdown files, in interleaved runs on /dev/shm. Needs `hugo`
# (Debian: apt-get install hugo). Prints the medians and the ratio of CPU and wall.
#
#   benches/hugo.sh [N exercises] [M conditions] [ROUNDS]     # default 10000 500 3
#
# handout builds with `cards: false` (pages and one PDF per condition); Hugo builds
# one page per file with a minimal theme and no taxonomies, feeds or sitemap.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
M=${2:-500}
ROUNDS=${3:-3}
command -v hugo >/dev/null || { echo "skipped: hugo not installed"; exit 0; }

cargo build --release --quiet --example corpus
cargo build --release --quiet
SITE=/dev/shm/handout-vs-hugo-$N-$M
HUGO=/dev/shm/hugo-site-$N-$M
rm -rf "$SITE" "$HUGO"
target/release/examples/corpus "$N" "$M" "$SITE" 2>/dev/null
echo "cards: false" >>"$SITE/content/site.yaml"

mkdir -p "$HUGO/layouts/_default"
cp -r "$SITE/content/exercises" "$SITE/content/conditions" "$HUGO/" 2>/dev/null || true
mkdir -p "$HUGO/content" && mv "$HUGO/exercises" "$HUGO/conditions" "$HUGO/content/"
cat >"$HUGO/config.yaml" <<'YAML'
baseURL: https://bench.example/
title: Benchmark
disableKinds: [taxonomy, term, RSS, sitemap, robotsTXT, 404]
markup:
  goldmark:
    renderer:
      unsafe: false
YAML
cat >"$HUGO/layouts/_default/baseof.html" <<'HTML'
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main>{{ block "main" . }}{{ end }}</main></body></html>
HTML
cat >"$HUGO/layouts/_default/single.html" <<'HTML'
{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ .Params.summary }}</p>
{{ with .Params.dosage }}<ul>{{ range $k, $v := . }}<li>{{ $k }}: {{ $v }}</li>{{ end }}</ul>{{ end }}
{{ .Content }}{{ with .Params.cautions }}<ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}{{ end }}
HTML
cat >"$HUGO/layouts/_default/list.html" <<'HTML'
{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
HTML

timed() { /usr/bin/time -f "%e %U %S %M" -o /tmp/handout-vs-hugo-time "$@" >/dev/null 2>&1
  awk '{ printf "%.3f %.3f %.0f\n", $1, $2 + $3, $4 / 1024 }' /tmp/handout-vs-hugo-time; }
: >/tmp/vs-handout; : >/tmp/vs-hugo
for round in $(seq "$ROUNDS"); do
  rm -rf "$SITE/output" "$SITE"/.output.* "$HUGO/public"
  timed target/release/handout build --root "$SITE" --quiet >>/tmp/vs-handout
  timed hugo --source "$HUGO" --destination "$HUGO/public" --quiet >>/tmp/vs-hugo
done
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
hp=$(find "$HUGO/public" -name '*.html' | wc -l)
op=$(find "$SITE/output" -name '*.html' | wc -l)
echo "N=$N, M=$M; medians of $ROUNDS interleaved rounds on /dev/shm"
printf "%-10s %8s %8s %8s %8s\n" tool pages "wall s" "CPU s" "peak MB"
for t in handout hugo; do
  f=/tmp/vs-$t; pages=$([ $t = hugo ] && echo "$hp" || echo "$op")
  printf "%-10s %8s %8s %8s %8s\n" "$t" "$pages" "$(cut -d' ' -f1 $f | median)" "$(cut -d' ' -f2 $f | median)" "$(cut -d' ' -f3 $f | median)"
done
