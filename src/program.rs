//! A patient's program: the exercises chosen for one patient, with their own doses
//! and details, read from command-line choices or a program file (YAML) and checked
//! against the library. The command line (`handout sheet`) and the in-browser
//! program builder both print a sheet from a [`Program`].

use std::path::Path;

use serde::Serialize;
use serde_yaml::Value;

use crate::content::dosage::{self, Dosage};
use crate::content::fields::{Fields, describe};
use crate::content::library::{Condition, ConditionEntry, Library, Markdown, Paper};
use crate::content::load;
use crate::content::validate::{self, DOSAGE_FIELDS};
use crate::diagnostic::Diagnostic;

pub const PROGRAM_FIELDS: [&str; 14] = [
    "title",
    "condition",
    "exercises",
    "replace_exercises",
    "patient",
    "therapist",
    "date",
    "note",
    "large_print",
    "paper",
    "daily_log",
    "log_weeks",
    "duration",
    "follow_up",
];

/// The patient's details, printed on the sheet (and nowhere else).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Patient {
    pub name: Option<String>,
    pub therapist: Option<String>,
    /// YYYY-MM-DD.
    pub date: Option<String>,
    pub note: Option<String>,
}

/// One exercise chosen on the command line: `bridge:sets=3,reps=10`.
#[derive(Debug, Clone, PartialEq)]
pub struct ExerciseChoice {
    pub slug: String,
    pub dosage: Dosage,
}

/// What a personal sheet holds, before it is checked against the library.
#[derive(Debug, Clone, Default)]
pub struct Choices {
    pub title: Option<String>,
    pub condition: Option<String>,
    pub exercises: Vec<ExerciseChoice>,
    pub patient: Patient,
    pub large_print: bool,
    pub paper: Option<Paper>,
    pub daily_log: Option<bool>,
    /// Weeks of check-off log, instead of the site's.
    pub log_weeks: Option<u32>,
}

/// The slug of a sheet made of chosen exercises, not a condition's.
pub const SHEET_SLUG: &str = "sheet";
/// Its title when the program gives none (printed in the site's language).
pub const DEFAULT_TITLE: &str = "Your home exercises";

/// A checked program, ready to print.
#[derive(Debug, Clone)]
pub struct Program {
    pub sheet: Condition,
    pub patient: Patient,
    pub large_print: bool,
    pub paper: Option<Paper>,
    pub daily_log: Option<bool>,
    pub log_weeks: Option<u32>,
}

impl Program {
    /// The program's own paper and log settings, in place of the site's.
    pub fn apply_to(&self, site: &mut crate::content::library::SiteConfig) {
        if let Some(paper) = self.paper {
            site.paper = paper;
        }
        if let Some(log) = self.daily_log {
            site.daily_log = log;
        }
        if let Some(weeks) = self.log_weeks {
            site.log_weeks = weeks;
        }
    }
}

/// Parses `SLUG[:field=value,...]`, e.g. `bridge:sets=3,reps=8-10,hold=30 s`.
pub fn parse_exercise_choice(spec: &str) -> Result<ExerciseChoice, String> {
    let (slug, overrides) = spec.split_once(':').unwrap_or((spec, ""));
    let slug = slug.trim().to_string();
    if slug.is_empty() {
        return Err(format!(
            "--exercise {spec:?}: give an exercise slug, like bridge:reps=10"
        ));
    }
    let mut dosage = Dosage::default();
    for part in overrides
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let Some((key, value)) = part.split_once('=') else {
            return Err(format!(
                "--exercise {spec:?}: {part:?} must be field=value, like reps=10"
            ));
        };
        let (key, value) = (key.trim(), value.trim());
        let bad = |message: &str| format!("--exercise {spec:?}: {message}");
        match dosage::set_field(&mut dosage, key, value) {
            Ok(()) => {}
            Err(Some(forms)) => return Err(bad(forms)),
            Err(None) => {
                let hint = crate::diagnostic::field_hint(key, DOSAGE_FIELDS, String::new);
                return Err(bad(&format!(
                    "unknown dosage field `{key}`{hint}; use {}",
                    DOSAGE_FIELDS.join(", ")
                )));
            }
        }
    }
    Ok(ExerciseChoice { slug, dosage })
}

/// Checks a date written as YYYY-MM-DD.
/// A checked YYYY-MM-DD date as people write it: "21 November 2026", or in the
/// clinic's chosen order.
pub fn written_date(
    date: &str,
    format: crate::content::dates::DateFormat,
    words: &crate::strings::Strings,
) -> Option<String> {
    crate::content::dates::Date::parse_iso(date).map(|d| d.written_in(format, words))
}

pub fn check_date(date: &str) -> Result<(), String> {
    match crate::content::dates::Date::parse_iso(date) {
        Some(_) => Ok(()),
        None => Err(format!(
            "date must be a real date written YYYY-MM-DD, like 2026-03-14, not {date:?}"
        )),
    }
}

