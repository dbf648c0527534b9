//! The sheet markup that a theme's `handout.xml` template produces: a small,
//! documented subset of HTML that the typesetter understands.
//!
//! Blocks: `h1` `h2` `h3` `h4` `p` `small` `ol` `ul` `li` `hr` `keep` (kept on
//! one page when it fits) `box` (a framed block) `fields`/`field value="..."` (lines to
//! write on) `log days="7" rows="2"` (a check-off grid; `<entry times="2">3. Bridge</entry>`
//! inside it gives a row per exercise) `columns`/`column
//! width="40"` (side by side) `image src="media/..." height="150"` (a picture) `qr data="https://..." size="56"` `header`/`section`/`div`
//! (plain containers) and `footer` (repeated
//! on every page; `{page}` and `{pages}` are replaced by page numbers).
//! Inline: `b` `strong` `i` `em` `span` `br`. Attribute `align="right|center"` on `p`/`small`.

mod inline;

use inline::{inline, inline_style, normalize};

/// A forced line break (`<br/>`) inside a run of text: U+2028 LINE SEPARATOR, whose
/// meaning is exactly that, so no ordinary text (a template's newlines) is mistaken for it.
pub const LINE_BREAK: char = '\u{2028}';

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParaKind {
    H1,
    H2,
    H3,
    H4,
    Body,
    Small,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// The web address this text opens, inside `<a href>`.
    pub link: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para {
        kind: ParaKind,
        align: Align,
        runs: Vec<Run>,
    },
    List {
        ordered: bool,
        start: u32,
        items: Vec<Vec<Block>>,
    },
    Keep(Vec<Block>),
    /// A titled stretch of the sheet (an exercise, a section) that may break across
    /// pages: its first block stays with the start of the next, and where it goes on
    /// over a page break, "title (continued)" heads the new page.
    Part {
        title: String,
        children: Vec<Block>,
    },
    Boxed(Vec<Block>),
    /// How much of an exercise to do, as labelled values side by side in a frame:
    /// (label, value); a value never breaks across lines.
    Dose(Vec<(String, String)>),
    Rule,
    /// Labelled lines to write on: (label, text already filled in).
    Fields(Vec<(String, String)>),
    /// Side-by-side columns, each a share of the width (the shares add up to 1).
    Columns(Vec<(f32, Vec<Block>)>),
    /// A picture, fitted into the column's width and at most `max_height` points tall;
    /// down to `min_height` when that lets the `<keep>` it is in fit one page.
    Image {
        src: String,
        max_height: f32,
        min_height: f32,
    },
    /// The figure drawn from an exercise's pose, as vector paths, as wide as the
    /// column and at most `max_height` points tall; down to `min_height` when that
    /// lets the `<keep>` it is in fit one page.
    Figure {
        exercise: String,
        max_height: f32,
        min_height: f32,
    },
    /// A QR code for `data` (a web address), `size` points square, also a clickable link.
    Qr {
        data: String,
        size: f32,
    },
    /// A check-off grid: one column per day, one row per session.
    Log(Log),
}

/// A check-off grid: a column per day, a row per exercise (or per daily session of
/// one exercise), a grid per week.
#[derive(Debug, Clone, PartialEq)]
pub struct Log {
    pub days: u32,
    pub rows: Vec<LogRow>,
    pub weeks: u32,
    /// The first day's date: columns then show the weekday and day of the month.
    pub start: Option<crate::content::dates::Date>,
    /// A row to write the day's pain score (0–10).
    pub pain: bool,
}

/// One row of the log: what it is for, and how many boxes to tick each day.
#[derive(Debug, Clone, PartialEq)]
pub struct LogRow {
    /// "3. Bridge" for a row per exercise; "1st time", "2nd time" or "Done" for a
    /// row per session.
    pub label: String,
    pub times: u32,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sheet {
    pub body: Vec<Block>,
    pub footer: Vec<Block>,
}

/// A problem in the markup, with the 1-based line of the template's output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkupError {
    pub line: u32,
    pub message: String,
}

/// Deeper nesting is refused: the reader is recursive, and no sheet needs it.
const MAX_DEPTH: usize = 64;

const BLOCKS: &str = "h1, h2, h3, h4, p, small, ol, ul, li, hr, keep, part, box, dose, item, figure, columns, column, fields, field, image, qr, log, entry, header, section, div, footer";

