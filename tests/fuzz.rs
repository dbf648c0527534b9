//! Careless and hostile input (issue 16, point 8): the sample's files mutated from
//! a fixed seed, for a bounded time. After every mutation: no panic, exit codes 0
//! or 1 only, `check` and `build` agree, a failed build leaves `output/` as it was,
//! and no run takes a runaway time (a generous guard, not a speed test).

mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::*;

/// A small deterministic generator (64-bit LCG), so every run tries the same inputs.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Pieces that YAML, Markdown, the dose parser and the sheet typesetter care about.
const PIECES: [&str; 24] = [
    "{",
    "}",
    "[",
    "]",
    ": ",
    "- ",
    "\n",
    "\t",
    "'",
    "\"",
    "---\n",
    "&a ",
    "*a",
    "!!str ",
    "#",
    "<b>",
    "&amp;",
    "\u{b}",
    "\u{1b}[2J",
    "漢",
    "ا",
    "½",
    "99999999999999999999",
    "\r\n",
];

/// One random change to `text`: insert a piece, delete a stretch, repeat a line, or
/// grow a line very long.
fn mutate(text: &str, rng: &mut Lcg) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = rng.below(chars.len() + 1);
    let (head, tail): (String, String) =
        (chars[..at].iter().collect(), chars[at..].iter().collect());
    match rng.below(4) {
        0 => format!("{head}{}{tail}", PIECES[rng.below(PIECES.len())]),
        1 => {
            let cut = rng.below(40).min(tail.chars().count());
            format!("{head}{}", tail.chars().skip(cut).collect::<String>())
        }
        2 => {
            let lines: Vec<&str> = text.lines().collect();
            let line = lines[rng.below(lines.len())];
            format!("{head}\n{line}\n{tail}")
        }
        _ => format!("{head}{}{tail}", "word ".repeat(rng.below(3000))),
    }
}

#[test]
fn mutated_sites_never_panic_disagree_or_damage_the_output() {
    let site = sample_site();
    let first = handout(site.path(), &["build", "--quiet"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let files: Vec<PathBuf> = walkdir::WalkDir::new(site.path().join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    let mut rng = Lcg(0x5eed_f0ca_2e00);
    let started = Instant::now();
    let (mut runs, mut failures) = (0, 0);
    // About 40 seconds of mutations, and never more than 120 of them.
    while started.elapsed() < Duration::from_secs(40) && runs < 120 {
        let file = &files[rng.below(files.len())];
        let original = std::fs::read_to_string(file).unwrap();
        let mut text = mutate(&original, &mut rng);
        if rng.below(3) == 0 {
            text = mutate(&text, &mut rng);
        }
        std::fs::write(file, &text).unwrap();
        let before = snapshot_tree(&site.path().join("output"));
        let timed = |args: &[&str]| {
            let start = Instant::now();
            let out = handout(site.path(), args);
            (out, start.elapsed())
        };
        let (check, check_time) = timed(&["check"]);
        let (build, build_time) = timed(&["build", "--quiet"]);
        let what = format!("{} mutated (run {runs})", file.display());
        for (name, out, time) in [("check", &check, check_time), ("build", &build, build_time)] {
            let err = stderr(out);
            assert!(
                !err.contains("panicked"),
                "{name} panicked on {what}:\n{err}"
            );
            assert!(
                matches!(out.status.code(), Some(0 | 1)),
                "{name} exit {:?} on {what}",
                out.status
            );
            assert!(
                time < Duration::from_secs(10),
                "{name} ran away ({time:?}) on {what}"
            );
            assert!(
                err.lines()
                    .all(|l| !l.chars().any(|c| c.is_control() && c != '\t')),
                "{name} printed a control character on {what}"
            );
        }
        assert_eq!(
            check.status.success(),
            build.status.success(),
            "check and build disagree on {what}:\ncheck: {}\nbuild: {}",
            stderr(&check),
            stderr(&build)
        );
        if !build.status.success() {
            failures += 1;
            assert!(
                snapshot_tree(&site.path().join("output")) == before,
                "a failed build changed output/ on {what}"
            );
        }
        std::fs::write(file, &original).unwrap();
        runs += 1;
    }
    eprintln!("fuzz: {runs} mutated sites, {failures} rejected with located errors");
    assert!(runs >= 10, "too few runs to mean anything: {runs}");
    assert!(
        failures > 0 && failures < runs,
        "the mutations both break and keep sites"
    );
}
