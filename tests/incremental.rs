//! The build cache: after an edit only what depends on it is rendered again, the
//! result equals a full build, and a damaged cache or output is never trusted.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::*;

/// The theme's static files, copied on every build.
const STATIC: [&str; 7] = [
    ".handout",
    "builder/builder.js",
    "favicon.svg",
    "page.js",
    "search-rank.js",
    "search.js",
    "style.css",
];

/// What shows the whole library, made again after any content edit. (The
/// sitemap lists pages, so it is made again only when a page comes or goes.)
const WHOLE: [&str; 3] = ["builder/site.js", "index.html", "search-index.js"];

/// Builds verbosely; returns the files rendered and the full stderr.
fn build(site: &Path, extra: &[&str]) -> (BTreeSet<String>, String) {
    let mut args = vec!["build", "--verbose"];
    args.extend(extra);
    let out = handout(site, &args);
    let text = stderr(&out);
    assert!(out.status.success(), "{text}");
    let rendered = text
        .lines()
        .filter_map(|l| l.strip_prefix("rendered "))
        .map(str::to_string)
        .collect();
    (rendered, text)
}

/// How many files the output holds.
fn file_count(site: &Path) -> usize {
    snapshot_tree(&site.join("output")).len()
}

fn text_of(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

fn always() -> BTreeSet<String> {
    STATIC.iter().chain(&WHOLE).map(|s| s.to_string()).collect()
}

/// The output equals what a clean build of the same content makes.
fn assert_same_as_full_build(site: &Path) {
    let fresh = tempfile::tempdir().unwrap();
    copy_dir(&site.join("content"), &fresh.path().join("content"));
    if site.join("themes").is_dir() {
        copy_dir(&site.join("themes"), &fresh.path().join("themes"));
    }
    // Sheets are dated by their sources' times; give the copies the same times.
    for entry in walkdir::WalkDir::new(site.join("content")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let copy = fresh.path().join(entry.path().strip_prefix(site).unwrap());
            let modified = entry.metadata().unwrap().modified().unwrap();
            std::fs::File::options()
                .write(true)
                .open(copy)
                .unwrap()
                .set_modified(modified)
                .unwrap();
        }
    }
    build(fresh.path(), &[]);
    let ours = snapshot_tree(&site.join("output"));
    let theirs = snapshot_tree(&fresh.path().join("output"));
    assert_eq!(
        ours.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        theirs.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for ((path, a), (_, b)) in ours.iter().zip(&theirs) {
        assert!(a == b, "{} differs from a full build", path.display());
    }
}

#[test]
fn an_edit_renders_only_what_depends_on_it() {
    let site = sample_in("en");
    let (first, text) = build(site.path(), &[]);
    assert!(text.contains("note: no build cache"), "{text}");
    assert_eq!(first.len(), file_count(site.path()), "everything");
    // Nothing read has changed and the output is as it was left: nothing to do.
    let (second, text) = build(site.path(), &[]);
    assert!(second.is_empty(), "{second:?}");
    assert!(text.contains(": 0 rendered, 0 changed)"), "{text}");
    assert!(text.contains("time: check what changed"), "{text}");

    // Edit the bridge: its page and card, the conditions that list it (page and both
    // handouts) and the browse pages that list it are made again; nothing else is.
    let bridge = site.path().join("content/exercises/bridge.md");
    let text = replace_in(&bridge, "title: \"Bridge\"", "title: \"Hip bridge\"");
    std::fs::write(site.path().join("original-bridge.md"), &text).unwrap();
    let (third, _) = build(site.path(), &[]);
    let (library, _) = handout::content::validate::load_library(
        &handout::content::load::SiteRoot::new(site.path()).unwrap(),
    )
    .unwrap();
    let exercise = &library.exercises["bridge"];
    let mut expected = always();
    expected.insert("exercises/bridge/index.html".into());
    expected.insert("handouts/exercises/bridge.pdf".into());
    // Its figure is drawn from its own file alone.
    expected.insert("figures/bridge.svg".into());
    for condition in library.conditions_using("bridge") {
        expected.insert(format!("conditions/{}/index.html", condition.slug));
        expected.insert(format!("handouts/{}.pdf", condition.slug));
        expected.insert(format!("handouts/large-print/{}.pdf", condition.slug));
    }
    for region in &exercise.regions {
        expected.insert(format!("regions/{region}/index.html"));
    }
    expected.extend(
        exercise
            .kind
            .iter()
            .map(|k| format!("kinds/{k}/index.html")),
    );
    expected.extend(
        exercise
            .position
            .iter()
            .map(|p| format!("positions/{p}/index.html")),
    );
    for item in &exercise.equipment {
        let slug = handout::content::validate::slugify(item);
        expected.insert(format!("equipment/{slug}/index.html"));
    }
    // And the pages by first letter: it moves from B to H, and every letter page
    // shows each letter's count.
    for entry in std::fs::read_dir(site.path().join("output/a-z")).unwrap() {
        let letter = entry.unwrap().file_name().into_string().unwrap();
        expected.insert(format!("a-z/{letter}/index.html"));
    }
    assert_eq!(third, expected);
    assert_same_as_full_build(site.path());

    // A condition's own text changes its page and handouts only.
    let condition = site.path().join("content/conditions/lower-back-pain.md");
    let text = std::fs::read_to_string(&condition).unwrap();
    std::fs::write(&condition, text + "\nOne more line.\n").unwrap();
    let (fourth, _) = build(site.path(), &[]);
    let mut expected = always();
    expected.insert("conditions/lower-back-pain/index.html".into());
    expected.insert("handouts/lower-back-pain.pdf".into());
    expected.insert("handouts/large-print/lower-back-pain.pdf".into());
    assert_eq!(fourth, expected);

    // A dose the condition gives one of its exercises shows on that exercise's
    // page ("with its own dose"), and on the pages that list it.
    replace_in(
        &condition,
        "dosage: { hold: 3 breaths, reps: 3 }",
        "dosage: { hold: 3 breaths, reps: 5 }",
    );
    let (fifth, _) = build(site.path(), &[]);
    assert!(
        fifth.contains("exercises/figure-4-stretch/index.html"),
        "{fifth:?}"
    );
    let page = text_of(
        &site
            .path()
            .join("output/exercises/figure-4-stretch/index.html"),
    );
    assert!(page.contains("Repeat 5 times"), "{page}");
    assert_same_as_full_build(site.path());

    // A new exercise appears; deleted, its files disappear; either way the result
    // equals a full build.
    let wall = site.path().join("content/exercises/wall-bridge.md");
    std::fs::write(
        &wall,
        text_of(&site.path().join("original-bridge.md"))
            .replace("title: \"Bridge\"", "title: \"Wall bridge\""),
    )
    .unwrap();
    let (added, _) = build(site.path(), &[]);
    assert!(added.contains("exercises/wall-bridge/index.html"));
    assert!(added.contains("handouts/exercises/wall-bridge.pdf"));
    assert_same_as_full_build(site.path());
    std::fs::remove_file(&wall).unwrap();
    build(site.path(), &[]);
    assert!(!site.path().join("output/exercises/wall-bridge").exists());
    assert!(
        !site
            .path()
            .join("output/handouts/exercises/wall-bridge.pdf")
            .exists()
    );
    assert_same_as_full_build(site.path());
}

#[test]
fn theme_and_site_changes_render_what_uses_them() {
    let site = sample_in("en");
    build(site.path(), &[]);
    // A page template: every page again, no PDF.
    let templates = site.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    let exercise_html =
        std::fs::read_to_string(repo().join("themes/default/templates/exercise.html"))
            .unwrap()
            .replace("<h1>", "<h1 class=\"changed\">");
    std::fs::write(templates.join("exercise.html"), exercise_html).unwrap();
    let (rendered, _) = build(site.path(), &[]);
    assert!(rendered.contains("exercises/bridge/index.html"));
    assert!(
        rendered.iter().all(|p| !p.ends_with(".pdf")),
        "{rendered:?}"
    );
    let page =
        std::fs::read_to_string(site.path().join("output/exercises/bridge/index.html")).unwrap();
    assert!(page.contains("<h1 class=\"changed\">"));
    // site.yaml: everything but the figures, which depend on their exercise alone,
    // the builder's engine, which depends on this program alone, and the sitemap,
    // which depends on the pages there are.
    let yaml = site.path().join("content/site.yaml");
    replace_in(&yaml, "Riverside Physical Therapy", "Riverside Physio");
    let (rendered, _) = build(site.path(), &[]);
    let figures = snapshot_tree(&site.path().join("output/figures")).len();
    assert!(figures > 0 && rendered.iter().all(|p| !p.starts_with("figures/")));
    assert!(!rendered.contains("builder/engine.js"));
    assert_eq!(
        rendered.len(),
        file_count(site.path()) - figures - 2,
        "everything else"
    );
    // --force: everything, whatever the cache says.
    let (rendered, text) = build(site.path(), &["--force"]);
    assert_eq!(rendered.len(), file_count(site.path()), "everything");
    assert!(text.contains("note: --force"), "{text}");
}

#[test]
fn a_damaged_cache_or_output_is_never_trusted() {
    let site = sample_in("en");
    build(site.path(), &[]);
    let cache = site.path().join(".output.handout-cache.json");
    assert!(cache.is_file(), "the cache lives beside output/, not in it");

    // An unreadable cache is ignored and everything is rendered.
    std::fs::write(&cache, "{ not json").unwrap();
    let (rendered, text) = build(site.path(), &[]);
    assert_eq!(rendered.len(), file_count(site.path()), "everything");
    assert!(
        text.contains("note: ignoring unreadable build cache"),
        "{text}"
    );

    // A file changed or removed by hand in output/ is made again.
    let page = site.path().join("output/exercises/bridge/index.html");
    let good = std::fs::read(&page).unwrap();
    std::fs::write(&page, "edited by hand").unwrap();
    std::fs::remove_file(site.path().join("output/handouts/lower-back-pain.pdf")).unwrap();
    let (rendered, _) = build(site.path(), &[]);
    assert!(
        rendered.contains("exercises/bridge/index.html"),
        "{rendered:?}"
    );
    assert!(
        rendered.contains("handouts/lower-back-pain.pdf"),
        "{rendered:?}"
    );
    assert_eq!(std::fs::read(&page).unwrap(), good);
    // The cache records the files carried over with the stamps they kept, and the
    // remade ones with their new stamps: the next build has nothing to render.
    let (rendered, _) = build(site.path(), &[]);
    assert!(rendered.is_empty(), "{rendered:?}");
    assert_same_as_full_build(site.path());

    // A cache that names files it never made, or lies about them, is not believed.
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&cache).unwrap()).unwrap();
    for entry in json["entries"].as_object_mut().unwrap().values_mut() {
        entry["fingerprint"] = serde_json::json!(1);
    }
    std::fs::write(&cache, json.to_string()).unwrap();
    let (rendered, _) = build(site.path(), &[]);
    assert_eq!(rendered.len(), file_count(site.path()), "everything");
}

