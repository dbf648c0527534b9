//! The website in a real browser: Debian's chromium, driven by playwright-core, with
//! axe-core for accessibility (tests/browser/check.mjs holds the checks). Needs node,
//! chromium and `npm ci` in tests/browser; says "skipped: ..." without them.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::*;

/// Every check check.mjs runs; each must print "ok: <name>".
const CHECKS: usize = 26;

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("HANDOUT_CHROMIUM") {
        return Some(path.into());
    }
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
}

#[test]
fn search_filters_links_accessibility_and_live_reload_in_chromium() {
    let scripts = repo().join("tests/browser");
    let Some(chromium) = chromium() else {
        skip("chromium not installed");
        return;
    };
    if !have("node") {
        return;
    }
    if !scripts.join("node_modules/playwright-core").is_dir()
        || !scripts.join("node_modules/axe-core").is_dir()
    {
        skip("playwright-core and axe-core not installed (run `npm ci` in tests/browser)");
        return;
    }
    let site = sample_site();
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
