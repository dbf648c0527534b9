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
    let held = handout::build::lock::BuildLock::acquire(&output, |_| panic!("free")).unwrap();
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

#[test]
fn one_line_fields_that_repeat_on_every_page_have_limits_check_reports() {
    let site = sample_site();
    // D9: a footer line of 3,000 characters.
    replace_in(
        &site.path().join("content/site.yaml"),
        "disclaimer_short: Stop",
        &format!("disclaimer_short: {} Stop", "Very long. ".repeat(270)),
    );
    // D6: an equipment name that would become a file name too long for the disk.
    replace_in(
        &site.path().join("content/exercises/bridge.md"),
        "equipment: [\"exercise mat\"]",
        &format!("equipment: [\"{}\"]", "mat ".repeat(70).trim()),
    );
    // An exercise listed again and again in one condition.
    let condition = site.path().join("content/conditions/lower-back-pain.md");
    replace_in(
        &condition,
        "  - dead-bug\n",
        "  - dead-bug\n  - dead-bug\n  - dead-bug\n",
    );
    let check = handout(site.path(), &["check"]);
    let build = handout(site.path(), &["build"]);
    let err = stderr(&check);
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(err, stderr(&build), "check and build agree");
    assert!(!site.path().join("output").exists(), "nothing written");
    for expected in [
        "content/site.yaml:17:19: error: disclaimer_short is 3048 characters; at most 160, because it is printed at the foot of every page of every handout",
        "content/exercises/bridge.md:7:13: error: equipment names become browse pages: use a short name with letters or digits, at most 60 characters (this one has 279)",
        "error: `dead-bug` is listed more than 2 times",
    ] {
        assert!(err.contains(expected), "missing {expected}\n{err}");
    }
}

#[test]
fn the_output_folder_is_protected() {
    let site = sample_site();
    let run = |output: &std::path::Path, extra: &[&str]| {
        let mut args = vec!["build", "--quiet", "--output"];
        let out = output.to_string_lossy().into_owned();
        args.push(&out);
        args.extend(extra);
        handout(site.path(), &args)
    };
    // D3: an --output that is a file is refused and left as it was.
    let file = site.path().join("notes.txt");
    std::fs::write(&file, "mine").unwrap();
    let out = run(&file, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("exists and is not a folder"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
    // D4: a symbolic link is refused, its target untouched.
    let target = site.path().join("real");
    std::fs::create_dir(&target).unwrap();
    let link = site.path().join("linked");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = run(&link, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is a symbolic link"),
        "{}",
        stderr(&out)
    );
    assert!(link.is_symlink() && std::fs::read_dir(&target).unwrap().next().is_none());
    // D5: a folder of someone else's files is refused unless --force.
    let theirs = site.path().join("theirs");
    std::fs::create_dir(&theirs).unwrap();
    std::fs::write(theirs.join("thesis.docx"), "years of work").unwrap();
    let out = run(&theirs, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("did not write"), "{}", stderr(&out));
    assert!(theirs.join("thesis.docx").is_file());
    assert!(run(&theirs, &["--force"]).status.success());
    assert!(theirs.join(".handout").is_file() && !theirs.join("thesis.docx").exists());
    // Its own output, and an empty folder, are replaced as always.
    assert!(run(&theirs, &[]).status.success());
    let empty = site.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    assert!(run(&empty, &[]).status.success());
}

#[test]
fn a_control_character_is_found_in_the_content_not_the_template() {
    let site = sample_site();
    let bridge = site.path().join("content/exercises/bridge.md");
    replace_in(&bridge, "2. Squeeze your", "2. Squeeze\u{b} your");
    let out = handout(site.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = std::fs::read_to_string(&bridge).unwrap();
    let line = text.lines().position(|l| l.contains('\u{b}')).unwrap() + 1;
    assert!(
        stderr(&out).contains(&format!(
            "content/exercises/bridge.md:{line}:11: error: the file holds an invisible control character (U+000B, a vertical tab)"
        )),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_address_too_long_for_a_readable_qr_code_is_a_warning_at_its_field() {
    let site = sample_site();
    let bridge = site.path().join("content/exercises/bridge.md");
    let long = format!("https://videos.example/{}", "v".repeat(300));
    replace_in(
        &bridge,
        "title: \"Bridge\"",
        &format!("video: {long}\ntitle: \"Bridge\""),
    );
    let out = handout(site.path(), &["check"]);
    assert!(
        out.status.success(),
        "a warning, not an error: {}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("content/exercises/bridge.md:2:8: warning: this address makes codes of about 323 characters"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_runaway_list_of_cautions_is_an_error_at_the_first_one_too_many() {
    let site = sample_site();
    let cautions: String = (1..=20_000)
        .map(|i| format!("  - Caution {i}.\n"))
        .collect();
    replace_in(
        &site.path().join("content/exercises/bridge.md"),
        "cautions:\n",
        &format!("cautions:\n{cautions}"),
    );
    let out = handout(site.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let text = std::fs::read_to_string(site.path().join("content/exercises/bridge.md")).unwrap();
    let line = text.lines().position(|l| l == "  - Caution 41.").unwrap() + 1;
    assert!(
        err.contains(&format!(
            "content/exercises/bridge.md:{line}:5: error: an exercise has at most 40 cautions"
        )),
        "{err}"
    );
}