/// The report of a build with nothing to do, without its timings.
fn report(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with("time:"))
        .map(|l| l.split(" in ").next().unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_build_with_nothing_to_do_repeats_the_last_report_and_anything_read_undoes_it() {
    let site = sample_in("en");
    // A warning, to be reported again by the builds with nothing to do.
    let bridge = site.path().join("content/exercises/bridge.md");
    replace_in(&bridge, "  frequency: once daily\n", "");
    let (_, first) = build(site.path(), &[]);
    assert!(
        first.contains("bridge.md") && first.contains("warning"),
        "{first}"
    );
    let idle = |why: &str| {
        let (rendered, text) = build(site.path(), &[]);
        assert!(
            rendered.is_empty() && text.contains("check what changed"),
            "{why}: {text}"
        );
        assert!(
            text.contains("bridge.md") && text.contains("warning"),
            "{why}: {text}"
        );
        text
    };
    let busy = |why: &str, extra: &[&str]| {
        let (rendered, text) = build(site.path(), extra);
        assert!(!text.contains("check what changed"), "{why}: {text}");
        rendered
    };
    let quiet = idle("no change");
    assert_eq!(
        report(&quiet)
            .lines()
            .filter(|l| l.contains("warning"))
            .collect::<Vec<_>>(),
        report(&first)
            .lines()
            .filter(|l| l.contains("warning"))
            .collect::<Vec<_>>()
    );
    idle("again");

    // Content: an edit (even one that leaves the length), a new file, a removed file.
    let text = text_of(&bridge);
    std::fs::write(&bridge, text.replace("Squeeze", "Tighten")).unwrap();
    assert!(busy("an edit", &[]).contains("exercises/bridge/index.html"));
    idle("after the edit");
    let note = site.path().join("content/exercises/notes.txt");
    std::fs::write(&note, "not content").unwrap();
    busy("a new file", &[]);
    idle("after the new file");
    std::fs::remove_file(&note).unwrap();
    busy("a removed file", &[]);
    idle("after the removal");

    // The theme, the build's options and the output itself.
    let static_dir = site.path().join("themes/default/static");
    std::fs::create_dir_all(&static_dir).unwrap();
    std::fs::write(static_dir.join("extra.css"), "p { margin: 0 }").unwrap();
    assert!(busy("a theme file", &[]).contains("extra.css"));
    idle("after the theme file");
    busy(
        "another address",
        &["--base-url", "https://elsewhere.example/"],
    );
    busy("the site's own address again", &[]);
    idle("after the addresses");
    busy("drafts", &["--drafts"]);
    busy("no drafts", &[]);
    idle("after the drafts");
    let page = site.path().join("output/exercises/bridge/index.html");
    std::fs::write(&page, "edited by hand").unwrap();
    assert!(busy("a page edited in output/", &[]).contains("exercises/bridge/index.html"));
    std::fs::write(site.path().join("output/stray.html"), "stray").unwrap();
    busy("a stray file in output/", &[]);
    assert!(!site.path().join("output/stray.html").exists());
    idle("after the output is restored");
    assert_same_as_full_build(site.path());

    // A picture outside content/: the build reads it, so a change to it counts.
    let pictures = site.path().join("pictures");
    std::fs::create_dir_all(&pictures).unwrap();
    let picture = |shade: u8| {
        image::RgbImage::from_pixel(40, 30, image::Rgb([shade, shade, shade]))
            .save(pictures.join("bridge.png"))
            .unwrap();
    };
    picture(200);
    let text = text_of(&bridge);
    std::fs::write(
        &bridge,
        text.replacen(
            "---\n",
            "---\nimage: ../../pictures/bridge.png\nimage_alt: A person lying with hips raised\n",
            1,
        ),
    )
    .unwrap();
    busy("a picture added", &[]);
    idle("with the picture");
    picture(90);
    assert!(busy("the picture replaced", &[]).contains("handouts/exercises/bridge.pdf"));
}

#[test]
fn an_edit_to_a_translation_renders_only_that_language() {
    let site = sample_site();
    build(site.path(), &[]);
    let spanish = site.path().join("content/exercises/bridge.es.md");
    replace_in(
        &spanish,
        "title: \"Puente\"",
        "title: \"Puente de glúteos\"",
    );
    let (rendered, _) = build(site.path(), &[]);
    assert!(rendered.contains("es/exercises/bridge/index.html"));
    assert!(rendered.contains("es/handouts/lower-back-and-hip-pain.pdf"));
    let english: Vec<_> = rendered
        .iter()
        .filter(|p| !p.starts_with("es/") && !STATIC.contains(&p.as_str()))
        .collect();
    assert!(english.is_empty(), "English files made again: {english:?}");
    assert_same_as_full_build(site.path());
}

/// The lines of `text` that report a problem in `file`.
fn problems_in(text: &str, file: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.contains(file) && (l.contains("warning:") || l.contains("error:")))
        .map(str::to_string)
        .collect()
}

