//! The `handout` command line: parses arguments and calls the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use handout::build::{self, Failure};
use handout::cli::{scaffold, serve, sheet};
use handout::diagnostic::Diagnostic;
use handout::program;

/// A build makes and frees millions of small values (YAML, views, template values);
/// with glibc's allocator, malloc and free were a quarter of a rebuild's profile.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc gives memory it has freed back to the system a second later (mimalloc
/// 3; 10 ms in mimalloc 2), and when a build needs it again the kernel hands it
/// over zeroed, page by page: at 10,000 exercises a full build took 40,000 page
/// faults, about 7% of its CPU. handout keeps what it frees instead: a build
/// exits within seconds, and `serve` holds on to what its largest rebuild used.
fn keep_freed_memory() {
    // `mi_option_purge_delay` in mimalloc 2 and 3; its bindings do not name it.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: reading and setting an option are plain calls into mimalloc, allowed
    // at any time. The option is set only while it holds a default of mimalloc 2
    // or 3 (so not if MIMALLOC_PURGE_DELAY set it), which leaves alone a mimalloc
    // whose options were numbered otherwise.
    unsafe {
        if matches!(libmimalloc_sys::mi_option_get(PURGE_DELAY), 10 | 1000) {
            libmimalloc_sys::mi_option_set(PURGE_DELAY, -1);
        }
    }
}

/// mimalloc 3 asks Linux for transparent huge pages, which the kernel zeroes 2 MB
/// at a time, however little of each a build uses: at 10,000 exercises that was
/// 5-45% of a one-exercise edit's CPU (it varies with the kernel's free memory).
/// Without them, measured side by side (this machine's noise is large), a full
/// build took 3-6% less time, 6% less CPU and 20-40 MB less memory, and a
/// one-exercise edit up to 16% less time in 5 runs of 7 (5% more in the other 2).
/// mimalloc's own option comes too late (its first memory is taken before
/// `main`); the process's flag holds for every page touched from now on.
fn no_huge_pages() {
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and changes only how this
    // process's memory is paged in; a kernel without it returns an error, ignored.
    #[cfg(target_os = "linux")]
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[derive(Parser)]
#[command(
    name = "handout",
    version,
    about = "Builds an exercise-library website and printable home-exercise handouts"
)]
struct Cli {
    /// The site folder, holding content/ and, optionally, themes/ [default: .]
    #[arg(short = 'r', long, global = true, value_name = "DIR")]
    root: Option<PathBuf>,
    /// Where to write: the site for build and serve [default: ROOT/output]; the PDF file for sheet
    #[arg(short = 'o', long, global = true, value_name = "PATH")]
    output: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the website and handout PDFs into the output folder
    Build {
        /// The published address for this build, instead of site.yaml's base_url
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Render every file again, ignoring the build cache
        #[arg(long)]
        force: bool,
        /// Build files marked `draft: true` too
        #[arg(long)]
        drafts: bool,
        #[command(flatten)]
        talk: Talk,
    },
    /// Build, serve the site on this computer, and rebuild and reload pages on every save
    Serve {
        /// The address to preview with, instead of site.yaml's base_url
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// The port to listen on (0 picks a free one)
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; the default lets only this computer in
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Open the site in the default web browser
        #[arg(long)]
        open: bool,
        /// Build files marked `draft: true` too
        #[arg(long)]
        drafts: bool,
        /// Also print, for each rebuild, the files rendered and how long each stage took
        #[arg(short, long)]
        verbose: bool,
    },
    /// Load, validate and render everything without writing; print any problems
    Check {
        /// Check as a build with --drafts would (drafts are checked either way)
        #[arg(long)]
        drafts: bool,
        /// Print every exercise's and condition's reading grade, word count and warnings, worst first
        #[arg(long)]
        report: bool,
        /// How to print the report: a table, or JSON for other tools (json implies --report)
        #[arg(long, value_parser = ["text", "json"], default_value = "text")]
        format: String,
    },
    /// Print a personal sheet for one patient to one PDF file (nothing else is written)
    Sheet(SheetArgs),
    /// Create a starter site in DIR that builds at once
    Init { dir: PathBuf },
    /// Create a new exercise or condition file with every field explained
    New {
        #[command(subcommand)]
        what: NewKind,
    },
}

