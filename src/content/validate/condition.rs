//! One condition file: the exercises it lists with their doses and notes, and
//! how long to keep going.

use std::collections::{BTreeMap, BTreeSet};

use serde_yaml::Value;

use super::*;
use crate::content::dosage::Dosage;
use crate::content::fields::{Fields, describe, scalar_text};
use crate::content::library::{Condition, ConditionEntry, Exercise, Markdown};
use crate::content::load::ContentFile;
use crate::content::reading::Passage;
use crate::diagnostic::Diagnostic;

pub(crate) const DURATION_FORMS: &str =
    r#"duration must be a length of time like "6 weeks", "10 days" or "2-3 months""#;

/// A length of time in plain words: "6 weeks", "10 days", "2–3 months".
pub fn parse_duration_text(text: &str) -> Result<String, &'static str> {
    let lower = text.trim().to_lowercase();
    let (amount, unit) = lower.rsplit_once(' ').ok_or(DURATION_FORMS)?;
    let unit = match unit {
        "day" | "days" => "day",
        "week" | "weeks" => "week",
        "month" | "months" => "month",
        _ => return Err(DURATION_FORMS),
    };
    let range = crate::content::dosage::parse_reps(amount).map_err(|_| DURATION_FORMS)?;
    let (amount, plural) = if range.min == range.max {
        (range.min.to_string(), range.min != 1)
    } else {
        (format!("{}–{}", range.min, range.max), true)
    };
    Ok(format!("{amount} {unit}{}", if plural { "s" } else { "" }))
}

/// A length of time as [`parse_duration_text`] writes it ("6 weeks", "2–3
/// months"), in the words of `words`' language ("6 semanas").
pub fn spoken_duration(text: &str, words: &crate::strings::Strings) -> String {
    let Some((amount, unit)) = text.rsplit_once(' ') else {
        return text.to_string();
    };
    let id = match unit.trim_end_matches('s') {
        "day" => "course-days",
        "week" => "course-weeks",
        "month" => "course-months",
        _ => return text.to_string(),
    };
    let most = amount.rsplit('–').next().unwrap_or(amount);
    let n: u32 = most.parse().unwrap_or(2);
    words.get(id, &[("n", n.into()), ("value", amount.to_string().into())])
}

/// How often one exercise may appear in one condition (twice: two doses a day).
pub const MAX_REPEATS: usize = 2;

