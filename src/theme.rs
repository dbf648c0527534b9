//! A theme: Tera templates for pages and sheets, plus static files. The default
//! theme is compiled into the binary; a site's `themes/<name>/` overrides it
//! file by file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fluent_bundle::FluentValue;

use include_dir::{Dir, include_dir};
use tera::{ErrorKind, Kwargs, State, Tera, Value};
use walkdir::WalkDir;

use crate::content::files::SiteFiles;
use crate::content::load::SiteRoot;
use crate::content::markdown;
use crate::diagnostic::{Diagnostic, Position};
use crate::strings::Strings;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where a theme file came from, for messages.
#[derive(Debug, Clone)]
pub enum Origin {
    BuiltIn,
    Site(PathBuf),
}

#[derive(Debug, Clone)]
pub struct ThemeFile {
    pub bytes: Vec<u8>,
    pub origin: Origin,
}

pub struct Theme {
    pub name: String,
    /// Every file by its path inside the theme (`templates/base.html`, `static/style.css`).
    pub files: BTreeMap<String, ThemeFile>,
    pub tera: Tera,
    /// Things about the site's theme folders worth saying that do not stop a build.
    pub warnings: Vec<Diagnostic>,
    /// The words handout prints, in the site's language; templates ask for them
    /// with `t(key="...")`.
    pub strings: Arc<Strings>,
}

/// The prefix under which every built-in template is also known, so that a site's
/// template can extend the one it replaces: `{% extends "default/exercise.html" %}`.
pub const BUILT_IN_PREFIX: &str = "default/";

impl Theme {
    /// Loads the theme `name` for a site: built-in files, overlaid by `themes/<name>/`.
    /// `raw_html` is the site's setting for HTML inside Markdown.
    pub fn load(
        root: &SiteRoot,
        name: &str,
        raw_html: bool,
        language: &str,
    ) -> Result<Theme, Vec<Diagnostic>> {
        let mut files = BTreeMap::new();
        collect_builtin(&DEFAULT_THEME, &mut files);
        let built_in = files.clone();
        let mut warnings = Vec::new();
        if root.files.is_dir(&root.canonical.join("templates")) {
            warnings.push(Diagnostic::warning(
                root.display(Path::new("templates")),
                Position::START,
                format!("this folder is not read: templates live in a theme, under themes/<name>/templates/ (this site's theme is \"{name}\", so themes/{name}/templates/); move the files there"),
            ));
        }
        let dir = root.canonical.join("themes").join(name);
        if root.files.is_dir(&dir) {
            let mut diagnostics = Vec::new();
            for (path, display) in theme_files(root, &dir, &mut diagnostics) {
                let Ok(relative) = path.strip_prefix(&dir) else {
                    continue;
                };
                let key = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                match root.files.read(&path) {
                    Ok(bytes) => {
                        files.insert(
                            key,
                            ThemeFile {
                                bytes,
                                origin: Origin::Site(display),
                            },
                        );
                    }
                    Err(e) => diagnostics.push(Diagnostic::error(
                        display,
                        Position::START,
                        format!("cannot read: {e}"),
                    )),
                }
            }
            if !diagnostics.is_empty() {
                return Err(diagnostics);
            }
        } else if name != "default" {
            let at = root.display(Path::new("content/site.yaml"));
            return Err(vec![Diagnostic::error(
                at,
                Position::START,
                format!(
                    "theme \"{name}\" not found: there is no themes/{name}/ folder in the site"
                ),
            )]);
        }
        let strings = Arc::new(Strings::load(language, &built_in, &files, &mut warnings)?);
        let tera = build_tera(&files, &built_in, raw_html, strings.clone())?;
        Ok(Theme {
            name: name.to_string(),
            files,
            tera,
            warnings,
            strings,
        })
    }

    /// The same theme speaking `language`, a further language of the site. Unlike
    /// the main language, it may not fall back to English: its pages and handouts
    /// would mix languages.
    pub fn in_language(&self, language: &str, raw_html: bool) -> Result<Theme, Vec<Diagnostic>> {
        let mut built_in = BTreeMap::new();
        collect_builtin(&DEFAULT_THEME, &mut built_in);
        let mut warnings = Vec::new();
        let strings = Strings::load(language, &built_in, &self.files, &mut warnings)?;
        if strings.language != language {
            return Err(vec![Diagnostic::error(
                "content/site.yaml",
                Position::START,
                format!(
                    "`languages` lists \"{language}\", but handout has no translation of its own words (labels, doses, dates) into it: add themes/{}/strings/{language}.ftl, translated from the built-in strings/en.ftl",
                    self.name
                ),
            )]);
        }
        let strings = Arc::new(strings);
        Ok(Theme {
            name: self.name.clone(),
            files: self.files.clone(),
            tera: build_tera(&self.files, &built_in, raw_html, strings.clone())?,
            warnings: Vec::new(),
            strings,
        })
    }

