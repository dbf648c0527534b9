//! `handout sheet`: a personal sheet for one patient, in one file and nowhere else.

mod common;

use std::path::Path;

use common::*;

/// Every file under `dir` whose bytes contain `needle`.
fn files_containing(dir: &Path, needle: &str) -> Vec<String> {
    snapshot_tree(dir)
        .into_iter()
        .filter(|(_, bytes)| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
        .map(|(p, _)| p.display().to_string())
        .collect()
}

#[test]
fn a_personal_sheet_holds_the_patient_and_goes_only_into_its_file() {
    let site = sample_site();
    assert!(handout(site.path(), &["build"]).status.success());
    let before = snapshot_tree(site.path());
    let elsewhere = tempfile::tempdir().unwrap();
    let file = elsewhere.path().join("zelda.pdf");
    let out = handout(
        site.path(),
        &[
            "sheet",
            "--exercise",
            "bridge:sets=2,reps=8-10",
            "--exercise",
            "clamshell:frequency=2x daily,per_side=yes",
            "--patient",
            "Zelda Quixotic",
            "--therapist",
            "Sam Lee",
            "--date",
            "2026-11-21",
            "--note",
            "Go slowly this week.",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("Zelda"), "the name is not logged");
    let text = squash(&pdf_pages_text(&file).concat());
    for expected in [
        "Zelda Quixotic",
        "Sam Lee",
        "21 November 2026",
        "Go slowly this week.",
        "Your home exercises",
        "Repeat 8–10 times Rounds 2",
        "Repeat 10 times Rounds 3 Sides Each side How often Twice a day",
        // One log for the sheet: a row per exercise, after the exercises; the
        // clamshell's two boxes a day are explained.
        "Your exercise log",
        "Where a day has more than one box, tick one box each time you do it.",
        "Nov Sat 21 Sun 22 Mon 23 Tue 24 Wed 25 Thu 26 Fri 27 1. Bridge 2. Clamshell",
    ] {
        assert!(text.contains(&squash(expected)), "missing {expected:?}");
    }
    assert_eq!(
        snapshot_tree(site.path()),
        before,
        "nothing in the site folder changed"
    );
    assert!(files_containing(site.path(), "Zelda").is_empty());
    let doc = lopdf::Document::load(&file).unwrap();
    let info = format!(
        "{:?}",
        doc.trailer
            .get(b"Info")
            .and_then(|i| doc.dereference(i))
            .unwrap()
            .1
    );
    assert!(!info.contains("Zelda"), "no patient name in the metadata");
}

#[test]
fn a_condition_sheet_in_large_print_on_a4_without_the_log() {
    let site = sample_site();
    let file = site.path().join("sheet.pdf");
    let out = handout(
        site.path(),
        &[
            "sheet",
            "--condition",
            "lower-back-pain",
            "--large-print",
            "--paper",
            "a4",
            "--no-log",
            "-o",
            "sheet.pdf",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(pdf_text_sizes(&file).iter().all(|s| *s >= 14.0));
    let text = pdf_pages_text(&file).concat();
    assert!(text.contains("Lower back pain") && !text.contains("Done"));
    if have("pdfinfo") {
        let info = std::process::Command::new("pdfinfo")
            .arg(&file)
            .output()
            .unwrap();
        assert!(String::from_utf8_lossy(&info.stdout).contains("(A4)"));
    }
}

#[test]
fn a_program_file_can_be_repeated_and_its_errors_point_at_lines() {
    let site = sample_site();
    std::fs::write(
        site.path().join("program.yaml"),
        "title: After knee surgery\nexercises:\n  - bridge\n  - exercise: clamshell\n    dosage: { reps: 12 }\n    note: Lie on your good side.\npatient: Ann Example\ndate: 2026-11-21\nlarge_print: no\n",
    )
    .unwrap();
    let out = handout(
        site.path(),
        &[
            "sheet",
            "program.yaml",
            "--therapist",
            "Sam Lee",
            "-o",
            "ann.pdf",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = squash(&pdf_pages_text(&site.path().join("ann.pdf")).concat());
    for expected in [
        "After knee surgery",
        "Ann Example",
        "Sam Lee",
        "Lie on your good side.",
        "Repeat 12 times Rounds 3 Sides Each side",
    ] {
        assert!(text.contains(&squash(expected)), "missing {expected:?}");
    }
    // The same program twice gives the same file.
    assert!(
        handout(
            site.path(),
            &[
                "sheet",
                "program.yaml",
                "--therapist",
                "Sam Lee",
                "-o",
                "ann2.pdf"
            ]
        )
        .status
        .success()
    );
    assert_eq!(
        std::fs::read(site.path().join("ann.pdf")).unwrap(),
        std::fs::read(site.path().join("ann2.pdf")).unwrap()
    );

    std::fs::write(
        site.path().join("bad.yaml"),
        "exercises:\n  - brige\n  - exercise: clamshell\n    dosage: { reps: lots }\ndate: 21/11/2026\npaper: a5\npatiant: Ann\n",
    )
    .unwrap();
    let out = handout(site.path(), &["sheet", "bad.yaml", "-o", "bad.pdf"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for line in [
        "bad.yaml:2:5: error: unknown exercise \"brige\"",
        "bad.yaml:4:21: error: reps must be a number or range",
        "bad.yaml:5:7: error: date must be a real date written YYYY-MM-DD",
        "bad.yaml:6:8: error: paper must be letter or a4",
        "bad.yaml:7:1: error: unknown program field `patiant` (did you mean `patient`?)",
    ] {
        assert!(err.contains(line), "missing {line:?} in\n{err}");
    }
    assert!(!site.path().join("bad.pdf").exists());
}

#[test]
fn bad_choices_are_explained() {
    let site = sample_site();
    let cases: [(&[&str], &str); 5] = [
        (
            &["--exercise", "brige"],
            "--exercise \"brige\": unknown exercise (did you mean \"bridge\"?)",
        ),
        (
            &["--exercise", "bridge:reps=ten"],
            "reps must be a number or range like \"8-10\"",
        ),
        (
            &["--exercise", "bridge:rep=10"],
            "unknown dosage field `rep` (did you mean `reps`?)",
        ),
        (
            &["--condition", "lower-back"],
            "--condition \"lower-back\": unknown condition (did you mean \"lower-back-pain\"?)",
        ),
        (
            &["--condition", "lower-back-pain", "--date", "tomorrow"],
            "date must be a real date written YYYY-MM-DD",
        ),
    ];
    for (args, message) in cases {
        let mut all = vec!["sheet"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["-o", "x.pdf"]);
        let out = handout(site.path(), &all);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(stderr(&out).contains(message), "{args:?}: {}", stderr(&out));
        assert!(!site.path().join("x.pdf").exists());
    }
    let out = handout(
        site.path(),
        &[
            "sheet",
            "--condition",
            "lower-back-pain",
            "-o",
            "output/handouts/mine.pdf",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("inside the site's output folder"));
    let out = handout(site.path(), &["sheet", "-o", "x.pdf"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("choose a --condition or at least one --exercise"));
}

#[test]
fn the_log_is_dated_from_the_sheet_date_for_the_weeks_asked_with_a_pain_row() {
    let site = sample_site();
    std::fs::write(
        site.path().join("content/site.yaml"),
        std::fs::read_to_string(site.path().join("content/site.yaml")).unwrap()
            + "log_pain: true\nlog_weeks: 2\n",
    )
    .unwrap();
    let text = sheet_text(
        site.path(),
        &[
            "--exercise",
            "bridge",
            "--date",
            "2026-11-21",
            "--weeks",
            "3",
        ],
        "a.pdf",
    );
    // 21 November 2026 is a Saturday; the third week ends on 11 December.
    for week in [
        "Nov Sat 21 Sun 22 Mon 23 Tue 24 Wed 25 Thu 26 Fri 27 1. Bridge Pain 0–10",
        "Nov Sat 28 Sun 29 Mon 30 Tue 1 Wed 2 Thu 3 Fri 4 1. Bridge Pain 0–10",
        "Dec Sat 5 Sun 6 Mon 7 Tue 8 Wed 9 Thu 10 Fri 11 1. Bridge Pain 0–10",
    ] {
        assert!(text.contains(&squash(week)), "missing {week:?} in {text}");
    }
    assert!(text.contains(&squash(
        "Under Pain 0–10, write how much it hurt that day: 0 is no pain, 10 is the worst pain."
    )));
    assert_eq!(
        text.matches(&squash("Pain 0–10")).count(),
        4,
        "a pain row a week, and the log's own explanation"
    );
    assert!(!text.contains(&squash("Sat 12")), "three weeks, as asked");

    // Without a date (a condition handout), days are numbered, for the site's 2 weeks.
    assert!(handout(site.path(), &["build", "--quiet"]).status.success());
    let handout_text =
        squash(&pdf_pages_text(&site.path().join("output/handouts/lower-back-pain.pdf")).concat());
    assert!(handout_text.contains("Day1234567"), "{handout_text}");
    assert!(handout_text.contains("Day891011121314"));

    // A bad week count is refused with the range.
    let out = handout(
        site.path(),
        &[
            "sheet",
            "--exercise",
            "bridge",
            "--weeks",
            "6",
            "-o",
            "b.pdf",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("1..=4") || stderr(&out).contains("1..5"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_condition_says_how_long_to_keep_going_and_when_to_come_back() {
    let site = sample_site();
    let condition = site.path().join("content/conditions/lower-back-pain.md");
    replace_in(
        &condition,
        "exercises:\n",
        "duration: 6 Weeks\nfollow_up: Come back in 2 weeks.\nexercises:\n",
    );
    // The Spanish translation says when to come back in its words; how long is a
    // length of time, which each language says in its own.
    replace_in(
        &site.path().join("content/conditions/lower-back-pain.es.md"),
        "exercises:\n",
        "follow_up: Vuelva dentro de 2 semanas.\nexercises:\n",
    );
    let out = handout(site.path(), &["build", "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let spanish =
        squash(&pdf_pages_text(&site.path().join("output/es/handouts/lower-back-pain.pdf"))[0]);
    assert!(
        spanish.contains(&squash(
            "Cuánto tiempo: siga haciendo estos ejercicios durante 6 semanas."
        )),
        "{spanish}"
    );
    assert!(spanish.contains(&squash("Próxima cita: Vuelva dentro de 2 semanas.")));
    let pages = pdf_pages_text(&site.path().join("output/handouts/lower-back-pain.pdf"));
    let first = squash(&pages[0]);
    assert!(
        first.contains(&squash("How long: keep doing these exercises for 6 weeks.")),
        "{first}"
    );
    assert!(first.contains(&squash("Next visit: Come back in 2 weeks.")));
    let page = std::fs::read_to_string(
        site.path()
            .join("output/conditions/lower-back-pain/index.html"),
    )
    .unwrap();
    assert!(page.contains("keep doing these exercises for 6 weeks."));

    // A program's own course wins; a bad duration is an error at its line.
    std::fs::write(
        site.path().join("p.yaml"),
        "condition: lower-back-pain\nduration: 10 days\n",
    )
    .unwrap();
    let text = sheet_text(site.path(), &["p.yaml"], "p.pdf");
    assert!(
        text.contains(&squash("for 10 days.")) && text.contains(&squash("Come back in 2 weeks."))
    );
    replace_in(&condition, "duration: 6 Weeks", "duration: six weeks");
    let out = handout(site.path(), &["check"]);
    assert!(
        stderr(&out).contains("content/conditions/lower-back-pain.md:4:11: error: duration must be a length of time like \"6 weeks\""),
        "{}",
        stderr(&out)
    );
}

#[test]
fn dates_print_in_the_clinic_s_chosen_order() {
    let site = sample_site();
    let yaml = site.path().join("content/site.yaml");
    std::fs::write(
        &yaml,
        std::fs::read_to_string(&yaml).unwrap() + "date_format: \"November 21, 2026\"\n",
    )
    .unwrap();
    let text = sheet_text(
        site.path(),
        &["--exercise", "bridge", "--date", "2026-12-03"],
        "a.pdf",
    );
    assert!(text.contains(&squash("Date: December 3, 2026")), "{text}");
    replace_in(&yaml, "November 21, 2026", "3/12/2026");
    let out = handout(site.path(), &["check"]);
    assert!(
        stderr(&out).contains("date_format must be \"21 November 2026\" or \"November 21, 2026\""),
        "{}",
        stderr(&out)
    );
}
