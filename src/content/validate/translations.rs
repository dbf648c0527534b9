//! Translations, Zola-style: `bridge.es.md` beside `bridge.md` holds the Spanish
//! title, summary, steps and cautions; every other fact comes from the original
//! unless the translation sets it. Each further language of the site gets a
//! library of its own, holding what is translated, and a report of what is not.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use serde_yaml::Value;

use super::*;
use crate::content::library::{Condition, Exercise, Library, SiteConfig};
use crate::content::load::{ContentFile, SiteRoot};
use std::sync::Arc;

/// A further language of the site: what is translated into it, and what is not.
#[derive(Debug, Clone)]
pub struct Translation {
    /// The exercises and conditions in this language; its site settings in its words.
    pub library: Library,
    pub missing: Missing,
}

/// What a language still lacks.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Missing {
    pub language: String,
    /// How many exercises and conditions are in this language, and in the main one.
    pub exercises_done: usize,
    pub exercises_total: usize,
    pub conditions_done: usize,
    pub conditions_total: usize,
    /// Exercises with no translation, by their original file.
    pub exercises: Vec<PathBuf>,
    /// Conditions with no translation, by their original file.
    pub conditions: Vec<PathBuf>,
    /// Translated conditions left out because some of their exercises are not
    /// translated: the condition's file, and those exercises' slugs.
    pub held_back: Vec<(PathBuf, Vec<String>)>,
}

impl Missing {
    pub fn is_empty(&self) -> bool {
        self.exercises.is_empty() && self.conditions.is_empty() && self.held_back.is_empty()
    }

    /// One line: "es: 30 of 32 exercises and 4 of 5 conditions translated".
    pub fn summary(&self) -> String {
        format!(
            "{}: {} of {} exercises and {} of {} conditions translated",
            self.language,
            self.exercises_done,
            self.exercises_total,
            self.conditions_done,
            self.conditions_total
        )
    }

    /// The summary, then each file still to translate and each condition held
    /// back, one to a line.
    pub fn details(&self) -> String {
        let mut text = self.summary();
        text.push('\n');
        let lang = &self.language;
        for path in self.exercises.iter().chain(&self.conditions) {
            let stem = path.file_stem().unwrap_or_default().to_string_lossy();
            text.push_str(&format!(
                "  not translated: {} (add {stem}.{lang}.md beside it)\n",
                path.display()
            ));
        }
        for (path, lacking) in &self.held_back {
            text.push_str(&format!(
                "  held back: {} is translated, but its handout waits for {}\n",
                path.display(),
                lacking.join(", ")
            ));
        }
        text
    }
}

/// Text fields an exercise translation must give when its original has them:
/// inherited, they would print English on a page in another language.
/// (`equipment` is the words a sheet prints for what the exercise needs; the
/// browse pages it links to are the original's.)
const EXERCISE_TEXT: [&str; 5] = ["title", "summary", "cautions", "image_alt", "equipment"];
/// (A condition's `duration` is a length of time, which each language says in its
/// own words: not text to translate.)
const CONDITION_TEXT: [&str; 4] = ["title", "summary", "disclaimer", "follow_up"];

/// Takes the translations (`<slug>.<lang>.md`, `lang` one of the site's further
/// languages) out of `files`, by language. A file named for a language the site
/// does not list, or for its main language, is an error.
pub(crate) fn split_off(
    files: &mut Vec<Arc<ContentFile>>,
    site: &SiteConfig,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, Arc<ContentFile>)> {
    let mut translations = Vec::new();
    let mut kept = Vec::with_capacity(files.len());
    for file in files.drain(..) {
        let Some((base, lang)) = file.stem.rsplit_once('.') else {
            kept.push(file);
            continue;
        };
        if !is_language_tag(lang) {
            kept.push(file);
            continue;
        }
        let lang = lang.to_string();
        if site.languages[1..].contains(&lang) {
            translations.push((lang, file));
        } else if lang == site.languages[0] {
            diagnostics.push(Diagnostic::error(
                &file.display,
                Position::START,
                format!("\"{lang}\" is the site's main language: its text belongs in {base}.md"),
            ));
        } else {
            diagnostics.push(Diagnostic::error(
                &file.display,
                Position::START,
                format!(
                    "a translation into \"{lang}\", which site.yaml does not list: add it to `languages: [{}]`",
                    site.languages.join(", ")
                ),
            ));
        }
    }
    *files = kept;
    translations
}

