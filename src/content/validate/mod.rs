//! Turns loaded content files into a [`Library`], reporting every problem at its
//! file, line and column. Nothing after this sees unvalidated data.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::content::fields::Fields;
use crate::content::library::Library;
use crate::content::load::{self, ContentFile, SiteRoot};
use crate::diagnostic::{Diagnostic, Position};

mod condition;
mod exercise;
mod site_config;
mod translations;

pub use condition::*;
pub use exercise::*;
pub use site_config::*;
pub use translations::{Missing, Translation};

pub const SITE_FIELDS: [&str; 22] = [
    "title",
    "clinic",
    "base_url",
    "language",
    "languages",
    "translations",
    "paper",
    "theme",
    "disclaimer",
    "disclaimer_short",
    "daily_log",
    "log_weeks",
    "log_pain",
    "date_format",
    "large_print",
    "cards",
    "raw_html",
    "builder",
    "regions",
    "equipment",
    "reading_grade_max",
    "removed_pages",
];
/// What `translations.<lang>` in site.yaml may translate.
pub const SITE_TEXT_FIELDS: [&str; 6] = [
    "title",
    "disclaimer",
    "disclaimer_short",
    "clinic",
    "paper",
    "date_format",
];
pub const CLINIC_FIELDS: [&str; 5] = ["name", "phone", "address", "website", "logo"];
pub const EXERCISE_FIELDS: [&str; 17] = [
    "title",
    "summary",
    "kind",
    "regions",
    "position",
    "equipment",
    "dosage",
    "cautions",
    "image",
    "image_alt",
    "video",
    "pose",
    "weight",
    "extra",
    "draft",
    "reading_check",
    "aliases",
];
pub const CONDITION_FIELDS: [&str; 9] = [
    "title",
    "summary",
    "exercises",
    "disclaimer",
    "duration",
    "follow_up",
    "draft",
    "reading_check",
    "aliases",
];

/// The longest one-line text printed on sheets (a title, a follow-up, a name).
pub const MAX_LINE_CHARS: usize = 200;
/// The longest footer line, printed on every page of every sheet.
pub const MAX_FOOTER_CHARS: usize = 160;
/// The required title of an exercise or condition, no longer than a line.
fn read_title(f: &mut Fields, start: crate::diagnostic::Position) -> Option<String> {
    let title = f.required_text("title", start)?;
    check_length(
        f,
        "title",
        &title,
        MAX_LINE_CHARS,
        "it heads every page the handout goes on to",
    );
    Some(title)
}

/// The longest address a sheet's one-inch QR code holds that an older phone still
/// reads (QR version 10 at the lowest error correction).
pub const MAX_QR_CHARS: usize = 271;

/// Warns at `key` when the address it makes is too long for a readable QR code.
fn warn_dense_qr(f: &mut Fields, key: &str, length: usize) {
    if length > MAX_QR_CHARS {
        let pos = f.pos(key);
        f.warning(
            pos,
            format!("this address makes codes of about {length} characters; at more than {MAX_QR_CHARS} a sheet's QR code is too dense for a phone to read, so sheets may print none: use a shorter address"),
        );
    }
}

/// Reports a one-line field longer than `max` characters at its value.
fn check_length(f: &mut Fields, key: &str, text: &str, max: usize, why: &str) {
    let count = text.chars().count();
    if count > max {
        let pos = f.pos(key);
        f.error(
            pos,
            format!("{key} is {count} characters; at most {max}, because {why}"),
        );
    }
}

/// The longest check-off log a sheet prints, in weeks.
pub const MAX_LOG_WEEKS: u32 = 4;

pub const ENTRY_FIELDS: [&str; 3] = ["exercise", "dosage", "note"];
pub const DOSAGE_FIELDS: [&str; 6] = ["hold", "reps", "sets", "per_side", "frequency", "rest"];

/// The exercises the last check read, by file, for a process that checks again
/// (`serve`): an exercise whose file is the very one read then (the same shared
/// [`ContentFile`], which [`load::Recall`] hands out while its stamp holds), read
/// under the same site.yaml, is taken as it was, with what was said about it.
/// Exercises with a picture are always read again: the picture may have gone.
#[derive(Default)]
pub struct Judged {
    /// By the address of the shared file read: it is the same file while the
    /// judgement holds it, so no other file can have that address meanwhile.
    exercises: HashMap<usize, Judgement>,
}

/// The key of `file` in [`Judged`].
fn judged_key(file: &std::sync::Arc<ContentFile>) -> usize {
    std::sync::Arc::as_ptr(file) as usize
}

