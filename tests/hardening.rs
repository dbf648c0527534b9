//! Careless and hostile input (issue 16): runaway parse cost, concurrent builds.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::*;

/// An exercise file whose cautions are `nesting`.
fn deep_exercise(nesting: &str) -> String {
    format!("---\ntitle: Deep\ndosage: {{ reps: 10 }}\ncautions: {nesting}\n---\n\n1. Step.\n")
}

#[test]
fn deep_yaml_is_refused_at_its_line_before_any_costly_walk() {
    let site = sample_site();
    let file = site.path().join("content/exercises/deep.md");
    let block = "\n".to_string()
        + &(0..1000)
            .map(|_| "- - - - - - - - - - - - - - - - - - - - - x\n")
            .collect::<String>();
    let cases = [
        ("[".repeat(500_000) + &"]".repeat(500_000), "4:"),
        ("{a: ".repeat(200_000) + "1" + &"}".repeat(200_000), "4:"),
        (block, "5:"),
    ];
    for (nesting, line) in cases {
        std::fs::write(&file, deep_exercise(&nesting)).unwrap();
        assert!(std::fs::metadata(&file).unwrap().len() <= 1024 * 1024);
        let out = handout(site.path(), &["check"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        let first = err.lines().next().unwrap_or_default();
        assert!(
            first.starts_with(&format!("content/exercises/deep.md:{line}"))
                && first.contains("more than 10 levels deep"),
            "{first}"
        );
    }
}

#[test]
fn a_build_waits_for_another_writing_the_same_output() {
    let site = sample_site();
    let output = site.path().join("output");
    let held = handout::lock::BuildLock::acquire(&output, |_| panic!("free")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_handout"))
        .args(["build", "--quiet"])
        .current_dir(site.path())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let said = lines.next().unwrap().unwrap();
    assert_eq!(
        said,
        format!(
            "another build (pid {}) is writing output; waiting for it to finish ...",
            std::process::id()
        )
    );
    assert!(
        !output.exists(),
        "nothing written while the other build holds the lock"
    );
    drop(held);
    assert!(child.wait().unwrap().success());
    assert!(output.join("index.html").is_file());
}

#[test]
fn two_builds_at_once_never_publish_a_partial_site() {
    let site = sample_site();
    let clean = tempfile::tempdir().unwrap();
    copy_dir(&site.path().join("content"), &clean.path().join("content"));
    assert!(
        handout(clean.path(), &["build", "--quiet"])
            .status
            .success()
    );
    let expected: Vec<_> = snapshot_tree(&clean.path().join("output"))
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    let bridge = site.path().join("content/exercises/bridge.md");
    for round in 0..4 {
        // Each round changes content, so both builds really render and write.
        replace_in(&bridge, "Bridge", &format!("Bridge{}", round % 2));
        let spawn = || {
            Command::new(env!("CARGO_BIN_EXE_handout"))
                .args(["build", "--quiet"])
                .current_dir(site.path())
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        };
        let (mut a, mut b) = (spawn(), spawn());
        assert!(a.wait().unwrap().success() && b.wait().unwrap().success());
        let files: Vec<_> = snapshot_tree(&site.path().join("output"))
            .into_iter()
            .map(|(path, _)| path)
            .collect();
        assert_eq!(files, expected, "round {round}");
        replace_in(&bridge, &format!("Bridge{}", round % 2), "Bridge");
    }
}

#[test]
fn only_a_dead_build_s_staging_folder_is_cleaned_up() {
    let site = sample_site();
    let mut gone = Command::new("true").spawn().unwrap();
    gone.wait().unwrap();
    let dead = site.path().join(format!(".output.staging-{}", gone.id()));
    // This test's own process stands in for a live build that holds no lock.
    let live = site
        .path()
        .join(format!(".output.staging-{}", std::process::id()));
    for dir in [&dead, &live] {
        std::fs::create_dir_all(dir.join("exercises")).unwrap();
    }
    assert!(handout(site.path(), &["build", "--quiet"]).status.success());
    assert!(!dead.exists());
    assert!(live.join("exercises").is_dir());
}
