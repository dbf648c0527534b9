//! Bad input: every problem reported as path:line:col, exit 1, no panic, and
//! the previous output left exactly as it was.

mod common;

use std::path::Path;

use common::*;

/// A previous output with a file in it, to prove a failed build leaves it alone.
fn previous_output(site: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let output = site.join("output");
    std::fs::create_dir_all(output.join("exercises")).unwrap();
    std::fs::write(output.join("index.html"), "previous build").unwrap();
    std::fs::write(output.join("exercises/old.html"), "kept").unwrap();
    snapshot_tree(&output)
}

fn assert_failed_cleanly(
    site: &Path,
    out: &std::process::Output,
    before: &[(std::path::PathBuf, Vec<u8>)],
) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(
        snapshot_tree(&site.join("output")),
        before,
        "output changed"
    );
    let leftovers: Vec<_> = std::fs::read_dir(site)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging") || n.contains("previous"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn invalid_site_reports_every_problem_in_one_run() {
    let site = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures/invalid"), site.path());
    let before = previous_output(site.path());
    let out = handout(site.path(), &["build"]);
    assert_failed_cleanly(site.path(), &out, &before);
    assert_snapshot("invalid.stderr", &stderr(&out));

    // `check` reports the same problems and writes nothing.
    let check = handout(site.path(), &["check"]);
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(stderr(&check), stderr(&out));
}

#[test]
fn template_errors_point_into_the_theme_file() {
    let site = sample_site();
    let templates = site.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("exercise.html"), "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ exercise.title | nosuchfilter }}</h1>\n{% endblock content %}\n").unwrap();
    let before = previous_output(site.path());
    let out = handout(site.path(), &["build"]);
    assert_failed_cleanly(site.path(), &out, &before);
    let err = stderr(&out);
    assert!(
        err.starts_with("themes/default/templates/exercise.html:3:"),
        "{err}"
    );
    assert!(err.contains("error: template error"), "{err}");
}

#[test]
fn a_sheet_template_that_makes_bad_markup_is_reported() {
    let site = sample_site();
    let templates = site.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("handout.xml"),
        "<sheet><table>{{ condition.title }}</table></sheet>",
    )
    .unwrap();
    let before = previous_output(site.path());
    let out = handout(site.path(), &["build"]);
    assert_failed_cleanly(site.path(), &out, &before);
    assert!(
        stderr(&out)
            .contains("themes/default/templates/handout.xml:1:1: error: unknown element <table>"),
        "{}",
        stderr(&out)
    );
}

