//! Printable PDF sheets: a theme template produces sheet markup, the typesetter
//! lays it out, the writer turns it into PDF bytes.

mod font_programs;
pub mod fonts;
pub mod hyphenate;
pub mod layout;
pub mod markup;
pub mod svg;
pub mod writer;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use printpdf::RawImage;

use rayon::prelude::*;
use tera::Context;

use crate::build::output::Output;
use crate::build::plan::Plan;
use crate::content::library::{Asset, Condition, Library};
use crate::diagnostic::{Diagnostic, Position};
use crate::program::{Patient, Program};
use crate::strings::Strings;
use crate::theme::Theme;
use crate::views::{
    Audience, ConditionView, ExerciseView, SiteView, Wording, card_path, handout_path,
    large_print_path,
};
use fonts::FontSet;
use layout::{PageGeometry, Typesetter};

pub const CONDITION_TEMPLATE: &str = "handout.xml";
pub const CARD_TEMPLATE: &str = "card.xml";

/// What sheets of one build share: decoded pictures and encoded QR codes.
pub struct SheetCaches<'a> {
    pub images: ImageCache,
    pub qr: layout::QrCache,
    /// The exercises, whose poses are drawn as figures (those with no picture of
    /// their own) ...
    library: &'a Library,
    /// ... each once, when a sheet first needs it: a rebuild that renders no sheet
    /// draws nothing.
    drawn: Mutex<layout::Figures>,
}

impl<'a> SheetCaches<'a> {
    pub fn new(library: &'a Library) -> Self {
        SheetCaches {
            images: ImageCache::new(library),
            qr: layout::QrCache::default(),
            library,
            drawn: Mutex::new(layout::Figures::new()),
        }
    }

    /// The drawn figures of these exercises (those that have one).
    fn figures(&self, slugs: &[String]) -> layout::Figures {
        let mut drawn = self.drawn.lock().unwrap_or_else(|e| e.into_inner());
        slugs
            .iter()
            .filter_map(|slug| {
                let exercise = self.library.exercises.get(slug)?;
                let pose = exercise
                    .pose
                    .as_ref()
                    .filter(|_| exercise.image.is_none())?;
                let drawing = drawn.entry(slug.clone()).or_insert_with(|| {
                    let each = crate::figure::draw_each(pose).into_iter().map(Arc::new);
                    Arc::new(each.collect())
                });
                Some((slug.clone(), Arc::clone(drawing)))
            })
            .collect()
    }
}

/// Pictures decoded once per build and shared by every sheet that shows them.
pub struct ImageCache {
    /// Output path (`media/...`) to the asset it comes from.
    assets: BTreeMap<String, Asset>,
    files: crate::content::files::SiteFiles,
    decoded: Mutex<BTreeMap<String, Result<Arc<RawImage>, String>>>,
}

impl ImageCache {
    /// The site's pictures: every exercise image and the clinic logo.
    pub fn new(library: &Library) -> Self {
        let assets = library
            .exercises
            .values()
            .filter_map(|e| e.image.as_ref().map(|i| i.asset.clone()))
            .chain(library.site.clinic.logo_asset.clone())
            .map(|a| (a.output.clone(), a))
            .collect();
        ImageCache {
            files: library.root.files.clone(),
            assets,
            decoded: Mutex::new(BTreeMap::new()),
        }
    }

    /// The decoded picture for `src`, or a warning saying why it cannot be shown.
    fn get(&self, src: &str, template: &Path) -> Result<Arc<RawImage>, Diagnostic> {
        let Some(asset) = self.assets.get(src) else {
            return Err(Diagnostic::warning(
                template,
                Position::START,
                format!(
                    "the sheet shows the picture \"{src}\", which is not an exercise image or the clinic logo"
                ),
            ));
        };
        let decode = || {
            let bytes = self.files.read(&asset.source).map_err(|e| e.to_string())?;
            if svg::is_svg(&asset.source) {
                return svg::rasterize(&bytes).map(Arc::new);
            }
            RawImage::decode_from_bytes(&bytes, &mut Vec::new()).map(Arc::new)
        };
        let cached = self
            .decoded
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(src)
            .cloned();
        // Decode without holding the lock, so other sheets are not held up; two sheets
        // decoding the same picture at once get the same result.
        let result = cached.unwrap_or_else(|| {
            let fresh = decode();
            let mut decoded = self.decoded.lock().unwrap_or_else(|e| e.into_inner());
            decoded.entry(src.to_string()).or_insert(fresh).clone()
        });
        result.map_err(|e| {
            Diagnostic::warning(
                &asset.display,
                Position::START,
                format!(
                    "this picture cannot be printed on sheets ({e}); use a PNG, JPEG or SVG file"
                ),
            )
        })
    }
}

