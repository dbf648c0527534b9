//! Sheets in the site's language: every word handout itself prints comes from
//! `strings/<lang>.ftl` (English and Spanish built in), and a translation that
//! lacks a message is an error naming it.

mod common;

use std::path::Path;

use common::*;
use handout::content::load::SiteRoot;
use handout::theme::Theme;

/// The sample (in English and Spanish) with the Spanish translation of each of
/// `exercises` taken away.
fn sample_without_spanish(exercises: &[&str]) -> tempfile::TempDir {
    let site = sample_site();
    for slug in exercises {
        let file = site.path().join(format!("content/exercises/{slug}.es.md"));
        std::fs::remove_file(file).unwrap();
    }
    site
}

/// Every message id of the built-in English strings.
fn message_ids() -> Vec<String> {
    std::fs::read_to_string(repo().join("themes/default/strings/en.ftl"))
        .unwrap()
        .lines()
        .filter_map(|l| {
            l.split_once(" = ")
                .or_else(|| l.strip_suffix(" =").map(|id| (id, "")))
        })
        .map(|(id, _)| id.to_string())
        .filter(|id| !id.starts_with(' ') && !id.starts_with('#'))
        .collect()
}

/// Every text of the sample's content files, squashed.
fn content_text() -> String {
    walkdir::WalkDir::new(repo().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| squash(&std::fs::read_to_string(e.path()).unwrap_or_default()))
        .collect()
}

/// Words of the built-in English strings that neither the Spanish strings nor the
/// sample's content use, by message id: finding one on a Spanish page or sheet
/// can only mean handout printed its own English.
fn english_only_words() -> Vec<(String, String)> {
    let site = sample_site();
    let root = SiteRoot::new(site.path()).unwrap();
    let english = Theme::load(&root, "default", false, "en").unwrap().strings;
    let spanish = Theme::load(&root, "default", false, "es").unwrap().strings;
    let args: Vec<(&str, fluent_bundle::FluentValue)> = vec![
        ("n", 2.into()),
        ("value", "2".into()),
        ("title", "X".into()),
        ("page", "1".into()),
        ("pages", "2".into()),
        ("phone", "(555) 010-4477".into()),
        ("duration", "6 weeks".into()),
        ("visit", "soon".into()),
        ("day", 21.into()),
        ("month", "November".into()),
        ("year", "2026".into()),
    ];
    // The English words that the content itself never uses, so that finding one
    // on a Spanish sheet can only mean handout printed it.
    let content = content_text();
    let ids = message_ids();
    assert!(ids.len() > 60, "{ids:?}");
    // Nor the Spanish ones ("Important" is in "Importante", "Mar" both March and
    // martes).
    let all_spanish: String = ids
        .iter()
        .flat_map(|id| [1, 2, 5].map(|n| (id, n)))
        .map(|(id, n)| {
            let mut with_n = args.clone();
            with_n[0] = ("n", n.into());
            squash(&spanish.get(id, &with_n))
        })
        .collect();
    let mut checked = Vec::new();
    for id in &ids {
        for n in [1, 2, 5] {
            let mut with_n = args.clone();
            with_n[0] = ("n", n.into());
            let words = english.get(id, &with_n).replace(['<', '>'], " ");
            let words = words.replace(" b ", " ").replace(" /b ", " ");
            let squashed = squash(&words.replace("/b", ""));
            if squashed.len() < 3 || all_spanish.contains(&squashed) || content.contains(&squashed)
            {
                continue;
            }
            checked.push((id.clone(), squashed));
        }
    }
    checked
}