/// How much a build prints.
#[derive(clap::Args, Clone, Copy, Default)]
struct Talk {
    /// Print only problems: no progress bar and no summary
    #[arg(short, long, conflicts_with = "verbose")]
    quiet: bool,
    /// Also print each file rendered and why the build cache was not used
    #[arg(short, long)]
    verbose: bool,
}

#[derive(clap::Args)]
struct SheetArgs {
    /// A program file (YAML) holding the same choices, to repeat and edit a program
    #[arg(value_name = "PROGRAM.yaml")]
    program: Option<PathBuf>,
    /// A condition's exercises
    #[arg(long, conflicts_with = "program")]
    condition: Option<String>,
    /// An exercise, with optional dosage overrides: bridge:sets=3,reps=10 (repeatable)
    #[arg(
        long = "exercise",
        value_name = "SLUG[:field=value,...]",
        conflicts_with = "program"
    )]
    exercises: Vec<String>,
    /// The patient's name, printed on the sheet
    #[arg(long)]
    patient: Option<String>,
    /// The therapist's name
    #[arg(long)]
    therapist: Option<String>,
    /// The date, YYYY-MM-DD
    #[arg(long)]
    date: Option<String>,
    /// A note from the therapist, printed at the top
    #[arg(long)]
    note: Option<String>,
    /// 18 pt text, no italics
    #[arg(long)]
    large_print: bool,
    /// Paper size [default: the site's]
    #[arg(long, value_parser = ["a4", "letter"])]
    paper: Option<String>,
    /// Leave out the daily check-off log
    #[arg(long)]
    no_log: bool,
    /// Weeks of check-off log, 1 to 4 [default: the site's log_weeks, else 1]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=4))]
    weeks: Option<u32>,
    /// The language to print in, one of site.yaml's `languages` [default: the first]
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
}

#[derive(Subcommand)]
enum NewKind {
    /// A new exercise: content/exercises/<slug>.md
    Exercise { title: String },
    /// A new condition: content/conditions/<slug>.md
    Condition { title: String },
}

fn report(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{d}");
    }
}

fn fail(failure: Failure) -> ExitCode {
    match &failure {
        Failure::Content(diagnostics) => {
            report(diagnostics);
            eprintln!("error: {failure}; nothing was written");
        }
        other => eprintln!("error: {other}"),
    }
    ExitCode::from(1)
}

fn report_summary(summary: &build::Summary, talk: Talk) {
    report(&summary.warnings);
    if talk.verbose {
        if let Some(note) = &summary.cache_note {
            eprintln!("note: {note}");
        }
        for path in &summary.made {
            eprintln!("rendered {path}");
        }
        let stages: Vec<String> = summary
            .stages
            .iter()
            .map(|(stage, time)| format!("{stage} {:.0} ms", time.as_secs_f64() * 1000.0))
            .collect();
        eprintln!("time: {}", stages.join(", "));
    }
    if !talk.quiet {
        eprintln!(
            "built {} pages and {} PDFs ({} files: {} rendered, {} changed) into {} in {:.2} s; {}",
            summary.pages,
            summary.pdfs,
            summary.files,
            summary.made.len(),
            summary.changed,
            summary.output_dir.display(),
            summary.elapsed.as_secs_f64(),
            reading_note(summary.hard_to_read)
        );
        for missing in summary.untranslated.iter().filter(|m| !m.is_empty()) {
            eprintln!("{}; `handout check` lists what is left", missing.summary());
        }
    }
}

/// A progress bar on the terminal while a build renders.
struct Bar(indicatif::ProgressBar);

impl build::plan::Progress for Bar {
    fn planned(&self, jobs: u64) {
        self.0.inc_length(jobs);
    }
    fn rendered_one(&self) {
        self.0.inc(1);
    }
    fn finish(&self) {
        self.0.finish_and_clear();
    }
}