/// The pictures (`src`) and drawn figures (exercise slugs) a sheet shows.
#[derive(Default)]
struct Shown {
    images: Vec<String>,
    figures: Vec<String>,
}

impl Shown {
    fn collect(&mut self, blocks: &[markup::Block]) {
        for block in blocks {
            match block {
                markup::Block::Image { src, .. } => self.images.push(src.clone()),
                markup::Block::Figure { exercise, .. } => self.figures.push(exercise.clone()),
                markup::Block::Keep(children)
                | markup::Block::Boxed(children)
                | markup::Block::Part { children, .. } => self.collect(children),
                markup::Block::Columns(columns) => {
                    columns.iter().for_each(|(_, c)| self.collect(c))
                }
                markup::Block::List { items, .. } => items.iter().for_each(|i| self.collect(i)),
                _ => {}
            }
        }
    }
}

/// Renders sheet markup to PDF bytes; `template` names the template for messages.
/// Pictures that cannot be shown are left out with a warning.
pub fn sheet_pdf(
    markup: &str,
    geometry: PageGeometry,
    meta: &writer::Metadata,
    template: PathBuf,
    caches: &SheetCaches<'_>,
    words: &Strings,
) -> Result<(Vec<u8>, layout::Typeset, Vec<Diagnostic>), Diagnostic> {
    let sheet = markup::parse(markup).map_err(|e| {
        Diagnostic::error(
            &template,
            Position::START,
            format!("{} (line {} of the rendered sheet)", e.message, e.line),
        )
    })?;
    let mut shown = Shown::default();
    shown.collect(&sheet.body);
    shown.collect(&sheet.footer);
    let figures = caches.figures(&shown.figures);
    let (mut decoded, mut sizes, mut warnings) =
        (writer::Images::new(), layout::ImageSizes::new(), Vec::new());
    for src in shown.images {
        match caches.images.get(&src, &template) {
            Ok(image) => {
                sizes.insert(src.clone(), (image.width as u32, image.height as u32));
                decoded.insert(src, image);
            }
            Err(warning) => warnings.push(warning),
        }
    }
    let typeset = Typesetter::new(FontSet::dejavu(), geometry)
        .with_language(&meta.language)
        .with_images(&sizes)
        .with_qr_cache(&caches.qr)
        .with_figures(&figures)
        .with_words(layout::SheetWords::new(words))
        .typeset(&sheet);
    let bytes = writer::write_pdf(&typeset.pages, geometry, meta, &decoded);
    Ok((bytes, typeset, warnings))
}

/// One sheet to make: a template with its context, and the files its text comes from.
pub struct SheetJob<'a> {
    pub template: &'static str,
    pub context: Context,
    pub meta: writer::Metadata,
    /// Source files (display path, text) searched for characters the font lacks.
    pub sources: Vec<(&'a Path, &'a str)>,
    pub geometry: PageGeometry,
}

