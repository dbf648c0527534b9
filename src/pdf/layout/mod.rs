//! The typesetter: lays sheet markup out on pages. Text is broken into lines
//! with the fonts' real glyph advances; blocks in a `<keep>` stay on one page
//! when they fit; headings stay with what follows; the footer repeats on
//! every page with its page number.

mod figure;
mod lines;
mod marks;
mod paginate;
mod qr;
mod widgets;

use std::collections::{BTreeMap, BTreeSet};

use super::fonts::{FontSet, FontStyle};
use super::hyphenate;
use super::markup::{Align, Block, ParaKind, Run, Sheet};
use figure::figure_marks;
use lines::Hyphens;
use marks::{BOX_FILL, BOX_STROKE, HEADING, INK, LINK, MUTED, RULE};
pub use marks::{Color, Mark, Page, PageGeometry};
use paginate::{Break, Row, paginate, stack_height};
pub use qr::QrCache;
use qr::qr_marks;

/// Lists of this many items or fewer are kept on one page.
const SHORT_LIST: usize = 3;

struct TextStyle {
    size: f32,
    line_height: f32,
    gap: f32,
    bold: bool,
    color: Color,
}

fn text_style(kind: ParaKind) -> TextStyle {
    let (size, line_height, gap, bold, color) = match kind {
        ParaKind::H1 => (22.0, 1.2, 10.0, true, HEADING),
        ParaKind::H2 => (16.0, 1.25, 12.0, true, HEADING),
        ParaKind::H3 => (13.5, 1.3, 10.0, true, HEADING),
        ParaKind::H4 => (12.0, 1.3, 8.0, true, INK),
        ParaKind::Body => (12.0, 1.35, 6.0, false, INK),
        ParaKind::Small => (10.0, 1.25, 3.0, false, MUTED),
    };
    TextStyle {
        size,
        line_height: size * line_height,
        gap,
        bold,
        color,
    }
}

/// The result of typesetting: pages, and characters the font could not draw.
#[derive(Debug, Default)]
pub struct Typeset {
    pub pages: Vec<Page>,
    pub missing_glyphs: BTreeSet<char>,
}

/// Drawn figures by exercise slug.
pub type Figures = BTreeMap<String, std::sync::Arc<crate::figure::Drawing>>;

/// Pixel sizes of the pictures a sheet may show, by `src`.
pub type ImageSizes = std::collections::BTreeMap<String, (u32, u32)>;

pub struct Typesetter<'a> {
    fonts: &'a FontSet,
    /// The dictionary for breaking long words, if the language has one.
    hyphens: Option<&'static hyphenation::Standard>,
    images: Option<&'a ImageSizes>,
    figures: Option<&'a Figures>,
    qr: Option<&'a QrCache>,
    /// The page being laid out: for large print, a smaller virtual page scaled up afterwards.
    geometry: PageGeometry,
    scale: f32,
    no_italics: bool,
    next_group: u32,
    missing: BTreeSet<char>,
    /// Each part's continuation line ("1. Bridge (continued)"), by part.
    continued: BTreeMap<u32, Vec<Row>>,
}

impl<'a> Typesetter<'a> {
    pub fn new(fonts: &'a FontSet, page: PageGeometry) -> Self {
        let scale = page.scale;
        Typesetter {
            fonts,
            hyphens: None,
            images: None,
            figures: None,
            qr: None,
            geometry: PageGeometry {
                width: page.width / scale,
                height: page.height / scale,
                margin: page.margin / scale,
                scale: 1.0,
            },
            scale,
            no_italics: page.is_large_print(),
            next_group: 0,
            missing: BTreeSet::new(),
            continued: BTreeMap::new(),
        }
    }

    /// Hyphenates long words with the dictionary for `language` (a tag like "en").
    pub fn with_language(mut self, language: &str) -> Self {
        self.hyphens = hyphenate::dictionary(language);
        self
    }

    /// The pictures this sheet may show; an `<image>` not among them is left out.
    pub fn with_images(mut self, images: &'a ImageSizes) -> Self {
        self.images = Some(images);
        self
    }

    /// The drawn figures this sheet may show, by exercise.
    pub fn with_figures(mut self, figures: &'a Figures) -> Self {
        self.figures = Some(figures);
        self
    }

    /// QR codes already encoded by other sheets of this build, shared.
    pub fn with_qr_cache(mut self, cache: &'a QrCache) -> Self {
        self.qr = Some(cache);
        self
    }