fn progress_bar() -> build::plan::ProgressHandle {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("rendering {bar:30} {pos}/{len} files ({eta} left)")
    {
        bar.set_style(style);
    }
    build::plan::ProgressHandle(std::sync::Arc::new(Bar(bar)))
}

fn build_cmd(
    root: PathBuf,
    output: Option<PathBuf>,
    base_url: Option<String>,
    force: bool,
    drafts: bool,
    talk: Talk,
) -> ExitCode {
    use std::io::IsTerminal;
    let options = build::Options {
        force,
        drafts,
        base_url,
        progress: (!talk.quiet && std::io::stderr().is_terminal()).then(progress_bar),
        on_wait: Some(|busy| eprintln!("{busy}; waiting for it to finish ...")),
        in_place: false,
        memory: None,
        exits_after: true,
    };
    match build::build_with(&root, output.as_deref(), &options) {
        Ok(summary) => {
            report_summary(&summary, talk);
            ExitCode::SUCCESS
        }
        Err(failure) => fail(failure),
    }
}

fn serve_cmd(options: serve::Options, open: bool, talk: Talk) -> ExitCode {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let (server, first) = match serve::start(options) {
        Ok(started) => started,
        Err(failure) => return fail(failure),
    };
    let site = server.output_dir().join("index.html");
    let show = move |result: &Result<build::Summary, Failure>| match result {
        Ok(summary) => report_summary(summary, talk),
        Err(failure) if site.is_file() => eprintln!(
            "{}\nthe last good site is still served; fix the file and save",
            serve::describe(failure)
        ),
        Err(failure) => eprintln!(
            "{}\nthere is no site to serve yet; serve builds it as soon as the problem is fixed",
            serve::describe(failure)
        ),
    };
    show(&first);
    eprintln!("serving at {} (Ctrl-C to stop)", server.address);
    if open {
        open_browser(&server.address);
    }
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    if let Err(e) = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst)) {
        eprintln!("warning: Ctrl-C will not stop cleanly: {e}");
    }
    match server.run(stop, show) {
        Ok(()) => {
            eprintln!("stopped");
            ExitCode::SUCCESS
        }
        Err(failure) => fail(failure),
    }
}

/// Opens `address` in the desktop's browser, or says how to.
fn open_browser(address: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(program)
        .arg(address)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_err()
    {
        eprintln!("could not open a browser; open {address} yourself");
    }
}

fn check_cmd(root: PathBuf, drafts: bool, show_report: bool, json: bool) -> ExitCode {
    match build::check(&root, drafts) {
        Ok(build::Checked {
            warnings,
            reading,
            untranslated,
        }) => {
            report(&warnings);
            // What is still to translate, language by language.
            for missing in &untranslated {
                eprint!("{}", missing.details());
            }
            if json {
                match serde_json::to_string_pretty(&reading) {
                    Ok(text) => println!("{text}"),
                    Err(e) => {
                        eprintln!("error: cannot write the report as JSON: {e}");
                        return ExitCode::from(1);
                    }
                }
            } else if show_report {
                print!("{}", handout::content::reading::table(&reading));
            }
            eprintln!(
                "no errors found ({} warning(s); {})",
                warnings.len(),
                reading_note(reading.above_limit())
            );
            ExitCode::SUCCESS
        }
        Err(failure) => fail(failure),
    }
}

/// How many texts read above the grade limit, for a summary line.
fn reading_note(above: usize) -> String {
    match above {
        0 => "every text reads within the grade limit".to_string(),
        n => format!("{n} text(s) read above the grade limit: `handout check --report` lists them"),
    }
}