    /// Static files to copy to the output root, by output path.
    pub fn static_files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().filter_map(|(k, f)| {
            k.strip_prefix("static/")
                .map(|out| (out, f.bytes.as_slice()))
        })
    }

    /// The path to show for a template name (`exercise.html`).
    pub fn template_path(&self, template: &str) -> PathBuf {
        match self
            .files
            .get(&format!("templates/{template}"))
            .map(|f| &f.origin)
        {
            Some(Origin::Site(p)) => p.clone(),
            _ => PathBuf::from(format!("(built-in theme)/templates/{template}")),
        }
    }

    /// Renders a template, turning a Tera error into a diagnostic that points into the template.
    pub fn render(
        &self,
        template: &str,
        context: &tera::Context,
    ) -> Result<String, Vec<Diagnostic>> {
        self.tera
            .render(template, context)
            .map_err(|e| tera_diagnostics(&e, |name| self.template_path(name)))
    }
}

/// Every file of a site's theme folder, sorted, with its path as shown. On disk,
/// links are followed only while they stay inside the site folder.
fn theme_files(
    root: &SiteRoot,
    dir: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(PathBuf, PathBuf)> {
    let shown = |path: &Path| root.display(root.relative(path));
    if let SiteFiles::Memory(memory) = &root.files {
        return memory
            .under(dir)
            .map(|p| (p.to_path_buf(), shown(p)))
            .collect();
    }
    let mut found = Vec::new();
    for entry in WalkDir::new(dir).follow_links(true).sort_by_file_name() {
        let entry = match entry {
            Ok(e) if e.file_type().is_file() => e,
            Ok(_) => continue,
            Err(e) => {
                let at = shown(e.path().unwrap_or(dir));
                diagnostics.push(Diagnostic::error(
                    at,
                    Position::START,
                    format!("cannot read theme: {e}"),
                ));
                continue;
            }
        };
        if !SiteRoot::links_inside(entry.path(), &root.canonical) {
            diagnostics.push(Diagnostic::error(
                shown(entry.path()),
                Position::START,
                "theme file links outside the site folder",
            ));
            continue;
        }
        let display = shown(entry.path());
        found.push((entry.into_path(), display));
    }
    found
}

fn collect_builtin(dir: &Dir<'static>, files: &mut BTreeMap<String, ThemeFile>) {
    for file in dir.files() {
        let key = file.path().to_string_lossy().replace('\\', "/");
        files.insert(
            key,
            ThemeFile {
                bytes: file.contents().to_vec(),
                origin: Origin::BuiltIn,
            },
        );
    }
    for sub in dir.dirs() {
        collect_builtin(sub, files);
    }
}

fn tera_diagnostics(e: &tera::Error, path_of: impl Fn(&str) -> PathBuf) -> Vec<Diagnostic> {
    let one =
        |name: &str, pos, message: String| vec![Diagnostic::error(path_of(name), pos, message)];
    match e.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            one(
                report.filename(),
                Position::new(span.start_line, span.start_col + 1),
                format!("template error: {}", report.message()),
            )
        }
        ErrorKind::MissingParent { current, parent } => one(
            current,
            Position::START,
            format!("template extends \"{parent}\", which does not exist"),
        ),
        ErrorKind::TemplateNotFound(name) => one(
            name,
            Position::START,
            format!("template \"{name}\" is missing from the theme"),
        ),
        ErrorKind::Msg(text) => {
            let found = parse_reports(text, &path_of);
            if found.is_empty() {
                one("", Position::START, format!("template error: {text}"))
            } else {
                found
            }
        }
        other => one("", Position::START, format!("template error: {other}")),
    }
}