    /// Lays the sheet out on pages. Large print is laid out on a page 1/scale the size
    /// and then enlarged, so every part of the sheet grows alike and wrapping stays exact.
    pub fn typeset(self, sheet: &Sheet) -> Typeset {
        let scale = self.scale;
        let mut result = self.typeset_unscaled(sheet);
        if scale != 1.0 {
            for page in &mut result.pages {
                for mark in &mut page.marks {
                    mark.scale(scale);
                }
            }
        }
        result
    }

    fn typeset_unscaled(mut self, sheet: &Sheet) -> Typeset {
        let g = self.geometry;
        let mut rows = Vec::new();
        for block in &sheet.body {
            self.block(block, g.margin, g.text_width(), None, &mut rows);
        }
        // The footer is as tall on every page; measure it with wide page numbers.
        let footer_height = stack_height(&self.footer_rows(&sheet.footer, 999, 999));
        let bottom =
            g.height - g.margin - footer_height - if footer_height > 0.0 { 12.0 } else { 0.0 };
        // Validation keeps footers to a line or two; this only guards the arithmetic.
        let bottom = bottom.max(g.margin + self.page_height() / 2.0);
        let mut pages = paginate(rows, g.margin, bottom, &self.continued);
        let total = pages.len();
        for (i, page) in pages.iter_mut().enumerate() {
            let mut y = g.height - g.margin - footer_height;
            for (n, row) in self
                .footer_rows(&sheet.footer, i + 1, total)
                .into_iter()
                .enumerate()
            {
                if n > 0 {
                    y += row.gap;
                }
                page.marks
                    .extend(row.marks.into_iter().map(|m| m.shifted(0.0, y)));
                y += row.height;
            }
        }
        Typeset {
            pages,
            missing_glyphs: self.missing,
        }
    }

    /// The height between the top and bottom margins.
    fn page_height(&self) -> f32 {
        self.geometry.height - 2.0 * self.geometry.margin
    }

    fn footer_rows(&mut self, footer: &[Block], page: usize, pages: usize) -> Vec<Row> {
        let mut rows = Vec::new();
        for block in footer {
            let block = substitute_page_numbers(block, page, pages);
            self.block(
                &block,
                self.geometry.margin,
                self.geometry.text_width(),
                None,
                &mut rows,
            );
        }
        rows
    }