pub fn parse(text: &str) -> Result<Sheet, MarkupError> {
    let doc = roxmltree::Document::parse(text).map_err(|e| MarkupError {
        line: e.pos().row,
        message: format!("the sheet markup is not well-formed: {e}"),
    })?;
    if let Some(deep) = doc
        .descendants()
        .find(|n| n.ancestors().nth(MAX_DEPTH).is_some())
    {
        return Err(error_at(
            &doc,
            deep,
            format!("the sheet markup nests more than {MAX_DEPTH} elements deep"),
        ));
    }
    let mut sheet = Sheet::default();
    let root = doc.root_element();
    if root.tag_name().name() != "sheet" {
        return Err(error_at(
            &doc,
            root,
            "the sheet template must produce one <sheet> element",
        ));
    }
    for child in root.children() {
        if child.is_element() && child.tag_name().name() == "footer" {
            sheet.footer.extend(blocks(&doc, child)?);
        } else {
            sheet.body.extend(block_or_text(&doc, child)?);
        }
    }
    Ok(sheet)
}

fn error_at(
    doc: &roxmltree::Document,
    node: roxmltree::Node,
    message: impl Into<String>,
) -> MarkupError {
    MarkupError {
        line: doc.text_pos_at(node.range().start).row,
        message: message.into(),
    }
}

fn blocks(doc: &roxmltree::Document, parent: roxmltree::Node) -> Result<Vec<Block>, MarkupError> {
    let mut out = Vec::new();
    let mut loose: Vec<Run> = Vec::new();
    for child in parent.children() {
        let is_inline = child.is_text()
            || (child.is_element() && inline_style(child.tag_name().name()).is_some());
        if is_inline {
            inline(doc, child, &Run::default(), &mut loose)?;
            continue;
        }
        flush_loose(&mut loose, &mut out);
        out.extend(block_or_text(doc, child)?);
    }
    flush_loose(&mut loose, &mut out);
    Ok(out)
}

/// The element children of `node`, each of which must be a `<name>` (written like
/// `example`).
fn children_named<'a, 'input>(
    doc: &roxmltree::Document,
    node: roxmltree::Node<'a, 'input>,
    name: &str,
    example: &str,
) -> Result<Vec<roxmltree::Node<'a, 'input>>, MarkupError> {
    let children: Vec<_> = node.children().filter(|c| c.is_element()).collect();
    if let Some(other) = children.iter().find(|c| c.tag_name().name() != name) {
        return Err(error_at(
            doc,
            *other,
            format!(
                "<{}> inside <{}>: use {example}",
                other.tag_name().name(),
                node.tag_name().name()
            ),
        ));
    }
    Ok(children)
}

/// All the text inside `node`, as written.
fn text_of(node: roxmltree::Node) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

/// A log's rows: one per `<entry times="2">3. Bridge</entry>` inside it (a row per
/// exercise, with a box per daily session), or else `rows="2"` rows of one box each,
/// one per daily session of a single exercise.
fn log_rows(doc: &roxmltree::Document, node: roxmltree::Node) -> Result<Vec<LogRow>, MarkupError> {
    let mut rows = Vec::new();
    for entry in children_named(doc, node, "entry", "<entry times=\"2\">3. Bridge</entry>")? {
        rows.push(LogRow {
            label: collapse(&text_of(entry)),
            times: number(entry, "times", 1.0, 1.0, 6.0) as u32,
        });
    }
    if !rows.is_empty() {
        return Ok(rows);
    }
    let sessions = number(node, "rows", 1.0, 1.0, 6.0) as u32;
    Ok((1..=sessions)
        .map(|n| LogRow {
            label: match (sessions, n) {
                (1, _) => "Done".to_string(),
                (_, 1) => "1st time".to_string(),
                (_, 2) => "2nd time".to_string(),
                (_, 3) => "3rd time".to_string(),
                (_, n) => format!("{n}th time"),
            },
            times: 1,
        })
        .collect())
}

/// Text directly inside a container becomes a body paragraph.
fn flush_loose(loose: &mut Vec<Run>, out: &mut Vec<Block>) {
    let runs = normalize(std::mem::take(loose));
    if !runs.is_empty() {
        out.push(Block::Para {
            kind: ParaKind::Body,
            align: Align::Left,
            runs,
        });
    }
}