fn sheet_cmd(root: PathBuf, output: Option<PathBuf>, args: SheetArgs) -> ExitCode {
    let Some(destination) = output else {
        eprintln!("error: sheet needs --output FILE.pdf: the file to write the patient's sheet to");
        return ExitCode::from(2);
    };
    let exercises = args
        .exercises
        .iter()
        .map(|e| program::parse_exercise_choice(e))
        .collect();
    let exercises = match exercises {
        Ok(list) => list,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let choices = program::Choices {
        title: None,
        condition: args.condition,
        exercises,
        patient: program::Patient {
            name: args.patient,
            therapist: args.therapist,
            date: args.date,
            note: args.note,
        },
        large_print: args.large_print,
        paper: args
            .paper
            .and_then(|p| handout::content::validate::parse_paper(&p).ok()),
        daily_log: args.no_log.then_some(false),
        log_weeks: args.weeks,
    };
    let request = sheet::SheetRequest {
        program: args.program,
        choices,
        destination: destination.clone(),
        language: args.lang,
    };
    match sheet::print(&root, request) {
        Ok((pages, warnings)) => {
            report(&warnings);
            eprintln!("wrote {} ({pages} pages)", destination.display());
            ExitCode::SUCCESS
        }
        Err(Failure::Choices(errors)) => {
            report(&errors);
            ExitCode::from(1)
        }
        Err(failure) => fail(failure),
    }
}

fn scaffold_result<T>(
    result: Result<T, scaffold::ScaffoldError>,
    done: impl FnOnce(T),
) -> ExitCode {
    match result {
        Ok(value) => {
            done(value);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// A `--base-url` as the site would take it in site.yaml, or why not.
fn base_url_arg(given: Option<String>) -> Result<Option<String>, ExitCode> {
    given
        .map(|url| handout::content::validate::parse_base_url(&url))
        .transpose()
        .map_err(|message| {
            eprintln!("error: --base-url: {message}");
            ExitCode::from(2)
        })
}

/// `--output` where the command writes no files: a mistake worth saying.
fn no_output(output: &Option<PathBuf>, command: &str) -> Result<(), ExitCode> {
    match output {
        Some(_) => {
            eprintln!("error: {command} writes no output; --output is for build, serve and sheet");
            Err(ExitCode::from(2))
        }
        None => Ok(()),
    }
}

fn main() -> ExitCode {
    keep_freed_memory();
    let cli = Cli::parse();
    // `serve` keeps its memory from one rebuild to the next: huge pages, zeroed
    // once, then save it time (its rebuilds were 7% slower without them).
    if !matches!(cli.command, Command::Serve { .. }) {
        no_huge_pages();
    }
    let root = cli.root.unwrap_or_else(|| PathBuf::from("."));
    let output = cli.output;
    match cli.command {
        Command::Build {
            base_url,
            force,
            drafts,
            talk,
        } => match base_url_arg(base_url) {
            Ok(base_url) => build_cmd(root, output, base_url, force, drafts, talk),
            Err(code) => code,
        },
        Command::Check {
            drafts,
            report,
            format,
        } => match no_output(&output, "check") {
            Ok(()) => check_cmd(root, drafts, report, format == "json"),
            Err(code) => code,
        },
        Command::Serve {
            base_url,
            port,
            bind,
            open,
            drafts,
            verbose,
        } => match base_url_arg(base_url) {
            Ok(base_url) => serve_cmd(
                serve::Options {
                    root,
                    output,
                    base_url,
                    bind,
                    port,
                    drafts,
                },
                open,
                Talk {
                    quiet: false,
                    verbose,
                },
            ),
            Err(code) => code,
        },
        Command::Sheet(args) => sheet_cmd(root, output, args),
        Command::Init { dir } => {
            if let Err(code) = no_output(&output, "init") {
                return code;
            }
            scaffold_result(scaffold::init(&dir), |files| {
                for f in files {
                    eprintln!("created {}", f.display());
                }
                eprintln!(
                    "next: cd {} && handout build, then open output/index.html",
                    dir.display()
                );
            })
        }
        Command::New { what } => {
            if let Err(code) = no_output(&output, "new") {
                return code;
            }
            let (kind, title) = match what {
                NewKind::Exercise { title } => (scaffold::Kind::Exercise, title),
                NewKind::Condition { title } => (scaffold::Kind::Condition, title),
            };
            scaffold_result(scaffold::new_file(&root, kind, &title), |path| {
                eprintln!(
                    "created {}: fill in its fields, then run `handout build`",
                    path.display()
                )
            })
        }
    }
}