struct Judgement {
    file: std::sync::Arc<ContentFile>,
    /// A hash of the site's settings it was read under.
    site: u64,
    exercise: Option<std::sync::Arc<crate::content::library::Exercise>>,
    said: Vec<Diagnostic>,
}

/// Loads and validates the whole site. Returns the library and any warnings, or all problems found.
pub fn load_library(root: &SiteRoot) -> Result<(Library, Vec<Diagnostic>), Vec<Diagnostic>> {
    load_library_with(root, false)
}

/// [`load_library`]; with `drafts`, files marked `draft: true` are built too.
/// Without it they are checked and then left out, and a condition that lists a
/// draft exercise is an error.
pub fn load_library_with(
    root: &SiteRoot,
    drafts: bool,
) -> Result<(Library, Vec<Diagnostic>), Vec<Diagnostic>> {
    let loaded = load::load_site(root, &crate::content::yaml_cache::YamlCache::new())?;
    check_site(root, loaded, drafts, None)
}

/// Checks what [`load::load_site`] read into a [`Library`]. With `drafts`, files
/// marked `draft: true` are built too. With `judged`, exercises read by the last
/// check are taken from it where nothing they were read from changed, and it is
/// left holding this check's.
pub fn check_site(
    root: &SiteRoot,
    loaded: load::Loaded,
    drafts: bool,
    mut judged: Option<&mut Judged>,
) -> Result<(Library, Vec<Diagnostic>), Vec<Diagnostic>> {
    let load::Loaded {
        site_file,
        site_text,
        mut exercise_files,
        mut condition_files,
        exercise_stems,
        mut diagnostics,
        parsed: _,
    } = loaded;
    let site_display = root.display(Path::new("content/site.yaml"));
    let (map, positions, site_modified) = site_file;
    let site = {
        let mut f = Fields {
            map: &map,
            prefix: String::new(),
            positions: &positions,
            path: &site_display,
            diagnostics: &mut diagnostics,
        };
        site_config(root, &mut f)
    };
    let exercise_translations =
        translations::split_off(&mut exercise_files, &site, &mut diagnostics);
    let condition_translations =
        translations::split_off(&mut condition_files, &site, &mut diagnostics);
    // What each original says (errors and warnings), which its translations,
    // inheriting the same fields, need not repeat.
    let mut said: HashMap<std::path::PathBuf, Vec<String>> = HashMap::new();
    let mut note_said = |file: &ContentFile, found: &[Diagnostic]| {
        if !found.is_empty() {
            (said.entry(file.display.clone()).or_default())
                .extend(found.iter().map(|d| d.message.clone()));
        }
    };

    let first_exercises = first_by_stem(&exercise_files);
    let mut slugs = Vec::new();
    for file in &exercise_files {
        slugs.push(check_slug(
            file,
            "exercise",
            &first_exercises,
            &mut diagnostics,
        ));
    }
    // Each exercise is read on its own, so on every core; what each says is
    // reported in the files' order all the same.
    let site_hash = crate::build::cache::hash_of(serde_json::to_string(&site).unwrap_or_default());
    let mut last = judged
        .as_deref_mut()
        .map(|j| std::mem::take(&mut j.exercises))
        .unwrap_or_default();
    let unchanged = |file: &std::sync::Arc<ContentFile>| {
        let judgement = last.get(&judged_key(file))?;
        let same = std::sync::Arc::ptr_eq(&judgement.file, file) && judgement.site == site_hash;
        same.then_some(judgement)
    };
    // (file, slug, exercise, what was said, whether it was judged last time)
    let read: Vec<_> = {
        use rayon::prelude::*;
        exercise_files
            .par_iter()
            .zip(slugs)
            .filter_map(|(file, slug)| {
                let slug = slug?;
                if let Some(same) = unchanged(file) {
                    return Some((file, slug, same.exercise.clone(), same.said.clone(), true));
                }
                let mut found = Vec::new();
                let read = exercise(root, &site, file, slug.clone(), &mut found);
                Some((file, slug, read.map(std::sync::Arc::new), found, false))
            })
            .collect()
    };
    // This check's judgements, for the next: the unchanged ones moved over.
    if let Some(judged) = judged {
        for (file, _, read, found, again) in &read {
            let judgement = match again {
                true => last.remove(&judged_key(file)),
                false if file.fields.contains_key("image") => None,
                false => Some(Judgement {
                    file: std::sync::Arc::clone(file),
                    site: site_hash,
                    exercise: read.clone(),
                    said: found.clone(),
                }),
            };
            if let Some(judgement) = judgement {
                (judged.exercises).insert(judged_key(file), judgement);
            }
        }
    }
    crate::build::plan::drop_aside(last);
    let mut read_exercises = Vec::with_capacity(read.len());
    for (file, slug, read, found, _) in read {
        note_said(file, &found);
        diagnostics.extend(found);
        if let Some(mut ex) = read {
            // Built with --drafts, a draft is like any other exercise.
            if ex.draft && drafts {
                std::sync::Arc::make_mut(&mut ex).draft = false;
            }
            read_exercises.push((slug, ex));
        }
    }
    // Built in one go: the files come in path order, mostly that of the slugs.
    let mut exercises: BTreeMap<_, _> = read_exercises.into_iter().collect();
    let mut conditions = BTreeMap::new();
    let first_conditions = first_by_stem(&condition_files);
    let slugs: Vec<_> = (condition_files.iter())
        .map(|file| check_slug(file, "condition", &first_conditions, &mut diagnostics))
        .collect();
    // Each condition is read on its own too, on every core, and reported in order.
    let read: Vec<_> = {
        use rayon::prelude::*;
        (condition_files.par_iter().zip(slugs))
            .filter_map(|(file, slug)| {
                let slug = slug?;
                let mut found = Vec::new();
                let read = condition(file, slug.clone(), &exercise_stems, &exercises, &mut found);
                Some((file, slug, read, found))
            })
            .collect()
    };
    for (file, slug, read, found) in read {
        note_said(file, &found);
        diagnostics.extend(found);
        // A draft is checked, then left out unless drafts are built.
        if let Some(c) = read.filter(|c| drafts || !c.draft) {
            conditions.insert(slug, c);
        }
    }
    exercises.retain(|_, e| !e.draft);
    let translated = translations::check(
        translations::Sources {
            root,
            site: &site,
            exercise_files: &exercise_files,
            condition_files: &condition_files,
            exercises: &exercises,
            conditions: &conditions,
            exercise_stems: &exercise_stems,
            said: &said,
            exercise_translations,
            condition_translations,
            site_modified,
            site_at: positions.key("translations"),
            drafts,
        },
        &mut diagnostics,
    );
    // The files' parsed front matter is freed out of the way (10,000 files': 90 ms).
    crate::build::plan::drop_aside((exercise_files, condition_files));
    let mut library = Library::new(site, exercises, conditions, site_modified);
    library.root = root.clone();
    library.site_text = site_text;
    library.translations = translated;
    diagnostics.extend(crate::build::addresses::check_aliases(&library));
    crate::diagnostic::sort(&mut diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    Ok((library, diagnostics))
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| !part.is_empty())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Makes a slug from a title: "Knee-to-chest Stretch!" → "knee-to-chest-stretch".
pub fn slugify(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// The file's slug if its name is a valid, unique slug.
/// The first file (in reading order) with each file name: the one a slug means.
fn first_by_stem(files: &[std::sync::Arc<ContentFile>]) -> HashMap<&str, &ContentFile> {
    let mut first = HashMap::with_capacity(files.len());
    for file in files {
        first.entry(file.stem.as_str()).or_insert(&**file);
    }
    first
}

fn check_slug(
    file: &ContentFile,
    what: &str,
    first_by_stem: &HashMap<&str, &ContentFile>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    if !is_slug(&file.stem) {
        diagnostics.push(Diagnostic::error(
            &file.display,
            Position::START,
            format!(
                "file name `{}.md` must use only lowercase letters, digits and hyphens (rename it to `{}.md`)",
                file.stem,
                slugify(&file.stem)
            ),
        ));
        return None;
    }
    let first = first_by_stem.get(file.stem.as_str())?;
    if first.path != file.path {
        diagnostics.push(Diagnostic::error(
            &file.display,
            Position::START,
            format!(
                "duplicate {what} `{}`: {} has the same file name; slugs must be unique across folders",
                file.stem,
                first.display.display()
            ),
        ));
        return None;
    }
    Some(file.stem.clone())
}

fn check_word(f: &mut Fields, key: &str, word: &str, allowed: &[&str]) {
    if allowed.contains(&word) {
        return;
    }
    let pos = f.pos(key);
    let hint = crate::diagnostic::value_hint(word, allowed.iter().copied(), || {
        format!("; use one of: {}", allowed.join(", "))
    });
    f.error(pos, format!("unknown {key} \"{word}\"{hint}"));
}