#[test]
fn front_matter_parsed_by_the_last_build_reports_what_a_fresh_parse_does() {
    let site = sample_in("en");
    let bird_dog = site.path().join("content/exercises/bird-dog.md");
    replace_in(&bird_dog, "  frequency: once daily\n", "");
    let (_, first) = build(site.path(), &[]);
    let kept = site.path().join(".output.handout-yaml.bin");
    assert!(kept.is_file(), "kept beside output/, not in it");
    let warned = problems_in(&first, "bird-dog.md");
    assert_eq!(warned.len(), 1, "{first}");
    assert!(warned[0].contains("bird-dog.md:9:3: warning"), "{warned:?}");

    // Another file changes: bird-dog's front matter is the one the last build parsed.
    let walk = site.path().join("content/exercises/banded-walk.md");
    replace_in(&walk, "\n---\n", "\nweight: 3\n---\n");
    let (_, second) = build(site.path(), &[]);
    assert_eq!(problems_in(&second, "bird-dog.md"), warned);
    assert_same_as_full_build(site.path());

    // A new problem is found where a fresh check finds it, the kept ones too.
    replace_in(&walk, "weight: 3", "weight: heavy");
    let failed = handout(site.path(), &["build"]);
    assert!(!failed.status.success());
    let checked = handout(site.path(), &["check"]);
    for file in ["bird-dog.md", "banded-walk.md"] {
        assert_eq!(
            problems_in(&stderr(&failed), file),
            problems_in(&stderr(&checked), file),
            "{file}"
        );
    }
    assert_eq!(problems_in(&stderr(&failed), "banded-walk.md").len(), 1);

    // A damaged file is not trusted: everything is parsed again.
    replace_in(&walk, "weight: heavy", "weight: 4");
    std::fs::write(&kept, b"not a cache").unwrap();
    let (_, third) = build(site.path(), &[]);
    assert_eq!(problems_in(&third, "bird-dog.md"), warned);
    assert_same_as_full_build(site.path());
    assert!(std::fs::read(&kept).unwrap().len() > 1000, "saved again");
}

