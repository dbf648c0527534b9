//! The program builder as the build publishes it: its page, its engine and the
//! site's bundle. The engine is run here natively (the same Rust as the WebAssembly
//! module) on the bundle read back out of `output/builder/site.js`, and its sheets
//! are compared byte for byte with `handout sheet`'s. tests/browser.rs runs the
//! WebAssembly module itself in Chromium.

mod common;

use std::path::Path;

use base64::Engine as _;
use common::*;
use handout::builder::engine::Engine;

/// The bundle a built site publishes for the builder.
fn published_bundle(output: &Path) -> Vec<u8> {
    let script = std::fs::read_to_string(output.join("builder/site.js")).unwrap();
    let encoded = script
        .strip_prefix("self.HANDOUT_SITE = \"")
        .and_then(|s| s.strip_suffix("\";\n"))
        .expect("site.js sets HANDOUT_SITE to a string");
    base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .unwrap()
}

fn built_sample() -> tempfile::TempDir {
    let site = sample_site();
    let out = handout(site.path(), &["build", "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    site
}

/// The CLI's sheet for a program file's text.
fn cli_sheet(site: &Path, program: &str) -> Vec<u8> {
    std::fs::write(site.join("program.yaml"), program).unwrap();
    let out = handout(site, &["sheet", "program.yaml", "-o", "cli.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::read(site.join("cli.pdf")).unwrap()
}

#[test]
fn the_engine_prints_byte_for_byte_what_handout_sheet_prints() {
    let site = built_sample();
    let bundle = published_bundle(&site.path().join("output"));
    let mut engine = Engine::open(&bundle).unwrap_or_else(|d| panic!("{d:?}"));
    let site_weeks = engine.catalog().log_weeks;
    let conditions: Vec<String> = engine
        .catalog()
        .conditions
        .iter()
        .map(|c| c.slug.clone())
        .collect();
    assert_eq!(conditions.len(), 5);
    let mut programs: Vec<String> = conditions
        .iter()
        .map(|slug| format!("condition: {slug}\npatient: Ann Example\ndate: 2026-11-21\n"))
        .collect();
    programs.push(
        "title: After knee surgery\nexercises:\n  - bridge\n  - exercise: clamshell\n    dosage: { reps: \"12\", frequency: twice daily }\n    note: Lie on your good side.\n  - dead-bug\npatient: \"Margaret O'Neill\"\ntherapist: Sam Lee, PT\ndate: 2026-12-01\nnote: Ice after exercising.\nlarge_print: true\npaper: a4\nlog_weeks: 3\n"
            .into(),
    );
    programs.push(
        "condition: lower-back-pain\nreplace_exercises: true\nexercises:\n  - exercise: bridge\n    dosage: { sets: \"3\" }\ndaily_log: false\n"
            .into(),
    );
    for program in &programs {
        let printed = engine
            .print(program)
            .unwrap_or_else(|d| panic!("{program}: {d:?}"));
        let cli = cli_sheet(site.path(), program);
        assert!(
            printed.pdf == cli,
            "the engine's sheet differs from handout sheet's for:\n{program}"
        );
    }
    // Printing with a program's paper and log settings leaves the site's alone.
    assert_eq!(engine.catalog().log_weeks, site_weeks);
}

#[test]
fn a_program_replaces_a_conditions_exercises_only_when_it_says_so() {
    let site = built_sample();
    let text = |program: &str| {
        std::fs::write(site.path().join("p.yaml"), program).unwrap();
        sheet_text(site.path(), &["p.yaml"], "p.pdf")
    };
    let added = text("condition: lower-back-pain\nexercises: [clamshell]\n");
    let replaced =
        text("condition: lower-back-pain\nreplace_exercises: true\nexercises: [clamshell]\n");
    assert!(added.contains("Clamshell") && added.contains("Birddog"));
    assert!(replaced.contains("Clamshell") && !replaced.contains("Birddog"));
    // The condition's own text stays.
    let intro = "lowerback";
    assert!(replaced.to_lowercase().contains(intro));

    std::fs::write(
        site.path().join("p.yaml"),
        "replace_exercises: true\nexercises: [clamshell]\n",
    )
    .unwrap();
    let out = handout(site.path(), &["sheet", "p.yaml", "-o", "p.pdf"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("p.yaml:1:20: error: `replace_exercises` needs a `condition`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_engine_reports_program_mistakes_as_check_does_and_reads_programs_back() {
    let site = built_sample();
    let mut engine = Engine::open(&published_bundle(&site.path().join("output"))).unwrap();
    let errors = engine
        .print("exercises:\n  - exercise: bridge\n    dosage: { reps: ten }\n  - brigde\n")
        .err()
        .expect("a bad program is refused");
    let shown: Vec<String> = errors.iter().map(|d| d.to_string()).collect();
    assert!(
        shown.contains(
            &"program.yaml:3:21: error: reps must be a number or range like \"8-10\"".to_string()
        ),
        "{shown:#?}"
    );
    assert!(
        shown.iter().any(|m| m.starts_with("program.yaml:4:")
            && m.contains("brigde")
            && m.contains("bridge")),
        "{shown:#?}"
    );
    assert_eq!(
        handout::builder::engine::check_dose("hold", "forever"),
        Err(handout::content::dosage::HOLD_FORMS.to_string())
    );
    assert_eq!(handout::builder::engine::check_dose("sets", "3"), Ok(()));

    let form = engine
        .form("condition: lower-back-pain\nexercises:\n  - exercise: clamshell\n    dosage: { reps: 12 }\n    note: Go slowly.\npatient: Ann\nlarge_print: true\n")
        .unwrap();
    assert_eq!(form.condition.as_deref(), Some("lower-back-pain"));
    let last = form.entries.last().unwrap();
    assert_eq!(last.slug, "clamshell");
    assert_eq!(last.dose, vec![("reps", "12".to_string())]);
    assert_eq!(last.note.as_deref(), Some("Go slowly."));
    assert!(form.entries.len() > 1 && form.large_print);
    assert_eq!(form.patient.as_deref(), Some("Ann"));
}

#[test]
fn the_builder_is_linked_from_every_page_and_can_be_left_out() {
    let site = built_sample();
    let output = site.path().join("output");
    for page in [
        "index.html",
        "exercises/bridge/index.html",
        "conditions/lower-back-pain/index.html",
    ] {
        let html = std::fs::read_to_string(output.join(page)).unwrap();
        assert!(
            html.contains("builder/index.html\">For therapists: make a patient&#39;s handout</a>"),
            "{page}"
        );
    }
    let page = std::fs::read_to_string(output.join("builder/index.html")).unwrap();
    assert!(page.contains("connect-src 'none'"));
    for file in ["builder/engine.js", "builder/site.js", "builder/builder.js"] {
        assert!(output.join(file).is_file(), "{file}");
    }
    let engine = std::fs::read_to_string(output.join("builder/engine.js")).unwrap();
    let packed = engine
        .strip_prefix("self.HANDOUT_ENGINE = \"")
        .and_then(|s| s.strip_suffix("\";\n"))
        .unwrap();
    let packed = base64::engine::general_purpose::STANDARD
        .decode(packed)
        .unwrap();
    let mut wasm = Vec::new();
    let mut inflate = flate2::read::GzDecoder::new(&packed[..]);
    std::io::Read::read_to_end(&mut inflate, &mut wasm).unwrap();
    assert!(wasm.starts_with(b"\0asm"), "a WebAssembly module");

    replace_in(
        &site.path().join("content/site.yaml"),
        "\ntitle: Home",
        "\nbuilder: false\ntitle: Home",
    );
    let out = handout(site.path(), &["build", "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!output.join("builder").exists());
    let home = std::fs::read_to_string(output.join("index.html")).unwrap();
    assert!(!home.contains("For therapists"));
}

#[test]
fn the_bundle_holds_published_content_only() {
    let site = sample_site();
    let bridge = std::fs::read_to_string(site.path().join("content/exercises/bridge.md")).unwrap();
    std::fs::write(
        site.path().join("content/exercises/secret-draft.md"),
        bridge.replace("title: \"Bridge\"", "title: \"Secret draft\"\ndraft: true"),
    )
    .unwrap();
    let out = handout(site.path(), &["build", "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let bundle = published_bundle(&site.path().join("output"));
    let text = String::from_utf8_lossy(&bundle);
    assert!(text.contains("content/exercises/bridge.md"));
    assert!(!text.contains("Secret draft") && !text.contains("secret-draft"));
    // Built again, the same bytes.
    let out = handout(site.path(), &["build", "--quiet"]);
    assert!(out.status.success());
    assert_eq!(published_bundle(&site.path().join("output")), bundle);
}

#[path = "../benches/corpus.rs"]
mod corpus;

/// Runs the WebAssembly engine (with Node.js, as the page runs it) on each program
/// and checks that each sheet is byte for byte `handout sheet`'s.
fn assert_engine_prints_as_cli(site: &Path, programs: &[(String, String)]) {
    let work = tempfile::tempdir().unwrap();
    let paths: Vec<_> = programs
        .iter()
        .map(|(name, text)| {
            let path = work.path().join(format!("{name}.yaml"));
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect();
    let run = std::process::Command::new("node")
        .arg(repo().join("tests/browser/engine.mjs"))
        .arg(site.join("output"))
        .args(&paths)
        .output()
        .expect("run node");
    assert!(
        run.status.success(),
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    for (path, (_, text)) in paths.iter().zip(programs) {
        let engine = std::fs::read(path.with_extension("pdf")).unwrap();
        assert!(
            engine == cli_sheet(site, text),
            "the WebAssembly engine's sheet differs from handout sheet's for:\n{text}"
        );
    }
}

/// Every `.md` file's name under a content folder, sorted.
fn slugs(folder: &Path) -> Vec<String> {
    let mut slugs: Vec<String> = walkdir::WalkDir::new(folder)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        // Not the translations (`bridge.es.md`).
        .filter(|stem| !stem.contains('.'))
        .collect();
    slugs.sort();
    slugs
}

fn program_of(exercises: &[String], head: &str) -> String {
    let list: String = exercises.iter().map(|s| format!("  - {s}\n")).collect();
    format!("{head}exercises:\n{list}")
}

/// The WebAssembly engine itself prints the same bytes as `handout sheet`: every
/// sample condition, all 28 sample exercises in large print on A4, and 60 generated
/// exercises whose poses draw figures at many angles (where a platform's own sine
/// and cosine could differ in the last bit).
#[test]
fn the_webassembly_engine_prints_byte_for_byte_what_handout_sheet_prints() {
    if !have("node") {
        return;
    }
    let site = built_sample();
    let mut programs: Vec<(String, String)> = slugs(&site.path().join("content/conditions"))
        .into_iter()
        .map(|slug| {
            let text = format!("condition: {slug}\npatient: Ann Example\ndate: 2026-11-21\n");
            (slug, text)
        })
        .collect();
    let every = slugs(&site.path().join("content/exercises"));
    assert_eq!(every.len(), 28);
    programs.push((
        "every-exercise".into(),
        program_of(&every, "large_print: true\npaper: a4\n"),
    ));
    assert_engine_prints_as_cli(site.path(), &programs);

    // Pictures: a photo (decoded, then stored as JPEG) and an SVG logo (rasterized).
    let images = site.path().join("content/images");
    std::fs::create_dir_all(&images).unwrap();
    image::RgbImage::from_fn(300, 200, |x, y| {
        image::Rgb([(x % 256) as u8, (y * 3 % 256) as u8, ((x * y) % 251) as u8])
    })
    .save(images.join("bridge.png"))
    .unwrap();
    std::fs::write(
        images.join("logo.svg"),
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40">
  <rect width="120" height="40" rx="8" fill="#0a5f6b" transform="rotate(3 60 20)"/>
  <circle cx="20" cy="20" r="12" fill="#ffffff"/>
</svg>"##,
    )
    .unwrap();
    replace_in(
        &site.path().join("content/exercises/bridge.md"),
        "title:",
        "image: ../images/bridge.png\nimage_alt: A photo of the bridge.\ntitle:",
    );
    // The picture's description, in Spanish too.
    replace_in(
        &site.path().join("content/exercises/bridge.es.md"),
        "title:",
        "image_alt: Una foto del puente.\ntitle:",
    );
    replace_in(
        &site.path().join("content/site.yaml"),
        "clinic:\n",
        "clinic:\n  logo: images/logo.svg\n",
    );
    let out = handout(site.path(), &["build", "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pictures = [(
        "pictures".to_string(),
        "condition: lower-back-and-hip-pain\npatient: Ann Example\n".to_string(),
    )];
    assert_engine_prints_as_cli(site.path(), &pictures);
    let printed = cli_sheet(site.path(), &pictures[0].1);
    let images = printed
        .windows(14)
        .filter(|w| w == b"/Subtype/Image")
        .count();
    assert!(
        images >= 2,
        "the photo and the logo are printed ({images} images)"
    );

    let generated = tempfile::tempdir().unwrap();
    corpus::generate(generated.path(), 200, 5, 8, 42).unwrap();
    let yaml = generated.path().join("content/site.yaml");
    let config = std::fs::read_to_string(&yaml).unwrap() + "cards: false\n";
    std::fs::write(&yaml, config).unwrap();
    let out = handout(generated.path(), &["build", "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let exercises = slugs(&generated.path().join("content/exercises"));
    let programs: Vec<(String, String)> = exercises
        .chunks(20)
        .take(3)
        .enumerate()
        .map(|(i, chunk)| (format!("generated-{i}"), program_of(chunk, "")))
        .collect();
    assert_engine_prints_as_cli(generated.path(), &programs);
}
