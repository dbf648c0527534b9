//! `handout sheet`: a personal sheet for one patient, printed to the one file the
//! user names (never inside the published output folder) and nowhere else.

use std::path::{Path, PathBuf};

use crate::build::Failure;
use crate::build::output::WriteError;
use crate::content::library::Library;
use crate::content::validate;
use crate::diagnostic::Diagnostic;
use crate::pdf;
use crate::program::{Choices, Program, check_date, from_choices, read_program};
use crate::theme::Theme;

/// An absolute path with symlinks resolved as far as the path exists; the rest is added
/// as written (`..` applied), so paths that do not exist yet can still be compared.
fn resolve(path: &Path) -> PathBuf {
    let absolute = std::env::current_dir()
        .map(|cwd| cwd.join(path))
        .unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    while existing.canonicalize().is_err() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut resolved = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    for part in rest.iter().rev() {
        if part == ".." {
            resolved.pop();
        } else if part != "." {
            resolved.push(part);
        }
    }
    resolved
}

/// Why a sheet may not be written where asked: never inside the published output folder.
pub fn check_destination(destination: &Path, site_output: &Path) -> Result<(), String> {
    let destination = resolve(destination);
    if destination.starts_with(resolve(site_output)) {
        return Err(format!(
            "{} is inside the site's output folder, which is published with the site; write a patient's sheet somewhere else",
            destination.display()
        ));
    }
    Ok(())
}

/// What `handout sheet` was asked for.
#[derive(Debug, Default)]
pub struct SheetRequest {
    /// A program file; otherwise the choices come from the command line.
    pub program: Option<PathBuf>,
    pub choices: Choices,
    pub destination: PathBuf,
    /// One of the site's languages; its main language when none.
    pub language: Option<String>,
}

/// Prints a personal sheet to `request.destination`, and writes nothing else.
/// Returns the number of pages and any warnings.
pub fn print(root: &Path, request: SheetRequest) -> Result<(usize, Vec<Diagnostic>), Failure> {
    let root = crate::build::open_root(root)?;
    let (main, _) = validate::load_library(&root).map_err(Failure::Content)?;
    let mut theme = Theme::load(
        &root,
        &main.site.theme,
        main.site.raw_html,
        &main.site.language,
    )
    .map_err(Failure::Content)?;
    let overrides = request.choices;
    let choose = |library: &Library| match &request.program {
        Some(path) => read_program(path, library).map_err(Failure::Content),
        None => from_choices(overrides.clone(), library).map_err(Failure::Choices),
    };
    let mut chosen = choose(&main)?;
    let mut library = match request.language.as_deref() {
        None => main,
        Some(lang) if lang == main.site.language => main,
        Some(lang) => {
            let translated = in_language(&main, lang, &chosen)?;
            theme = theme
                .in_language(lang, main.site.raw_html)
                .map_err(Failure::Content)?;
            // The doses are the translation's, which may differ.
            chosen = choose(&translated)?;
            translated
        }
    };
    library.site.speak(&theme.strings);
    if request.program.is_some() {
        // Flags given with a program file take precedence over the file.
        let (file, flags) = (&mut chosen.patient, overrides.patient);
        file.name = flags.name.or(file.name.take());
        file.therapist = flags.therapist.or(file.therapist.take());
        file.note = flags.note.or(file.note.take());
        if let Some(date) = flags.date {
            check_date(&date).map_err(|e| Failure::Choices(vec![Diagnostic::command_line(e)]))?;
            file.date = Some(date);
        }
        chosen.large_print |= overrides.large_print;
        chosen.paper = overrides.paper.or(chosen.paper);
        chosen.daily_log = overrides.daily_log.or(chosen.daily_log);
        chosen.log_weeks = overrides.log_weeks.or(chosen.log_weeks);
    }
    check_destination(&request.destination, &root.canonical.join("output"))
        .map_err(|e| Failure::Choices(vec![Diagnostic::command_line(e)]))?;
    chosen.apply_to(&mut library.site);
    let (bytes, warnings) =
        pdf::render_program(&library, &theme, &chosen).map_err(Failure::Content)?;
    let pages = lopdf_page_count(&bytes);
    crate::build::output::write_atomically(&request.destination, &bytes).map_err(|source| {
        Failure::Write(WriteError {
            path: request.destination.clone(),
            source,
        })
    })?;
    Ok((pages, warnings))
}

/// The library in the further language `lang`, when it holds every exercise of
/// `chosen`: a sheet never mixes languages.
fn in_language(main: &Library, lang: &str, chosen: &Program) -> Result<Library, Failure> {
    let choice_error = |message: String| Failure::Choices(vec![Diagnostic::command_line(message)]);
    let Some(translation) = main
        .translations
        .iter()
        .find(|t| t.library.site.language == lang)
    else {
        return Err(choice_error(format!(
            "--lang {lang}: the site's languages are {} (site.yaml `languages`)",
            main.site.languages.join(", ")
        )));
    };
    let lacking: Vec<String> = chosen
        .sheet
        .entries
        .iter()
        .filter(|e| !translation.library.exercises.contains_key(&e.exercise))
        .filter_map(|e| main.exercises.get(&e.exercise))
        .map(|e| e.source.display().to_string())
        .collect();
    if !lacking.is_empty() {
        return Err(choice_error(format!(
            "--lang {lang}: not translated yet, so the sheet would mix languages: {}",
            lacking.join(", ")
        )));
    }
    Ok(translation.library.clone())
}

fn lopdf_page_count(bytes: &[u8]) -> usize {
    lopdf::Document::load_mem(bytes).map_or(0, |d| d.get_pages().len())
}