/// `serve` keeps what each build read for the next, and reads again only the files
/// whose stamps changed, judges again only the exercises read again (or read
/// under another site.yaml), and makes again only the template values whose inputs
/// changed: its rebuilds come out as a fresh build does, through edits (one that
/// keeps the file's length too), translations, a condition an exercise's page
/// names, a mistake and its fix, site.yaml, a picture that goes, and files added
/// and removed.
#[test]
fn a_process_that_remembers_its_builds_makes_what_a_fresh_build_makes() {
    use handout::build::{Failure, Options, build_with, memory::Memory};
    let site = sample_site();
    let memory = Memory::default();
    let options = Options {
        in_place: true,
        memory: Some(memory.clone()),
        ..Default::default()
    };
    let rebuild = || build_with(site.path(), None, &options);
    rebuild().unwrap();
    let exercises = site.path().join("content/exercises");
    let bridge = exercises.join("bridge.md");

    // Same length, different dose.
    replace_in(&bridge, "reps: \"10\"", "reps: \"12\"");
    rebuild().unwrap();
    assert!(text_of(&site.path().join("output/exercises/bridge/index.html")).contains("12"));
    assert_same_as_full_build(site.path());

    replace_in(
        &exercises.join("bridge.es.md"),
        "title: \"Puente\"",
        "title: \"El puente\"",
    );
    rebuild().unwrap();
    assert_same_as_full_build(site.path());

    // What an exercise's page shows of the conditions that use it.
    replace_in(
        &site.path().join("content/conditions/lower-back-pain.md"),
        "title: Lower back pain",
        "title: Pain low in the back",
    );
    rebuild().unwrap();
    assert_same_as_full_build(site.path());

    // A mistake is reported at its place, though the file was remembered before.
    replace_in(&bridge, "reps: \"12\"", "reps: \"ten\"");
    match rebuild() {
        Err(Failure::Content(problems)) => {
            let text: Vec<String> = problems.iter().map(|d| d.to_string()).collect();
            assert!(
                text.iter()
                    .any(|t| t.contains("bridge.md:9:") && t.contains("reps")),
                "{text:?}"
            );
        }
        other => panic!("expected a content problem, got {other:?}"),
    }
    replace_in(&bridge, "reps: \"ten\"", "reps: \"10\"");
    rebuild().unwrap();
    assert_same_as_full_build(site.path());

    // An exercise is judged again under a changed site.yaml.
    let said = |summary: &handout::build::Summary| -> Vec<String> {
        summary.warnings.iter().map(|d| d.to_string()).collect()
    };
    replace_in(
        &bridge,
        "equipment: [\"exercise mat\"]",
        "equipment: [\"yoga block\"]",
    );
    let summary = rebuild().unwrap();
    assert!(
        said(&summary)
            .iter()
            .any(|w| w.contains("unknown equipment \"yoga block\""))
    );
    replace_in(
        &site.path().join("content/site.yaml"),
        "\nlanguage: en",
        "\nequipment: [yoga block]\nlanguage: en",
    );
    let summary = rebuild().unwrap();
    assert!(
        !said(&summary).iter().any(|w| w.contains("yoga block")),
        "{:?}",
        said(&summary)
    );
    assert_same_as_full_build(site.path());

    // A new value at the front of a facet: every other exercise's place in the
    // search index's facets moves, though nothing else of theirs changed.
    replace_in(
        &bridge,
        "equipment: [\"yoga block\"]",
        "equipment: [\"armchair\"]",
    );
    rebuild().unwrap();
    assert_same_as_full_build(site.path());

    // An exercise with a picture is read again, though its file is unchanged:
    // the picture may have gone.
    let text = text_of(&bridge);
    image::RgbImage::from_pixel(40, 30, image::Rgb([200, 200, 200]))
        .save(exercises.join("bridge.png"))
        .unwrap();
    let with_picture = text.replacen(
        "---\n",
        "---\nimage: bridge.png\nimage_alt: A person lying with hips raised\n",
        1,
    );
    std::fs::write(&bridge, with_picture).unwrap();
    let spanish = exercises.join("bridge.es.md");
    let spanish_text = text_of(&spanish);
    let alt = "---\nimage_alt: Una persona tumbada con las caderas levantadas\n";
    std::fs::write(&spanish, spanish_text.replacen("---\n", alt, 1)).unwrap();
    rebuild().unwrap();
    std::fs::remove_file(exercises.join("bridge.png")).unwrap();
    match rebuild() {
        Err(Failure::Content(problems)) => assert!(
            problems
                .iter()
                .any(|d| d.path.ends_with("bridge.md") && d.message.contains("bridge.png")),
            "{problems:?}"
        ),
        other => panic!("expected the missing picture, got {other:?}"),
    }
    std::fs::write(&bridge, text).unwrap();
    std::fs::write(&spanish, spanish_text).unwrap();
    rebuild().unwrap();
    assert_same_as_full_build(site.path());

    // Another build in between (a `handout build` run by hand) writes the output
    // and its cache: what this process remembers of the cache is not used.
    replace_in(&bridge, "reps: \"10\"", "reps: \"14\"");
    build(site.path(), &[]);
    replace_in(&bridge, "reps: \"14\"", "reps: \"10\"");
    rebuild().unwrap();
    assert_same_as_full_build(site.path());

    // A new file is read; a removed one is forgotten.
    let twin = exercises.join("bridge-twin.md");
    std::fs::write(
        &twin,
        text_of(&bridge).replace("\"Bridge\"", "\"Bridge twin\""),
    )
    .unwrap();
    rebuild().unwrap();
    assert!(
        site.path()
            .join("output/exercises/bridge-twin/index.html")
            .is_file()
    );
    assert_same_as_full_build(site.path());
    std::fs::remove_file(&twin).unwrap();
    rebuild().unwrap();
    assert!(!site.path().join("output/exercises/bridge-twin").exists());
    assert_same_as_full_build(site.path());
}

