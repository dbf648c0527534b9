//! The sheet stress test (issue 9): an exercise with 30 cautions, 40 steps, a
//! 200-character title and a word too long for any line, on a personal sheet with a
//! long note and 80-character names, in regular and large print, on letter and A4.
//! Nothing may be drawn outside the margins or over the footer, and every word of
//! the input must be printed.

mod common;

use std::path::Path;

use common::*;

const FOOTER_MARK: &str = "Footerline";

fn stress_site() -> tempfile::TempDir {
    let site = sample_site();
    let title = format!("Very long exercise name {}", "with many words ".repeat(12))
        .trim()
        .chars()
        .take(200)
        .collect::<String>();
    let cautions: String = (1..=30)
        .map(|i| format!("  - \"Caution number {i}: stop if this movement causes sharp pain or numbness in your leg.\"\n"))
        .collect();
    let steps: String = (1..=40)
        .map(|i| format!("{i}. Step number {i}: move slowly and keep breathing while you hold the position.\n"))
        .collect();
    let long_word = "x".repeat(300);
    std::fs::write(
        site.path().join("content/exercises/stress.md"),
        format!(
            "---\ntitle: \"{title}\"\nsummary: A stress test.\nkind: stretch\nposition: supine\ndosage: {{ hold: 30 s, reps: 10, sets: 3, per_side: true, frequency: twice daily }}\ncautions:\n{cautions}---\n\n{steps}41. {long_word}\n"
        ),
    )
    .unwrap();
    replace_in(
        &site.path().join("content/site.yaml"),
        "disclaimer_short: Stop",
        &format!("disclaimer_short: {FOOTER_MARK} Stop"),
    );
    site
}

/// Every word lies inside the margins, and every word above the footer's first
/// line ends above the footer's rule, on every page.
fn assert_nothing_outside_or_under_the_footer(pdf: &Path, margin: f32) {
    let pages = pdf_pages_word_boxes(pdf);
    assert!(
        pages.len() > 1,
        "{}: the stress sheet is long",
        pdf.display()
    );
    for (n, page) in pages.iter().enumerate() {
        let footer_top = page
            .words
            .iter()
            .filter(|w| w.4 == FOOTER_MARK)
            .map(|w| w.1)
            .fold(f32::MAX, f32::min);
        assert!(footer_top < f32::MAX, "page {}: no footer", n + 1);
        for (x0, y0, x1, y1, word) in &page.words {
            let inside = *x0 >= margin - 0.5
                && *x1 <= page.width - margin + 0.5
                && *y0 >= margin - 0.5
                && *y1 <= page.height - margin + 0.5;
            assert!(
                inside,
                "page {}: {word:?} at ({x0}, {y0})-({x1}, {y1}) is outside the margins",
                n + 1
            );
            let in_footer = *y0 >= footer_top - 0.5;
            // The rule sits above the footer's first line: content ends above it.
            assert!(
                in_footer || *y1 <= footer_top - 8.0,
                "page {}: {word:?} (bottom {y1}) runs into the footer (at {footer_top})",
                n + 1
            );
        }
    }
}

#[test]
fn a_huge_exercise_loses_nothing_and_never_runs_off_the_page() {
    if !have("pdftotext") {
        return;
    }
    let site = stress_site();
    let name = "Bartholomew Alexander Montgomery-Fitzwilliam of the Very Long Family Name Hous";
    let therapist = "Dr Evangelina Christabel Worthington-Smythe, Doctor of Physical Therapy, PT";
    let note = "Please read every caution before you start. ".repeat(8);
    let text = std::fs::read_to_string(site.path().join("content/exercises/stress.md")).unwrap();
    let body_words: Vec<String> = text
        .split("---")
        .nth(2)
        .unwrap()
        .split_whitespace()
        .map(str::to_string)
        .collect();
    for (large, paper, margin) in [
        (false, "letter", 36.0),
        (false, "a4", 36.0),
        (true, "letter", 30.0),
        (true, "a4", 30.0),
    ] {
        let file = site.path().join(format!("stress-{paper}-{large}.pdf"));
        let mut args = vec![
            "sheet",
            "--exercise",
            "stress",
            "--patient",
            name,
            "--therapist",
            therapist,
            "--date",
            "2026-11-21",
            "--note",
            &note,
            "--paper",
            paper,
            "-o",
        ];
        let file_arg = file.to_string_lossy().into_owned();
        args.push(&file_arg);
        if large {
            args.push("--large-print");
        }
        let out = handout(site.path(), &args);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_nothing_outside_or_under_the_footer(&file, margin);
        let printed = squash(&pdf_pages_text(&file).concat());
        for expected in [name, therapist, note.trim(), "21 November 2026"] {
            assert!(
                printed.contains(&squash(expected)),
                "{paper} {large}: missing {expected:?}"
            );
        }
        for i in 1..=30 {
            let caution = format!(
                "Caution number {i}: stop if this movement causes sharp pain or numbness in your leg."
            );
            assert!(
                printed.contains(&squash(&caution)),
                "{paper} {large}: caution {i} lost"
            );
        }
        // The word too long for any line is cut into pieces, perhaps across pages.
        let long_word: usize = printed
            .split(|c| c != 'x')
            .filter(|run| run.len() >= 5)
            .map(str::len)
            .sum();
        assert_eq!(
            long_word, 300,
            "{paper} {large}: the long word is printed whole"
        );
        for word in body_words.iter().filter(|w| !w.starts_with("xxxxx")) {
            assert!(
                printed.contains(&squash(word)),
                "{paper} {large}: step word {word:?} lost"
            );
        }
    }
}
