//! Renders the website: home, one page per exercise and per condition, static files.

use rayon::prelude::*;
use tera::Context;

use crate::diagnostic::Diagnostic;
use crate::library::Library;
use crate::output::Output;
use crate::theme::Theme;
use crate::views::{ConditionView, ExerciseView, SiteView, exercise_url};

/// The relative prefix from a page at `depth` folders below the root back to the root.
fn root_prefix(depth: usize) -> String {
    "../".repeat(depth)
}

fn base_context(library: &Library, depth: usize) -> Context {
    let mut context = Context::new();
    context.insert("site", &SiteView::new(library));
    context.insert("root", &root_prefix(depth));
    context
}

/// One page to render: template, output path, context.
type PageJob = (&'static str, String, Context);

pub fn render(library: &Library, theme: &Theme, output: &mut Output) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let exercises: Vec<ExerciseView> = library
        .exercises
        .values()
        .map(|e| ExerciseView::new(library, e))
        .collect();
    let conditions: Vec<ConditionView> = library
        .conditions
        .values()
        .map(|c| ConditionView::new(library, c))
        .collect();

    let mut jobs: Vec<PageJob> = Vec::new();
    let mut context = base_context(library, 0);
    context.insert("exercises", &exercises);
    context.insert("conditions", &conditions);
    jobs.push(("index.html", "index.html".into(), context));
    for exercise in &exercises {
        let mut context = base_context(library, 2);
        context.insert("exercise", exercise);
        jobs.push(("exercise.html", exercise_url(exercise.slug), context));
    }
    for condition in &conditions {
        let mut context = base_context(library, 2);
        context.insert("condition", condition);
        jobs.push(("condition.html", condition.url.clone(), context));
    }
    // Pages render in parallel and are collected in job order.
    let rendered: Vec<_> = jobs
        .into_par_iter()
        .map(|(template, path, context)| (path, theme.render(template, &context)))
        .collect();
    for (path, result) in rendered {
        match result {
            Ok(html) => output.add(path, html.into_bytes()),
            Err(d) => diagnostics.extend(d),
        }
    }

    for (path, bytes) in theme.static_files() {
        output.add(path.to_string(), bytes.to_vec());
    }
    for exercise in library.exercises.values() {
        if let Some(image) = &exercise.image {
            output.copy(image.asset.output.clone(), image.asset.source.clone());
        }
    }
    dedupe_errors(&mut diagnostics);
    diagnostics
}

/// One broken template fails every page that uses it; say so once.
pub fn dedupe_errors(diagnostics: &mut Vec<Diagnostic>) {
    crate::diagnostic::sort(diagnostics);
    diagnostics.dedup();
}
