//! Printed links never break: the build records the addresses it published, warns
//! when one disappears, writes a redirect for each alias and, if asked, a notice
//! where a removed exercise was.

mod common;

use common::*;

fn rename_bridge(site: &std::path::Path) {
    let exercises = site.join("content/exercises");
    std::fs::rename(
        exercises.join("bridge.md"),
        exercises.join("glute-bridge.md"),
    )
    .unwrap();
    // Its translation goes with it.
    std::fs::rename(
        exercises.join("bridge.es.md"),
        exercises.join("glute-bridge.es.md"),
    )
    .unwrap();
    for file in std::fs::read_dir(site.join("content/conditions")).unwrap() {
        let path = file.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let renamed = text
            .replace("  - bridge\n", "  - glute-bridge\n")
            .replace("exercise: bridge\n", "exercise: glute-bridge\n");
        std::fs::write(&path, renamed).unwrap();
    }
}

fn gone_warning(out: &std::process::Output) -> Option<String> {
    stderr(out)
        .lines()
        .find(|l| l.contains("published before, and no"))
        .map(str::to_string)
}

#[test]
fn renaming_without_an_alias_warns_with_the_old_address() {
    let site = sample_site();
    let out = handout(site.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        gone_warning(&out).is_none(),
        "a first build has nothing to lose"
    );
    let record =
        std::fs::read_to_string(site.path().join(".output.handout-published.json")).unwrap();
    assert!(record.contains("\"exercises/bridge/\""), "{record}");
    assert!(
        record.contains("\"conditions/lower-back-pain/\""),
        "{record}"
    );

    rename_bridge(site.path());
    for command in ["check", "build"] {
        let out = handout(site.path(), &[command]);
        assert!(out.status.success(), "{}", stderr(&out));
        let warning = gone_warning(&out).unwrap_or_else(|| panic!("{command}: {}", stderr(&out)));
        assert!(
            warning.starts_with("content/exercises:1:1: warning: \"exercises/bridge/\" and \"es/exercises/bridge/\" were published before, and no exercise has those addresses now"),
            "{warning}"
        );
        assert!(
            warning.contains("add `aliases: [bridge]` to it"),
            "{warning}"
        );
    }
    // The warning stays until something is done about it: the record keeps the address.
    let out = handout(site.path(), &["build"]);
    assert!(gone_warning(&out).is_some());
    assert!(!site.path().join("output/exercises/bridge").exists());
}

