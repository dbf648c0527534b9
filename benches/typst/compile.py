"""Compiles every condition's JSON (benches/typst/export.py) with
benches/typst/handout.typ in one Typst compiler, as a batch; prints
"wall_seconds cpu_seconds" (CPU of every thread). Usage: compile.py SITE JSON_DIR
PDF_DIR."""

import pathlib
import resource
import sys
import time

import typst


def main(site, data, pdfs):
    site, data, pdfs = pathlib.Path(site), pathlib.Path(data), pathlib.Path(pdfs)
    pdfs.mkdir(parents=True, exist_ok=True)
    template = site / "handout.typ"
    fonts = [line.strip() for line in sys.stdin if line.strip()]
    compiler = typst.Compiler(
        template, root=site, font_paths=fonts, ignore_system_fonts=True
    )
    jobs = sorted(data.glob("*.json"))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    for job in jobs:
        relative = "/" + str(job.relative_to(site))
        compiler.compile(output=pdfs / f"{job.stem}.pdf", sys_inputs={"data": relative}, timestamp=0)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime)
    print(f"{wall:.3f} {cpu:.3f}")


if __name__ == "__main__":
    main(*sys.argv[1:])
