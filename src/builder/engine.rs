//! The program builder's engine: a site opened from its bundle, the exercises and
//! conditions a therapist picks from, and a personal sheet printed from a program
//! file's text. The WebAssembly module is a thin wrapper round this, and
//! `handout sheet` prints through the same [`pdf::render_program`], so both give the
//! same bytes for the same program.

use std::path::Path;

use serde::Serialize;

use crate::content::dosage::{self, Dosage};
use crate::content::files::MemoryFiles;
use crate::content::library::{Library, Paper};
use crate::content::load::SiteRoot;
use crate::content::validate::{self, DOSAGE_FIELDS};
use crate::diagnostic::Diagnostic;
use crate::pdf;
use crate::pdf::hyphenate;
use crate::program::{self, Program};
use crate::theme::Theme;

/// What a program's messages call the program: the name "Save program" gives it.
pub const PROGRAM_NAME: &str = "program.yaml";

/// A site, checked and ready to print personal sheets from.
pub struct Engine {
    library: Library,
    theme: Theme,
}

/// One exercise as the builder lists it.
#[derive(Debug, Serialize)]
pub struct CatalogExercise {
    pub slug: String,
    pub title: String,
    pub summary: Option<String>,
    pub kind: Option<String>,
    pub regions: Vec<String>,
    pub position: Option<String>,
    /// The library's dose, one text per field as a therapist would type it.
    pub dose: Vec<(&'static str, String)>,
    /// The same in plain words, as the sheet prints it.
    pub dose_words: String,
}

/// One condition's program, to start from.
#[derive(Debug, Serialize)]
pub struct CatalogCondition {
    pub slug: String,
    pub title: String,
    pub entries: Vec<FormEntry>,
}

/// Everything the builder offers, with the site's defaults for a sheet.
#[derive(Debug, Serialize)]
pub struct Catalog {
    pub site_title: String,
    pub exercises: Vec<CatalogExercise>,
    pub conditions: Vec<CatalogCondition>,
    pub paper: Paper,
    pub daily_log: bool,
    pub log_weeks: u32,
    pub dose_fields: [&'static str; 6],
}

/// One exercise of a program as the form shows it: the dose fields that differ from
/// the library's, and the note for this patient.
#[derive(Debug, Serialize)]
pub struct FormEntry {
    pub slug: String,
    pub dose: Vec<(&'static str, String)>,
    pub note: Option<String>,
}

/// A program file read back into the form's fields (for "Open program").
#[derive(Debug, Serialize)]
pub struct Form {
    pub title: String,
    pub condition: Option<String>,
    pub entries: Vec<FormEntry>,
    pub patient: Option<String>,
    pub therapist: Option<String>,
    pub date: Option<String>,
    pub note: Option<String>,
    pub large_print: bool,
    pub paper: Option<Paper>,
    pub daily_log: Option<bool>,
    pub log_weeks: Option<u32>,
    pub duration: Option<String>,
    pub follow_up: Option<String>,
}

/// A printed sheet.
pub struct Printed {
    pub pdf: Vec<u8>,
    pub warnings: Vec<Diagnostic>,
}

fn dose_texts(dosage: &Dosage) -> Vec<(&'static str, String)> {
    DOSAGE_FIELDS
        .iter()
        .filter_map(|key| Some((*key, dosage.field_text(key)?)))
        .collect()
}

impl Engine {
    /// Opens a site from its bundle and checks it as `handout check` would.
    pub fn open(bundle: &[u8]) -> Result<Engine, Vec<Diagnostic>> {
        let files =
            MemoryFiles::from_bundle(bundle).map_err(|e| vec![Diagnostic::command_line(e)])?;
        let root = SiteRoot::in_memory(files);
        let (mut library, _) = validate::load_library(&root)?;
        let language = &library.site.language;
        let dictionary = root.canonical.join(hyphenate::bundle_path(language));
        if let Ok(bytes) = root.files.read(&dictionary) {
            hyphenate::provide(language, &bytes).map_err(|e| vec![Diagnostic::command_line(e)])?;
        }
        let theme = Theme::load(
            &root,
            &library.site.theme,
            library.site.raw_html,
            &library.site.language,
        )?;
        library.site.speak(&theme.strings);
        Ok(Engine { library, theme })
    }