/// Renders a sheet; a character the font cannot draw is a warning at its first use.
pub fn render_sheet(
    theme: &Theme,
    job: &SheetJob,
    caches: &SheetCaches<'_>,
) -> Result<(Vec<u8>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let markup = theme.render(job.template, &job.context)?;
    if let Some((c, script)) = markup.chars().find_map(|c| Some((c, right_to_left(c)?))) {
        let message = format!(
            "{script} text ({c:?}, U+{:04X}) cannot be printed on sheets yet: they lay text out left to right only, so it would print backwards. Web pages show it correctly; keep it out of printed exercises and conditions for now",
            c as u32
        );
        let found = job
            .sources
            .iter()
            .find_map(|(path, text)| Some((path, locate(text, c)?)));
        return Err(vec![match found {
            Some((path, pos)) => Diagnostic::error(path, pos, message),
            None => Diagnostic::error("(command line)", Position::START, message),
        }]);
    }
    let (bytes, typeset, mut warnings) = sheet_pdf(
        &markup,
        job.geometry,
        &job.meta,
        theme.template_path(job.template),
        caches,
        &theme.strings,
    )
    .map_err(|d| vec![d])?;
    if typeset.too_long {
        let (path, _) = job
            .sources
            .first()
            .copied()
            .unwrap_or((Path::new("(command line)"), ""));
        return Err(vec![Diagnostic::error(
            path,
            Position::START,
            format!(
                "this sheet would run past {} pages: shorten its cautions, steps or list of exercises (a sheet is read by one patient at home)",
                layout::MAX_PAGES
            ),
        )]);
    }
    let glyph_warnings = typeset
        .missing_glyphs
        .iter()
        .map(|c| {
            let message = format!(
                "the font cannot draw {c:?} (U+{:04X}); it will be missing from the printed sheet",
                *c as u32
            );
            let found = job
                .sources
                .iter()
                .find_map(|(path, text)| Some((path, locate(text, *c)?)));
            match found {
                Some((path, pos)) => Diagnostic::warning(path, pos, message),
                None => {
                    Diagnostic::warning(theme.template_path(job.template), Position::START, message)
                }
            }
        })
        .collect::<Vec<_>>();
    warnings.extend(glyph_warnings);
    Ok((bytes, warnings))
}

/// The right-to-left script `c` belongs to, if any.
fn right_to_left(c: char) -> Option<&'static str> {
    match c as u32 {
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => Some("Hebrew"),
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Some("Arabic")
        }
        0x0700..=0x074F => Some("Syriac"),
        0x0780..=0x07BF => Some("Thaana"),
        0x07C0..=0x07FF => Some("N'Ko"),
        _ => None,
    }
}

/// Line and column of the first `c` in `text`, written as itself or as a YAML
/// escape (`\u6F22`, `\U0001F600`, `\x0B`).
fn locate(text: &str, c: char) -> Option<Position> {
    let code = c as u32;
    let escapes = [
        format!("\\u{code:04X}"),
        format!("\\u{code:04x}"),
        format!("\\U{code:08X}"),
        format!("\\U{code:08x}"),
        format!("\\x{code:02X}"),
        format!("\\x{code:02x}"),
    ];
    let at = text.find(c).or_else(|| {
        escapes
            .iter()
            .filter_map(|escape| text.find(escape.as_str()))
            .min()
    })?;
    let line = text[..at].matches('\n').count() + 1;
    let col = text[..at]
        .rsplit('\n')
        .next()
        .map_or(0, |l| l.chars().count())
        + 1;
    Some(Position::new(line, col))
}

/// What a sheet template knows about the sheet it is making.
#[derive(serde::Serialize)]
pub struct SheetView {
    pub large_print: bool,
    /// The sheet's date (YYYY-MM-DD) on a personal sheet that has one: the log's
    /// columns are then dated from it.
    pub date: Option<String>,
    /// Weeks of check-off log.
    pub log_weeks: u32,
    /// Whether the log has a pain score row.
    pub log_pain: bool,
}

impl SheetView {
    pub fn new(geometry: PageGeometry, library: &Library, date: Option<&str>) -> Self {
        SheetView {
            large_print: geometry.is_large_print(),
            date: date.map(str::to_string),
            log_weeks: library.site.log_weeks,
            log_pain: library.site.log_pain,
        }
    }
}

/// The date stamped into a sheet: SOURCE_DATE_EPOCH, else when the newest of the files
/// it is made from (site.yaml, its condition, its exercises) last changed, so editing
/// one exercise changes only the sheets that show it.
fn creation_date(library: &Library, sources: impl IntoIterator<Item = u64>) -> i64 {
    let newest = sources.into_iter().fold(library.site_modified, u64::max);
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or(newest as i64)
}

fn base_context(library: &Library) -> Context {
    let mut context = Context::new();
    context.insert("site", &SiteView::new(library));
    // Site-wide sheets are for no one in particular: the patient fields stay blank.
    context.insert("patient", &Patient::default());
    context
}

