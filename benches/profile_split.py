"""Splits `perf script` output (DWARF call stacks, read from stdin) by build stage,
and within the larger stages by the crate that was running. Used by profile.sh."""
import collections, re, sys

# A stage is named by the first of these found anywhere on a sample stack (a
# thread pool job's stack starts at the job, not at the stage that queued it).
STAGES = [
    (("handout::pdf::render_sheet", "handout::pdf::sheet_pdf", "fast_qr::"), "PDFs"),
    (("handout::builder::publish",), "program builder bundle"),
    (("handout::build::spare::",), "the staging folder (the last output's spare)"),
    (("handout::build::output::",), "writing files"),
    (("Cache::save", "yaml_cache::encode"), "saving the caches"),
    (("Cache::load", "Published::load"), "reading the caches"),
    (("handout::build::inputs::",), "looking for changes"),
    (("handout::content::reading::",), "reading check"),
    (("handout::build::plan::",), "fingerprints"),
    (("handout::content::validate::",), "checking content"),
    (("handout::content::load::", "handout::content::files::"), "loading content"),
    (("handout::site::", "handout::theme::", "handout::views::", "handout::figure::",
      "handout::content::markdown::", "tera::"), "pages"),
    (("handout::",), "other handout code"),
]
# What was running: the first frame, from the leaf up, of a crate named here.
CRATES = ["zlib_rs", "flate2", "lopdf", "printpdf", "allsorts", "fast_qr", "tera",
          "serde_yaml", "saphyr_parser", "unsafe_libyaml", "pulldown_cmark", "bincode",
          "serde_json", "walkdir", "handout"]
NAMES = {"zlib_rs": "deflate (zlib-rs)", "flate2": "deflate (zlib-rs)",
         "saphyr_parser": "YAML parser", "unsafe_libyaml": "YAML parser",
         "serde_yaml": "YAML parser"}

def crate_of(frame):
    name = frame.lstrip("<&")
    head = name.split("::", 1)[0]
    if head in CRATES:
        if head == "handout":
            parts = name.split("::")
            return "handout::" + "::".join(p for p in parts[1:3] if not p[:1].isupper() and "<" not in p and "{" not in p)
        return NAMES.get(head, head)
    return None

stacks, cur = [], []
for line in sys.stdin:
    line = line.rstrip("\n")
    if not line.strip():
        if cur: stacks.append(cur); cur = []
        continue
    if line[:1] in "\t ":
        parts = line.strip().split(" ", 1)
        if len(parts) == 2:
            cur.append(re.sub(r"\+0x[0-9a-f]+ \(.*\)$|\s\(.*\)$", "", parts[1]))
if cur: stacks.append(cur)
total = len(stacks)
by_stage, owners = collections.Counter(), collections.defaultdict(collections.Counter)
for s in stacks:
    stage = next((name for marks, name in STAGES if any(m in f for f in s for m in marks)),
                 "no handout frame (freeing memory, thread pool, kernel)")
    owner = next((c for c in map(crate_of, s) if c), "std, allocator, kernel")
    by_stage[stage] += 1
    owners[stage][owner] += 1
print(f"{total} samples; share of all CPU time by stage, then by what was running")
for stage, n in by_stage.most_common():
    print(f"{100 * n / total:5.1f}%  {stage}")
    if n >= total / 10 or stage == "PDFs":
        for owner, k in owners[stage].most_common(12):
            if 100 * k / total >= 0.3:
                print(f"        {100 * k / total:5.1f}%  {owner}")

