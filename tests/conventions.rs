//! Habits a Zola or Hugo user brings: front matter with blank lines before it,
//! `weight` to order listings, `extra` for a theme's own fields, and a clear word
//! about TOML front matter.

mod common;

use common::*;
use std::process::Command;

#[test]
fn weight_orders_listings_and_extra_reaches_templates() {
    let site = sample_site();
    let exercises = site.path().join("content/exercises");
    // The bridge goes first everywhere; the clamshell last among the hip exercises.
    let bridge = exercises.join("bridge.md");
    let text = std::fs::read_to_string(&bridge).unwrap();
    std::fs::write(
        &bridge,
        text.replacen(
            "---\n",
            "---\nweight: 0\nextra:\n  video_length: 2 minutes\n  tags: [easy]\n",
            1,
        ),
    )
    .unwrap();
    for file in std::fs::read_dir(&exercises).unwrap() {
        let path = file.unwrap().path();
        if path != bridge {
            let text = std::fs::read_to_string(&path).unwrap();
            let weight = if path.ends_with("clamshell.md") {
                20
            } else {
                10
            };
            std::fs::write(
                &path,
                text.replacen("---\n", &format!("---\nweight: {weight}\n"), 1),
            )
            .unwrap();
        }
    }
    // A theme override shows an extra field.
    let templates = site.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("exercise.html"),
        "<p>{{ exercise.title }}{% if exercise.extra %}: {{ exercise.extra.video_length }}, {{ exercise.extra.tags | join(sep=\",\") }}{% endif %}</p>",
    )
    .unwrap();
    let out = handout(site.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let output = site.path().join("output");
    let page = std::fs::read_to_string(output.join("exercises/bridge/index.html")).unwrap();
    assert_eq!(page, "<p>Bridge: 2 minutes, easy</p>");
    let order = |path: &str| -> Vec<String> {
        let html = std::fs::read_to_string(output.join(path)).unwrap();
        html.match_indices("exercises/")
            .map(|(at, _)| html[at..].split('/').nth(1).unwrap().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let hip = order("regions/hip/index.html");
    assert_eq!(hip.first().map(String::as_str), Some("bridge"), "{hip:?}");
    assert_eq!(hip.last().map(String::as_str), Some("clamshell"), "{hip:?}");
    let home = order("index.html");
    assert_eq!(home.first().map(String::as_str), Some("bridge"), "{home:?}");
    // A weight that is not a number is an error at its place.
    std::fs::write(&bridge, text.replacen("---\n", "---\nweight: heavy\n", 1)).unwrap();
    let err = stderr(&handout(site.path(), &["check"]));
    assert!(
        err.contains("content/exercises/bridge.md:2:9: error: `weight` must be a whole number"),
        "{err}"
    );
}

#[test]
fn blank_lines_before_front_matter_are_fine_and_toml_is_named() {
    let site = sample_site();
    let bridge = site.path().join("content/exercises/bridge.md");
    let text = std::fs::read_to_string(&bridge).unwrap();
    std::fs::write(&bridge, format!("\u{feff}\n\n{text}")).unwrap();
    let out = handout(site.path(), &["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Errors still point at the right line, counting the blank ones.
    std::fs::write(
        &bridge,
        format!(
            "\n\n{}",
            text.replace("kind: strengthen", "kind: strenghten")
        ),
    )
    .unwrap();
    let err = stderr(&handout(site.path(), &["check"]));
    let line = text.lines().position(|l| l.starts_with("kind:")).unwrap() + 3;
    assert!(
        err.contains(&format!("content/exercises/bridge.md:{line}:7: error:")),
        "{err}"
    );
    std::fs::write(&bridge, "+++\ntitle = \"Bridge\"\n+++\n\n1. Lie down.\n").unwrap();
    let err = stderr(&handout(site.path(), &["check"]));
    assert!(
        err.contains("content/exercises/bridge.md:1:1: error: this front matter is TOML (between `+++` lines); handout reads YAML between `---` lines"),
        "{err}"
    );
}

#[test]
fn drafts_are_checked_but_built_only_with_drafts() {
    let site = sample_site();
    let content = site.path().join("content");
    let bridge = std::fs::read_to_string(content.join("exercises/bridge.md")).unwrap();
    std::fs::write(
        content.join("exercises/wall-sit.md"),
        bridge
            .replacen("---\n", "---\ndraft: true\n", 1)
            .replace("title: \"Bridge\"", "title: \"Wall sit\""),
    )
    .unwrap();
    std::fs::write(
        content.join("conditions/knee-plan.md"),
        "---\ntitle: Knee plan\ndraft: true\nexercises: [wall-sit, bridge]\n---\n\nSoon.\n",
    )
    .unwrap();
    let out = handout(site.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let output = site.path().join("output");
    assert!(!output.join("exercises/wall-sit").exists());
    assert!(!output.join("conditions/knee-plan").exists());
    let home = std::fs::read_to_string(output.join("index.html")).unwrap();
    assert!(!home.contains("Wall sit") && !home.contains("Knee plan"));
    assert!(
        !std::fs::read_to_string(output.join("search-index.js"))
            .unwrap()
            .contains("Wall sit")
    );
    // With --drafts they are built like the rest.
    let out = handout(site.path(), &["build", "--drafts"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(output.join("exercises/wall-sit/index.html").is_file());
    assert!(output.join("handouts/knee-plan.pdf").is_file());
    // A published condition cannot list a draft.
    replace_in(
        &content.join("conditions/knee-plan.md"),
        "draft: true\n",
        "",
    );
    let out = handout(site.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("content/conditions/knee-plan.md:3:13: error: \"wall-sit\" is a draft (`draft: true` in its file), left out of the build: publish it, or build with --drafts"),
        "{}",
        stderr(&out)
    );
    assert!(
        handout(site.path(), &["check", "--drafts"])
            .status
            .success()
    );
    // A draft is still checked.
    replace_in(
        &content.join("exercises/wall-sit.md"),
        "kind: strengthen",
        "kind: strenghten",
    );
    assert_eq!(handout(site.path(), &["build"]).status.code(), Some(1));
}

#[test]
fn root_and_output_are_global_with_short_forms_and_base_url_overrides_for_one_build() {
    let site = sample_site();
    let outside = tempfile::tempdir().unwrap();
    let preview = outside.path().join("preview");
    // Before or after the command, long or short.
    let out = Command::new(env!("CARGO_BIN_EXE_handout"))
        .args(["-r"])
        .arg(site.path())
        .args(["build", "-o"])
        .arg(&preview)
        .args(["--base-url", "http://localhost:8080/preview", "--quiet"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let page = std::fs::read_to_string(preview.join("exercises/bridge/index.html")).unwrap();
    assert!(
        page.contains(
            "<link rel=\"canonical\" href=\"http://localhost:8080/preview/exercises/bridge/\">"
        ),
        "the override is used, with its slash added"
    );
    assert!(preview.join("sitemap.xml").is_file());
    assert!(
        !site.path().join("output").exists(),
        "the site's own output is untouched"
    );
    // A later build without the override renders those pages again.
    let out = handout(
        outside.path(),
        &[
            "build",
            "--root",
            site.path().to_str().unwrap(),
            "--output",
            "preview",
            "--quiet",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let page = std::fs::read_to_string(preview.join("exercises/bridge/index.html")).unwrap();
    assert!(
        !page.contains("localhost:8080"),
        "a stale page kept the override"
    );
    // A bad address, and --output where nothing is written, are errors.
    let out = handout(site.path(), &["build", "--base-url", "clinic.example"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--base-url: base_url must be a full web address"),
        "{}",
        stderr(&out)
    );
    let out = handout(site.path(), &["check", "-o", "somewhere"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("check writes no output"));
    let out = handout(site.path(), &["sheet", "--condition", "lower-back-pain"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("sheet needs --output FILE.pdf"));
    let pdf = outside.path().join("sheet.pdf");
    let out = handout(
        site.path(),
        &[
            "-o",
            pdf.to_str().unwrap(),
            "sheet",
            "--condition",
            "lower-back-pain",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(pdf.is_file());
}

#[test]
fn a_theme_template_can_extend_the_built_in_one_and_a_root_templates_folder_is_named() {
    let site = sample_site();
    let templates = site.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("exercise.html"),
        "{% extends \"default/exercise.html\" %}{% block content %}<p class=\"clinic-note\">Ask us about this one.</p>{{ super() }}{% endblock content %}",
    )
    .unwrap();
    // A Zola habit: templates at the site's root.
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    let out = handout(site.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("templates:1:1: warning: this folder is not read: templates live in a theme, under themes/<name>/templates/"),
        "{}",
        stderr(&out)
    );
    let page =
        std::fs::read_to_string(site.path().join("output/exercises/bridge/index.html")).unwrap();
    let note = page
        .find("Ask us about this one.")
        .expect("the override's addition");
    assert!(
        page[note..].contains("<li>Lie on your back"),
        "the built-in page's steps follow the addition"
    );
    assert!(
        page.contains("class=\"site-header\""),
        "the built-in base still wraps it"
    );
}

#[test]
fn content_and_theme_problems_are_reported_in_one_run() {
    let site = sample_site();
    replace_in(
        &site.path().join("content/exercises/bridge.md"),
        "reps:",
        "repz:",
    );
    let templates = site.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("exercise.html"), "{% if %}broken").unwrap();
    let out = handout(site.path(), &["check"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("content/exercises/bridge.md:") && err.contains("`repz`"),
        "{err}"
    );
    assert!(
        err.contains("themes/default/templates/exercise.html:1:"),
        "{err}"
    );
}
