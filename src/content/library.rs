//! The validated exercise library: what every renderer reads.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::content::dosage::Dosage;

pub const KINDS: [&str; 5] = [
    "stretch",
    "strengthen",
    "mobility",
    "stability",
    "breathing",
];
pub const POSITIONS: [&str; 7] = [
    "supine",
    "prone",
    "side-lying",
    "seated",
    "standing",
    "kneeling",
    "quadruped",
];
pub const REGIONS: [&str; 12] = [
    "neck",
    "shoulder",
    "elbow",
    "wrist",
    "hand",
    "upper-back",
    "lower-back",
    "core",
    "hip",
    "knee",
    "ankle",
    "foot",
];

/// The equipment vocabulary: what home exercises use, named as a patient would.
/// An exercise's `equipment` names one of these (or one the site adds in
/// site.yaml), optionally followed by a note: "exercise mat (if you like)",
/// "chair or sofa". Each name has a browse page; the note is shown, not browsed.
pub const EQUIPMENT: [&str; 24] = [
    "exercise mat",
    "chair",
    "sturdy chair",
    "wall",
    "strap",
    "towel",
    "resistance band",
    "short resistance band",
    "step",
    "stairs",
    "table",
    "kitchen counter",
    "bed",
    "pillow",
    "cushion",
    "exercise ball",
    "small ball",
    "foam roller",
    "hand weights",
    "ankle weights",
    "stick",
    "doorway",
    "box",
    "timer",
];

/// One piece of equipment an exercise uses: its vocabulary name, and anything
/// the author wrote after it ("(if you like)", "or bed").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gear {
    pub name: String,
    pub note: Option<String>,
}

impl Gear {
    /// Reads "a wall for balance (if needed)" as the known name "wall" and the note
    /// "for balance (if needed)". Without a known name at its start, the whole
    /// text is the name.
    pub fn read(text: &str, known: &[String]) -> Gear {
        let trimmed = text.trim();
        let lower = trimmed.to_lowercase();
        let without_article = ["a ", "an ", "the ", "some "].iter().find_map(|a| {
            lower
                .strip_prefix(a)
                .map(|rest| (trimmed.len() - rest.len(), rest))
        });
        let (skip, rest) = without_article.unwrap_or((0, lower.as_str()));
        // The longest known name the text starts with, ending at a word boundary.
        let found = known
            .iter()
            .filter(|name| {
                rest.starts_with(name.as_str())
                    && rest[name.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric())
            })
            .max_by_key(|name| name.len());
        match found {
            Some(name) => {
                let note = trimmed[skip + name.len()..].trim();
                Gear {
                    name: name.clone(),
                    note: (!note.is_empty()).then(|| note.to_string()),
                }
            }
            None => Gear {
                name: trimmed.to_string(),
                note: None,
            },
        }
    }
}

/// A position in plain words, for readers who do not know "supine".
pub fn position_label(position: &str) -> String {
    match position {
        "supine" => "Lying on your back".into(),
        "prone" => "Lying face down".into(),
        "side-lying" => "Lying on your side".into(),
        "seated" => "Sitting".into(),
        "standing" => "Standing".into(),
        "kneeling" => "Kneeling".into(),
        "quadruped" => "On hands and knees".into(),
        other => label(other),
    }
}

/// Whether a language tag names a language written right to left (Arabic,
/// Hebrew, Persian, Urdu ...).
pub fn writes_right_to_left(tag: &str) -> bool {
    let primary = tag
        .split('-')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    matches!(
        primary.as_str(),
        "ar" | "he" | "fa" | "ur" | "yi" | "ps" | "sd" | "ug" | "dv" | "ckb" | "syr"
    )
}