/// Tera reports some problems (unknown filters, functions, includes) only as text:
/// `error: MESSAGE` then ` --> NAME:LINE:COL`. This reads them back.
fn parse_reports(text: &str, path_of: &impl Fn(&str) -> PathBuf) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut message: Option<&str> = None;
    for line in text.lines() {
        if let Some(m) = line.strip_prefix("error: ") {
            message = Some(m);
        } else if let (Some(m), Some(locus)) = (message, line.trim_start().strip_prefix("--> ")) {
            let mut parts = locus.rsplitn(3, ':');
            let (col, row, name) = (parts.next(), parts.next(), parts.next());
            if let (Some(col), Some(row), Some(name)) = (col, row, name) {
                let pos = Position::new(row.parse().unwrap_or(1), col.parse().unwrap_or(1));
                found.push(Diagnostic::error(
                    path_of(name),
                    pos,
                    format!("template error: {m}"),
                ));
            }
            message = None;
        }
    }
    found
}

/// `t(key="...", n=2, ...)`: the message `key` in the site's language, with the
/// other arguments as its variables. A message may hold `<b>` and `</b>`, kept as
/// markup; everything else in it is escaped like any text.
fn translate(strings: &Strings, kwargs: &Kwargs) -> tera::TeraResult<Value> {
    let key: String = kwargs.must_get("key")?;
    let mut args: Vec<(String, FluentValue<'static>)> = Vec::new();
    for (name, value) in kwargs.iter() {
        let Some(name) = name.as_str().filter(|n| *n != "key") else {
            continue;
        };
        let value = match (value.as_i64(), value.as_f64(), value.as_str()) {
            (Some(n), _, _) => FluentValue::from(n),
            (None, Some(n), _) => FluentValue::from(n),
            (_, _, Some(text)) => FluentValue::from(text.to_string()),
            _ => FluentValue::from(value.to_string()),
        };
        args.push((name.to_string(), value));
    }
    let borrowed: Vec<(&str, FluentValue<'_>)> =
        args.iter().map(|(n, v)| (n.as_str(), v.clone())).collect();
    let text = strings.get(&key, &borrowed);
    let escaped = markdown::escape(&text)
        .replace("&lt;b&gt;", "<b>")
        .replace("&lt;/b&gt;", "</b>");
    Ok(Value::safe_string(&escaped))
}

fn build_tera(
    files: &BTreeMap<String, ThemeFile>,
    built_in: &BTreeMap<String, ThemeFile>,
    raw_html: bool,
    strings: Arc<Strings>,
) -> Result<Tera, Vec<Diagnostic>> {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.register_function("t", move |kwargs: Kwargs, _: &State| {
        translate(&strings, &kwargs)
    });
    tera.register_filter("markdown", move |text: &str, _: Kwargs, _: &State| {
        Value::safe_string(&markdown::to_html(text, raw_html))
    });
    tera.register_filter("sheet_markdown", |text: &str, _: Kwargs, _: &State| {
        Value::safe_string(&markdown::to_sheet(text))
    });
    // Words that must stay on one line ("Page 1 of 8", a phone number): their
    // spaces become no-break spaces, which sheets and browsers never break at.
    tera.register_filter("nowrap", |text: &str, _: Kwargs, _: &State| {
        text.replace(' ', "\u{a0}")
    });
    // The built-in templates under their own names too, for overrides to extend.
    let mut templates: Vec<(String, String)> = built_in
        .iter()
        .filter_map(|(key, file)| {
            let name = key.strip_prefix("templates/")?;
            let text = std::str::from_utf8(&file.bytes).ok()?;
            Some((format!("{BUILT_IN_PREFIX}{name}"), text.to_string()))
        })
        .collect();
    let mut diagnostics = Vec::new();
    for (key, file) in files {
        let Some(name) = key.strip_prefix("templates/") else {
            continue;
        };
        match std::str::from_utf8(&file.bytes) {
            Ok(text) => templates.push((name.to_string(), text.to_string())),
            Err(_) => diagnostics.push(Diagnostic::error(
                origin_path(key, file),
                Position::START,
                "template is not valid UTF-8",
            )),
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    tera.add_raw_templates(templates).map_err(|e| {
        tera_diagnostics(&e, |name| {
            let key = format!("templates/{name}");
            files
                .get(&key)
                .map_or_else(|| PathBuf::from(&key), |f| origin_path(&key, f))
        })
    })?;
    Ok(tera)
}

fn origin_path(key: &str, file: &ThemeFile) -> PathBuf {
    match &file.origin {
        Origin::Site(p) => p.clone(),
        Origin::BuiltIn => PathBuf::from(format!("(built-in theme)/{key}")),
    }
}