    fn block(&mut self, block: &Block, x: f32, width: f32, group: Option<u32>, out: &mut Vec<Row>) {
        match block {
            Block::Para { kind, align, runs } => {
                self.paragraph(*kind, *align, runs, x, width, group, out)
            }
            Block::List {
                ordered,
                start,
                items,
            } => self.list(*ordered, *start, items, x, width, group, out),
            Block::Keep(children) => {
                let nested = group.is_some();
                let group = group.or_else(|| {
                    self.next_group += 1;
                    Some(self.next_group)
                });
                let start = out.len();
                for child in children {
                    self.block(child, x, width, group, out);
                }
                if nested {
                    self.next_group += 1;
                    let chunk = self.next_group;
                    for row in &mut out[start..] {
                        row.chunk = row.chunk.or(Some(chunk));
                    }
                }
            }
            Block::Part { title, children } => self.part(title, children, x, width, group, out),
            Block::Boxed(children) => {
                let pad = 8.0;
                let inner = self.stack(children, x + pad, width - 2.0 * pad);
                let height = inner.height + 2.0 * pad;
                let mut marks = vec![Mark::Rect {
                    x,
                    y: 0.0,
                    width,
                    height,
                    fill: Some(BOX_FILL),
                    stroke: Some(BOX_STROKE),
                }];
                marks.extend(inner.marks.into_iter().map(|m| m.shifted(0.0, pad)));
                let breaks = inner
                    .breaks
                    .into_iter()
                    .map(|b| Break {
                        at: b.at + pad,
                        ..b
                    })
                    .collect();
                out.push(Row {
                    breaks,
                    ..Row::new(10.0, height, marks, group)
                });
            }
            Block::Dose(items) => self.dose(items, x, width, group, out),
            Block::Columns(columns) => {
                let gutter = 14.0;
                let usable = width - gutter * (columns.len().saturating_sub(1)) as f32;
                let mut left = x;
                let mut stacks = Vec::new();
                for (share, children) in columns {
                    let column_width = usable * share;
                    stacks.push(self.stack(children, left, column_width));
                    left += column_width + gutter;
                }
                out.push(Row::side_by_side(10.0, stacks, group));
            }
            Block::Rule => out.push(Row::new(
                6.0,
                8.0,
                vec![Mark::Line {
                    x1: x,
                    y1: 4.0,
                    x2: x + width,
                    y2: 4.0,
                    width: 0.75,
                    color: RULE,
                }],
                group,
            )),
            Block::Fields(labels) => self.fields(labels, x, width, group, out),
            Block::Log(log) => self.log(log, x, width, group, out),
            Block::Figure {
                exercise,
                max_height,
            } => {
                let Some(drawing) = self.figures.and_then(|f| f.get(exercise)) else {
                    return;
                };
                let max_height = max_height.min(self.page_height());
                let (marks, height) = figure_marks(drawing, x, width, max_height);
                out.push(Row::new(6.0, height, marks, group));
            }
            // Never wider than its column or taller than a page.
            Block::Qr { data, size } => out.push(Row::new(
                6.0,
                size.min(width).min(self.page_height()),
                qr_marks(self.qr, data, x, size.min(width).min(self.page_height())),
                group,
            )),
            Block::Image { src, max_height } => {
                let Some(&(w, h)) = self.images.and_then(|m| m.get(src)) else {
                    return;
                };
                if w == 0 || h == 0 {
                    return;
                }
                // As wide as the column, unless that makes it taller than allowed.
                let (mut width, mut height) = (width, width * h as f32 / w as f32);
                let max_height = max_height.min(self.page_height());
                if height > max_height {
                    (width, height) = (max_height * w as f32 / h as f32, max_height);
                }
                let marks = vec![Mark::Image {
                    x,
                    y: 0.0,
                    width,
                    height,
                    src: src.clone(),
                }];
                out.push(Row::new(6.0, height, marks, group));
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn paragraph(
        &mut self,
        kind: ParaKind,
        align: Align,
        runs: &[Run],
        x: f32,
        width: f32,
        group: Option<u32>,
        out: &mut Vec<Row>,
    ) {
        let style = text_style(kind);
        let runs: Vec<Run> = runs
            .iter()
            .map(|r| Run {
                bold: r.bold || style.bold,
                italic: r.italic && !self.no_italics,
                ..r.clone()
            })
            .collect();
        let is_heading = !matches!(kind, ParaKind::Body | ParaKind::Small);
        let hyphens = if is_heading {
            Hyphens::Never
        } else {
            Hyphens::Allowed
        };
        let (lines, links) = self.wrap(&runs, style.size, width, hyphens);
        let count = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            let line_width: f32 = line.iter().map(|s| s.width).sum();
            let offset = match align {
                Align::Left => 0.0,
                Align::Center => (width - line_width) / 2.0,
                Align::Right => width - line_width,
            };
            let mut cursor = x + offset;
            let mut marks = Vec::new();
            for seg in line {
                let baseline = self
                    .fonts
                    .get(seg.style.font)
                    .baseline(style.size, style.line_height);
                let link = seg.style.link.and_then(|i| links.get(i));
                if let Some(uri) = link {
                    // A link reads as one: coloured, underlined, and clickable.
                    let text_width = self
                        .fonts
                        .get(seg.style.font)
                        .width(seg.text.trim_end(), style.size);
                    let (x1, y) = (cursor, baseline + style.size * 0.15);
                    marks.push(Mark::Line {
                        x1,
                        y1: y,
                        x2: x1 + text_width,
                        y2: y,
                        width: 0.6,
                        color: LINK,
                    });
                    let height = style.line_height;
                    marks.push(Mark::Link {
                        x: x1,
                        y: 0.0,
                        width: text_width,
                        height,
                        uri: uri.clone(),
                    });
                }
                marks.push(Mark::Text {
                    x: cursor,
                    baseline,
                    style: seg.style.font,
                    size: style.size,
                    color: if link.is_some() { LINK } else { style.color },
                    text: seg.text,
                });
                cursor += seg.width;
            }
            out.push(Row {
                // No single line alone at the foot (orphan) or head (widow) of a page.
                keep_with_next: is_heading || (count > 1 && (i == 0 || i + 2 == count)),
                ..Row::new(
                    if i == 0 { style.gap } else { 0.0 },
                    style.line_height,
                    marks,
                    group,
                )
            });
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn list(
        &mut self,
        ordered: bool,
        start: u32,
        items: &[Vec<Block>],
        x: f32,
        width: f32,
        group: Option<u32>,
        out: &mut Vec<Row>,
    ) {
        let body = text_style(ParaKind::Body);
        let regular = self.fonts.get(FontStyle::Regular);
        let last = start as usize + items.len().saturating_sub(1);
        let indent = if ordered {
            regular.width(&format!("{last}."), body.size) + 8.0
        } else {
            18.0
        };
        for (i, item) in items.iter().enumerate() {
            let first = out.len();
            for block in item {
                self.block(block, x + indent, width - indent, group, out);
            }
            let marker = if ordered {
                format!("{}.", start as usize + i)
            } else {
                "•".to_string()
            };
            let marker_width = regular.width(&marker, body.size);
            let marker_x = if ordered {
                x + indent - 8.0 - marker_width
            } else {
                x + 4.0
            };
            // A short list stays whole; a longer one never leaves its first or last
            // item alone on a page.
            let (count, last_row) = (items.len(), out.len().checked_sub(1));
            let hold = count <= SHORT_LIST || i == 0 || i + 2 == count;
            if let Some(end) = last_row.filter(|end| *end >= first && hold && i + 1 < count) {
                out[end].keep_with_next = true;
            }
            let Some(row) = out.get_mut(first) else {
                continue;
            };
            row.gap = if i == 0 { body.gap } else { 3.0 };
            let baseline = regular.baseline(body.size, body.line_height);
            row.marks.insert(
                0,
                Mark::Text {
                    x: marker_x,
                    baseline,
                    style: FontStyle::Regular,
                    size: body.size,
                    color: INK,
                    text: marker,
                },
            );
        }
    }

    /// Lays blocks out one under another as one block (a row of its own, with
    /// marks relative to its top) that knows where it may be cut across pages.
    fn stack(&mut self, blocks: &[Block], x: f32, width: f32) -> Row {
        let mut rows = Vec::new();
        for block in blocks {
            self.block(block, x, width, None, &mut rows);
        }
        let mut stacked = Row::new(0.0, 0.0, Vec::new(), None);
        let mut y = 0.0;
        let mut previous: Option<(bool, Option<u32>, Option<u32>)> = None;
        for row in rows {
            let row = row.flattened();
            if let Some((keep_with_next, group, chunk)) = previous {
                let linked = keep_with_next
                    || (group.is_some() && group == row.group)
                    || (chunk.is_some() && chunk == row.chunk);
                stacked.breaks.push(Break {
                    at: y,
                    preferred: !linked,
                });
                y += row.gap;
            }
            previous = Some((row.keep_with_next, row.group, row.chunk));
            stacked
                .breaks
                .extend(row.breaks.iter().map(|b| Break { at: y + b.at, ..*b }));
            stacked
                .marks
                .extend(row.marks.into_iter().map(|m| m.shifted(0.0, y)));
            y += row.height;
        }
        stacked.height = y;
        stacked
    }

    /// A part: its rows remember it, its first block stays with the start of the
    /// next, and its continuation line is laid out for the pages it goes on to.
    fn part(
        &mut self,
        title: &str,
        children: &[Block],
        x: f32,
        width: f32,
        group: Option<u32>,
        out: &mut Vec<Row>,
    ) {
        self.next_group += 1;
        let id = self.next_group;
        let start = out.len();
        for (i, child) in children.iter().enumerate() {
            self.block(child, x, width, group, out);
            if i == 0
                && children.len() > 1
                && let Some(last) = out.last_mut()
            {
                last.keep_with_next = true;
            }
        }
        for row in &mut out[start..] {
            row.part = row.part.or(Some(id));
        }
        if !title.is_empty() {
            let mut lines = Vec::new();
            let runs = [Run {
                text: format!("{title} (continued)"),
                ..Run::default()
            }];
            self.paragraph(ParaKind::H3, Align::Left, &runs, x, width, None, &mut lines);
            if let Some(last) = lines.last_mut() {
                last.keep_with_next = false;
            }
            self.continued.insert(id, lines);
        }
    }
}

fn substitute_page_numbers(block: &Block, page: usize, pages: usize) -> Block {
    let fill = |runs: &[Run]| {
        runs.iter()
            .map(|r| Run {
                text: r
                    .text
                    .replace("{page}", &page.to_string())
                    .replace("{pages}", &pages.to_string()),
                ..r.clone()
            })
            .collect()
    };
    match block {
        Block::Para { kind, align, runs } => Block::Para {
            kind: *kind,
            align: *align,
            runs: fill(runs),
        },
        Block::Keep(children) => Block::Keep(
            children
                .iter()
                .map(|b| substitute_page_numbers(b, page, pages))
                .collect(),
        ),
        Block::Boxed(children) => Block::Boxed(
            children
                .iter()
                .map(|b| substitute_page_numbers(b, page, pages))
                .collect(),
        ),
        Block::Part { title, children } => Block::Part {
            title: title.clone(),
            children: children
                .iter()
                .map(|b| substitute_page_numbers(b, page, pages))
                .collect(),
        },
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Paper;
    use crate::pdf::markup::parse;

    fn typeset(markup: &str) -> Typeset {
        let sheet = parse(markup).unwrap();
        Typesetter::new(FontSet::dejavu(), PageGeometry::for_paper(Paper::Letter)).typeset(&sheet)
    }

    fn texts(page: &Page) -> Vec<(f32, f32, String)> {
        page.marks
            .iter()
            .filter_map(|m| match m {
                Mark::Text {
                    x, baseline, text, ..
                } => Some((*x, *baseline, text.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn wraps_inside_the_margins() {
        let long =
            "Lie on your back with both knees bent and your feet flat on the floor. ".repeat(12);
        let result = typeset(&format!("<sheet><p>{long}</p></sheet>"));
        let fonts = FontSet::dejavu();
        let lines = texts(&result.pages[0]);
        assert!(lines.len() > 5);
        for (x, _, text) in &lines {
            let right = x + fonts.get(FontStyle::Regular).width(text, 12.0);
            let g = PageGeometry::for_paper(Paper::Letter);
            assert!(
                *x >= g.margin && right <= g.width - g.margin + 0.01,
                "{text} ends at {right}"
            );
        }
        // Every word survives wrapping, in order.
        let joined: Vec<&str> = lines.iter().map(|(_, _, t)| t.as_str()).collect();
        assert_eq!(joined.join(" "), long.trim());
    }

    #[test]
    fn keeps_a_block_on_one_page_and_numbers_pages() {
        let filler = "<p>Filler text for the page.</p>".repeat(25);
        let block = format!("<keep><h2>Bridge</h2>{}</keep>", "<p>Step.</p>".repeat(8));
        let result = typeset(&format!(
            "<sheet>{filler}{block}<footer><small>Page {{page}} of {{pages}}</small></footer></sheet>"
        ));
        assert_eq!(result.pages.len(), 2);
        let second = texts(&result.pages[1]);
        assert_eq!(second[0].2, "Bridge", "the whole block moved to page two");
        assert!(second.iter().any(|(_, _, t)| t == "Page 2 of 2"));
        assert!(
            texts(&result.pages[0])
                .iter()
                .any(|(_, _, t)| t == "Page 1 of 2")
        );
    }

    #[test]
    fn columns_sit_side_by_side_within_their_share() {
        let result = typeset(
            "<sheet><columns><column width=\"60\"><p>Left words here.</p></column><column><p>Right</p><log rows=\"2\"/></column></columns></sheet>",
        );
        let lines = texts(&result.pages[0]);
        let left = lines.iter().find(|l| l.2 == "Left words here.").unwrap();
        let right = lines.iter().find(|l| l.2 == "Right").unwrap();
        assert_eq!(left.1, right.1, "same baseline");
        let usable = 612.0 - 90.0 - 14.0;
        assert!(
            (right.0 - (45.0 + usable * 0.6 + 14.0)).abs() < 0.01,
            "{} vs {}",
            right.0,
            45.0 + usable * 0.6 + 14.0
        );
        assert_eq!(lines.iter().filter(|l| l.2 == "2nd time").count(), 1);
        let boxes = result.pages[0]
            .marks
            .iter()
            .filter(|m| matches!(m, Mark::Rect { .. }))
            .count();
        assert_eq!(boxes, 14, "7 days × 2 sessions");
    }

    #[test]
    fn large_print_is_18_point_without_italics_inside_wide_margins() {
        let sheet = parse("<sheet><h2>Bridge</h2><p>Lie <i>flat</i> on your back and lift your hips slowly toward the ceiling, then lower them again.</p></sheet>").unwrap();
        let page = PageGeometry::for_paper(Paper::Letter).large_print();
        let result = Typesetter::new(FontSet::dejavu(), page).typeset(&sheet);
        let fonts = FontSet::dejavu();
        for mark in &result.pages[0].marks {
            if let Mark::Text {
                x,
                size,
                style,
                text,
                ..
            } = mark
            {
                assert!(*size >= 18.0, "{text} at {size} pt");
                assert!(
                    !matches!(style, FontStyle::Italic | FontStyle::BoldItalic),
                    "{text} is italic"
                );
                let right = x + fonts.get(*style).width(text, *size);
                assert!(
                    *x >= page.margin - 0.01 && right <= page.width - page.margin + 0.01,
                    "{text}"
                );
            }
        }
        let body: Vec<f32> = result.pages[0]
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Text {
                    size,
                    style: FontStyle::Regular,
                    ..
                } => Some(*size),
                _ => None,
            })
            .collect();
        assert!(body.iter().all(|s| (*s - 18.0).abs() < 0.01), "{body:?}");
    }

    #[test]
    fn a_block_taller_than_a_page_starts_on_a_fresh_page_when_little_is_left() {
        let filler = "<p>Filler text for the page.</p>".repeat(20);
        let steps = "<p>Step.</p>".repeat(40);
        let result = typeset(&format!(
            "<sheet>{filler}<keep><h2>Long one</h2>{steps}</keep></sheet>"
        ));
        assert_eq!(texts(&result.pages[1])[0].2, "Long one");
        // With most of the page free, a block taller than a page starts right away.
        let result = typeset(&format!(
            "<sheet><p>Intro.</p><keep><h2>Long one</h2>{steps}</keep></sheet>"
        ));
        assert_eq!(texts(&result.pages[0])[1].2, "Long one");
    }

    #[test]
    fn words_are_hyphenated_only_in_wide_body_text_and_where_they_must_be() {
        let english = |markup: &str| -> Vec<String> {
            let sheet = parse(markup).unwrap();
            let page = PageGeometry::for_paper(Paper::Letter);
            let result = Typesetter::new(FontSet::dejavu(), page)
                .with_language("en")
                .typeset(&sheet);
            texts(&result.pages[0]).into_iter().map(|l| l.2).collect()
        };
        // Short words, then one long word that does not fit after them and would leave
        // a gap of over a quarter line: enough "a"s to leave a gap between the two.
        let font = FontSet::dejavu().get(FontStyle::Regular);
        let (line, long) = (612.0 - 90.0, "antidisestablishmentarianism");
        let (a, space) = (font.width("a", 12.0), font.width(" ", 12.0));
        let gap = (line * 0.25 + font.width(long, 12.0)) / 2.0;
        let count = ((line - gap) / (a + space)).floor() as usize;
        let words = "a ".repeat(count) + long;
        let column = |width: u32, tag: &str| {
            format!(
                "<sheet><columns><column width=\"{width}\"><{tag}>{words}</{tag}></column></columns></sheet>"
            )
        };
        let hyphenated = |lines: &[String]| lines.iter().any(|l| l.ends_with('-'));
        // Body text across a wide measure fills its lines, breaking words to do so.
        let wide = english(&column(100, "p"));
        assert!(hyphenated(&wide), "{wide:?}");
        let joined: String = wide.concat().replace(['-', ' '], "");
        assert_eq!(joined, words.replace(' ', ""));
        // Not in a narrow column, and never in a heading.
        assert!(!hyphenated(&english(&column(40, "p"))));
        assert!(!hyphenated(&english(&column(100, "h2"))));
        // A word wider than its column breaks at a hyphenation point, not anywhere.
        let narrow = english(
            "<sheet><columns><column width=\"12\"><p>rehabilitation</p></column></columns></sheet>",
        );
        assert!(narrow.len() > 1 && hyphenated(&narrow), "{narrow:?}");
        assert!(narrow[0].len() >= 4, "no tiny fragment: {narrow:?}");
    }

    #[test]
    fn lists_hang_and_long_words_break() {
        let result = typeset(&format!(
            "<sheet><ol><li>First</li><li>{}</li></ol></sheet>",
            "x".repeat(200)
        ));
        let lines = texts(&result.pages[0]);
        assert_eq!(lines[0].2, "1.");
        assert_eq!(lines[1].2, "First");
        assert!(lines[1].0 > lines[0].0, "text hangs right of the number");
        assert!(lines.len() >= 4, "the long word was cut into several lines");
        assert!(result.missing_glyphs.is_empty());
        let missing = typeset("<sheet><p>Kanji 漢</p></sheet>").missing_glyphs;
        assert!(missing.contains(&'漢'));
    }
}
