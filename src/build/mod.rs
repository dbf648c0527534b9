//! The build as a straight line: load → validate → render site and sheets → write.

pub mod addresses;
pub mod cache;
pub mod inputs;
pub mod lock;
pub mod memory;
pub mod output;
pub mod plan;
pub mod spare;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::build::addresses::Published;
use crate::build::cache::{Cache, LastBuild, Stamp};
use crate::build::lock::BuildLock;
use crate::build::output::{Output, WriteError};
use crate::build::plan::Plan;
use crate::content::library::Library;
use crate::content::load::SiteRoot;
use crate::content::yaml_cache::YamlCache;
use crate::content::{reading, validate};
use crate::diagnostic::{Diagnostic, Position};
use crate::theme::Theme;
use crate::{pdf, site};

/// Why a build or check did not succeed.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// Problems in the content or theme (exit code 1).
    #[error("{} problem(s) in the site", .0.iter().filter(|d| d.is_error()).count())]
    Content(Vec<Diagnostic>),
    /// The site folder or output could not be used (exit code 1).
    #[error("cannot use {path}: {message}")]
    Site { path: PathBuf, message: String },
    #[error("cannot write the output: {0}")]
    Write(#[from] WriteError),
    /// Choices given on the command line that do not fit the library (exit code 1).
    #[error("{} problem(s) with the choices given", .0.len())]
    Choices(Vec<Diagnostic>),
}

/// A site rendered in memory, ready to write.
pub struct Rendered {
    pub library: Library,
    pub output: Output,
    /// The published addresses to record once the output is written.
    pub published: Published,
    pub warnings: Vec<Diagnostic>,
    /// How each exercise and condition reads.
    pub reading: reading::Report,
    /// Each text's reading, for the build cache.
    pub readings: reading::Readings,
    /// Each exercise's search words, for the build cache.
    pub search_words: site::search::Known,
    /// Every content file's parsed front matter, for the next build.
    pub parsed: YamlCache,
    pub stages: Stages,
}