fn metadata(
    library: &Library,
    title: String,
    subject: String,
    keywords: Vec<String>,
    created: i64,
) -> writer::Metadata {
    writer::Metadata {
        title,
        author: library.site.clinic.name.clone(),
        subject,
        keywords,
        language: library.site.language.clone(),
        created,
    }
}

/// When a condition's sheet was last changed at its sources.
fn condition_date(library: &Library, condition: &Condition) -> i64 {
    let exercises = condition
        .entries
        .iter()
        .filter_map(|e| library.exercises.get(&e.exercise));
    creation_date(
        library,
        std::iter::once(condition.modified).chain(exercises.map(|e| e.modified)),
    )
}

/// The files a condition's sheet takes its text from: the condition, then its exercises.
fn condition_sources<'a>(
    library: &'a Library,
    condition: &'a Condition,
) -> Vec<(&'a Path, &'a str)> {
    let exercises = condition
        .entries
        .iter()
        .filter_map(|e| library.exercises.get(&e.exercise));
    std::iter::once((condition.source.as_path(), condition.source_text.as_str()))
        .chain(exercises.map(|e| (e.source.as_path(), e.source_text.as_str())))
        .collect()
}

/// Every sheet the build makes (one handout per condition, in large print too when
/// the site says so, and one card per exercise) that `plan` does not carry over
/// into `output` unchanged, with the fingerprint of its inputs.
pub fn jobs<'a>(
    library: &'a Library,
    words: &Strings,
    plan: &Plan,
    output: &mut Output,
) -> Vec<(String, SheetJob<'a>, u64)> {
    let regular = PageGeometry::for_paper(library.site.paper);
    // Which files to make is decided here, one after another (the output records
    // what it keeps); their views and template values are made on every core.
    let mut planned = Vec::new();
    for condition in library.conditions.values() {
        let mut editions = vec![(handout_path(&condition.slug), regular)];
        if library.site.large_print {
            editions.push((large_print_path(&condition.slug), regular.large_print()));
        }
        let editions: Vec<_> = editions
            .into_iter()
            .map(|(path, geometry)| {
                let fingerprint = plan.fingerprints.handout(&condition.slug, &path);
                (path, geometry, fingerprint)
            })
            .filter(|(path, _, fingerprint)| plan.render_or_keep(output, path, *fingerprint))
            .collect();
        if !editions.is_empty() {
            planned.push((condition, editions));
        }
    }
    let cards: Vec<_> = (library.exercises.values())
        .filter(|_| library.site.cards)
        .filter_map(|exercise| {
            let path = card_path(&exercise.slug);
            let fingerprint = plan.fingerprints.card(exercise);
            plan.render_or_keep(output, &path, fingerprint)
                .then_some((exercise, path, fingerprint))
        })
        .collect();
    // Many sheets share a few dozen doses and labels, each put in words once.
    let wording = Wording::for_showing(library, words, planned.len() + cards.len());
    let wording = &wording;
    let show = |e| ExerciseView::with_wording(library, words, e, wording);
    let mut jobs: Vec<_> = planned
        .into_par_iter()
        .flat_map_iter(|(condition, editions)| {
            let view = ConditionView::showing(
                library,
                words,
                condition,
                Audience::Condition,
                wording,
                show,
            );
            let keywords: Vec<String> = ["home exercises".to_string(), condition.title.clone()]
                .into_iter()
                .chain(view.entries.iter().map(|e| e.exercise.title.to_string()))
                .collect();
            let subject = condition
                .summary
                .clone()
                .unwrap_or_else(|| condition.title.clone());
            let title = format!("{} – home exercises", condition.title);
            let mut context = base_context(library);
            context.insert("condition", &view);
            let sources = condition_sources(library, condition);
            let created = condition_date(library, condition);
            let mut jobs = Vec::with_capacity(editions.len());
            for (path, geometry, fingerprint) in editions {
                let meta = metadata(
                    library,
                    title.clone(),
                    subject.clone(),
                    keywords.clone(),
                    created,
                );
                let mut context = context.clone();
                context.insert("sheet", &SheetView::new(geometry, library, None));
                let job = SheetJob {
                    template: CONDITION_TEMPLATE,
                    context,
                    meta,
                    sources: sources.clone(),
                    geometry,
                };
                jobs.push((path, job, fingerprint));
            }
            jobs
        })
        .collect();
    let cards = cards.into_par_iter().map(|(exercise, path, fingerprint)| {
        let view = show(exercise);
        let subject = exercise
            .summary
            .clone()
            .unwrap_or_else(|| exercise.title.clone());
        let meta = metadata(
            library,
            exercise.title.clone(),
            subject,
            vec!["home exercises".into(), exercise.title.clone()],
            creation_date(library, [exercise.modified]),
        );
        let mut context = base_context(library);
        context.insert("exercise", &view);
        context.insert("sheet", &SheetView::new(regular, library, None));
        let sources = vec![(exercise.source.as_path(), exercise.source_text.as_str())];
        let job = SheetJob {
            template: CARD_TEMPLATE,
            context,
            meta,
            sources,
            geometry: regular,
        };
        (path, job, fingerprint)
    });
    jobs.par_extend(cards);
    jobs
}