/// Checks command-line choices against the library.
pub fn from_choices(choices: Choices, library: &Library) -> Result<Program, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    if let Some(Err(e)) = choices.patient.date.as_deref().map(check_date) {
        errors.push(Diagnostic::command_line(e));
    }
    let base = match &choices.condition {
        Some(slug) => match library.conditions.get(slug) {
            Some(c) => Some(c.clone()),
            None => {
                let hint = crate::diagnostic::value_hint(
                    slug,
                    library.conditions.keys().map(String::as_str),
                    String::new,
                );
                errors.push(Diagnostic::command_line(format!(
                    "--condition {slug:?}: unknown condition{hint}"
                )));
                None
            }
        },
        None => None,
    };
    let mut entries = Vec::new();
    for choice in &choices.exercises {
        match library.exercises.get(&choice.slug) {
            Some(exercise) => entries.push(ConditionEntry {
                exercise: choice.slug.clone(),
                dosage: exercise.dosage.overridden_by(&choice.dosage),
                dosage_override: choice.dosage.clone(),
                note: None,
            }),
            None => {
                let hint = crate::diagnostic::value_hint(
                    &choice.slug,
                    library.exercises.keys().map(String::as_str),
                    String::new,
                );
                errors.push(Diagnostic::command_line(format!(
                    "--exercise {:?}: unknown exercise{hint}",
                    choice.slug
                )));
            }
        }
    }
    if choices.condition.is_none() && choices.exercises.is_empty() {
        errors.push(Diagnostic::command_line(
            "choose a --condition or at least one --exercise (or give a program file)",
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Program {
        sheet: sheet(choices.title, base, entries, Path::new("(command line)")),
        patient: choices.patient,
        large_print: choices.large_print,
        paper: choices.paper,
        daily_log: choices.daily_log,
        log_weeks: choices.log_weeks,
    })
}

/// The sheet as a condition: the chosen condition with any extra exercises, or the exercises alone.
fn sheet(
    title: Option<String>,
    base: Option<Condition>,
    entries: Vec<ConditionEntry>,
    source: &Path,
) -> Condition {
    match base {
        Some(mut condition) => {
            condition.entries.extend(entries);
            if let Some(title) = title {
                condition.title = title;
            }
            condition
        }
        None => Condition {
            slug: SHEET_SLUG.into(),
            source: source.to_path_buf(),
            title: title.unwrap_or_else(|| DEFAULT_TITLE.into()),
            summary: None,
            entries,
            disclaimer: None,
            duration: None,
            follow_up: None,
            draft: false,
            body: Markdown::default(),
            passages: Vec::new(),
            aliases: Vec::new(),
            reading_check: true,
            source_text: String::new(),
            modified: 0,
        },
    }
}

/// Reads a program file (the same choices in YAML) and checks it against the library.
pub fn read_program(path: &Path, library: &Library) -> Result<Program, Vec<Diagnostic>> {
    let (text, _) = load::read_text(path, path).map_err(|d| vec![d])?;
    parse_program(&text, path, library)
}

/// Checks a program file's text against the library; `display` names it in messages.
pub fn parse_program(
    text: &str,
    display: &Path,
    library: &Library,
) -> Result<Program, Vec<Diagnostic>> {
    let display = display.to_path_buf();
    let (map, positions) = load::parse_yaml(text, 1, &display).map_err(|d| vec![d])?;
    let mut diagnostics = Vec::new();
    let mut f = Fields {
        map: &map,
        prefix: String::new(),
        positions: &positions,
        path: &display,
        diagnostics: &mut diagnostics,
    };
    f.reject_unknown("program", &PROGRAM_FIELDS);
    let title = f.text("title");
    let condition = f.text("condition").and_then(|slug| {
        let found = library.conditions.get(&slug).cloned();
        if found.is_none() {
            let hint = crate::diagnostic::value_hint(
                &slug,
                library.conditions.keys().map(String::as_str),
                String::new,
            );
            let pos = f.pos("condition");
            f.error(pos, format!("unknown condition \"{slug}\"{hint}"));
        }
        found
    });
    let mut entries = Vec::new();
    match f.get("exercises") {
        None => {}
        Some(Value::Sequence(items)) => {
            for (i, item) in items.iter().enumerate() {
                let key = format!("exercises.{i}");
                entries.extend(validate::condition_entry(
                    &mut f,
                    &key,
                    item,
                    &Default::default(),
                    &library.exercises,
                    false,
                ));
            }
        }
        Some(other) => {
            let pos = f.pos("exercises");
            f.error(
                pos,
                format!(
                    "`exercises` must be a list of exercise slugs, not {}",
                    describe(other)
                ),
            );
        }
    }
    // With `replace_exercises: true`, the list replaces the condition's own exercises
    // (its introduction and advice stay); otherwise it adds to them.
    let replace = f.bool("replace_exercises").unwrap_or(false);
    if replace && f.get("condition").is_none() {
        let pos = f.pos("replace_exercises");
        f.error(
            pos,
            "`replace_exercises` needs a `condition` whose exercises the list replaces",
        );
    }
    if f.get("condition").is_none() && f.get("exercises").is_none() {
        let at = positions.start();
        f.error(at, "a program needs `condition` (a condition slug) or `exercises` (a list of exercise slugs)");
    }
    let date = f.text("date");
    if let Some(Err(message)) = date.as_deref().map(check_date) {
        let pos = f.pos("date");
        f.error(pos, message);
    }
    let patient = Patient {
        name: f.text("patient"),
        therapist: f.text("therapist"),
        date,
        note: f.text("note"),
    };
    let large_print = f.bool("large_print").unwrap_or(false);
    let paper = validate::read_paper(&mut f);
    let daily_log = f.bool("daily_log");
    let log_weeks = f.whole_number("log_weeks", 1, crate::content::validate::MAX_LOG_WEEKS);
    let (duration, follow_up) = validate::read_course(&mut f);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    let condition = condition.map(|mut c| {
        if replace {
            c.entries.clear();
        }
        c
    });
    let mut sheet = sheet(title, condition, entries, &display);
    // The therapist's own course for this patient wins over the condition's.
    sheet.duration = duration.or(sheet.duration);
    sheet.follow_up = follow_up.or(sheet.follow_up);
    Ok(Program {
        sheet,
        patient,
        large_print,
        paper,
        daily_log,
        log_weeks,
    })
}