/// What a finished build reports.
#[derive(Debug)]
pub struct Summary {
    pub pages: usize,
    pub pdfs: usize,
    pub files: usize,
    /// Files whose bytes changed (the others kept their modification times).
    pub changed: usize,
    /// The files this build rendered or copied, by output path.
    pub made: Vec<String>,
    /// Why the build cache was not used, when it was not.
    pub cache_note: Option<String>,
    /// How long each stage took.
    pub stages: Vec<(&'static str, Duration)>,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
    /// How many exercises and conditions read above the site's grade limit.
    pub hard_to_read: usize,
    /// What each further language still lacks.
    pub untranslated: Vec<crate::content::validate::Missing>,
    pub output_dir: PathBuf,
}

/// What `check` finds.
pub struct Checked {
    pub warnings: Vec<Diagnostic>,
    /// How each exercise and condition reads.
    pub reading: reading::Report,
    /// What each further language still lacks.
    pub untranslated: Vec<crate::content::validate::Missing>,
}

/// What each further language of `library` still lacks.
fn untranslated(library: &Library) -> Vec<crate::content::validate::Missing> {
    library
        .translations
        .iter()
        .map(|t| t.missing.clone())
        .collect()
}

pub fn open_root(root: &Path) -> Result<SiteRoot, Failure> {
    SiteRoot::new(root).map_err(|e| Failure::Site {
        path: root.to_path_buf(),
        message: e.to_string(),
    })
}

/// Loads, validates and renders into `output`: held in memory, or written to a
/// staging folder as each file is made ([`Output::staged`]), but never swapped in
/// here. With `previous` (the last build's cache and its output folder), files whose
/// inputs did not change are not rendered but carried over from that folder, and
/// front matter the last build parsed is not parsed again.
pub fn render(
    root: &SiteRoot,
    previous: Option<(&Cache, &Path)>,
    published: &Published,
    options: &Options,
    mut output: Output,
) -> Result<Rendered, Failure> {
    let mut stages = Stages::start();
    let problems = |found| Failure::Content(with_theme_problems(root, found));
    // What this process read last time, unless everything is to be made again.
    let mut memory = options.memory.as_ref().map(memory::Memory::lock);
    let mut recall = memory.as_deref_mut().map(|kept| {
        let listed = kept
            .folders
            .as_ref()
            .map(|l| l as &dyn crate::content::load::Listed);
        (&mut kept.content, listed)
    });
    if previous.is_none()
        && let Some((recall, _)) = &mut recall
    {
        **recall = Default::default();
    }
    // Front matter the last build parsed, unless everything is to be made again
    // or this process remembers the files.
    let known = match previous {
        Some((_, output)) if recall.as_ref().is_none_or(|(r, _)| r.is_empty()) => {
            YamlCache::load(output)
        }
        _ => YamlCache::new(),
    };
    let mut loaded =
        crate::content::load::load_site_recalling(root, &known, recall).map_err(problems)?;
    drop(known);
    let parsed = std::mem::take(&mut loaded.parsed);
    stages.done("load content");
    let judged = memory.as_deref_mut().map(|kept| &mut kept.exercises);
    let (mut library, mut warnings) =
        validate::check_site(root, loaded, options.drafts, judged).map_err(problems)?;
    if let Some(url) = &options.base_url {
        library.site.base_url = Some(url.clone());
        for t in &mut library.translations {
            let lang = &t.library.site.language;
            t.library.site.base_url = Some(format!("{url}{lang}/"));
        }
    }
    let theme = Theme::load(
        root,
        &library.site.theme,
        library.site.raw_html,
        &library.site.language,
    )
    .map_err(Failure::Content)?;
    warnings.extend(theme.warnings.iter().cloned());
    library.site.speak(&theme.strings);
    // Each further language speaks through the same theme, in its own words.
    let mut themes = Vec::new();
    for t in &mut library.translations {
        let theme = theme
            .in_language(&t.library.site.language, library.site.raw_html)
            .map_err(Failure::Content)?;
        t.library.site.speak(&theme.strings);
        warnings.extend(unnamed_terms(&library.site, &theme));
        themes.push(theme);
    }
    let languages = site::languages::Languages::new(&library, |code| {
        let strings = std::iter::once(&theme)
            .chain(&themes)
            .find(|t| t.strings.language == code)
            .map_or(&theme.strings, |t| &t.strings);
        strings.get("language-name", &[])
    });
    stages.done("check content and theme");
    let words = reading::plain_words::PlainWords::load(&library.site.language, &theme)
        .map_err(Failure::Content)?;
    let no_readings = reading::Readings::new();
    let known = previous.map_or(&no_readings, |(cache, _)| &cache.readings);
    // Independent, and neither keeps both cores busy when little changed.
    let ((reading, reading_warnings, readings), mut plan) = rayon::join(
        || reading::check(&library, words.as_ref(), known),
        || Plan::new(&library, &theme, previous),
    );
    warnings.extend(reading_warnings);
    if let Some(progress) = &options.progress {
        plan.report_to(progress.clone());
    }
    stages.done("reading check and fingerprints");
    // Template values made for pages: kept in memory for the next build, if any;
    // otherwise let go as soon as the pages are made, before the sheets
    // ([`let_go`]).
    let mut forgotten = site::Values::default();
    let remember = memory.is_some();
    let values = memory
        .as_deref_mut()
        .map_or(&mut forgotten, |kept| &mut kept.values);
    // The program builder's bundle (20 MB of script at 10,000 exercises, made and
    // written on one core) is made beside the pages and sheets, not after them.
    let placer = output.placer();
    let mut search_words = site::search::Known::new();
    let (builder, mut problems) = crate::build::plan::alongside_yielding(
        || crate::builder::publish::make(&library, &theme, &plan, &placer),
        || {
            let mut problems = site::render(
                &library,
                &theme,
                &plan,
                &mut output,
                &languages,
                values,
                &mut search_words,
            );
            if !remember {
                let_go(std::mem::take(values), options.exits_after);
            }
            stages.done("pages");
            problems.extend(sheets(&library, &theme, &plan, &mut output));
            stages.done("PDFs");
            for (t, theme) in library.translations.iter().zip(&themes) {
                let prefix = format!("{}/", t.library.site.language);
                let mut plan = Plan::new(&t.library, theme, previous).under(&prefix);
                if let Some(progress) = &options.progress {
                    plan.report_to(progress.clone());
                }
                let mut own = output.under(&prefix);
                problems.extend(site::render(
                    &t.library,
                    theme,
                    &plan,
                    &mut own,
                    &languages,
                    values,
                    &mut search_words,
                ));
                if !remember {
                    let_go(std::mem::take(values), options.exits_after);
                }
                problems.extend(sheets(&t.library, theme, &plan, &mut own));
                output.absorb(own, &prefix);
            }
            if !library.translations.is_empty() {
                stages.done("other languages");
            }
            site::render_sitemap(&library, &plan, &mut output);
            problems
        },
    );
    drop(memory);
    problems.extend(builder.record(&mut output));
    // The builder was made beside the pages: this is the sitemap and the wait for it.
    stages.done("sitemap and program builder (made beside the pages)");
    let old =
        crate::build::addresses::plan(&library, published, &root.display(Path::new("content")));
    problems.extend(site::render_old_addresses(
        &library,
        &theme,
        &old.pages,
        &mut output,
    ));
    warnings.extend(old.warnings);
    plan.finish();
    drop(plan);
    if problems.iter().any(Diagnostic::is_error) {
        crate::diagnostic::sort(&mut problems);
        return Err(Failure::Content(problems));
    }
    warnings.extend(problems);
    output.add(
        crate::build::output::MARKER.into(),
        crate::build::output::MARKER_TEXT.as_bytes().to_vec(),
    );
    if let Some(logo) = &library.site.clinic.logo_asset {
        output.copy(logo.output.clone(), logo.source.clone());
    }
    Ok(Rendered {
        library,
        output,
        published: old.record,
        warnings,
        reading,
        readings,
        search_words,
        parsed,
        stages,
    })
}

/// Frees `values` out of the way, or, in a process that `exits_after` the build,
/// leaves them to the system.
fn let_go(values: site::Values, exits_after: bool) {
    if exits_after {
        std::mem::forget(values);
    } else {
        crate::build::plan::drop_aside(values);
    }
}

/// The printed sheets of `library`; none, with a warning, in a language written
/// right to left, which sheets cannot lay out yet.
fn sheets(library: &Library, theme: &Theme, plan: &Plan, output: &mut Output) -> Vec<Diagnostic> {
    if library.site.sheets {
        return pdf::render(library, theme, plan, output);
    }
    vec![Diagnostic::warning(
        library.root.display(Path::new("content/site.yaml")),
        crate::diagnostic::Position::START,
        format!(
            "\"{}\" is written right to left, which sheets cannot lay out yet: its web pages are built, without handouts or cards",
            library.site.language
        ),
    )]
}

/// Content problems, and the theme's too, so that one run reports every problem.
/// The theme is the one site.yaml names, if it can be read that far.
fn with_theme_problems(root: &SiteRoot, mut problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let named = std::fs::read_to_string(root.content_dir().join("site.yaml"))
        .ok()
        .and_then(|text| serde_yaml::from_str::<serde_yaml::Value>(&text).ok())
        .and_then(|site| site.get("theme")?.as_str().map(str::to_string));
    let name = named.unwrap_or_else(|| "default".to_string());
    if let Err(theme) = Theme::load(root, &name, false, "en") {
        problems.extend(theme);
        crate::diagnostic::sort_and_dedup(&mut problems);
    }
    problems
}

/// How long each stage of a build took.
#[derive(Debug)]
pub struct Stages {
    pub times: Vec<(&'static str, Duration)>,
    /// When the current stage began.
    last: Instant,
}

impl Stages {
    pub fn start() -> Self {
        Stages {
            times: Vec::new(),
            last: Instant::now(),
        }
    }