fn block_or_text(
    doc: &roxmltree::Document,
    node: roxmltree::Node,
) -> Result<Vec<Block>, MarkupError> {
    if node.is_text() {
        let text = node.text().unwrap_or_default();
        if text.trim().is_empty() {
            return Ok(Vec::new());
        }
        let runs = normalize(vec![Run {
            text: text.to_string(),
            ..Run::default()
        }]);
        return Ok(vec![Block::Para {
            kind: ParaKind::Body,
            align: Align::Left,
            runs,
        }]);
    }
    if !node.is_element() {
        return Ok(Vec::new());
    }
    let name = node.tag_name().name();
    let para = |kind| -> Result<Vec<Block>, MarkupError> {
        let mut runs = Vec::new();
        for child in node.children() {
            inline(doc, child, &Run::default(), &mut runs)?;
        }
        let align = match node.attribute("align") {
            Some("right") => Align::Right,
            Some("center") => Align::Center,
            _ => Align::Left,
        };
        let runs = normalize(runs);
        Ok(if runs.is_empty() {
            Vec::new()
        } else {
            vec![Block::Para { kind, align, runs }]
        })
    };
    match name {
        "h1" => para(ParaKind::H1),
        "h2" => para(ParaKind::H2),
        "h3" => para(ParaKind::H3),
        "h4" => para(ParaKind::H4),
        "p" => para(ParaKind::Body),
        "small" if has_block_children(node) => {
            Ok(blocks(doc, node)?.into_iter().map(smaller).collect())
        }
        "small" => para(ParaKind::Small),
        "hr" => Ok(vec![Block::Rule]),
        "keep" => Ok(vec![Block::Keep(blocks(doc, node)?)]),
        "part" => Ok(vec![Block::Part {
            title: node
                .attribute("title")
                .unwrap_or_default()
                .trim()
                .to_string(),
            children: blocks(doc, node)?,
        }]),
        "dose" => {
            let mut items = Vec::new();
            let example = "<item label=\"Hold\">30 seconds</item>";
            for item in children_named(doc, node, "item", example)? {
                let label = item.attribute("label").unwrap_or_default();
                items.push((collapse(label), collapse(&text_of(item))));
            }
            Ok(vec![Block::Dose(items)])
        }
        "box" => Ok(vec![Block::Boxed(blocks(doc, node)?)]),
        "header" | "section" | "div" => blocks(doc, node),
        "columns" => {
            let columns: Vec<roxmltree::Node> =
                node.children().filter(|c| c.is_element()).collect();
            if let Some(bad) = columns.iter().find(|c| c.tag_name().name() != "column") {
                return Err(error_at(
                    doc,
                    *bad,
                    format!("<{}> inside <columns>: use <column>", bad.tag_name().name()),
                ));
            }
            // `width="40"` is a percentage; columns without one share what is left.
            let given: Vec<Option<f32>> = columns
                .iter()
                .map(|c| {
                    c.attribute("width")
                        .and_then(|w| w.trim_end_matches('%').trim().parse::<f32>().ok())
                })
                .map(|w| w.filter(|w| *w > 0.0 && *w <= 100.0).map(|w| w / 100.0))
                .collect();
            let fixed: f32 = given.iter().flatten().sum();
            let open = given.iter().filter(|w| w.is_none()).count().max(1) as f32;
            let share = ((1.0 - fixed) / open).max(0.05);
            let mut out = Vec::new();
            for (column, width) in columns.iter().zip(given) {
                out.push((width.unwrap_or(share), blocks(doc, *column)?));
            }
            Ok(vec![Block::Columns(out)])
        }
        "image" => {
            let (max_height, min_height) = picture_heights(node, 180.0, 10.0);
            Ok(vec![Block::Image {
                src: required(doc, node, "src", "{{ exercise.image.src }}")?,
                max_height,
                min_height,
            }])
        }
        "figure" => {
            let (max_height, min_height) = picture_heights(node, 160.0, 20.0);
            Ok(vec![Block::Figure {
                exercise: required(doc, node, "of", "{{ exercise.slug }}")?,
                max_height,
                min_height,
            }])
        }
        "qr" => Ok(vec![Block::Qr {
            data: required(doc, node, "data", "{{ exercise.qr }}")?,
            size: number(node, "size", 56.0, 24.0, 300.0),
        }]),
        "log" => {
            let days = number(node, "days", 7.0, 1.0, 14.0) as u32;
            let rows = log_rows(doc, node)?;
            let start = match node.attribute("start").map(str::trim) {
                None | Some("") => None,
                Some(date) => {
                    Some(crate::content::dates::Date::parse_iso(date).ok_or_else(|| {
                        error_at(
                            doc,
                            node,
                            format!("<log start=\"{date}\">: write the date YYYY-MM-DD"),
                        )
                    })?)
                }
            };
            Ok(vec![Block::Log(Log {
                days,
                rows,
                weeks: number(node, "weeks", 1.0, 1.0, 4.0) as u32,
                start,
                pain: node.attribute("pain") == Some("true"),
            })])
        }
        "fields" => {
            let fields = node
                .children()
                .filter(|c| c.is_element() && c.tag_name().name() == "field")
                .map(field)
                .collect();
            Ok(vec![Block::Fields(fields)])
        }
        "field" => Ok(vec![Block::Fields(vec![field(node)])]),
        "ol" | "ul" => {
            let start = node
                .attribute("start")
                .and_then(|s| s.parse().ok())
                .unwrap_or(1);
            let mut items = Vec::new();
            for item in node.children().filter(|c| c.is_element()) {
                if item.tag_name().name() != "li" {
                    return Err(error_at(
                        doc,
                        item,
                        format!("<{}> inside a list: use <li>", item.tag_name().name()),
                    ));
                }
                items.push(blocks(doc, item)?);
            }
            Ok(vec![Block::List {
                ordered: name == "ol",
                start,
                items,
            }])
        }
        "footer" => Err(error_at(
            doc,
            node,
            "<footer> must be directly inside <sheet>",
        )),
        other => Err(error_at(
            doc,
            node,
            format!("unknown element <{other}> in the sheet markup; known: {BLOCKS}, b, i, br"),
        )),
    }
}