    pub fn catalog(&self) -> Catalog {
        let mut exercises: Vec<_> = self.library.exercises.values().collect();
        exercises.sort_by_cached_key(|e| (e.weight, e.title.to_lowercase()));
        let site = &self.library.site;
        Catalog {
            site_title: site.title.clone(),
            exercises: exercises
                .into_iter()
                .map(|e| CatalogExercise {
                    slug: e.slug.clone(),
                    title: e.title.clone(),
                    summary: e.summary.clone(),
                    kind: e.kind.clone(),
                    regions: e.regions.clone(),
                    position: e.position.clone(),
                    dose: dose_texts(&e.dosage),
                    dose_words: e.dosage.spoken(&self.theme.strings),
                })
                .collect(),
            conditions: self
                .library
                .conditions
                .values()
                .map(|c| CatalogCondition {
                    slug: c.slug.clone(),
                    title: c.title.clone(),
                    entries: c.entries.iter().map(form_entry).collect(),
                })
                .collect(),
            paper: site.paper,
            daily_log: site.daily_log,
            log_weeks: site.log_weeks,
            dose_fields: DOSAGE_FIELDS,
        }
    }

    /// Reads a program file's text, as `handout sheet PROGRAM.yaml` does.
    pub fn read_program(&self, text: &str) -> Result<Program, Vec<Diagnostic>> {
        program::parse_program(text, Path::new(PROGRAM_NAME), &self.library)
    }

    /// A program file's text as the form's fields: every exercise listed, the
    /// condition's own included, each with the dose fields it changes.
    pub fn form(&self, text: &str) -> Result<Form, Vec<Diagnostic>> {
        let program = self.read_program(text)?;
        let sheet = &program.sheet;
        let condition = self.library.conditions.get(&sheet.slug);
        Ok(Form {
            title: sheet.title.clone(),
            condition: condition.map(|c| c.slug.clone()),
            entries: sheet.entries.iter().map(form_entry).collect(),
            patient: program.patient.name,
            therapist: program.patient.therapist,
            date: program.patient.date,
            note: program.patient.note,
            large_print: program.large_print,
            paper: program.paper,
            daily_log: program.daily_log,
            log_weeks: program.log_weeks,
            duration: sheet.duration.clone(),
            follow_up: sheet.follow_up.clone(),
        })
    }

    /// Prints the sheet a program file's text describes.
    pub fn print(&mut self, text: &str) -> Result<Printed, Vec<Diagnostic>> {
        let program = self.read_program(text)?;
        // The program's paper and log settings apply to this sheet only.
        let site = self.library.site.clone();
        program.apply_to(&mut self.library.site);
        let result = pdf::render_program(&self.library, &self.theme, &program);
        self.library.site = site;
        let (pdf, warnings) = result?;
        Ok(Printed { pdf, warnings })
    }
}

fn form_entry(entry: &crate::content::library::ConditionEntry) -> FormEntry {
    FormEntry {
        slug: entry.exercise.clone(),
        dose: dose_texts(&entry.dosage_override),
        note: entry.note.clone(),
    }
}

/// Checks one dose field as typed, with the words `check` uses for it.
pub fn check_dose(key: &str, value: &str) -> Result<(), String> {
    let mut scratch = Dosage::default();
    match dosage::set_field(&mut scratch, key, value) {
        Ok(()) => Ok(()),
        Err(Some(forms)) => Err(forms.to_string()),
        Err(None) => Err(format!(
            "unknown dosage field `{key}`; use {}",
            DOSAGE_FIELDS.join(", ")
        )),
    }
}