/// The original's fields, overridden by the translation's, with the translation's
/// body: the file a translated exercise or condition is read from. Its positions
/// are the translation's, and its text the translation's followed by the
/// original's, so that a change to either is a change to it.
fn merge(original: &ContentFile, translation: &ContentFile) -> ContentFile {
    let mut fields = original.fields.clone();
    // Old addresses belong to the original's pages.
    fields.remove("aliases");
    for (key, value) in &translation.fields {
        // What the exercise needs is the original's; the translation says it in
        // its words (see [`check`]).
        if key.as_str() != Some("equipment") {
            fields.insert(key.clone(), value.clone());
        }
    }
    ContentFile {
        stem: original.stem.clone(),
        fields,
        modified: original.modified.max(translation.modified),
        text: format!("{}\n{}", translation.text, original.text),
        ..translation.clone()
    }
}

/// Errors for what a translation leaves in the original's language: text fields
/// it does not give, steps it does not have, notes in lists it inherits.
fn untranslated_text(
    original: &ContentFile,
    translation: &ContentFile,
    text_fields: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let has = |file: &ContentFile, key: &str| match file.fields.get(key) {
        None | Some(Value::Null) => false,
        Some(Value::Sequence(items)) => !items.is_empty(),
        Some(Value::String(text)) => !text.trim().is_empty(),
        Some(_) => true,
    };
    let error = |message: String| {
        Diagnostic::error(&translation.display, translation.positions.start(), message)
    };
    for key in text_fields {
        if has(original, key) && !has(translation, key) {
            diagnostics.push(error(format!(
                "`{key}` is not translated: {} has one, so add it here in this file's language",
                original.display.display()
            )));
        }
    }
    if has(translation, "aliases") {
        let at = translation.positions.key("aliases");
        diagnostics.push(Diagnostic::error(
            &translation.display,
            at,
            "old addresses (`aliases`) belong in the original file, not in a translation",
        ));
    }
    if !original.body.trim().is_empty() && translation.body.trim().is_empty() {
        diagnostics.push(error(format!(
            "no steps: add the text of {} below the front matter, in this file's language",
            original.display.display()
        )));
    }
    // A condition's notes are words too.
    let notes = match original.fields.get("exercises") {
        Some(Value::Sequence(items)) => items
            .iter()
            .any(|item| matches!(item, Value::Mapping(m) if m.contains_key("note"))),
        _ => false,
    };
    if notes && !has(translation, "exercises") {
        diagnostics.push(error(format!(
            "the exercises in {} have notes: copy the list here and translate the notes",
            original.display.display()
        )));
    }
}

/// What an exercise needs, in the words of its translation: the original's
/// equipment names (and browse pages), without its notes, and the translation's
/// text as the sheets print it.
fn say_equipment(exercise: &mut Exercise, translation: &ContentFile, found: &mut Vec<Diagnostic>) {
    let mut f = crate::content::fields::Fields::for_file(translation, found);
    let words: Vec<String> = f.list("equipment").into_iter().map(|(w, _)| w).collect();
    for gear in &mut exercise.gear {
        gear.note = None;
    }
    exercise.equipment = words;
}

/// What the original's file already said (an error or a warning) is not said
/// again for its translation, which inherits the same field: it would point at
/// the translation's first line, where the field is not.
fn new_problems(found: Vec<Diagnostic>, original: &[String]) -> Vec<Diagnostic> {
    found
        .into_iter()
        .filter(|d| !original.contains(&d.message))
        .collect()
}

/// What [`check`] reads: the site, its originals as read and as checked, what
/// each original said, and the translations by language.
pub(crate) struct Sources<'a> {
    pub root: &'a SiteRoot,
    pub site: &'a SiteConfig,
    pub exercise_files: &'a [Arc<ContentFile>],
    pub condition_files: &'a [Arc<ContentFile>],
    pub exercises: &'a BTreeMap<String, std::sync::Arc<Exercise>>,
    pub conditions: &'a BTreeMap<String, Condition>,
    pub exercise_stems: &'a BTreeSet<String>,
    /// What each original file said (errors and warnings), by its display path.
    pub said: &'a HashMap<PathBuf, Vec<String>>,
    pub exercise_translations: Vec<(String, Arc<ContentFile>)>,
    pub condition_translations: Vec<(String, Arc<ContentFile>)>,
    pub site_modified: u64,
    pub site_at: Position,
    /// Built with --drafts: a draft's translation is built like the draft.
    pub drafts: bool,
}