/// Text with runs of white space (a template's line breaks) folded to one space.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A required text attribute, or an error showing how to write it.
fn required(
    doc: &roxmltree::Document,
    node: roxmltree::Node,
    name: &str,
    example: &str,
) -> Result<String, MarkupError> {
    match node.attribute(name).map(str::trim) {
        Some(value) if !value.is_empty() => Ok(value.to_string()),
        _ => Err(error_at(
            doc,
            node,
            format!(
                "<{}> needs {name}, like {name}=\"{example}\"",
                node.tag_name().name()
            ),
        )),
    }
}

/// A number attribute, `default` when absent or unreadable, kept within `min..=max`.
fn number(node: roxmltree::Node, name: &str, default: f32, min: f32, max: f32) -> f32 {
    node.attribute(name)
        .and_then(|v| v.trim().parse::<f32>().ok())
        .filter(|v| v.is_finite())
        .unwrap_or(default)
        .clamp(min, max)
}

/// A picture's `height` (`default` when not given, at least `least`) and its
/// `min-height` (no more than its height, which it is when not given).
fn picture_heights(node: roxmltree::Node, default: f32, least: f32) -> (f32, f32) {
    let max_height = number(node, "height", default, least, 700.0);
    let min_height = number(node, "min-height", max_height, least, max_height);
    (max_height, min_height)
}

/// A `<field value="...">Label</field>`, white space collapsed.
fn field(node: roxmltree::Node) -> (String, String) {
    let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    (
        collapse(node.text().unwrap_or_default()),
        collapse(node.attribute("value").unwrap_or_default()),
    )
}

fn has_block_children(node: roxmltree::Node) -> bool {
    node.children()
        .any(|c| c.is_element() && inline_style(c.tag_name().name()).is_none())
}

/// Body text inside `<small>` becomes small text.
fn smaller(block: Block) -> Block {
    match block {
        Block::Para {
            kind: ParaKind::Body,
            align,
            runs,
        } => Block::Para {
            kind: ParaKind::Small,
            align,
            runs,
        },
        Block::List {
            ordered,
            start,
            items,
        } => Block::List {
            ordered,
            start,
            items: items
                .into_iter()
                .map(|item| item.into_iter().map(smaller).collect())
                .collect(),
        },
        Block::Keep(children) => Block::Keep(children.into_iter().map(smaller).collect()),
        Block::Boxed(children) => Block::Boxed(children.into_iter().map(smaller).collect()),
        Block::Part { title, children } => Block::Part {
            title,
            children: children.into_iter().map(smaller).collect(),
        },
        other => other,
    }
}

#[cfg(test)]
mod tests;