/// A build starts from the output the last one replaced (`.output.spare`), but
/// believes nothing in it: what it publishes is what a fresh build makes, whatever
/// was left or changed in that folder meanwhile.
#[test]
fn a_build_that_starts_from_the_spare_folder_makes_what_a_fresh_build_makes() {
    let site = sample_in("en");
    let spare = site.path().join(".output.spare");
    build(site.path(), &[]);
    // A file saved again unchanged, its time kept (sheets show their sources'
    // dates): the build finds nothing changed, and keeps its staging folder (the
    // same files as the output) as the spare folder.
    let bridge = site.path().join("content/exercises/bridge.md");
    save_again(&bridge);
    let (rendered, text) = build(site.path(), &[]);
    assert!(text.contains(", 0 changed)"), "{text}");
    assert!(rendered.is_subset(&always()), "{rendered:?}");
    assert_eq!(
        snapshot_tree(&spare).len(),
        file_count(site.path()) + 1,
        "and its .gitignore"
    );

    // Things the spare folder should not hold: a stray page, a page made stale
    // (a file of its own, not the output's), a folder where a file goes.
    std::fs::write(spare.join("stray.html"), "stray").unwrap();
    let stale = spare.join("exercises/clamshell/index.html");
    std::fs::remove_file(&stale).unwrap();
    std::fs::write(&stale, "stale").unwrap();
    std::fs::remove_file(spare.join("favicon.svg")).unwrap();
    std::fs::create_dir_all(spare.join("favicon.svg/inside")).unwrap();

    replace_in(&bridge, "title: \"Bridge\"", "title: \"Hip bridge\"");
    build(site.path(), &[]);
    assert!(!site.path().join("output/stray.html").exists());
    assert_same_as_full_build(site.path());
}