#[test]
fn a_spanish_site_prints_no_english_word_of_its_own_on_any_sheet() {
    let site = sample_in("es");
    let out = handout(site.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let checked = english_only_words();
    assert!(checked.len() > 40, "{checked:?}");
    let pdfs: Vec<_> = walkdir::WalkDir::new(site.path().join("output/handouts"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .map(|e| e.path().to_path_buf())
        .collect();
    assert!(pdfs.len() > 30);
    for pdf in &pdfs {
        let text = squash(&pdf_pages_text(pdf).concat());
        for (id, words) in &checked {
            assert!(
                !text.contains(words.as_str()),
                "{}: English `{id}` ({words}) printed",
                pdf.display()
            );
        }
    }
    // And the Spanish words are there.
    let handout =
        squash(&pdf_pages_text(&site.path().join("output/handouts/lower-back-pain.pdf")).concat());
    for expected in [
        "Cómoleerladosis",
        "Cadacuánto",
        "Unavezaldía",
        "Tengacuidado",
        "Suregistrodeejercicios",
        "Página1de",
    ] {
        assert!(handout.contains(expected), "{expected} missing: {handout}");
    }
}

#[test]
fn a_personal_sheet_in_spanish_has_a_spanish_date_title_and_log() {
    let site = sample_in("es");
    let file = site.path().join("hoja.pdf");
    let out = handout(
        site.path(),
        &[
            "sheet",
            "--exercise",
            "bridge:reps=1",
            "--exercise",
            "clamshell:frequency=2x daily",
            "--date",
            "2026-11-21",
            "--patient",
            "Ana López",
            "--note",
            "Despacio esta semana.",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = squash(&pdf_pages_text(&file).concat());
    for expected in [
        "Susejerciciosencasa",
        "21denoviembrede2026",
        // One time and the plural of two, each as Spanish writes it.
        "RepetirUnavez",
        "Dosvecesaldía",
        "Desuterapeuta:Despacioestasemana.",
        "novSáb21Dom22Lun23",
    ] {
        assert!(text.contains(expected), "{expected} missing: {text}");
    }
}

#[test]
fn a_translation_without_a_message_is_an_error_naming_it() {
    let site = sample_in("de");
    let strings = site.path().join("themes/default/strings");
    std::fs::create_dir_all(&strings).unwrap();
    std::fs::write(
        strings.join("de.ftl"),
        "field-name = Name\nfield-date = Datum\n",
    )
    .unwrap();
    let out = handout(site.path(), &["build"]);
    assert!(!out.status.success());
    let text = stderr(&out);
    assert!(
        text.contains(&format!(
            "{}:1:1: error:",
            Path::new("themes/default/strings/de.ftl").display()
        )),
        "{text}"
    );
    assert!(
        text.contains("`field-therapist`") && text.contains("`dose-hold`"),
        "{text}"
    );
    assert!(!site.path().join("output").exists(), "nothing written");

    // A language with no strings at all prints English, and says so.
    let site = sample_in("fr");
    let out = handout(site.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("no translation of its own words"),
        "{}",
        stderr(&out)
    );
}

/// The `href` of `<link rel="alternate" hreflang="LANG">` in a page.
fn alternate(page: &str, lang: &str) -> Option<String> {
    let tag = format!("<link rel=\"alternate\" hreflang=\"{lang}\" href=\"");
    let at = page.find(&tag)? + tag.len();
    Some(page[at..].split('"').next()?.to_string())
}

#[test]
fn a_second_language_gets_its_own_pages_and_handouts_linked_to_the_first() {
    let site = sample_without_spanish(&["bridge"]);
    let out = handout(site.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("es: 27 of 28 exercises and 4 of 5 conditions translated"),
        "{}",
        stderr(&out)
    );
    let output = site.path().join("output");
    let read = |path: &str| std::fs::read_to_string(output.join(path)).unwrap();

    // The translated condition and its exercises, in Spanish, under es/.
    let condition = "conditions/back-pain-and-hip-strength/index.html";
    let spanish = read(&format!("es/{condition}"));
    assert!(spanish.contains("<html lang=\"es\">"));
    assert!(spanish.contains("Dolor de espalda y fuerza de cadera"));
    assert!(spanish.contains("Descargar la hoja (PDF)"));
    // Its pictures and style sheet are the site's, one folder up; its figures are its own.
    assert!(spanish.contains("href=\"../../../style.css\""), "{spanish}");
    assert!(spanish.contains("src=\"../../figures/standing-hip-kicks.svg\""));
    let figure = read("es/figures/standing-hip-kicks.svg");
    assert!(
        figure.contains(">Inicio<") && figure.contains(">Final<"),
        "{figure}"
    );
    assert!(figure.contains("Dibujo de Patadas de cadera"), "{figure}");

    // hreflang pairs point at each other; the switcher leads to the other language.
    let english = read(condition);
    let base = "https://exercises.riverside-pt.example/";
    assert_eq!(
        alternate(&english, "es").as_deref(),
        Some(format!("{base}es/conditions/back-pain-and-hip-strength/").as_str())
    );
    assert_eq!(
        alternate(&spanish, "en").as_deref(),
        Some(format!("{base}conditions/back-pain-and-hip-strength/").as_str())
    );
    assert_eq!(alternate(&english, "en"), alternate(&spanish, "en"));
    assert!(spanish.contains("<a href=\"../../../conditions/back-pain-and-hip-strength/index.html\" hreflang=\"en\" lang=\"en\">English</a>"), "{spanish}");
    // An exercise with no translation has no Spanish page, and its English page
    // points to the Spanish home page, not to a page that is not there.
    assert!(!output.join("es/exercises/bridge/index.html").exists());
    let bridge = read("exercises/bridge/index.html");
    assert_eq!(alternate(&bridge, "es"), None);
    assert!(
        bridge.contains("<a href=\"../../es/index.html\" hreflang=\"es\" lang=\"es\">Español</a>")
    );

    // Only conditions whose exercises are all translated get Spanish handouts.
    assert!(
        output
            .join("es/handouts/back-pain-and-hip-strength.pdf")
            .exists()
    );
    assert!(
        output
            .join("es/handouts/large-print/back-pain-and-hip-strength.pdf")
            .exists()
    );
    assert!(
        output
            .join("es/handouts/exercises/standing-hip-kicks.pdf")
            .exists()
    );
    assert!(output.join("es/handouts/lower-back-pain.pdf").exists());
    assert!(
        !output
            .join("es/handouts/lower-back-and-hip-pain.pdf")
            .exists()
    );

    // The Spanish search index holds the Spanish titles only.
    let index = read("es/search-index.js");
    assert!(index.contains("Patadas de cadera de pie en 3 direcciones"));
    assert!(!index.contains("Bridge") && !index.contains("Clamshell") && index.contains("Almeja"));
    // The sitemap lists both languages' pages.
    let sitemap = read("sitemap.xml");
    assert!(sitemap.contains(&format!("{base}es/conditions/back-pain-and-hip-strength/")));

    // No English word of handout's own on the Spanish pages or sheets.
    let checked = english_only_words();
    let spanish_files: Vec<_> = walkdir::WalkDir::new(output.join("es"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().to_path_buf())
        .collect();
    assert!(spanish_files.len() > 20);
    for file in &spanish_files {
        let text = match file.extension().and_then(|x| x.to_str()) {
            Some("pdf") => pdf_pages_text(file).concat(),
            Some("html") => std::fs::read_to_string(file).unwrap(),
            _ => continue,
        };
        // What people read: the page's text, not its markup's attribute names
        // or its data for search engines.
        let text = match text.split_once("<script type=\"application/ld+json\">") {
            Some((before, after)) => {
                format!(
                    "{before}{}",
                    after.split_once("</script>").map_or("", |(_, a)| a)
                )
            }
            None => text,
        };
        let text = squash(&text.replace(['<', '>', '"', '='], " "));
        // (The switcher names English in English.)
        for (id, words) in checked.iter().filter(|(id, _)| id != "language-name") {
            assert!(
                !text.contains(words.as_str()),
                "{}: English `{id}` ({words})",
                file.display()
            );
        }
    }

    // `check` lists what is left to translate, and what waits for it.
    let out = handout(site.path(), &["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stderr(&out);
    assert!(
        text.contains(&format!(
            "not translated: {} (add bridge.es.md beside it)",
            Path::new("content/exercises/bridge.md").display()
        )),
        "{text}"
    );
    assert!(!text.contains("not translated: content/exercises/standing-hip-kicks.md"));
}

#[test]
fn a_condition_waits_for_its_exercises_and_a_personal_sheet_never_mixes_languages() {
    // A condition is translated, but not all of its exercises.
    let site = sample_without_spanish(&["bridge", "clamshell"]);
    let out = handout(site.path(), &["check"]);
    let text = stderr(&out);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains(&format!(
            "held back: {} is translated, but its handout waits for bridge, clamshell",
            Path::new("content/conditions/lower-back-and-hip-pain.es.md").display()
        )),
        "{text}"
    );

    // A personal sheet in Spanish, of translated exercises.
    let file = site.path().join("hoja.pdf");
    let sheet = |exercise: &str| {
        handout(
            site.path(),
            &[
                "sheet",
                "--lang",
                "es",
                "--exercise",
                exercise,
                "--patient",
                "Ana López",
                "-o",
                file.to_str().unwrap(),
            ],
        )
    };
    let out = sheet("standing-hip-kicks");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = squash(&pdf_pages_text(&file).concat());
    for expected in [
        "Patadasdecaderadepie",
        "AnaLópez",
        "Suregistrodeejercicios",
        "Cadacuánto",
    ] {
        assert!(text.contains(expected), "{expected} missing: {text}");
    }
    // One that is not translated is refused, by name, and nothing is written.
    std::fs::remove_file(&file).unwrap();
    let out = sheet("bridge");
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("not translated yet") && stderr(&out).contains("bridge.md"),
        "{}",
        stderr(&out)
    );
    assert!(!file.exists());
}

#[test]
fn a_translation_must_say_everything_its_original_says_in_words() {
    let site = sample_site();
    let content = site.path().join("content");
    // No steps, no cautions; a translation of nothing; a language not listed.
    std::fs::write(
        content.join("exercises/clamshell.es.md"),
        "---\ntitle: La almeja\nsummary: Fortalece el lado de la cadera.\nequipment: [colchoneta]\n---\n",
    )
    .unwrap();
    std::fs::write(
        content.join("exercises/no-such-thing.es.md"),
        "---\ntitle: Nada\n---\n\n1. Nada.\n",
    )
    .unwrap();
    std::fs::write(
        content.join("exercises/bridge.fr.md"),
        "---\ntitle: Pont\n---\n\n1. Levez.\n",
    )
    .unwrap();
    let out = handout(site.path(), &["build"]);
    assert!(!out.status.success());
    let text = stderr(&out);
    let at = |file: &str| {
        Path::new("content/exercises")
            .join(file)
            .display()
            .to_string()
    };
    for expected in [
        format!(
            "{}:2:1: error: `cautions` is not translated",
            at("clamshell.es.md")
        ),
        format!("{}:2:1: error: no steps", at("clamshell.es.md")),
        format!(
            "{}:1:1: warning: a translation of \"no-such-thing\"",
            at("no-such-thing.es.md")
        ),
        format!(
            "{}:1:1: error: a translation into \"fr\", which site.yaml does not list",
            at("bridge.fr.md")
        ),
    ] {
        assert!(text.contains(&expected), "{expected}\n{text}");
    }
    assert!(!site.path().join("output").exists(), "nothing written");

    // The site's own words must be translated too.
    let site = sample_site();
    replace_in(
        &site.path().join("content/site.yaml"),
        "    title: Ejercicios en casa para el dolor de espalda, cadera y rodilla\n",
        "",
    );
    let out = handout(site.path(), &["check"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("`translations.es.title` is missing"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_error_in_a_field_a_translation_inherits_is_reported_once_where_it_is() {
    let site = sample_site();
    replace_in(
        &site.path().join("content/exercises/bridge.md"),
        "reps: \"10\"",
        "reps: \"lots\"",
    );
    let out = handout(site.path(), &["check"]);
    assert!(!out.status.success());
    let text = stderr(&out);
    let bridge = Path::new("content/exercises/bridge.md")
        .display()
        .to_string();
    let errors: Vec<&str> = text.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(errors.len(), 1, "{text}");
    assert!(
        errors[0].starts_with(&format!("{bridge}:9:9: error: reps must be a number")),
        "{text}"
    );
    // bridge.es.md inherits the dose: it had the same error, at its line 2.
    assert!(!text.contains("bridge.es.md"), "{text}");
}

#[test]
fn a_language_written_right_to_left_gets_its_pages_and_no_sheets() {
    let site = sample_in("en");
    let content = site.path().join("content");
    let yaml = content.join("site.yaml");
    let mut text = std::fs::read_to_string(&yaml).unwrap();
    text.push_str("languages: [en, ar]\ntranslations:\n  ar:\n    title: تمارين منزلية\n    disclaimer: توقف إذا شعرت بألم.\n    disclaimer_short: توقف إذا شعرت بألم.\n");
    std::fs::write(&yaml, text).unwrap();
    // Its words: a theme's own strings file (here English words, as a stand-in).
    let strings = site.path().join("themes/default/strings");
    std::fs::create_dir_all(&strings).unwrap();
    std::fs::copy(
        repo().join("themes/default/strings/en.ftl"),
        strings.join("ar.ftl"),
    )
    .unwrap();
    std::fs::write(
        content.join("exercises/bridge.ar.md"),
        "---\ntitle: الجسر\nsummary: يقوي عضلات الأرداف.\nequipment: [حصيرة]\ncautions:\n  - لا تقوس أسفل ظهرك.\n---\n\n1. استلق على ظهرك.\n",
    )
    .unwrap();
    let out = handout(site.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("\"ar\" is written right to left, which sheets cannot lay out yet"),
        "{}",
        stderr(&out)
    );
    let output = site.path().join("output");
    let page = std::fs::read_to_string(output.join("ar/exercises/bridge/index.html")).unwrap();
    assert!(page.contains("<html lang=\"ar\" dir=\"rtl\">"), "{page}");
    assert!(page.contains("الجسر"));
    // No card to print, and no link to one.
    assert!(!page.contains(".pdf"), "{page}");
    assert!(!output.join("ar/handouts").exists());
    // The main language's pages and sheets are as ever.
    let english = std::fs::read_to_string(output.join("exercises/bridge/index.html")).unwrap();
    assert!(english.contains("<html lang=\"en\">"));
    assert!(output.join("handouts/exercises/bridge.pdf").exists());
}

#[test]
fn the_sample_library_is_all_in_spanish_too() {
    let site = sample_site();
    let out = handout(site.path(), &["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stderr(&out);
    assert!(
        text.contains("es: 28 of 28 exercises and 5 of 5 conditions translated\n"),
        "{text}"
    );
    assert!(
        !text.contains("not translated") && !text.contains("held back"),
        "{text}"
    );
    let out = handout(site.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let count = |folder: &str| {
        std::fs::read_dir(site.path().join("output").join(folder))
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "pdf")
            })
            .count()
    };
    assert_eq!(count("es/handouts"), 5);
    assert_eq!(count("es/handouts/large-print"), 5);
    assert_eq!(count("es/handouts/exercises"), 28);
}

#[test]
fn a_drafts_translation_is_built_with_drafts_and_left_out_without() {
    let site = sample_site();
    let exercises = site.path().join("content/exercises");
    for (from, to) in [
        ("clamshell.md", "draft-clam.md"),
        ("clamshell.es.md", "draft-clam.es.md"),
    ] {
        let text = std::fs::read_to_string(exercises.join(from)).unwrap();
        let text = text.replacen("---\n", "---\ndraft: true\n", 1);
        std::fs::write(exercises.join(to), text).unwrap();
    }
    let page = |lang: &str| {
        let prefix = if lang == "en" {
            String::new()
        } else {
            format!("{lang}/")
        };
        site.path()
            .join(format!("output/{prefix}exercises/draft-clam/index.html"))
    };
    let out = handout(site.path(), &["build", "--quiet", "--drafts"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(page("en").is_file() && page("es").is_file());
    let out = handout(site.path(), &["build", "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!page("en").exists() && !page("es").exists());
}

#[test]
fn a_region_or_equipment_the_site_adds_needs_words_in_each_further_language() {
    let site = sample_site();
    let site_yaml = site.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&site_yaml).unwrap();
    std::fs::write(
        &site_yaml,
        format!("{text}regions: [jaw]\nequipment: [balance board]\n"),
    )
    .unwrap();
    let out = handout(site.path(), &["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("content/site.yaml:1:1: warning: the \"es\" pages show words that site.yaml adds as written, untranslated: add `region-jaw = ...`, `equipment-balance-board = ...` to themes/default/strings/es.ftl"),
        "{}",
        stderr(&out)
    );
    // The site's theme adds the two messages; the built-in ones stay.
    let strings = site.path().join("themes/default/strings");
    std::fs::create_dir_all(&strings).unwrap();
    std::fs::write(
        strings.join("es.ftl"),
        "region-jaw = Mandíbula\nequipment-balance-board = Tabla de equilibrio\n",
    )
    .unwrap();
    let out = handout(site.path(), &["check"]);
    assert!(
        !stderr(&out).contains("untranslated: add"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_program_builder_page_speaks_the_sites_language() {
    let site = sample_in("es");
    let out = handout(site.path(), &["build", "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = std::fs::read_to_string(site.path().join("output/builder/index.html")).unwrap();
    // (A check box's type is not a word the page says.)
    let text = squash(&page.replace("type=\"checkbox\"", ""));
    for (id, words) in english_only_words() {
        assert!(
            !text.contains(&words),
            "English `{id}` ({words}) on the builder page"
        );
    }
    for spanish in [
        "Preparar la hoja de un paciente",
        "data-w-found-other=\"{n} ejercicios encontrados.\"",
        "data-w-opened-one=\"Se abrió {file}: 1 ejercicio.\"",
    ] {
        assert!(page.contains(spanish), "{spanish} missing");
    }
}

#[test]
fn a_further_language_may_print_on_its_own_paper() {
    let site = sample_site();
    let site_yaml = site.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&site_yaml).unwrap();
    let text = text.replace(
        "translations:\n  es:\n",
        "translations:\n  es:\n    paper: a4\n",
    );
    std::fs::write(&site_yaml, text).unwrap();
    let out = handout(site.path(), &["build", "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let height = |pdf: &str| {
        let doc = lopdf::Document::load(site.path().join(pdf)).unwrap();
        let first = doc.get_pages()[&1];
        let media = doc.get_dictionary(first).unwrap().get(b"MediaBox").unwrap();
        media.as_array().unwrap()[3].as_float().unwrap().round()
    };
    assert_eq!(
        height("output/handouts/lower-back-pain.pdf"),
        792.0,
        "letter"
    );
    assert_eq!(
        height("output/es/handouts/lower-back-pain.pdf"),
        842.0,
        "A4"
    );
}