#[test]
fn an_alias_leaves_a_redirect_at_the_old_address() {
    let site = sample_site();
    assert!(handout(site.path(), &["build"]).status.success());
    rename_bridge(site.path());
    let renamed = site.path().join("content/exercises/glute-bridge.md");
    replace_in(&renamed, "\ntitle:", "\naliases: [bridge]\ntitle:");
    let out = handout(site.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(gone_warning(&out).is_none(), "{}", stderr(&out));
    let old =
        std::fs::read_to_string(site.path().join("output/exercises/bridge/index.html")).unwrap();
    let target = "../../exercises/glute-bridge/index.html";
    assert!(
        old.contains(&format!(
            "<meta http-equiv=\"refresh\" content=\"0; url={target}\">"
        )),
        "{old}"
    );
    assert!(
        old.contains(&format!("<a id=\"moved\" href=\"{target}\">Bridge</a>")),
        "{old}"
    );
    assert!(
        old.contains("location.hash"),
        "the #part of a QR code's address goes along"
    );
    assert!(old.contains("noindex"));
    // The Spanish page's old address leads to the Spanish page, in Spanish.
    let old_es =
        std::fs::read_to_string(site.path().join("output/es/exercises/bridge/index.html")).unwrap();
    assert!(
        old_es.contains(
            "<a id=\"moved\" href=\"../../../es/exercises/glute-bridge/index.html\">Puente</a>"
        ),
        "{old_es}"
    );
    assert!(old_es.contains("lang=\"es\""), "{old_es}");
    // The redirect is not a page of its own in the sitemap or the search index.
    let index = read_search_index(&site.path().join("output"));
    assert!(!index.to_string().contains("exercises/bridge/"), "{index}");

    // An alias that is a live page's address, or another file's alias, is an error.
    replace_in(
        &renamed,
        "aliases: [bridge]",
        "aliases: [bridge, clamshell]",
    );
    let out = handout(site.path(), &["check"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("content/exercises/glute-bridge.md:2:19: error: alias \"exercises/clamshell/\" is the address of a page the site still has"),
        "{}",
        stderr(&out)
    );
    replace_in(
        &renamed,
        "aliases: [bridge, clamshell]",
        "aliases: [bridge]",
    );
    replace_in(
        &site.path().join("content/exercises/clamshell.md"),
        "\ntitle:",
        "\naliases: [\"/exercises/bridge/\"]\ntitle:",
    );
    let out = handout(site.path(), &["check"]);
    assert!(
        stderr(&out).contains("content/exercises/glute-bridge.md:2:11: error: alias \"exercises/bridge/\" is also an alias in content/exercises/clamshell.md"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_removed_exercise_can_leave_a_page_that_says_so() {
    let site = sample_site();
    assert!(handout(site.path(), &["build"]).status.success());
    // The banded walk goes, from the library and from the conditions that list it.
    for file in ["banded-walk.md", "banded-walk.es.md"] {
        std::fs::remove_file(site.path().join("content/exercises").join(file)).unwrap();
    }
    for file in std::fs::read_dir(site.path().join("content/conditions")).unwrap() {
        let path = file.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let kept: Vec<&str> = text
            .lines()
            .filter(|l| !l.contains("banded-walk"))
            .collect();
        std::fs::write(&path, kept.join("\n") + "\n").unwrap();
    }
    let site_yaml = site.path().join("content/site.yaml");
    let original = std::fs::read_to_string(&site_yaml).unwrap();
    std::fs::write(&site_yaml, format!("{original}removed_pages: keep\n")).unwrap();
    let out = handout(site.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(gone_warning(&out).is_none(), "{}", stderr(&out));
    let page = std::fs::read_to_string(site.path().join("output/exercises/banded-walk/index.html"))
        .unwrap();
    assert!(
        page.contains("This exercise is no longer in our library"),
        "{page}"
    );
    assert!(
        page.contains("Please ask your clinic before you do it again: call us on"),
        "{page}"
    );
    assert!(page.contains("href=\"../../index.html\""), "{page}");

    // `forget`: no page and no warning, and the address leaves the record.
    std::fs::write(&site_yaml, format!("{original}removed_pages: forget\n")).unwrap();
    let out = handout(site.path(), &["build"]);
    assert!(gone_warning(&out).is_none());
    assert!(!site.path().join("output/exercises/banded-walk").exists());
    std::fs::write(&site_yaml, &original).unwrap();
    let out = handout(site.path(), &["build"]);
    assert!(
        gone_warning(&out).is_none(),
        "forgotten for good: {}",
        stderr(&out)
    );

    std::fs::write(&site_yaml, format!("{original}removed_pages: sometimes\n")).unwrap();
    let out = handout(site.path(), &["check"]);
    assert!(stderr(&out).contains("removed_pages must be warn, keep or forget, not \"sometimes\""));
}

#[test]
fn a_drafts_preview_does_not_promise_its_draft_pages() {
    let site = sample_site();
    let draft = site.path().join("content/exercises/new-move.md");
    std::fs::write(
        &draft,
        "---\ntitle: New move\ndraft: true\ndosage: { reps: 5, frequency: once daily }\n---\n1. Stand up.\n",
    )
    .unwrap();
    assert!(
        handout(site.path(), &["build", "--drafts"])
            .status
            .success()
    );
    assert!(
        site.path()
            .join("output/exercises/new-move/index.html")
            .exists()
    );
    let out = handout(site.path(), &["build"]);
    assert!(gone_warning(&out).is_none(), "{}", stderr(&out));
}

#[test]
fn a_removed_translation_leads_to_the_page_in_the_main_language() {
    let site = sample_site();
    assert!(handout(site.path(), &["build"]).status.success());
    std::fs::remove_file(site.path().join("content/exercises/bridge.es.md")).unwrap();
    let out = handout(site.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(gone_warning(&out).is_none(), "{}", stderr(&out));
    let old =
        std::fs::read_to_string(site.path().join("output/es/exercises/bridge/index.html")).unwrap();
    assert!(
        old.contains("<a id=\"moved\" href=\"../../../exercises/bridge/index.html\">Bridge</a>"),
        "{old}"
    );
}
