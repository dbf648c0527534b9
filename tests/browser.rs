//! The website in a real browser: Debian's chromium, driven by playwright-core, with
//! axe-core for accessibility (tests/browser/check.mjs holds the checks). Needs node,
//! chromium and `npm ci` in tests/browser; says "skipped: ..." without them.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::*;

/// Every check check.mjs runs; each must print "ok: <name>".
const CHECKS: usize = 30;

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("HANDOUT_CHROMIUM") {
        return Some(path.into());
    }
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
}

/// The browser scripts' folder and chromium, or None (having said what is missing).
fn browser_tools() -> Option<(PathBuf, PathBuf)> {
    let scripts = repo().join("tests/browser");
    let Some(chromium) = chromium() else {
        skip("chromium not installed");
        return None;
    };
    if !have("node") {
        return None;
    }
    if !scripts.join("node_modules/playwright-core").is_dir()
        || !scripts.join("node_modules/axe-core").is_dir()
    {
        skip("playwright-core and axe-core not installed (run `npm ci` in tests/browser)");
        return None;
    }
    Some((scripts, chromium))
}

#[test]
fn search_filters_links_accessibility_and_live_reload_in_chromium() {
    let Some((scripts, chromium)) = browser_tools() else {
        return;
    };
    // In English and Spanish, as the sample is: the Spanish pages and the links
    // between the languages are checked too.
    let site = sample_site();
    // An old address for a condition, as if its file had been renamed.
    replace_in(
        &site
            .path()
            .join("content/conditions/lower-back-and-hip-pain.md"),
        "\ntitle:",
        "\naliases: [back-and-hip-pain]\ntitle:",
    );
    let served = Served::start(site.path());
    let out = Command::new("node")
        .arg(scripts.join("check.mjs"))
        .arg(&served.address)
        .arg(site.path())
        .arg(&chromium)
        .current_dir(&scripts)
        .output()
        .expect("run node");
    let report = String::from_utf8_lossy(&out.stdout);
    let passed = report.lines().filter(|l| l.starts_with("ok: ")).count();
    assert!(
        out.status.success() && passed == CHECKS,
        "{passed} of {CHECKS} browser checks passed:\n{report}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("{report}");
    assert!(served.interrupt().success());
}

#[path = "../benches/corpus.rs"]
mod corpus;

/// A 1,000-exercise library in the browser: page weights, page lengths on a phone
/// and search latency at 4x CPU throttling (tests/browser/scale.mjs), reported in
/// the test's output, never asserted as timings (benches/site.sh measures the same
/// on a release build).
#[test]
fn a_thousand_exercise_site_reports_its_weights_lengths_and_search_speed() {
    let Some((scripts, chromium)) = browser_tools() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    corpus::generate(dir.path(), 1000, 50, 8, 42).unwrap();
    let yaml = dir.path().join("content/site.yaml");
    let config = std::fs::read_to_string(&yaml).unwrap() + "cards: false\nlarge_print: false\n";
    std::fs::write(&yaml, config).unwrap();
    let out = handout(dir.path(), &["build", "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let output = dir.path().join("output");
    let size = |path: &str| std::fs::metadata(output.join(path)).unwrap().len() / 1024;
    eprintln!(
        "1,000 exercises: index.html {} KB, search-index.js {} KB",
        size("index.html"),
        size("search-index.js")
    );
    let run = Command::new("node")
        .arg(scripts.join("scale.mjs"))
        .arg(&output)
        .arg(&chromium)
        .current_dir(&scripts)
        .output()
        .expect("run node");
    let report = String::from_utf8_lossy(&run.stdout);
    eprintln!("{report}");
    assert!(
        run.status.success() && report.contains("search at 4x CPU throttling: median"),
        "{report}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    // Lengths are facts of the layout, not timings: every page stays short.
    let screens = |label: &str| -> f64 {
        let line = report.lines().find(|l| l.starts_with(label)).unwrap();
        line.split_whitespace()
            .find_map(|w| w.parse().ok())
            .unwrap()
    };
    assert!(screens("home page:") < 20.0, "{report}");
    assert!(screens("longest A-Z page:") < 20.0, "{report}");
}

/// The program builder in Chromium (tests/browser/builder.mjs): a therapist's
/// three-exercise program with a changed dose, made from file:// and over HTTP with
/// no request after the page loads, saved and opened again, checked with axe and at
/// 375 px. The PDF the WebAssembly engine makes must be byte for byte the one
/// `handout sheet` makes from the program file the page saved.
#[test]
fn the_program_builder_makes_the_same_pdf_as_handout_sheet() {
    let Some((scripts, chromium)) = browser_tools() else {
        return;
    };
    let site = sample_site();
    let served = Served::start(site.path());
    let work = tempfile::tempdir().unwrap();
    let out = Command::new("node")
        .arg(scripts.join("builder.mjs"))
        .arg(&served.address)
        .arg(site.path().join("output"))
        .arg(&chromium)
        .arg(work.path())
        .current_dir(&scripts)
        .output()
        .expect("run node");
    let report = String::from_utf8_lossy(&out.stdout);
    eprintln!("{report}");
    let passed = report.lines().filter(|l| l.starts_with("ok: ")).count();
    assert!(
        out.status.success() && passed == 7,
        "{passed} of 7 builder checks passed:\n{report}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(served.interrupt().success());

    let program = work.path().join("program.yaml");
    let cli = work.path().join("cli.pdf");
    let made = handout(
        site.path(),
        &[
            "sheet",
            program.to_str().unwrap(),
            "-o",
            cli.to_str().unwrap(),
        ],
    );
    assert!(made.status.success(), "{}", stderr(&made));
    let builder = std::fs::read(work.path().join("builder.pdf")).unwrap();
    assert!(
        builder == std::fs::read(&cli).unwrap(),
        "the builder's PDF differs from handout sheet's"
    );
    let text = squash(&pdf_pages_text(&work.path().join("builder.pdf")).concat());
    for expected in [
        "MargaretO'Neill",
        "SamLee,PT",
        "Iceyourkneeaftertheexercises.",
        "15times",
        "Clamshell",
        "Birddog",
    ] {
        assert!(
            text.contains(expected),
            "{expected} not in the PDF:\n{text}"
        );
    }
}
