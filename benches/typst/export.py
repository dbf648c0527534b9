"""Writes one JSON file per condition of a generated library, for
benches/typst/handout.typ: the same titles, doses, steps, cautions and figures
handout prints. Usage: export.py SITE OUT_DIR (SITE built by handout first, so
that SITE/output/figures/ holds each exercise's drawn figure)."""

import json
import pathlib
import re
import sys

import yaml


def front_matter(path):
    text = path.read_text(encoding="utf-8")
    _, head, body = text.split("---\n", 2)
    return yaml.safe_load(head), body


def paragraphs(markdown):
    """Numbered steps, and every other line of text, without Markdown marks."""
    steps, other = [], []
    for line in markdown.splitlines():
        line = re.sub(r"\*\*|\[|\]\([^)]*\)", "", line.strip())
        if not line or line.startswith("#"):
            continue
        numbered = re.match(r"\d+\.\s+(.*)", line)
        if numbered:
            steps.append(numbered.group(1))
        else:
            other.append(line.lstrip("- "))
    return steps, other


def dose(dosage):
    cells = []
    if dosage.get("hold"):
        cells.append(("Hold", str(dosage["hold"])))
    if dosage.get("reps"):
        cells.append(("Repeat", f"{dosage['reps']} times".replace("-", "–")))
    if dosage.get("sets"):
        cells.append(("Rounds", str(dosage["sets"])))
    if dosage.get("per_side"):
        cells.append(("Sides", "Each side"))
    if dosage.get("frequency"):
        cells.append(("How often", str(dosage["frequency"]).capitalize()))
    return [{"label": label, "value": value} for label, value in cells]


def main(site, out):
    site, out = pathlib.Path(site), pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    config = yaml.safe_load((site / "content/site.yaml").read_text(encoding="utf-8"))
    exercises = {}
    for path in (site / "content/exercises").rglob("*.md"):
        exercises[path.stem] = front_matter(path)
    for path in sorted((site / "content/conditions").glob("*.md")):
        meta, body = front_matter(path)
        intro, _, rest = body.partition("\n## ")
        sections = []
        for chunk in ("## " + rest).split("\n## ") if rest else []:
            title, _, text = chunk.removeprefix("## ").partition("\n")
            sections.append({"title": title, "paragraphs": paragraphs(text)[1]})
        entries = []
        for entry in meta["exercises"]:
            slug = entry if isinstance(entry, str) else entry["exercise"]
            fields, text = exercises[slug]
            dosage = dict(fields.get("dosage") or {})
            if isinstance(entry, dict):
                dosage.update(entry.get("dosage") or {})
            steps, other = paragraphs(text)
            entries.append(
                {
                    "title": fields["title"],
                    "summary": fields.get("summary", ""),
                    "dose": dose(dosage),
                    "steps": steps,
                    "paragraphs": other,
                    "cautions": fields.get("cautions") or [],
                    "figure": f"/output/figures/{slug}.svg",
                }
            )
        document = {
            "title": meta["title"],
            "summary": meta.get("summary", ""),
            "introduction": paragraphs(intro)[1],
            "sections": sections,
            "exercises": entries,
            "clinic": config["clinic"]["name"],
            "phone": config["clinic"].get("phone", ""),
            "disclaimer": config.get("disclaimer", ""),
        }
        (out / f"{path.stem}.json").write_text(json.dumps(document), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