/// Reads a condition's (or a program's) `duration` and `follow_up`.
pub(crate) fn read_course(f: &mut Fields) -> (Option<String>, Option<String>) {
    let duration = f
        .text("duration")
        .and_then(|text| match parse_duration_text(&text) {
            Ok(words) => Some(words),
            Err(message) => {
                let pos = f.pos("duration");
                f.error(pos, message);
                None
            }
        });
    let follow_up = f.text("follow_up").filter(|text| {
        let ok = text.chars().count() <= MAX_LINE_CHARS;
        if !ok {
            let pos = f.pos("follow_up");
            f.error(pos, format!("follow_up is one line for the printed handout: at most {MAX_LINE_CHARS} characters"));
        }
        ok
    });
    (duration, follow_up)
}
pub(crate) fn condition(
    file: &ContentFile,
    slug: String,
    exercise_stems: &BTreeSet<String>,
    exercises: &BTreeMap<String, std::sync::Arc<Exercise>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Condition> {
    let mut f = Fields::for_file(file, diagnostics);
    f.reject_unknown("condition", &CONDITION_FIELDS);
    let start = file.positions.start();
    let title = read_title(&mut f, start);
    // A draft condition may list draft exercises; a published one may not.
    let draft = f.bool("draft").unwrap_or(false);
    let mut entries = Vec::new();
    let mut passages = Vec::new();
    match f.get("exercises") {
        None => f.error(start, "missing required field `exercises`: the list of exercise file names (slugs) for this condition"),
        Some(Value::Sequence(items)) => {
            for (i, item) in items.iter().enumerate() {
                let key = format!("exercises.{i}");
                if let Some(entry) =
                    condition_entry(&mut f, &key, item, exercise_stems, exercises, draft)
                {
                    let earlier = entries
                        .iter()
                        .filter(|e: &&ConditionEntry| e.exercise == entry.exercise)
                        .count();
                    if earlier == MAX_REPEATS {
                        let pos = f.pos(&key);
                        f.error(pos, format!("`{}` is listed more than {MAX_REPEATS} times; list an exercise once (or twice, for two different doses)", entry.exercise));
                    }
                    if let Some(note) = &entry.note {
                        passages.push(Passage {
                            text: note.clone(),
                            at: f.pos(&format!("{key}.note")),
                        });
                    }
                    entries.push(entry);
                }
            }
        }
        Some(other) => {
            let pos = f.pos("exercises");
            f.error(pos, format!("`exercises` must be a list of exercise slugs, not {}", describe(other)));
        }
    }
    let summary = f.text("summary");
    let disclaimer = f.text("disclaimer");
    let (duration, follow_up) = read_course(&mut f);
    let reading_check = f.bool("reading_check").unwrap_or(true);
    let aliases = read_aliases(&mut f, "conditions");
    for (field, text) in [("summary", &summary), ("follow_up", &follow_up)] {
        if let Some(text) = text {
            passages.insert(
                0,
                Passage {
                    text: text.clone(),
                    at: f.pos(field),
                },
            );
        }
    }
    Some(Condition {
        slug,
        source: file.display.clone(),
        title: title?,
        summary,
        entries,
        disclaimer,
        duration,
        follow_up,
        draft,
        body: Markdown {
            text: file.body.clone(),
            first_line: file.body_line,
        },
        passages,
        aliases,
        reading_check,
        source_text: file.text.clone(),
        modified: file.modified,
    })
}

/// The `aliases` list: old addresses of this file, in `section` ("exercises").
pub(crate) fn read_aliases(f: &mut Fields, section: &str) -> Vec<crate::build::addresses::Alias> {
    let mut aliases = Vec::new();
    for (written, at) in f.list("aliases") {
        match crate::build::addresses::read_alias(section, &written) {
            Ok(address) => aliases.push(crate::build::addresses::Alias { address, at }),
            Err(message) => f.error(at, message),
        }
    }
    aliases
}

pub(crate) fn condition_entry(
    f: &mut Fields,
    key: &str,
    item: &Value,
    exercise_stems: &BTreeSet<String>,
    exercises: &BTreeMap<String, std::sync::Arc<Exercise>>,
    may_list_drafts: bool,
) -> Option<ConditionEntry> {
    let pos = f.pos(key);
    let (slug, dosage_override, note, slug_pos) = match item {
        Value::Mapping(map) => {
            let mut e = f.nested(key, map);
            e.reject_unknown("exercise entry", &ENTRY_FIELDS);
            let slug = e.required_text("exercise", pos)?;
            let slug_pos = e.pos("exercise");
            let dosage = read_dosage(&mut e, "dosage");
            (slug, dosage, e.text("note"), slug_pos)
        }
        other => match scalar_text(other) {
            Some(slug) => (slug.trim().to_string(), Dosage::default(), None, pos),
            None => {
                f.error(pos, format!("each exercise must be a slug or `{{ exercise: slug, dosage: ... }}`, not {}", describe(other)));
                return None;
            }
        },
    };
    if !may_list_drafts && exercises.get(&slug).is_some_and(|e| e.draft) {
        f.error(
            slug_pos,
            format!("\"{slug}\" is a draft (`draft: true` in its file), left out of the build: publish it, or build with --drafts"),
        );
        return None;
    }
    let Some(exercise) = exercises.get(&slug) else {
        // An exercise file that exists but failed validation already has its own error.
        if !exercise_stems.contains(&slug) {
            let hint = crate::diagnostic::value_hint(
                &slug,
                exercises.keys().map(String::as_str),
                String::new,
            );
            f.error(
                slug_pos,
                format!("unknown exercise \"{slug}\": no content/exercises/**/{slug}.md{hint}"),
            );
        }
        return None;
    };
    Some(ConditionEntry {
        dosage: exercise.dosage.overridden_by(&dosage_override),
        exercise: slug,
        dosage_override,
        note,
    })
}