/// Files no one should write still get a clear message, never a panic.
#[test]
fn malformed_files_never_panic() {
    let site = sample_site();
    let ex = site.path().join("content/exercises");
    std::fs::write(ex.join("empty.md"), "").unwrap();
    std::fs::write(ex.join("latin1.md"), b"---\ntitle: Caf\xe9 stretch\n---\n").unwrap();
    std::fs::write(ex.join("binary.md"), [0u8, 159, 146, 150, 255, 0, 1]).unwrap();
    std::fs::write(
        ex.join("huge.md"),
        format!(
            "---\ntitle: Huge\ndosage: {{ reps: 1 }}\n---\n{}",
            "x".repeat(2 << 20)
        ),
    )
    .unwrap();
    std::fs::write(ex.join("list.md"), "---\n- just\n- a list\n---\n").unwrap();
    std::fs::write(ex.join("unclosed.md"), "---\ntitle: Never closed\n").unwrap();
    std::fs::write(
        ex.join("deep.md"),
        format!("---\ntitle: {}\n---\n", "[".repeat(10_000)),
    )
    .unwrap();
    std::fs::write(ex.join("tabs.md"), "---\ntitle: Tabs\n\tdosage: 1\n---\n").unwrap();
    std::fs::write(
        ex.join("nested.md"),
        "---\ntitle: [a, b]\ndosage: [1, 2]\ncautions: { a: 1 }\n---\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(".", ex.join("loop")).unwrap();
        std::os::unix::fs::symlink("..", ex.join("up")).unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(
            outside.path().join("secret.md"),
            "---\ntitle: Secret\ndosage: { reps: 1 }\n---\n",
        )
        .unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.md"), ex.join("secret.md")).unwrap();
        std::mem::forget(outside);
    }
    let before = previous_output(site.path());
    let out = handout(site.path(), &["build"]);
    assert_failed_cleanly(site.path(), &out, &before);
    let err = stderr(&out);
    let expect = [
        "content/exercises/empty.md:1:1: error: no front matter",
        "content/exercises/latin1.md:2:11: error: file is not valid UTF-8",
        "content/exercises/binary.md:1:2: error: file is not valid UTF-8",
        "content/exercises/huge.md:1:1: error: file is 2048 KiB",
        "content/exercises/list.md:2:1: error: the front matter must be fields",
        "content/exercises/unclosed.md:1:1: error: front matter is not closed",
        "content/exercises/deep.md:2:",
        "content/exercises/tabs.md:3:",
        "content/exercises/nested.md:2:8: error: `title` must be text, not a list",
        "content/exercises/nested.md:3:9: error: `dosage` must be fields",
        "content/exercises/nested.md:4:11: error: `cautions` must be a list",
    ];
    for line in expect {
        assert!(
            err.lines().any(|l| l.starts_with(line)),
            "missing {line:?} in\n{err}"
        );
    }
    #[cfg(unix)]
    {
        assert!(
            err.contains("content/exercises/loop:1:1: error: symlink loop"),
            "{err}"
        );
        assert!(err.contains("content/exercises/up:1:1: error: this links to something outside content/exercises/"), "{err}");
        assert!(err.contains("content/exercises/secret.md:1:1: error: this links to something outside content/exercises/"), "{err}");
    }
}

#[test]
fn output_folder_may_not_swallow_the_site() {
    let site = sample_site();
    for bad in [".", "content", "content/exercises"] {
        let out = handout(site.path(), &["build", "--output", bad]);
        assert_eq!(out.status.code(), Some(1), "--output {bad}");
        assert!(
            stderr(&out).contains("would replace the site's own files"),
            "{}",
            stderr(&out)
        );
    }
    assert!(site.path().join("content/site.yaml").is_file());
}

#[test]
fn a_missing_site_is_explained() {
    let empty = tempfile::tempdir().unwrap();
    let out = handout(empty.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("content:1:1: error: no content/ folder here"),
        "{}",
        stderr(&out)
    );
    assert!(!empty.path().join("output").exists());
}