    /// Marks the end of `stage` (which began when the previous one ended).
    pub fn done(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.times.push((stage, now - self.last));
        self.last = now;
    }
}

/// The output folder to use, refusing one that would swallow the site's own files.
pub fn output_dir(root: &SiteRoot, requested: Option<&Path>) -> Result<PathBuf, Failure> {
    let dir = requested.map_or_else(|| root.display(Path::new("output")), Path::to_path_buf);
    let absolute = if dir.is_absolute() {
        dir.clone()
    } else {
        std::env::current_dir()
            .map_err(|e| Failure::Site {
                path: dir.clone(),
                message: e.to_string(),
            })?
            .join(&dir)
    };
    let absolute = match (
        absolute.parent().and_then(|p| p.canonicalize().ok()),
        absolute.file_name(),
    ) {
        (Some(parent), Some(name)) => parent.join(name),
        _ => absolute,
    };
    // Replacing the output must never replace (or land inside) the site's sources.
    let sources = [root.content_dir(), root.canonical.join("themes")];
    let swallows_site = root.canonical.starts_with(&absolute);
    if swallows_site
        || sources
            .iter()
            .any(|s| s.starts_with(&absolute) || absolute.starts_with(s))
    {
        return Err(Failure::Site {
            path: dir,
            message: "the output folder would replace the site's own files; choose a separate folder like output/".into(),
        });
    }
    Ok(dir)
}

/// How to build.
#[derive(Debug, Default, Clone)]
pub struct Options {
    /// Render every file, ignoring the build cache.
    pub force: bool,
    /// Told how rendering goes (the command line shows a bar).
    pub progress: Option<plan::ProgressHandle>,
    /// Build files marked `draft: true` too.
    pub drafts: bool,
    /// The published address for this build, instead of site.yaml's `base_url`.
    pub base_url: Option<String>,
    /// Told when another build is writing the same output; this build then waits for it.
    pub on_wait: Option<fn(&crate::build::lock::Busy)>,
    /// Write only the files that changed, each put in place on its own, instead of
    /// swapping in a whole new output folder ([`Output::in_place`]): for `serve`,
    /// whose rebuilds change a few files of many. Used when the last build's cache
    /// describes the output folder; otherwise the build swaps as usual.
    pub in_place: bool,
    /// Kept from one build to the next by a process that builds again and again
    /// (`serve`): content files unchanged since are not read again.
    pub memory: Option<memory::Memory>,
    /// The process ends as soon as the build is written (the command line's
    /// `build`): what only this build needs, the pages' template values, is left
    /// for the system to reclaim at exit instead of freed. Freeing 10,000
    /// exercises' values from another thread costs the threads that made them
    /// about a third of a second of CPU.
    pub exits_after: bool,
}

/// Builds the site into `output` (default `ROOT/output`), replacing it only on success.
pub fn build(root: &Path, output: Option<&Path>) -> Result<Summary, Failure> {
    build_with(root, output, &Options::default())
}

/// [`build`], with options.
pub fn build_with(
    root: &Path,
    output: Option<&Path>,
    options: &Options,
) -> Result<Summary, Failure> {
    let (mut summary, saving) = build_then_save(root, output, options)?;
    if let Some(saving) = saving {
        saving.finish(&mut summary);
    }
    Ok(summary)
}

/// What a build still has to do once its output is in place: save the build
/// cache and the parsed front matter, and remove the output it replaced. The
/// build's lock is held until then, so no other build sees the output without
/// its cache. `serve` reloads open pages first, then lets this finish.
pub struct Saving {
    _lock: BuildLock,
    output_dir: PathBuf,
    /// This build's output, which tells each file's fingerprint, and the last
    /// build's cache, which tells the stamps of the files carried over from the
    /// last output untouched: both looked up as the cache is saved, after a
    /// waiting page has reloaded.
    output: Output,
    previous: Option<Cache>,
    last: Option<LastBuild>,
    readings: reading::Readings,
    search_words: site::search::Known,
    parsed: YamlCache,
    retired: Option<crate::build::output::Retired>,
    /// Where the saved cache is remembered, for a process that builds again.
    memory: Option<memory::Memory>,
}

impl Saving {
    /// Saves, and adds the time it took, and any failure, to `summary`.
    pub fn finish(self, summary: &mut Summary) {
        let Saving {
            _lock,
            output_dir,
            output,
            previous,
            last,
            readings,
            search_words,
            parsed,
            retired,
            memory,
        } = self;
        let started = Instant::now();
        let kept = |path: &str| {
            let previous = previous.as_ref()?;
            output
                .is_kept(path)
                .then(|| previous.untouched_stamp(path))
                .flatten()
        };
        let fingerprints = output.fingerprints();
        // The old output is removed, and the parsed front matter saved, while the
        // cache is saved. The parsed front matter only speeds the next build up.
        let saved = std::thread::scope(|scope| {
            scope.spawn(move || drop(retired));
            scope.spawn(|| {
                let _ = parsed.save(&output_dir);
            });
            Cache::save(
                &fingerprints,
                &kept,
                last,
                readings,
                search_words,
                &output_dir,
            )
        });
        crate::build::plan::drop_aside((previous, output));
        match saved {
            Ok((cache, Some(stamp))) => {
                if let Some(memory) = memory {
                    memory.lock().cache = Some((output_dir, cache, stamp));
                }
            }
            Ok(_) => {}
            Err(e) => summary.cache_note = Some(format!("could not save the build cache: {e}")),
        }
        summary.stages.push(("save the cache", started.elapsed()));
        summary.elapsed += started.elapsed();
    }
}

/// [`build_with`], but the build cache is not saved yet: the caller finishes
/// the returned [`Saving`] when it likes (a build with nothing to do has none).
pub fn build_then_save(
    root: &Path,
    output: Option<&Path>,
    options: &Options,
) -> Result<(Summary, Option<Saving>), Failure> {
    let started = Instant::now();
    let root = open_root(root)?;
    let output_dir = output_dir(&root, output)?;
    // Held until the new output and its cache are in place.
    let lock = BuildLock::acquire(&output_dir, |busy| {
        if let Some(tell) = options.on_wait {
            tell(busy)
        }
    })
    .map_err(|e| Failure::Site {
        path: crate::build::lock::lock_path(&output_dir),
        message: format!("cannot lock the output folder: {e}"),
    })?;
    let (cache, cache_note) = if options.force {
        (None, Some("--force: rendering everything".to_string()))
    } else {
        // The cache this process saved last, or the one on disk.
        let saved = (options.memory.as_ref()).and_then(|m| m.lock().take_cache(&output_dir));
        match saved.map_or_else(|| Cache::load(&output_dir), Ok) {
            Ok(cache) => (Some(cache), None),
            Err(why) => (None, Some(why)),
        }
    };
    let cache_read = started.elapsed();
    let published_record = crate::build::addresses::path_for(&output_dir);
    // What the site's folders hold as this build starts. Everything the build
    // reads of them, it reads after: a change while it runs makes them differ from
    // this, so the next build does not skip.
    let checking = Instant::now();
    let folders_at_start = inputs::folders(&root, options);
    if let Some(cache) = &cache
        && let Some(summary) = nothing_to_do(
            cache,
            folders_at_start,
            &output_dir,
            &published_record,
            options,
            checking,
        )
    {
        let summary = Summary {
            elapsed: started.elapsed(),
            ..summary
        };
        return Ok((summary, None));
    }
    let mut stages = vec![
        ("read the build cache", cache_read),
        ("look for changes", checking.elapsed()),
    ];
    let previous = cache.as_ref().map(|c| (c, output_dir.as_path()));
    // The record this process left, if its file is still the one it wrote.
    let remembered = (options.memory.as_ref())
        .and_then(|m| m.lock().published.take())
        .filter(|(stamp, _)| stamp.still(&published_record));
    let (published, unreadable) = match remembered {
        Some((_, published)) => (published, None),
        None => Published::load(&output_dir),
    };
    // Files are written to a staging folder as they are made, unless the output
    // folder may not be replaced: then content problems are still reported first.
    let target = crate::build::output::check_target(&output_dir, options.force);
    let staging = Instant::now();
    let output = match target {
        Ok(()) if options.in_place && previous.is_some() => {
            Output::in_place(&output_dir, cache.as_ref().and_then(Cache::files))?
        }
        Ok(()) => Output::staged(&output_dir)?,
        Err(_) => Output::default(),
    };
    stages.push(("make the staging folder", staging.elapsed()));
    let mut rendered = render(&root, previous, &published, options, output)?;
    rendered.warnings.extend(unreadable);
    target.map_err(|message| Failure::Site {
        path: output_dir.clone(),
        message,
    })?;
    // Until the new cache is saved, the old one must not describe the new output.
    Cache::remove(&output_dir);
    let changed = rendered.output.write_to(&output_dir)?;
    rendered.stages.done("write");
    // A build with drafts is a preview: its draft pages are not promised to anyone.
    // A record that would not change is not written again.
    let record_changed = rendered.published.addresses != published.addresses;
    if !options.drafts
        && record_changed
        && let Err(e) = rendered.published.save(&output_dir)
    {
        rendered.warnings.push(Diagnostic::warning(
            crate::build::addresses::path_for(&output_dir),
            crate::diagnostic::Position::START,
            format!("could not save the record of published addresses ({e}): the next build cannot tell which addresses went away"),
        ));
    }
    let pictures = inputs::pictures(&rendered.library);
    // The record as this build leaves it, for the next (none with drafts, which
    // do not save it).
    let record_stamp = Stamp::of(&published_record).filter(|_| !options.drafts);
    let last = folders_at_start.map(|folders| {
        LastBuild {
            folders,
            pictures_stamp: inputs::pictures_stamp(&pictures),
            pictures,
            published: record_stamp,
            // Set by the cache as it saves its entries.
            entries: 0,
            unfingerprinted: rendered
                .output
                .unfingerprinted()
                .filter_map(|p| Some((p.to_string(), Stamp::of(&output_dir.join(p))?)))
                .collect(),
            pages: rendered.output.count_with_suffix(".html"),
            pdfs: rendered.output.count_with_suffix(".pdf"),
            files: rendered.output.len(),
            hard_to_read: rendered.reading.above_limit(),
            warnings: rendered.warnings.clone(),
            untranslated: untranslated(&rendered.library),
        }
    });
    let summary = Summary {
        pages: rendered.output.count_with_suffix(".html"),
        pdfs: rendered.output.count_with_suffix(".pdf"),
        files: rendered.output.len(),
        changed,
        made: rendered.output.made().map(str::to_string).collect(),
        cache_note,
        stages: {
            stages.append(&mut rendered.stages.times);
            stages
        },
        elapsed: started.elapsed(),
        warnings: rendered.warnings,
        hard_to_read: rendered.reading.above_limit(),
        untranslated: untranslated(&rendered.library),
        output_dir: output_dir.clone(),
    };
    let retired = rendered.output.take_retired();
    let saving = Saving {
        _lock: lock,
        retired,
        output: rendered.output,
        previous: cache,
        output_dir,
        last,
        readings: rendered.readings,
        search_words: rendered.search_words,
        parsed: rendered.parsed,
        memory: options.memory.clone(),
    };
    if let Some(memory) = &options.memory
        && let Some(stamp) = record_stamp
    {
        memory.lock().published = Some((stamp, rendered.published));
    }
    crate::build::plan::drop_aside(rendered.library);
    Ok((summary, Some(saving)))
}

/// The last build's report, when nothing it read has changed since (content,
/// themes, pictures, options, the record of published addresses) and its output
/// is as it left it: then there is nothing to render or write.
fn nothing_to_do(
    cache: &Cache,
    folders: Option<u64>,
    output_dir: &Path,
    published_record: &Path,
    options: &Options,
    started: Instant,
) -> Option<Summary> {
    let last = cache.last.as_ref()?;
    // The record of published addresses is read by every build and written by
    // builds without drafts: a change to it, or a preview build, means building.
    let published = Stamp::of(published_record);
    if options.drafts || options.force || published.is_none() || published != last.published {
        return None;
    }
    if folders != Some(last.folders)
        || inputs::pictures_stamp(&last.pictures) != last.pictures_stamp
        || !cache.output_untouched(output_dir)
    {
        return None;
    }
    Some(Summary {
        pages: last.pages,
        pdfs: last.pdfs,
        files: last.files,
        changed: 0,
        made: Vec::new(),
        cache_note: None,
        stages: vec![("check what changed", started.elapsed())],
        elapsed: started.elapsed(),
        warnings: last.warnings.clone(),
        hard_to_read: last.hard_to_read,
        untranslated: last.untranslated.clone(),
        output_dir: output_dir.to_path_buf(),
    })
}

/// A warning when site.yaml adds body regions or equipment that `theme`'s language
/// has no words for: its pages show them as written, in the main language.
fn unnamed_terms(site: &crate::content::library::SiteConfig, theme: &Theme) -> Option<Diagnostic> {
    use crate::content::library::{EQUIPMENT, REGIONS};
    let regions = site
        .regions
        .iter()
        .filter(|r| !REGIONS.contains(&r.as_str()))
        .map(|r| format!("region-{r}"));
    let equipment = site
        .equipment
        .iter()
        .filter(|e| !EQUIPMENT.contains(&e.as_str()))
        .map(|e| format!("equipment-{}", crate::content::validate::slugify(e)));
    let missing: Vec<String> = regions
        .chain(equipment)
        .filter(|id| !theme.strings.has(id))
        .map(|id| format!("`{id} = ...`"))
        .collect();
    if missing.is_empty() {
        return None;
    }
    let language = &theme.strings.language;
    Some(Diagnostic::warning(
        "content/site.yaml",
        Position::START,
        format!(
            "the \"{language}\" pages show {} that site.yaml adds as written, untranslated: add {} to themes/{}/strings/{language}.ftl",
            if missing.len() == 1 {
                "a word"
            } else {
                "words"
            },
            missing.join(", "),
            site.theme
        ),
    ))
}

/// Everything a build does except writing. Returns the warnings and the reading report.
pub fn check(root: &Path, drafts: bool) -> Result<Checked, Failure> {
    let root = open_root(root)?;
    let (published, unreadable) = Published::load(&output_dir(&root, None)?);
    let options = Options {
        drafts,
        ..Options::default()
    };
    let mut rendered = render(&root, None, &published, &options, Output::default())?;
    rendered.warnings.extend(unreadable);
    Ok(Checked {
        untranslated: untranslated(&rendered.library),
        warnings: rendered.warnings,
        reading: rendered.reading.worst_first(),
    })
}