/// The search words of exercise `url` in the index of `site`.
fn search_words_of(site: &Path, url: &str) -> String {
    let index = read_search_index(&site.join("output"));
    let items = index["items"].as_array().unwrap();
    let item = items.iter().find(|i| i["u"] == url).unwrap();
    item["w"].as_str().unwrap().to_string()
}

#[test]
fn search_words_are_read_again_only_from_the_exercises_that_changed() {
    let site = sample_in("en");
    build(site.path(), &[]);
    let bridge = "exercises/bridge/index.html";
    let words = search_words_of(site.path(), bridge);
    // The cache keeps every exercise's words, by its page's fingerprint.
    let cache_path = site.path().join(".output.handout-cache.json");
    let mut cache: serde_json::Value = serde_json::from_str(&text_of(&cache_path)).unwrap();
    let known = cache["search_words"].as_object_mut().unwrap();
    let items = read_search_index(&site.path().join("output"))["items"].clone();
    assert_eq!(known.len(), items.as_array().unwrap().len());
    let bridges: Vec<&String> = (known.iter())
        .filter(|(_, w)| **w == *words)
        .map(|(key, _)| key)
        .collect();
    assert_eq!(bridges.len(), 1, "{words}");
    // Words the cache holds for an unchanged exercise are the ones the index
    // shows, even when another edit makes the index again...
    let key = bridges[0].clone();
    known.insert(key, "bridge zzkept".into());
    std::fs::write(&cache_path, serde_json::to_vec(&cache).unwrap()).unwrap();
    let clamshell = site.path().join("content/exercises/clamshell.md");
    std::fs::write(
        &clamshell,
        text_of(&clamshell) + "\nMove in an unhurried way.\n",
    )
    .unwrap();
    let (rendered, _) = build(site.path(), &[]);
    assert!(rendered.contains("search-index.js"), "{rendered:?}");
    assert_eq!(search_words_of(site.path(), bridge), "bridge zzkept");
    assert!(search_words_of(site.path(), "exercises/clamshell/index.html").contains("unhurried"));
    // ...and an edited exercise's words are made again from its text.
    let file = site.path().join("content/exercises/bridge.md");
    std::fs::write(
        &file,
        text_of(&file) + "\nBreathe out calmly as you lift.\n",
    )
    .unwrap();
    build(site.path(), &[]);
    let words = search_words_of(site.path(), bridge);
    assert!(
        words.contains("calmly") && !words.contains("zzkept"),
        "{words}"
    );
    assert_same_as_full_build(site.path());
}
