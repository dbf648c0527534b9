//! The `handout` command line: parses arguments and calls the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use handout::build::{self, Failure};
use handout::diagnostic::Diagnostic;
use handout::scaffold;

#[derive(Parser)]
#[command(
    name = "handout",
    version,
    about = "Builds an exercise-library website and printable home-exercise handouts"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the website and handout PDFs into the output folder
    Build {
        /// The site folder (holding content/ and, optionally, themes/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: ROOT/output]
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Load, validate and render everything without writing; print any problems
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Create a starter site in DIR that builds at once
    Init { dir: PathBuf },
    /// Create a new exercise or condition file with every field explained
    New {
        #[command(subcommand)]
        what: NewKind,
        #[arg(long, default_value = ".", global = true)]
        root: PathBuf,
    },
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

fn build_cmd(root: PathBuf, output: Option<PathBuf>) -> ExitCode {
    match build::build(&root, output.as_deref()) {
        Ok(summary) => {
            report(&summary.warnings);
            eprintln!(
                "built {} pages and {} PDFs ({} files) into {} in {:.2} s",
                summary.pages,
                summary.pdfs,
                summary.files,
                summary.output_dir.display(),
                summary.elapsed.as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(failure) => fail(failure),
    }
}

fn check_cmd(root: PathBuf) -> ExitCode {
    match build::check(&root) {
        Ok(warnings) => {
            report(&warnings);
            eprintln!("no errors found ({} warning(s))", warnings.len());
            ExitCode::SUCCESS
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

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build { root, output } => build_cmd(root, output),
        Command::Check { root } => check_cmd(root),
        Command::Init { dir } => scaffold_result(scaffold::init(&dir), |files| {
            for f in files {
                eprintln!("created {}", f.display());
            }
            eprintln!(
                "next: cd {} && handout build, then open output/index.html",
                dir.display()
            );
        }),
        Command::New { what, root } => {
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