/// Checks every translation and makes each further language's library.
pub(crate) fn check(sources: Sources, diagnostics: &mut Vec<Diagnostic>) -> Vec<Translation> {
    // One language: nothing to look through (10,000 exercises' names, each build).
    if sources.site.languages.len() < 2 {
        return Vec::new();
    }
    let site_display = sources
        .root
        .display(std::path::Path::new("content/site.yaml"));
    let exercise_originals = first_by_stem(sources.exercise_files);
    let condition_originals = first_by_stem(sources.condition_files);
    let mut languages = Vec::new();
    for lang in &sources.site.languages[1..] {
        let site = match sources.site.in_language(lang) {
            Ok(site) => site,
            Err(problems) => {
                diagnostics.extend(
                    problems
                        .into_iter()
                        .map(|m| Diagnostic::error(&site_display, sources.site_at, m)),
                );
                continue;
            }
        };
        let mut exercises = BTreeMap::new();
        let mut conditions = BTreeMap::new();
        let exercise_translations = sources.exercise_translations.iter().map(|t| (true, t));
        let condition_translations = sources.condition_translations.iter().map(|t| (false, t));
        let mine = exercise_translations
            .chain(condition_translations)
            .filter(|(_, (l, _))| l == lang);
        for (is_exercise, (_, file)) in mine {
            let (base, _) = file.stem.rsplit_once('.').unwrap_or((&file.stem, ""));
            let (originals, kind) = if is_exercise {
                (&exercise_originals, "exercises")
            } else {
                (&condition_originals, "conditions")
            };
            // A warning, not an error: a file left behind when its original was
            // renamed or removed should not stop the build.
            let Some(original) = originals.get(base) else {
                diagnostics.push(Diagnostic::warning(
                    &file.display,
                    Position::START,
                    format!("a translation of \"{base}\", but there is no content/{kind}/**/{base}.md to translate, so it is left out: if the original was renamed or removed, rename or remove this file with it"),
                ));
                continue;
            };
            let merged = merge(original, file);
            let text_fields: &[&str] = if is_exercise {
                &EXERCISE_TEXT
            } else {
                &CONDITION_TEXT
            };
            untranslated_text(original, file, text_fields, diagnostics);
            let earlier = sources
                .said
                .get(&original.display)
                .map_or(&[][..], Vec::as_slice);
            let mut found = Vec::new();
            if is_exercise {
                // An original with errors has them reported at its own file.
                if !sources.exercises.contains_key(base) {
                    continue;
                }
                let read = exercise(sources.root, &site, &merged, base.to_string(), &mut found);
                if let Some(mut ex) = read.filter(|e| sources.drafts || !e.draft) {
                    ex.draft &= !sources.drafts;
                    say_equipment(&mut ex, file, &mut found);
                    exercises.insert(base.to_string(), Arc::new(ex));
                }
            } else {
                if !sources.conditions.contains_key(base) {
                    continue;
                }
                let read = condition(
                    &merged,
                    base.to_string(),
                    sources.exercise_stems,
                    sources.exercises,
                    &mut found,
                );
                if let Some(c) = read.filter(|c| sources.drafts || !c.draft) {
                    conditions.insert(base.to_string(), c);
                }
            }
            diagnostics.extend(new_problems(found, earlier));
        }
        let mut missing = Missing {
            language: lang.clone(),
            exercises_done: exercises.len(),
            exercises_total: sources.exercises.len(),
            conditions_total: sources.conditions.len(),
            ..Missing::default()
        };
        for (slug, e) in sources.exercises {
            if !exercises.contains_key(slug) {
                missing.exercises.push(e.source.clone());
            }
        }
        for (slug, c) in sources.conditions {
            if !conditions.contains_key(slug) {
                missing.conditions.push(c.source.clone());
            }
        }
        // A condition is in a language only when all of its exercises are: no
        // handout ever mixes languages. Its doses are its translated exercises'.
        conditions.retain(|_, c: &mut Condition| {
            let lacking: Vec<String> = c
                .entries
                .iter()
                .filter(|e| !exercises.contains_key(&e.exercise))
                .map(|e| e.exercise.clone())
                .collect();
            if !lacking.is_empty() {
                missing.held_back.push((c.source.clone(), lacking));
                return false;
            }
            for entry in &mut c.entries {
                entry.dosage = exercises[&entry.exercise]
                    .dosage
                    .overridden_by(&entry.dosage_override);
            }
            true
        });
        missing.conditions_done = conditions.len();
        let mut library = Library::new(site, exercises, conditions, sources.site_modified);
        library.root = sources.root.clone();
        languages.push(Translation { library, missing });
    }
    languages
}