/// Renders a personal sheet for one patient, with the library's site settings as
/// the program wants them ([`Program::apply_to`]). Nothing is written here: the
/// caller puts the bytes in the one file the user named.
pub fn render_program(
    library: &Library,
    theme: &Theme,
    program: &Program,
) -> Result<(Vec<u8>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut geometry = PageGeometry::for_paper(library.site.paper);
    if program.large_print {
        geometry = geometry.large_print();
    }
    // A sheet given no title is called "Your home exercises" in the site's language.
    let translated;
    let sheet = if program.sheet.slug == crate::program::SHEET_SLUG
        && program.sheet.title == crate::program::DEFAULT_TITLE
    {
        translated = Condition {
            title: theme.strings.get("personal-title", &[]),
            ..program.sheet.clone()
        };
        &translated
    } else {
        &program.sheet
    };
    let view = ConditionView::for_audience(
        library,
        &theme.strings,
        sheet,
        crate::views::Audience::Patient,
    );
    let mut context = base_context(library);
    context.insert("condition", &view);
    context.insert(
        "sheet",
        &SheetView::new(geometry, library, program.patient.date.as_deref()),
    );
    let patient = Patient {
        date: program.patient.date.as_deref().and_then(|d| {
            crate::program::written_date(d, library.site.date_format, &theme.strings)
        }),
        ..program.patient.clone()
    };
    context.insert("patient", &patient);
    let sources = condition_sources(library, sheet);
    let keywords = view
        .entries
        .iter()
        .map(|e| e.exercise.title.to_string())
        .collect();
    // The patient's name stays out of the metadata: it is printed on the page only.
    let meta = metadata(
        library,
        sheet.title.clone(),
        "Home exercises".into(),
        keywords,
        condition_date(library, sheet),
    );
    let job = SheetJob {
        template: CONDITION_TEMPLATE,
        context,
        meta,
        sources,
        geometry,
    };
    render_sheet(theme, &job, &SheetCaches::new(library))
}

/// Renders every handout and card that `plan` does not carry over into `output`.
/// Returns errors and warnings.
pub fn render(
    library: &Library,
    theme: &Theme,
    plan: &Plan,
    output: &mut Output,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let caches = SheetCaches::new(library);
    // No PDF's bytes depend on what else the process made, so rendering them in
    // parallel gives the same output as a serial build.
    let jobs = jobs(library, &theme.strings, plan, output);
    if jobs.len() > 1 {
        font_programs::prepare();
    }
    let placer = output.placer();
    plan.render_each(
        jobs,
        |(path, job, fingerprint)| -> Result<_, Vec<Diagnostic>> {
            let (bytes, warnings) = render_sheet(theme, &job, &caches)?;
            // A sheet with warnings is made again each time, so they are never lost.
            let fingerprint = warnings.is_empty().then_some(fingerprint);
            Ok((placer.place(path, bytes), fingerprint, warnings))
        },
        |result| match result {
            Ok((placed, fingerprint, warnings)) => {
                diagnostics.extend(warnings);
                output.placed(placed, fingerprint);
            }
            Err(errors) => diagnostics.extend(errors),
        },
    );
    crate::diagnostic::sort_and_dedup(&mut diagnostics);
    diagnostics
}
