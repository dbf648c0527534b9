//! Printable PDF sheets: a theme template produces sheet markup, the typesetter
//! lays it out, the writer turns it into PDF bytes.

pub mod fonts;
pub mod layout;
pub mod markup;
pub mod writer;

use std::path::PathBuf;

use tera::Context;

use crate::diagnostic::{Diagnostic, Position};
use crate::library::Library;
use crate::output::Output;
use crate::theme::Theme;
use crate::views::{ConditionView, SiteView};
use fonts::FontSet;
use layout::{PageGeometry, Typesetter};

pub const CONDITION_TEMPLATE: &str = "handout.xml";

/// Renders sheet markup to PDF bytes; `template` names the template for messages.
pub fn sheet_pdf(
    markup: &str,
    geometry: PageGeometry,
    meta: &writer::Metadata,
    template: PathBuf,
) -> Result<(Vec<u8>, layout::Typeset), Diagnostic> {
    let sheet = markup::parse(markup).map_err(|e| {
        Diagnostic::error(
            template,
            Position::START,
            format!("{} (line {} of the rendered sheet)", e.message, e.line),
        )
    })?;
    let typeset = Typesetter::new(FontSet::dejavu(), geometry).typeset(&sheet);
    let bytes = writer::write_pdf(&typeset.pages, geometry, meta);
    Ok((bytes, typeset))
}

/// Renders one handout PDF per condition into `output`. Returns errors and warnings.
pub fn render(library: &Library, theme: &Theme, output: &mut Output) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let geometry = PageGeometry::for_paper(library.site.paper);
    let created = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or(library.newest_source as i64);
    for condition in library.conditions.values() {
        let view = ConditionView::new(library, condition);
        let mut context = Context::new();
        context.insert("site", &SiteView::new(library));
        context.insert("condition", &view);
        let markup = match theme.render(CONDITION_TEMPLATE, &context) {
            Ok(m) => m,
            Err(d) => {
                diagnostics.extend(d);
                continue;
            }
        };
        let meta = writer::Metadata {
            title: format!("{} – home exercises", condition.title),
            author: library.site.clinic.name.clone(),
            subject: condition
                .summary
                .clone()
                .unwrap_or_else(|| condition.title.clone()),
            keywords: ["home exercises".to_string(), condition.title.clone()]
                .into_iter()
                .chain(view.entries.iter().map(|e| e.exercise.title.to_string()))
                .collect(),
            language: library.site.language.clone(),
            created,
        };
        match sheet_pdf(
            &markup,
            geometry,
            &meta,
            theme.template_path(CONDITION_TEMPLATE),
        ) {
            Ok((bytes, typeset)) => {
                if !typeset.missing_glyphs.is_empty() {
                    let chars: Vec<String> = typeset
                        .missing_glyphs
                        .iter()
                        .map(|c| format!("{c} (U+{:04X})", *c as u32))
                        .collect();
                    diagnostics.push(Diagnostic::warning(
                        &condition.source,
                        Position::START,
                        format!(
                            "the handout uses characters its font cannot draw: {}",
                            chars.join(", ")
                        ),
                    ));
                }
                output.add(crate::views::handout_path(&condition.slug), bytes);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    crate::site::dedupe_errors(&mut diagnostics);
    diagnostics
}