/// "lower-back" → "Lower back".
pub fn label(name: &str) -> String {
    let spaced = name.replace(['-', '_'], " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    Letter,
    A4,
}

/// What the build does at an address published before that no page has now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RemovedPages {
    /// Warn on every build until an alias or another setting deals with it.
    #[default]
    Warn,
    /// Leave a page there saying the exercise or condition is no longer in the library.
    Keep,
    /// Forget the address: nothing there, no warning.
    Forget,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Clinic {
    pub name: String,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub website: Option<String>,
    /// Output path of the logo, relative to the output root.
    pub logo: Option<String>,
    #[serde(skip)]
    pub logo_asset: Option<Asset>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SiteConfig {
    pub title: String,
    pub clinic: Clinic,
    /// Absolute URL of the published site, always ending in `/`.
    pub base_url: Option<String>,
    /// The language this library is written in.
    pub language: String,
    /// Whether it gets printed sheets: not in a language written right to left,
    /// which sheets cannot lay out yet (its web pages are built all the same).
    pub sheets: bool,
    /// Every language the site is written in; the first is its main language,
    /// whose pages sit at the output root.
    pub languages: Vec<String>,
    /// The site's own words in each further language.
    pub translations: BTreeMap<String, SiteText>,
    /// Whether `disclaimer` is handout's own, which every built-in language has.
    #[serde(skip)]
    pub default_disclaimer: bool,
    /// Whether `disclaimer_short` is made from the disclaimer (site.yaml gives none).
    #[serde(skip)]
    pub default_disclaimer_short: bool,
    pub paper: Paper,
    pub theme: String,
    /// Markdown.
    pub disclaimer: String,
    /// One line for the foot of every sheet page.
    pub disclaimer_short: String,
    /// Whether sheets carry a daily check-off log under each exercise.
    pub daily_log: bool,
    /// How dates are written on sheets.
    pub date_format: crate::content::dates::DateFormat,
    /// How many weeks the log covers (1 to 4).
    pub log_weeks: u32,
    /// Whether the log has a row to write the day's pain score (0–10).
    pub log_pain: bool,
    /// Whether to build a large-print edition of every condition handout too.
    pub large_print: bool,
    /// Whether every exercise gets a one-page PDF card.
    pub cards: bool,
    /// Whether HTML written inside Markdown reaches the pages as HTML (default: shown as text).
    pub raw_html: bool,
    /// Whether the site publishes the program builder page (`builder: false` leaves it out).
    pub builder: bool,
    /// The body-region vocabulary: the built-in regions plus the site's own.
    pub regions: Vec<String>,
    /// The equipment vocabulary: [`EQUIPMENT`] plus the site's own, lower case.
    pub equipment: Vec<String>,
    /// The highest reading grade patient text may have before `check` warns.
    pub reading_grade_max: u32,
    /// What to do at addresses published before that no page has now.
    pub removed_pages: RemovedPages,
}

/// site.yaml's words for one further language (`translations.es`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct SiteText {
    pub title: Option<String>,
    pub disclaimer: Option<String>,
    pub disclaimer_short: Option<String>,
    pub clinic_name: Option<String>,
    pub clinic_address: Option<String>,
    /// The paper and date format of this language's sheets, where they differ
    /// from the main language's (Spanish sheets on A4, "21 de noviembre de 2026").
    pub paper: Option<Paper>,
    pub date_format: Option<crate::content::dates::DateFormat>,
}

impl SiteConfig {
    /// The settings for the further language `lang`: the site's words in that
    /// language, its pages under `<base_url><lang>/`. Errors name what site.yaml's
    /// `translations.<lang>` still lacks.
    pub fn in_language(&self, lang: &str) -> Result<SiteConfig, Vec<String>> {
        let text = self.translations.get(lang).cloned().unwrap_or_default();
        let mut problems = Vec::new();
        let mut lacks = |field: &str, why: &str| {
            problems.push(format!(
                "`translations.{lang}.{field}` is missing: {why}, so write it in \"{lang}\""
            ))
        };
        if text.title.is_none() {
            lacks("title", "every page shows the site's title");
        }
        if text.disclaimer.is_none() && !self.default_disclaimer {
            lacks("disclaimer", "every handout prints the site's disclaimer");
        }
        if text.disclaimer_short.is_none() && !self.default_disclaimer_short {
            lacks(
                "disclaimer_short",
                "every handout's pages print it at their foot",
            );
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut site = self.clone();
        site.language = lang.to_string();
        site.sheets = !writes_right_to_left(lang);
        site.title = text.title.unwrap_or_default();
        if let Some(disclaimer) = text.disclaimer {
            site.disclaimer = disclaimer;
            site.default_disclaimer = false;
        }
        if let Some(short) = text.disclaimer_short {
            site.disclaimer_short = short;
            site.default_disclaimer_short = false;
        } else if !site.default_disclaimer {
            site.disclaimer_short = short_disclaimer(&site.disclaimer);
        }
        if let Some(name) = text.clinic_name {
            site.clinic.name = name;
        }
        if let Some(address) = text.clinic_address {
            site.clinic.address = Some(address);
        }
        if let Some(paper) = text.paper {
            site.paper = paper;
        }
        if let Some(format) = text.date_format {
            site.date_format = format;
        }
        site.base_url = self.base_url.as_ref().map(|base| format!("{base}{lang}/"));
        Ok(site)
    }

    /// Gives the site handout's own disclaimer in the words of `strings`' language,
    /// when site.yaml writes none of its own.
    pub fn speak(&mut self, strings: &crate::strings::Strings) {
        if self.default_disclaimer {
            self.disclaimer = strings.get("disclaimer-default", &[]);
            if self.default_disclaimer_short {
                self.disclaimer_short = short_disclaimer(&self.disclaimer);
            }
        }
    }
}

/// The line at the foot of every sheet page when site.yaml gives none: the
/// disclaimer's first sentence.
pub fn short_disclaimer(disclaimer: &str) -> String {
    crate::content::validate::first_sentence(&crate::content::markdown::inline_text(disclaimer))
}

/// Markdown text with the file line it starts on, so later problems can point into it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Markdown {
    pub text: String,
    #[serde(skip)]
    pub first_line: usize,
}

/// A file that a page uses and the build copies: where it is now and where it goes.
#[derive(Debug, Clone, Serialize)]
pub struct Asset {
    #[serde(skip)]
    pub source: PathBuf,
    /// The source path as the user sees it.
    #[serde(skip)]
    pub display: PathBuf,
    /// Path under the output root, with `/` separators.
    pub output: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Image {
    pub asset: Asset,
    pub alt: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Exercise {
    pub slug: String,
    /// Path of the source file as the user sees it.
    #[serde(skip)]
    pub source: PathBuf,
    pub title: String,
    pub summary: Option<String>,
    pub kind: Option<String>,
    pub regions: Vec<String>,
    pub position: Option<String>,
    /// As written: "exercise mat (if you like)".
    pub equipment: Vec<String>,
    /// The same, read against the site's equipment vocabulary.
    pub gear: Vec<Gear>,
    /// Listings show lighter exercises first (default 0), then by title.
    pub weight: u32,
    /// `extra:` as written, for templates; handout itself never reads it.
    pub extra: Option<serde_yaml::Value>,
    /// `draft: true`: checked, but left out of a build without --drafts.
    pub draft: bool,
    pub dosage: Dosage,
    pub cautions: Vec<String>,
    pub image: Option<Image>,
    pub video: Option<String>,
    /// How to draw the exercise, when it has no picture of its own.
    #[serde(skip)]
    pub pose: Option<crate::figure::Pose>,
    /// `image_alt` given for the drawn figure (no `image`).
    pub figure_alt: Option<String>,
    pub body: Markdown,
    /// The front matter's patient text (summary, cautions), for the reading check.
    #[serde(skip)]
    pub passages: Vec<crate::content::reading::Passage>,
    /// Old addresses of this exercise, each given a page that leads here.
    #[serde(skip)]
    pub aliases: Vec<crate::build::addresses::Alias>,
    /// False when the file says `reading_check: false`.
    #[serde(skip)]
    pub reading_check: bool,
    /// The whole source file, to point at any character in it later.
    #[serde(skip)]
    pub source_text: String,
    /// When the source file last changed (seconds since the epoch).
    #[serde(skip)]
    pub modified: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConditionEntry {
    pub exercise: String,
    /// Only the fields the condition sets.
    pub dosage_override: Dosage,
    /// The exercise's dosage with the condition's override applied.
    pub dosage: Dosage,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Condition {
    pub slug: String,
    #[serde(skip)]
    pub source: PathBuf,
    pub title: String,
    pub summary: Option<String>,
    pub entries: Vec<ConditionEntry>,
    /// Markdown that replaces the site's disclaimer on this condition's pages and sheet.
    pub disclaimer: Option<String>,
    /// How long to keep going, in plain words: "6 weeks".
    pub duration: Option<String>,
    /// When to come back: "Come back in 2 weeks."
    pub follow_up: Option<String>,
    /// `draft: true`: checked, but left out of a build without --drafts.
    pub draft: bool,
    pub body: Markdown,
    /// The front matter's patient text (summary, notes, follow-up), for the reading check.
    #[serde(skip)]
    pub passages: Vec<crate::content::reading::Passage>,
    /// Old addresses of this condition, each given a page that leads here.
    #[serde(skip)]
    pub aliases: Vec<crate::build::addresses::Alias>,
    /// False when the file says `reading_check: false`.
    #[serde(skip)]
    pub reading_check: bool,
    #[serde(skip)]
    pub source_text: String,
    #[serde(skip)]
    pub modified: u64,
}

#[derive(Debug, Clone)]
pub struct Library {
    pub site: SiteConfig,
    pub exercises: BTreeMap<String, std::sync::Arc<Exercise>>,
    pub conditions: BTreeMap<String, Condition>,
    /// When content/site.yaml last changed (seconds since the epoch): every sheet uses it.
    pub site_modified: u64,
    /// For each exercise, the conditions that list it, in slug order.
    used_by: BTreeMap<String, Vec<String>>,
    /// The site folder, and where its files (pictures, the logo) are read from.
    pub root: crate::content::load::SiteRoot,
    /// content/site.yaml as written (the program builder's bundle carries it).
    pub site_text: String,
    /// The site's further languages, each with what is translated into it.
    pub translations: Vec<crate::content::validate::Translation>,
}

impl Library {
    pub fn new(
        site: SiteConfig,
        exercises: BTreeMap<String, std::sync::Arc<Exercise>>,
        conditions: BTreeMap<String, Condition>,
        site_modified: u64,
    ) -> Self {
        let mut used_by: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for condition in conditions.values() {
            for entry in &condition.entries {
                let users = used_by.entry(entry.exercise.clone()).or_default();
                if users.last() != Some(&condition.slug) {
                    users.push(condition.slug.clone());
                }
            }
        }
        Library {
            site,
            exercises,
            conditions,
            site_modified,
            used_by,
            root: crate::content::load::SiteRoot::default(),
            site_text: String::new(),
            translations: Vec::new(),
        }
    }

    /// The conditions that use an exercise, in slug order.
    pub fn conditions_using<'a>(
        &'a self,
        slug: &'a str,
    ) -> impl Iterator<Item = &'a Condition> + 'a {
        self.used_by
            .get(slug)
            .into_iter()
            .flatten()
            .filter_map(|c| self.conditions.get(c))
    }

    /// The disclaimer (Markdown) that applies to a condition.
    pub fn disclaimer_for<'a>(&'a self, condition: &'a Condition) -> &'a str {
        condition
            .disclaimer
            .as_deref()
            .unwrap_or(&self.site.disclaimer)
    }
}

#[cfg(test)]
mod tests {
    use super::{EQUIPMENT, Gear};

    fn read(text: &str) -> (String, Option<String>) {
        let known: Vec<String> = EQUIPMENT.iter().map(|s| s.to_string()).collect();
        let gear = Gear::read(text, &known);
        (gear.name, gear.note)
    }

    #[test]
    fn equipment_splits_into_a_known_name_and_a_note() {
        let pair = |name: &str, note: Option<&str>| (name.to_string(), note.map(String::from));
        assert_eq!(read("exercise mat"), pair("exercise mat", None));
        assert_eq!(
            read("Exercise mat (if you like)"),
            pair("exercise mat", Some("(if you like)"))
        );
        assert_eq!(
            read("a wall for balance (if needed)"),
            pair("wall", Some("for balance (if needed)"))
        );
        assert_eq!(
            read("kitchen counter or sturdy chair"),
            pair("kitchen counter", Some("or sturdy chair"))
        );
        // The longest known name wins, and only at a word's end.
        assert_eq!(
            read("short resistance band"),
            pair("short resistance band", None)
        );
        assert_eq!(read("chairs"), pair("chairs", None));
        assert_eq!(read("yoga block"), pair("yoga block", None));
    }
}