/// Valid but extreme content (deep nesting, endless words, a huge list) builds without crashing.
#[test]
fn extreme_but_valid_content_builds() {
    let site = sample_site();
    let ex = site.path().join("content/exercises");
    let deep_list: String = (0..400)
        .map(|i| format!("{}- level {i}\n", "  ".repeat(i)))
        .collect();
    let files = [
        ("deep-quote", format!("{} deep\n", ">".repeat(20_000))),
        ("deep-list", deep_list),
        (
            "long-words",
            format!("{}\n\n{}\n", "x".repeat(50_000), "ẅ".repeat(3_000)),
        ),
        (
            "many-steps",
            (1..=300)
                .map(|i| format!("{i}. Step number {i}.\n"))
                .collect(),
        ),
    ];
    let mut list = String::new();
    for (slug, body) in &files {
        std::fs::write(
            ex.join(format!("{slug}.md")),
            format!("---\ntitle: {slug}\ndosage: {{ reps: 1 }}\n---\n{body}"),
        )
        .unwrap();
        list.push_str(&format!("  - {slug}\n"));
    }
    let condition = site.path().join("content/conditions/lower-back-pain.md");
    let text = std::fs::read_to_string(&condition).unwrap().replacen(
        "exercises:\n",
        &format!("exercises:\n{list}"),
        1,
    );
    std::fs::write(&condition, text).unwrap();
    let out = handout(site.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pages = pdf_pages_text(&site.path().join("output/handouts/lower-back-pain.pdf"));
    assert!(
        pages.len() > 10,
        "300 steps take many pages, got {}",
        pages.len()
    );
    // 2,000 steps run the condition's handout past the page limit: refused.
    let many = ex.join("many-steps.md");
    let text = std::fs::read_to_string(&many).unwrap();
    let more: String = (301..=2_000)
        .map(|i| format!("{i}. Step number {i}.\n"))
        .collect();
    std::fs::write(&many, text + &more).unwrap();
    let out = handout(site.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(":1:1: error: this sheet would run past 100 pages"),
        "{}",
        stderr(&out)
    );
    assert!(squash(&pages.concat()).contains("300.Stepnumber300."));
}

/// A character the font lacks is a warning at its first use, and the build still succeeds.
#[test]
fn characters_the_font_lacks_are_warned_about_with_their_line() {
    let site = sample_site();
    let bridge = site.path().join("content/exercises/bridge.md");
    let text = std::fs::read_to_string(&bridge)
        .unwrap()
        .replace("4. Slowly lower", "4. Breathe: 吸气. Slowly lower");
    std::fs::write(&bridge, text).unwrap();
    let out = handout(site.path(), &["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    let line = std::fs::read_to_string(&bridge)
        .unwrap()
        .lines()
        .position(|l| l.contains('吸'))
        .unwrap()
        + 1;
    for c in ['吸', '气'] {
        let expected = format!("content/exercises/bridge.md:{line}:");
        assert!(
            err.lines().any(|l| l.starts_with(&expected)
                && l.contains(&format!("warning: the font cannot draw '{c}'"))),
            "{err}"
        );
    }
    // Written as a YAML escape, the character is found at the escape.
    let text = std::fs::read_to_string(&bridge).unwrap();
    let text = text.replace("4. Breathe: 吸气. Slowly lower", "4. Slowly lower");
    std::fs::write(
        &bridge,
        text.replace("title: \"Bridge\"", "title: \"Bridge \\u6F22\""),
    )
    .unwrap();
    let err = stderr(&handout(site.path(), &["check"]));
    assert!(
        err.contains("content/exercises/bridge.md:2:16: warning: the font cannot draw '漢'"),
        "{err}"
    );
}

/// Rebuilding rewrites only what changed; a killed build leaves the old output whole.
#[test]
fn rebuilds_touch_only_what_changed_and_survive_being_killed() {
    use std::time::SystemTime;
    let site = sample_site();
    assert!(handout(site.path(), &["build"]).status.success());
    let output = site.path().join("output");
    let mtimes = |dir: &Path| -> std::collections::BTreeMap<std::path::PathBuf, SystemTime> {
        snapshot_tree(dir)
            .into_iter()
            .map(|(p, _)| {
                let time = std::fs::metadata(dir.join(&p)).unwrap().modified().unwrap();
                (p, time)
            })
            .collect()
    };
    let before = mtimes(&output);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let out = handout(site.path(), &["build"]);
    assert!(stderr(&out).contains("0 changed"), "{}", stderr(&out));
    assert_eq!(
        mtimes(&output),
        before,
        "a build with no change rewrote files"
    );

    // Edit one exercise: its page and card change, and the sheets and pages that show it.
    let dead_bug = site.path().join("content/exercises/dead-bug.md");
    let text = std::fs::read_to_string(&dead_bug)
        .unwrap()
        .replace("Dead bug", "Dead bug (on your back)");
    std::fs::write(&dead_bug, text).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    assert!(handout(site.path(), &["build"]).status.success());
    let after = mtimes(&output);
    let changed: Vec<String> = after
        .iter()
        .filter(|(p, t)| before.get(*p) != Some(t))
        .map(|(p, _)| p.display().to_string())
        .collect();
    for expected in [
        "exercises/dead-bug/index.html",
        "handouts/exercises/dead-bug.pdf",
        "handouts/lower-back-pain.pdf",
        "index.html",
    ] {
        assert!(
            changed.contains(&expected.to_string()),
            "{expected} not rewritten: {changed:?}"
        );
    }
    for unchanged in [
        "exercises/bridge/index.html",
        "handouts/exercises/bridge.pdf",
        "handouts/lower-back-and-hip-pain.pdf",
        "style.css",
    ] {
        assert!(
            !changed.contains(&unchanged.to_string()),
            "{unchanged} rewritten"
        );
    }

    // Delete an exercise: its page and card disappear.
    std::fs::remove_file(site.path().join("content/exercises/banded-walk.md")).unwrap();
    let condition = site
        .path()
        .join("content/conditions/hip-and-lower-back-stretches.md");
    let text = std::fs::read_to_string(&condition)
        .unwrap()
        .replace("  - banded-walk\n", "");
    std::fs::write(&condition, text).unwrap();
    assert!(handout(site.path(), &["build"]).status.success());
    assert!(!output.join("exercises/banded-walk/index.html").exists());
    assert!(!output.join("handouts/exercises/banded-walk.pdf").exists());

    // Killed after writing the new tree but before swapping it in.
    let whole = snapshot_tree(&output);
    std::fs::write(
        &dead_bug,
        std::fs::read_to_string(&dead_bug)
            .unwrap()
            .replace("(on your back)", "(killed)"),
    )
    .unwrap();
    let killed = std::process::Command::new(env!("CARGO_BIN_EXE_handout"))
        .arg("build")
        .current_dir(site.path())
        .env("HANDOUT_TEST_ABORT_BEFORE_SWAP", "1")
        .output()
        .unwrap();
    assert!(!killed.status.success());
    assert_eq!(
        snapshot_tree(&output),
        whole,
        "the previous output is whole"
    );
    // The next build cleans up what the killed one left.
    assert!(handout(site.path(), &["build"]).status.success());
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".output.staging-") || n.starts_with(".output.previous-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Equipment names come from a vocabulary (built in, plus site.yaml's own): a note
/// after a known name stays out of the browse pages, and an unknown name is a
/// warning with the nearest known one.
#[test]
fn equipment_is_read_against_its_vocabulary() {
    let site = sample_site();
    let bridge = site.path().join("content/exercises/bridge.md");
    let clam = site.path().join("content/exercises/clamshell.md");
    replace_in(
        &bridge,
        "equipment: [\"exercise mat\"]",
        "equipment: [\"an exercise mat (or a rug)\", \"yoga blok\", \"balance pad\"]",
    );
    let out = handout(site.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("content/exercises/bridge.md:7:")
            && err.contains("warning: unknown equipment \"yoga blok\" gets a browse page of its own; known names:"),
        "{err}"
    );
    assert!(
        !err.contains("an exercise mat"),
        "a known name with a note is no warning: {err}"
    );
    let output = site.path().join("output");
    let page = std::fs::read_to_string(output.join("exercises/bridge/index.html")).unwrap();
    assert!(
        page.contains(
            "<a href=\"../../equipment/exercise-mat/index.html\">exercise mat</a> (or a rug)"
        ),
        "{page}"
    );
    let mats = std::fs::read_to_string(output.join("equipment/exercise-mat/index.html")).unwrap();
    assert!(
        mats.contains("exercises/bridge/index.html")
            && mats.contains("exercises/clamshell/index.html")
    );
    assert!(!output.join("equipment/an-exercise-mat-or-a-rug").exists());
    // A name the site adds is known, and a near miss is suggested.
    let yaml = site.path().join("content/site.yaml");
    let config = std::fs::read_to_string(&yaml).unwrap() + "equipment: [Balance pad]\n";
    std::fs::write(&yaml, config).unwrap();
    replace_in(
        &clam,
        "equipment: [\"exercise mat\"]",
        "equipment: [\"balance pads\"]",
    );
    let err = stderr(&handout(site.path(), &["check"]));
    assert!(!err.contains("unknown equipment \"balance pad\""), "{err}");
    assert!(err.contains("unknown equipment \"balance pads\" gets a browse page of its own; did you mean \"balance pad\"?"), "{err}");
}
