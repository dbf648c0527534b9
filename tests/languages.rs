//! Sheets in the site's language: every word handout itself prints comes from
//! `strings/<lang>.ftl` (English and Spanish built in), and a translation that
//! lacks a message is an error naming it.

mod common;

use std::path::Path;

use common::*;
use handout::content::load::SiteRoot;
use handout::theme::Theme;

/// The sample site with `language: LANG`.
fn sample_in(language: &str) -> tempfile::TempDir {
    let site = sample_site();
    replace_in(
        &site.path().join("content/site.yaml"),
        "language: en",
        &format!("language: {language}"),
    );
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

#[test]
fn a_spanish_site_prints_no_english_word_of_its_own_on_any_sheet() {
    let site = sample_in("es");
    let out = handout(site.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
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
