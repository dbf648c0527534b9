//! Turns loaded content files into a [`Library`], reporting every problem at its
//! file, line and column. Nothing after this sees unvalidated data.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use serde_yaml::{Mapping, Value};

use crate::diagnostic::{Diagnostic, Position, did_you_mean};
use crate::dosage::{self, Dosage};
use crate::fields::{Fields, describe, scalar_text};
use crate::library::{
    Asset, Clinic, Condition, ConditionEntry, EQUIPMENT, Exercise, Gear, Image, KINDS, Library,
    Markdown, POSITIONS, Paper, REGIONS, RemovedPages, SiteConfig,
};
use crate::load::{self, ContentFile, SiteRoot};
use crate::reading::Passage;

pub const SITE_FIELDS: [&str; 19] = [
    "title",
    "clinic",
    "base_url",
    "language",
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
    "regions",
    "equipment",
    "reading_grade_max",
    "removed_pages",
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

const DURATION_FORMS: &str =
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
    let range = crate::dosage::parse_reps(amount).map_err(|_| DURATION_FORMS)?;
    let (amount, plural) = if range.min == range.max {
        (range.min.to_string(), range.min != 1)
    } else {
        (format!("{}–{}", range.min, range.max), true)
    };
    Ok(format!("{amount} {unit}{}", if plural { "s" } else { "" }))
}

/// The longest one-line text printed on sheets (a title, a follow-up, a name).
pub const MAX_LINE_CHARS: usize = 200;
/// The longest footer line, printed on every page of every sheet.
pub const MAX_FOOTER_CHARS: usize = 160;
/// The longest equipment name: each gets a browse page named after it.
pub const MAX_EQUIPMENT_CHARS: usize = 60;
/// The most cautions one exercise may have.
pub const MAX_CAUTIONS: usize = 40;
/// How often one exercise may appear in one condition (twice: two doses a day).
pub const MAX_REPEATS: usize = 2;

/// Whether an equipment name (in site.yaml or an exercise) is short enough and has
/// letters or digits, as its browse page needs; an error at `pos` if not.
fn check_equipment_length(f: &mut Fields, pos: Position, name: &str) -> bool {
    let count = name.chars().count();
    let fits = count <= MAX_EQUIPMENT_CHARS && !slugify(name).is_empty();
    if !fits {
        f.error(
            pos,
            format!("equipment names become browse pages: use a short name with letters or digits, at most {MAX_EQUIPMENT_CHARS} characters (this one has {count}), like \"exercise mat\""),
        );
    }
    fits
}

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
/// The longest check-off log a sheet prints, in weeks.
pub const MAX_LOG_WEEKS: u32 = 4;

pub const ENTRY_FIELDS: [&str; 3] = ["exercise", "dosage", "note"];
pub const DOSAGE_FIELDS: [&str; 6] = ["hold", "reps", "sets", "per_side", "frequency", "rest"];

pub const DEFAULT_DISCLAIMER: &str = "These exercises are general advice, not a diagnosis or a treatment plan made for you. \
Stop any exercise that causes pain, dizziness or shortness of breath, and talk to your therapist or doctor.";

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
    let mut diagnostics = Vec::new();
    let content = root.content_dir();
    let site_display = root.display(Path::new("content/site.yaml"));
    if !content.is_dir() {
        let at = root.display(Path::new("content"));
        diagnostics.push(Diagnostic::error(
            at,
            Position::START,
            "no content/ folder here: run `handout init DIR` to start a site, or pass --root DIR",
        ));
        return Err(diagnostics);
    }
    let site = match read_site_file(root, &site_display) {
        Ok((map, positions, modified)) => {
            let mut f = Fields {
                map: &map,
                prefix: String::new(),
                positions: &positions,
                path: &site_display,
                diagnostics: &mut diagnostics,
            };
            (site_config(root, &mut f), modified)
        }
        Err(d) => {
            diagnostics.push(d);
            return Err(diagnostics);
        }
    };
    let (site, site_modified) = site;
    let before = diagnostics.len();
    let exercise_files = load::read_folder(root, "exercises", &mut diagnostics);
    // Every exercise file there is, read or not: a condition listing one that could not
    // be read need not say so again, as the file has its own error.
    let exercise_stems: BTreeSet<String> = exercise_files
        .iter()
        .map(|f| f.stem.clone())
        .chain(diagnostics[before..].iter().filter_map(|d| {
            let is_md = d.path.extension().is_some_and(|x| x == "md");
            is_md.then(|| d.path.file_stem()?.to_str().map(str::to_string))?
        }))
        .collect();
    let condition_files = load::read_folder(root, "conditions", &mut diagnostics);
    if exercise_files.is_empty() && !content.join("exercises").is_dir() {
        diagnostics.push(Diagnostic::error(
            root.display(Path::new("content/exercises")),
            Position::START,
            "no content/exercises/ folder: add one with an exercise file (try `handout new exercise \"Bridge\"`)",
        ));
    }

    let mut exercises = BTreeMap::new();
    let first_exercises = first_by_stem(&exercise_files);
    for file in &exercise_files {
        let Some(slug) = check_slug(file, "exercise", &first_exercises, &mut diagnostics) else {
            continue;
        };
        if let Some(mut ex) = exercise(root, &site, file, slug.clone(), &mut diagnostics) {
            // Built with --drafts, a draft is like any other exercise.
            ex.draft &= !drafts;
            exercises.insert(slug, ex);
        }
    }
    let mut conditions = BTreeMap::new();
    let first_conditions = first_by_stem(&condition_files);
    for file in &condition_files {
        let Some(slug) = check_slug(file, "condition", &first_conditions, &mut diagnostics) else {
            continue;
        };
        let read = condition(
            file,
            slug.clone(),
            &exercise_stems,
            &exercises,
            &mut diagnostics,
        );
        // A draft is checked, then left out unless drafts are built.
        if let Some(c) = read.filter(|c| drafts || !c.draft) {
            conditions.insert(slug, c);
        }
    }
    exercises.retain(|_, e| !e.draft);
    let library = Library::new(site, exercises, conditions, site_modified);
    diagnostics.extend(crate::addresses::check_aliases(&library));
    crate::diagnostic::sort(&mut diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    Ok((library, diagnostics))
}

