//! The command line: init, new, check, help, exit codes.

mod common;

use common::*;

#[test]
fn init_makes_a_site_that_builds_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = handout(dir.path(), &["init", "clinic"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let site = dir.path().join("clinic");
    let build = handout(&site, &["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(
        stderr(&build).contains("pages and 3 PDFs") && stderr(&build).contains(" changed)"),
        "{}",
        stderr(&build)
    );
    assert!(site.join("output/handouts/low-back-pain.pdf").is_file());
    // A file saved again unchanged (its time kept): the build's staging folder, the same files as
    // the output, is kept beside it for the next build to start from.
    save_again(&site.join("content/exercises/bridge.md"));
    let again = handout(&site, &["build"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(site.join(".output.spare").is_dir());
    // The site's .gitignore names everything a build leaves beside content/, except
    // the record of published addresses, which is meant to be kept.
    let ignored = std::fs::read_to_string(site.join(".gitignore")).unwrap();
    let ignored: Vec<&str> = ignored.lines().map(|l| l.trim_matches('/')).collect();
    for entry in std::fs::read_dir(&site).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let kept = ["content", ".gitignore", ".output.handout-published.json"];
        assert!(
            kept.contains(&name.as_str()) || ignored.contains(&name.as_str()),
            "{name} is not in .gitignore"
        );
    }
    // A second init into a folder that is not empty is refused.
    let again = handout(dir.path(), &["init", "clinic"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already exists and is not empty"));
}

#[test]
fn new_files_have_every_field_and_build() {
    let dir = tempfile::tempdir().unwrap();
    assert!(handout(dir.path(), &["init", "site"]).status.success());
    let site = dir.path().join("site");
    let out = handout(&site, &["new", "exercise", "Wall sit: 90°"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(site.join("content/exercises/wall-sit-90.md")).unwrap();
    for field in handout::content::validate::EXERCISE_FIELDS
        .iter()
        .filter(|f| **f != "tags")
    {
        assert!(
            text.contains(&format!("{field}:")),
            "new exercise lacks {field}"
        );
    }
    assert!(
        text.contains("title: 'Wall sit: 90°'") || text.contains("title: \"Wall sit: 90°\""),
        "{text}"
    );
    let out = handout(&site, &["new", "condition", "Knee pain"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(site.join("content/conditions/knee-pain.md")).unwrap();
    for field in handout::content::validate::CONDITION_FIELDS {
        assert!(
            text.contains(&format!("{field}:")),
            "new condition lacks {field}"
        );
    }
    let build = handout(&site, &["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(
        site.join("output/exercises/wall-sit-90/index.html")
            .is_file()
    );
    assert!(site.join("output/handouts/knee-pain.pdf").is_file());
    // Never overwrite.
    let again = handout(&site, &["new", "exercise", "Wall sit: 90°"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already exists"));
}

#[test]
fn check_validates_without_writing() {
    let site = sample_site();
    let out = handout(site.path(), &["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!site.path().join("output").exists());
}

#[test]
fn usage_errors_exit_2_and_every_command_has_help() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["frobnicate"][..],
        &["build", "--nope"],
        &["new", "exercise"],
        &["init"],
    ] {
        assert_eq!(handout(dir.path(), args).status.code(), Some(2), "{args:?}");
    }
    for args in [
        &["--help"][..],
        &["build", "--help"],
        &["check", "--help"],
        &["init", "--help"],
        &["new", "--help"],
        &["new", "exercise", "--help"],
    ] {
        let out = handout(dir.path(), args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Usage"),
            "{args:?}"
        );
    }
}

#[test]
fn root_flag_builds_a_site_elsewhere() {
    let site = sample_site();
    let elsewhere = tempfile::tempdir().unwrap();
    let root = site.path().to_str().unwrap();
    let out = handout(elsewhere.path(), &["build", "--root", root]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site.path().join("output/index.html").is_file());
    assert!(!elsewhere.path().join("output").exists());
}
