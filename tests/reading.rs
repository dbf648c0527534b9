//! Plain words: `check` grades each text's reading level, points at the hardest
//! sentence and at words with a plainer form, and reports it all as a table or JSON.

mod common;

use common::*;

/// A textbook paragraph, as an author might paste it into an exercise.
const TEXTBOOK: &str = "Perform bilateral hip abduction in the supine position, maintaining a neutral lumbar spine throughout the repetitions. Subsequently, discontinue the exercise if symptoms are exacerbated.\n";

fn write_exercise(site: &std::path::Path, slug: &str, front: &str, body: &str) {
    std::fs::write(
        site.join(format!("content/exercises/{slug}.md")),
        format!("---\ntitle: Side leg lift\n{front}dosage: {{ reps: 10, frequency: once daily }}\n---\n{body}"),
    )
    .unwrap();
}

fn reading_warnings(out: &std::process::Output) -> Vec<String> {
    stderr(out)
        .lines()
        .filter(|l| l.contains("reads at grade") || l.contains("did you mean"))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_pasted_textbook_paragraph_gets_its_hardest_sentence_and_words_named() {
    let site = sample_site();
    write_exercise(
        site.path(),
        "side-leg-lift",
        "summary: Strengthens the side of your hip.\n",
        TEXTBOOK,
    );
    let out = handout(site.path(), &["check"]);
    assert!(out.status.success(), "warnings only: {}", stderr(&out));
    let warnings = reading_warnings(&out);
    let file = "content/exercises/side-leg-lift.md";
    // The body starts on line 6 of the file.
    let grade = warnings
        .iter()
        .find(|w| w.contains("reads at grade"))
        .unwrap_or_else(|| panic!("no grade warning: {warnings:#?}"));
    // The second sentence is the denser one: 8 words of 22 syllables.
    let second = TEXTBOOK.find("Subsequently").unwrap() + 1;
    assert!(
        grade.starts_with(&format!(
            "{file}:6:{second}: warning: this text reads at grade 12.3"
        )),
        "{grade}"
    );
    assert!(grade.contains("above the site's limit of 8"), "{grade}");
    assert!(
        grade.contains("the hardest sentence, at grade 18.5, is \"Subsequently, discontinue the exercise if symptoms are exacerbated.\""),
        "{grade}"
    );
    assert!(
        grade.contains("it has long words (Subsequently, discontinue, exercise, exacerbated)"),
        "{grade}"
    );
    // Every jargon word at its own line and column, with a plain word to use.
    let at = |word: &str| TEXTBOOK.find(word).unwrap() + 1;
    for (word, plain) in [
        ("Perform", "do"),
        ("bilateral", "both sides"),
        ("abduction", "moving out to the side"),
        ("supine", "lying on your back"),
        ("maintaining", "keep"),
        ("lumbar", "lower back"),
        ("repetitions", "times"),
        ("Subsequently", "then"),
        ("discontinue", "stop"),
        ("exacerbated", "make worse"),
    ] {
        let expected = format!(
            "{file}:6:{}: warning: \"{word}\" is a word many patients do not know; did you mean \"{plain}\"?",
            at(word)
        );
        assert!(
            warnings.iter().any(|w| w.starts_with(&expected)),
            "missing {expected}\n{warnings:#?}"
        );
    }
    assert_eq!(warnings.len(), 11, "{warnings:#?}");
    assert!(
        stderr(&out).contains("1 text(s) read above the grade limit"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn words_in_front_matter_are_found_at_their_line_and_column() {
    let site = sample_site();
    write_exercise(
        site.path(),
        "side-leg-lift",
        "summary: \"Lift your leg. Keep it extended.\"\ncautions:\n  - Stop if you feel pain.\n  - \"Do not rotate your hip.\"\n",
        "1. Lie on your side.\n2. Lift the top leg.\n",
    );
    let out = handout(site.path(), &["check"]);
    let warnings = reading_warnings(&out);
    assert_eq!(
        warnings,
        [
            "content/exercises/side-leg-lift.md:3:34: warning: \"extended\" is a word many patients do not know; did you mean \"straighten\"? (plain words help every reader; `reading_check: false` turns this off for a file)",
            "content/exercises/side-leg-lift.md:6:13: warning: \"rotate\" is a word many patients do not know; did you mean \"turn\"? (plain words help every reader; `reading_check: false` turns this off for a file)",
        ]
    );
}

#[test]
fn the_limit_is_a_setting_and_a_file_may_opt_out() {
    let site = sample_site();
    write_exercise(site.path(), "side-leg-lift", "", TEXTBOOK);
    let site_yaml = site.path().join("content/site.yaml");
    let original = std::fs::read_to_string(&site_yaml).unwrap();
    // A limit above the text's grade: no grade warning, the words still flagged.
    std::fs::write(&site_yaml, format!("{original}reading_grade_max: 18\n")).unwrap();
    let out = handout(site.path(), &["check"]);
    let warnings = reading_warnings(&out);
    assert!(
        !warnings.iter().any(|w| w.contains("reads at grade")),
        "{warnings:#?}"
    );
    assert_eq!(warnings.len(), 10);
    // Out of range: an error at the setting.
    std::fs::write(&site_yaml, format!("{original}reading_grade_max: 40\n")).unwrap();
    let out = handout(site.path(), &["check"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out)
            .contains("`reading_grade_max` must be a whole number from 1 to 18, not a number"),
        "{}",
        stderr(&out)
    );
    // The file opts out: no warning at all, and the report says so.
    std::fs::write(&site_yaml, &original).unwrap();
    write_exercise(
        site.path(),
        "side-leg-lift",
        "reading_check: false\n",
        TEXTBOOK,
    );
    let out = handout(site.path(), &["check", "--report"]);
    assert!(out.status.success());
    assert!(reading_warnings(&out).is_empty(), "{}", stderr(&out));
    let table = String::from_utf8(out.stdout).unwrap();
    let row = table
        .lines()
        .find(|l| l.ends_with("content/exercises/side-leg-lift.md"))
        .unwrap_or_else(|| panic!("{table}"));
    assert!(row.trim_start().starts_with("off"), "{row}");
}

#[test]
fn a_theme_list_adds_words_and_takes_them_out() {
    let site = sample_site();
    write_exercise(
        site.path(),
        "side-leg-lift",
        "",
        "1. Do a hip hinge.\n2. Extend your knee.\n",
    );
    let list = site.path().join("themes/default/plain-words");
    std::fs::create_dir_all(&list).unwrap();
    std::fs::write(
        list.join("en.yaml"),
        "hip hinge: bend forward from your hips\nextend: ~\n",
    )
    .unwrap();
    let out = handout(site.path(), &["check"]);
    let warnings = reading_warnings(&out);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(
        warnings[0].starts_with("content/exercises/side-leg-lift.md:5:9: warning: \"hip hinge\""),
        "{}",
        warnings[0]
    );
    assert!(warnings[0].contains("did you mean \"bend forward from your hips\"?"));
    // A broken list is an error naming the file.
    std::fs::write(list.join("en.yaml"), "- not a map\n").unwrap();
    let out = handout(site.path(), &["check"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("themes/default/plain-words/en.yaml:1:1: error: the plain-words list must be lines of `hard word: plain word`"), "{}", stderr(&out));
}

#[test]
fn the_report_lists_worst_first_as_a_table_or_json() {
    let site = sample_site();
    write_exercise(site.path(), "side-leg-lift", "", TEXTBOOK);
    let out = handout(site.path(), &["check", "--report"]);
    let table = String::from_utf8(out.stdout).unwrap();
    let mut lines = table.lines();
    assert_eq!(
        lines.next().unwrap(),
        "Reading level (Flesch-Kincaid grade, limit 8)"
    );
    assert!(lines.next().unwrap().contains("grade"));
    let worst = lines.next().unwrap();
    assert!(
        worst.ends_with("content/exercises/side-leg-lift.md  (above the limit)"),
        "{worst}"
    );
    assert!(
        table.ends_with("1 of 34 text(s) above the limit\n"),
        "{table}"
    );

    let out = handout(site.path(), &["check", "--format", "json"]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(json["formula"], "Flesch-Kincaid grade");
    assert_eq!(json["grade_max"], 8);
    let texts = json["texts"].as_array().unwrap();
    assert_eq!(texts.len(), 34);
    let first = &texts[0];
    assert_eq!(first["slug"], "side-leg-lift");
    assert_eq!(first["kind"], "exercise");
    assert_eq!(first["words"], 24);
    assert_eq!(first["warnings"].as_array().unwrap().len(), 11);
    assert_eq!(first["warnings"][1]["line"], 5, "the body starts on line 5");
    let grades: Vec<f64> = texts.iter().map(|t| t["grade"].as_f64().unwrap()).collect();
    assert!(
        grades.windows(2).all(|w| w[0] >= w[1]),
        "worst first: {grades:?}"
    );
}

#[test]
fn the_sample_library_reads_at_grade_8_or_below_with_no_hard_words() {
    let site = sample_site();
    let out = handout(site.path(), &["check", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        reading_warnings(&out).is_empty(),
        "{:#?}",
        reading_warnings(&out)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let texts = json["texts"].as_array().unwrap();
    assert_eq!(texts.len(), 33, "28 exercises and 5 conditions");
    for text in texts {
        let grade = text["grade"].as_f64().unwrap();
        assert!(grade <= 8.0, "{} reads at grade {grade}", text["path"]);
        assert!(text["words"].as_u64().unwrap() > 40, "{text}");
    }
    // The build says so in its summary line.
    let out = handout(site.path(), &["build"]);
    assert!(
        stderr(&out).contains("every text reads within the grade limit"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_language_without_a_formula_is_not_graded_and_says_so() {
    // A site written in Spanish alone.
    let site = sample_in("es");
    write_exercise(site.path(), "side-leg-lift", "", TEXTBOOK);
    let out = handout(site.path(), &["check", "--report"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // No English word list and no English formula for Spanish text.
    assert!(
        reading_warnings(&out).is_empty(),
        "{:#?}",
        reading_warnings(&out)
    );
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.starts_with(
            "Reading level (no reading formula for language \"es\"; grades are not measured)"
        ),
        "{table}"
    );
    assert!(
        table.contains("     -      24         0  content/exercises/side-leg-lift.md"),
        "{table}"
    );
}

/// A rebuild reads again only the texts that changed: the others' readings come from
/// the build cache, and the warnings are the same as a full build's.
#[test]
fn a_rebuild_reads_only_changed_texts_and_warns_as_a_full_build_does() {
    let site = sample_site();
    write_exercise(site.path(), "side-leg-lift", "", TEXTBOOK);
    let first = handout(site.path(), &["build"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let warnings = reading_warnings(&first);
    assert_eq!(warnings.len(), 11, "{warnings:#?}");
    // The cache holds a reading per text.
    let cache_path = site.path().join(".output.handout-cache.json");
    let mut cache: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&cache_path).unwrap()).unwrap();
    let readings = cache["readings"].as_object_mut().unwrap();
    // Translations are not graded: only the main language's files are read.
    let english = ["exercises", "conditions"]
        .iter()
        .flat_map(|folder| std::fs::read_dir(site.path().join("content").join(folder)).unwrap())
        .filter(|f| {
            !f.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".es.md")
        })
        .count();
    assert_eq!(readings.len(), english, "one reading per English text");
    // Editing one other file: the side leg lift's warnings are carried over. Mark its
    // cached reading to see that it is used and not read again.
    let (_, textbook) = readings
        .iter_mut()
        .find(|(_, r)| r["warnings"].as_array().unwrap().len() == 11)
        .unwrap();
    textbook["warnings"][0]["message"] = "from the cache".into();
    std::fs::write(&cache_path, serde_json::to_vec(&cache).unwrap()).unwrap();
    let bridge = site.path().join("content/exercises/bridge.md");
    replace_in(
        &bridge,
        "Squeeze your buttock muscles.",
        "Squeeze your buttocks.",
    );
    let edited = handout(site.path(), &["build"]);
    assert!(edited.status.success(), "{}", stderr(&edited));
    assert!(
        stderr(&edited).contains("from the cache"),
        "{}",
        stderr(&edited)
    );
    // Without the marked cache, a rebuild warns exactly as a full build does.
    let again = handout(site.path(), &["build", "--force"]);
    replace_in(
        &bridge,
        "Squeeze your buttocks.",
        "Squeeze your buttock muscles.",
    );
    let rebuilt = handout(site.path(), &["build"]);
    let forced = handout(site.path(), &["build", "--force"]);
    assert_eq!(reading_warnings(&again), warnings);
    assert_eq!(reading_warnings(&rebuilt), warnings);
    assert_eq!(reading_warnings(&forced), warnings);
}