fn read_site_file(
    root: &SiteRoot,
    display: &Path,
) -> Result<(Mapping, crate::yaml_positions::YamlPositions, u64), Diagnostic> {
    let path = root.content_dir().join("site.yaml");
    if !path.is_file() {
        return Err(Diagnostic::error(
            display,
            Position::START,
            "content/site.yaml is missing: it names the clinic and the site (see `handout init`)",
        ));
    }
    let (text, modified) = load::read_text(&path, display)?;
    let (map, positions) = load::parse_yaml(&text, 1, display)?;
    Ok((map, positions, modified))
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
fn first_by_stem(files: &[ContentFile]) -> HashMap<&str, &ContentFile> {
    let mut first = HashMap::with_capacity(files.len());
    for file in files {
        first.entry(file.stem.as_str()).or_insert(file);
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

fn site_config(root: &SiteRoot, f: &mut Fields) -> SiteConfig {
    f.reject_unknown("site", &SITE_FIELDS);
    let title = f
        .text("title")
        .unwrap_or_else(|| "Home exercises".to_string());
    let clinic = match f.get("clinic") {
        Some(Value::Mapping(m)) => {
            let mut c = f.nested("clinic", m);
            c.reject_unknown("clinic", &CLINIC_FIELDS);
            let at = c.positions.value("clinic");
            let name = c.required_text("name", at).unwrap_or_default();
            let logo = c.text("logo").and_then(|logo| {
                let pos = c.pos("logo");
                asset(root, &root.content_dir(), &logo, "logo", pos, &mut c)
            });
            Clinic {
                name,
                phone: c.text("phone"),
                address: c.text("address"),
                website: c.text("website"),
                logo: logo.as_ref().map(|a| a.output.clone()),
                logo_asset: logo,
            }
        }
        Some(other) => {
            let pos = f.pos("clinic");
            f.error(
                pos,
                format!(
                    "`clinic` must be fields (name, phone, address, website, logo), not {}",
                    describe(other)
                ),
            );
            Clinic::default()
        }
        None => Clinic::default(),
    };
    let base_url = f
        .text("base_url")
        .and_then(|url| match parse_base_url(&url) {
            Ok(url) => Some(url),
            Err(message) => {
                let pos = f.pos("base_url");
                f.error(pos, message);
                None
            }
        });
    if let Some(url) = &base_url {
        // The longest address a sheet's code holds: a condition page's entry.
        warn_dense_qr(f, "base_url", url.len() + 90);
    }
    let language = f.text("language").unwrap_or_else(|| "en".to_string());
    if !language
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-')
        || language.len() > 16
    {
        let pos = f.pos("language");
        f.error(
            pos,
            "language must be a language tag like \"en\" or \"en-US\"",
        );
    }
    let paper = read_paper(f).unwrap_or(Paper::Letter);
    let theme = f.text("theme").unwrap_or_else(|| "default".to_string());
    if !is_slug(&theme.replace('_', "-")) {
        let pos = f.pos("theme");
        f.error(
            pos,
            "theme must be a folder name under themes/, like \"default\"",
        );
    }
    let disclaimer = f
        .text("disclaimer")
        .unwrap_or_else(|| DEFAULT_DISCLAIMER.to_string());
    if let Some(short) = f.text("disclaimer_short") {
        check_length(
            f,
            "disclaimer_short",
            &short,
            MAX_FOOTER_CHARS,
            "it is printed at the foot of every page of every handout",
        );
    }
    let disclaimer_short = f
        .text("disclaimer_short")
        .unwrap_or_else(|| first_sentence(&crate::markdown::inline_text(&disclaimer)));
    let daily_log = f.bool("daily_log").unwrap_or(true);
    let log_weeks = f.whole_number("log_weeks", 1, MAX_LOG_WEEKS).unwrap_or(1);
    let date_format = f
        .text("date_format")
        .and_then(|text| match crate::dates::DateFormat::parse(&text) {
            Ok(format) => Some(format),
            Err(message) => {
                let pos = f.pos("date_format");
                f.error(pos, message);
                None
            }
        })
        .unwrap_or_default();
    let log_pain = f.bool("log_pain").unwrap_or(false);
    let large_print = f.bool("large_print").unwrap_or(false);
    let cards = f.bool("cards").unwrap_or(true);
    let raw_html = f.bool("raw_html").unwrap_or(false);
    let reading_grade_max = f
        .whole_number("reading_grade_max", 1, 18)
        .unwrap_or(crate::reading::DEFAULT_GRADE_MAX);
    let removed_pages = match f.text("removed_pages").as_deref() {
        None | Some("warn") => RemovedPages::Warn,
        Some("keep") => RemovedPages::Keep,
        Some("forget") => RemovedPages::Forget,
        Some(other) => {
            let pos = f.pos("removed_pages");
            f.error(
                pos,
                format!("removed_pages must be warn, keep or forget, not \"{other}\""),
            );
            RemovedPages::Warn
        }
    };
    let mut regions: Vec<String> = REGIONS.iter().map(|s| s.to_string()).collect();
    for (region, pos) in f.list("regions") {
        if !is_slug(&region) {
            f.error(pos, format!("region names use lowercase letters, digits and hyphens, like \"lower-back\", not \"{region}\""));
        } else if !regions.contains(&region) {
            regions.push(region);
        }
    }
    let mut equipment: Vec<String> = EQUIPMENT.iter().map(|s| s.to_string()).collect();
    for (name, pos) in f.list("equipment") {
        let name = name.trim().to_lowercase();
        if check_equipment_length(f, pos, &name) && !equipment.contains(&name) {
            equipment.push(name);
        }
    }
    SiteConfig {
        title,
        clinic,
        base_url,
        language,
        paper,
        theme,
        disclaimer,
        disclaimer_short,
        daily_log,
        date_format,
        log_weeks,
        log_pain,
        large_print,
        cards,
        raw_html,
        regions,
        equipment,
        reading_grade_max,
        removed_pages,
    }
}

/// A published address (site.yaml `base_url`, or `--base-url`), ending in `/`.
pub fn parse_base_url(url: &str) -> Result<String, &'static str> {
    let url = url.trim();
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(
            "base_url must be a full web address like \"https://clinic.example/exercises/\"",
        );
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

/// The first sentence of a text, for short notices ("Stop if it hurts. Call us." → "Stop if it hurts.").
pub fn first_sentence(text: &str) -> String {
    let text = text.trim();
    let end = text
        .char_indices()
        .find(|(i, c)| {
            matches!(c, '.' | '!' | '?') && text[i + 1..].starts_with(char::is_whitespace)
        })
        .map_or(text.len(), |(i, c)| i + c.len_utf8());
    text[..end].to_string()
}

/// A file referenced from content: resolved inside the site, copied under `media/`.
fn asset(
    root: &SiteRoot,
    base: &Path,
    target: &str,
    key: &str,
    pos: Position,
    f: &mut Fields,
) -> Option<Asset> {
    match root.resolve_inside(base, target) {
        Ok(source) => {
            let relative = root.relative(&source);
            let under_content = relative.strip_prefix("content").unwrap_or(relative);
            let output = Path::new("media")
                .join(under_content)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            let display = root.display(relative);
            Some(Asset {
                source,
                display,
                output,
            })
        }
        Err(message) => {
            f.error(pos, format!("{key}: {message}"));
            None
        }
    }
}

fn exercise(
    root: &SiteRoot,
    site: &SiteConfig,
    file: &ContentFile,
    slug: String,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Exercise> {
    let mut f = Fields::for_file(file, diagnostics);
    f.reject_unknown("exercise", &EXERCISE_FIELDS);
    let start = file.positions.start();
    let title = read_title(&mut f, start);
    let kind = f.text("kind");
    if let Some(k) = &kind {
        check_word(&mut f, "kind", k, &KINDS);
    }
    let regions = f.list("regions");
    for (r, pos) in &regions {
        if !site.regions.contains(r) {
            let hint = match did_you_mean(r, site.regions.iter().map(String::as_str)) {
                Some(s) => format!(" (did you mean \"{s}\"?)"),
                None => format!(
                    "; known regions: {} (site.yaml `regions` can add more)",
                    site.regions.join(", ")
                ),
            };
            f.error(*pos, format!("unknown region \"{r}\"{hint}"));
        }
    }
    let position = f.text("position");
    if let Some(p) = &position {
        check_word(&mut f, "position", p, &POSITIONS);
    }
    let dosage = match f.get("dosage") {
        Some(_) => {
            let dosage = read_dosage(&mut f, "dosage");
            if dosage.frequency.is_none() {
                // Sheets print a daily log under every exercise: without a frequency a
                // patient has to guess how often.
                let pos = f.pos("dosage");
                f.warning(
                    pos,
                    "the dose does not say how often; add `frequency:` (like \"once daily\" or \"3x per week\") so the printed sheet tells the patient",
                );
            }
            dosage
        }
        None => {
            f.error(
                start,
                "missing required field `dosage` (for example `dosage: { reps: 10, sets: 2 }`)",
            );
            Dosage::default()
        }
    };
    let image_alt = f.text("image_alt");
    let image = f.text("image").and_then(|target| {
        let pos = f.pos("image");
        let base = file.path.parent().unwrap_or(&root.canonical).to_path_buf();
        let asset = asset(root, &base, &target, "image", pos, &mut f)?;
        let alt = image_alt.clone().or_else(|| {
            f.error(pos, "image needs `image_alt`: a short description of the picture for people who cannot see it");
            None
        })?;
        Some(Image { asset, alt })
    });
    let video = f.text("video").filter(|v| {
        let ok = v.starts_with("https://") || v.starts_with("http://");
        if !ok {
            let pos = f.pos("video");
            f.error(pos, "video must be a web address starting with https://");
        }
        ok
    });
    if let Some(video) = &video {
        warn_dense_qr(&mut f, "video", video.len());
    }
    // Read every field before giving up on a missing title, so all problems are reported.
    let summary = f.text("summary");
    let mut passages = Vec::new();
    if let Some(text) = &summary {
        passages.push(Passage {
            text: text.clone(),
            at: f.pos("summary"),
        });
    }
    let reading_check = f.bool("reading_check").unwrap_or(true);
    let aliases = read_aliases(&mut f, "exercises");
    let pose = crate::figure::pose::read(&mut f);
    let equipment = f.list("equipment");
    let draft = f.bool("draft").unwrap_or(false);
    // Listings order exercises by weight (lightest first), then by title.
    let weight = f.whole_number("weight", 0, 1_000_000).unwrap_or(0);
    // Passed to templates as written, for a theme's own use.
    let extra = f.get("extra").cloned();
    let mut gear = Vec::new();
    for (item, pos) in &equipment {
        check_equipment_length(&mut f, *pos, item);
        let read = Gear::read(item, &site.equipment);
        if !site.equipment.contains(&read.name) {
            let lower = read.name.to_lowercase();
            let hint = match did_you_mean(&lower, site.equipment.iter().map(String::as_str)) {
                Some(s) => format!("did you mean \"{s}\"?"),
                None => format!("known names: {}", site.equipment.join(", ")),
            };
            f.warning(
                *pos,
                format!("unknown equipment \"{}\" gets a browse page of its own; {hint} (start with a known name and add a note after it, like \"exercise mat (if you like)\", or add the name to site.yaml `equipment`)", read.name),
            );
        }
        gear.push(read);
    }
    let equipment = equipment.into_iter().map(|(e, _)| e).collect();
    let cautions = f.list("cautions");
    if let Some((_, pos)) = cautions.get(MAX_CAUTIONS) {
        f.error(
            *pos,
            format!("an exercise has at most {MAX_CAUTIONS} cautions, short enough for a patient to read them all; this one has {}", cautions.len()),
        );
    }
    passages.extend(cautions.iter().map(|(text, at)| Passage {
        text: text.clone(),
        at: *at,
    }));
    let cautions = cautions.into_iter().map(|(c, _)| c).collect();
    let exercise = Exercise {
        slug,
        source: file.display.clone(),
        title: title?,
        summary,
        kind,
        regions: regions.into_iter().map(|(r, _)| r).collect(),
        position,
        equipment,
        gear,
        weight,
        extra,
        draft,
        dosage,
        cautions,
        figure_alt: image_alt.filter(|_| image.is_none() && pose.is_some()),
        image,
        video,
        pose,
        body: Markdown {
            text: file.body.clone(),
            first_line: file.body_line,
        },
        passages,
        aliases,
        reading_check,
        source_text: file.text.clone(),
        modified: file.modified,
    };
    Some(exercise)
}

/// The `paper` field: letter or a4.
pub(crate) fn read_paper(f: &mut Fields) -> Option<Paper> {
    let text = f.text("paper")?;
    match parse_paper(&text) {
        Ok(paper) => Some(paper),
        Err(message) => {
            let pos = f.pos("paper");
            f.error(pos, message);
            None
        }
    }
}

pub fn parse_paper(text: &str) -> Result<Paper, String> {
    match text.to_ascii_lowercase().as_str() {
        "letter" => Ok(Paper::Letter),
        "a4" => Ok(Paper::A4),
        other => Err(format!("paper must be letter or a4, not \"{other}\"")),
    }
}

fn check_word(f: &mut Fields, key: &str, word: &str, allowed: &[&str]) {
    if allowed.contains(&word) {
        return;
    }
    let pos = f.pos(key);
    let hint = match did_you_mean(word, allowed.iter().copied()) {
        Some(s) => format!(" (did you mean \"{s}\"?)"),
        None => format!("; use one of: {}", allowed.join(", ")),
    };
    f.error(pos, format!("unknown {key} \"{word}\"{hint}"));
}

/// Reads a dosage mapping at `key`, reporting each bad value with the forms it accepts.
pub(crate) fn read_dosage(f: &mut Fields, key: &str) -> Dosage {
    let Some(value) = f.get(key) else {
        return Dosage::default();
    };
    let Value::Mapping(map) = value else {
        let pos = f.pos(key);
        f.error(
            pos,
            format!(
                "`{key}` must be fields like `{{ hold: 30 s, reps: 3 }}`, not {}",
                describe(value)
            ),
        );
        return Dosage::default();
    };
    let mut d = f.nested(key, map);
    d.reject_unknown("dosage", &DOSAGE_FIELDS);
    let mut dosage = Dosage::default();
    dosage.hold = parse_field(&mut d, "hold", dosage::parse_hold);
    dosage.reps = parse_field(&mut d, "reps", dosage::parse_reps);
    dosage.sets = parse_field(&mut d, "sets", dosage::parse_sets);
    dosage.frequency = parse_field(&mut d, "frequency", dosage::parse_frequency);
    dosage.rest = parse_field(&mut d, "rest", dosage::parse_rest);
    dosage.per_side = match d.get("per_side") {
        None => None,
        Some(Value::Bool(b)) => Some(*b),
        // YAML 1.2 reads `yes`/`no` as text, but people write them meaning true/false.
        Some(Value::String(s)) if matches!(s.to_lowercase().as_str(), "yes" | "no") => {
            Some(s.eq_ignore_ascii_case("yes"))
        }
        Some(_) => {
            let pos = d.pos("per_side");
            d.error(pos, dosage::PER_SIDE_FORMS);
            None
        }
    };
    dosage
}

fn parse_field<T>(
    f: &mut Fields,
    key: &str,
    parse: fn(&str) -> Result<T, &'static str>,
) -> Option<T> {
    let value = f.get(key)?;
    // Text that is not a scalar is judged as empty text, which no parser accepts,
    // so the message is always the parser's own list of accepted forms.
    let text = scalar_text(value).unwrap_or_default();
    match parse(&text) {
        Ok(v) => Some(v),
        Err(forms) => {
            let pos = f.pos(key);
            f.error(pos, forms);
            None
        }
    }
}

fn condition(
    file: &ContentFile,
    slug: String,
    exercise_stems: &BTreeSet<String>,
    exercises: &BTreeMap<String, Exercise>,
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
fn read_aliases(f: &mut Fields, section: &str) -> Vec<crate::addresses::Alias> {
    let mut aliases = Vec::new();
    for (written, at) in f.list("aliases") {
        match crate::addresses::read_alias(section, &written) {
            Ok(address) => aliases.push(crate::addresses::Alias { address, at }),
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
    exercises: &BTreeMap<String, Exercise>,
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
            let hint = did_you_mean(&slug, exercises.keys().map(String::as_str))
                .map(|s| format!(" (did you mean \"{s}\"?)"))
                .unwrap_or_default();
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
