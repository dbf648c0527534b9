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
mod words;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::fonts::{FontSet, FontStyle};
use super::hyphenate;
use super::markup::{Align, Block, ParaKind, Run, Sheet};
use figure::figure_marks;
pub(crate) use figure::{BLEED, figure_operators};
use lines::Hyphens;
use marks::{BOX_FILL, BOX_STROKE, HEADING, INK, LINK, MUTED, RULE};
pub use marks::{Color, Mark, Page, PageGeometry};
pub use paginate::MAX_PAGES;
use paginate::{Break, Row, paginate, stack_height};
use qr::qr_marks;
pub use qr::{QrCache, QrSymbol};
pub use words::SheetWords;

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
        ParaKind::Body => (12.0, 1.3, 5.0, false, INK),
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
    /// The sheet would run past [`MAX_PAGES`]; `pages` is then empty.
    pub too_long: bool,
}

/// Drawn figures by exercise slug, in each of their arrangements (Start and End
/// side by side, or one above the other): a sheet shows the one that draws largest
/// in the space it has.
pub type Figures = BTreeMap<String, Arc<Vec<Arc<crate::figure::Drawing>>>>;

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
    /// The words it draws itself, in the sheet's language.
    words: SheetWords,
    /// The height a page has for the sheet's body, above its footer.
    body_height: f32,
    /// Points each picture with a `min_height` gives up, to fit its `<keep>` on a page.
    shrink: f32,
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
            words: SheetWords::default(),
            body_height: page.height / scale - 2.0 * page.margin / scale,
            shrink: 0.0,
        }
    }

    /// The words the typesetter draws itself (figure labels, "(continued)", the
    /// log's days), in the sheet's language; English by default.
    pub fn with_words(mut self, words: SheetWords) -> Self {
        self.words = words;
        self
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
        // The footer is as tall on every page; measure it with wide page numbers.
        let footer_height = stack_height(&self.footer_rows(&sheet.footer, 999, 999));
        let bottom =
            g.height - g.margin - footer_height - if footer_height > 0.0 { 12.0 } else { 0.0 };
        // Validation keeps footers to a line or two; this only guards the arithmetic.
        let bottom = bottom.max(g.margin + self.page_height() / 2.0);
        self.body_height = bottom - g.margin;
        let mut rows = Vec::new();
        for block in &sheet.body {
            self.block(block, g.margin, g.text_width(), None, &mut rows);
        }
        let Some(mut pages) = paginate(rows, g.margin, bottom, &self.continued) else {
            return Typeset {
                pages: Vec::new(),
                missing_glyphs: self.missing,
                too_long: true,
            };
        };
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
            too_long: false,
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
            Block::Keep(children) if group.is_none() => {
                self.next_group += 1;
                self.keep_on_one_page(children, x, width, Some(self.next_group), out);
            }
            Block::Keep(children) => {
                let start = out.len();
                for child in children {
                    self.block(child, x, width, group, out);
                }
                self.next_group += 1;
                let chunk = self.next_group;
                // The outermost nested keep is the chunk: what it holds stays together.
                for row in &mut out[start..] {
                    row.chunk = Some(chunk);
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
                min_height,
            } => {
                let Some(drawings) = self.figures.and_then(|f| f.get(exercise)) else {
                    return;
                };
                let max_height = self.picture_height(*max_height, *min_height);
                let drawing = crate::figure::draw::largest(drawings.iter(), |d| {
                    (width / d.width).min(max_height / d.height)
                });
                let Some(drawing) = drawing else {
                    return;
                };
                let (marks, height) = figure_marks(drawing, x, width, max_height, &self.words);
                out.push(Row::new(6.0, height, marks, group));
            }
            // Never wider than its column or taller than a page.
            Block::Qr { data, size } => out.push(Row::new(
                6.0,
                size.min(width).min(self.page_height()),
                qr_marks(self.qr, data, x, size.min(width).min(self.page_height())),
                group,
            )),
            Block::Image {
                src,
                max_height,
                min_height,
            } => {
                let Some(&(w, h)) = self.images.and_then(|m| m.get(src)) else {
                    return;
                };
                if w == 0 || h == 0 {
                    return;
                }
                // As wide as the column, unless that makes it taller than allowed.
                let (mut width, mut height) = (width, width * h as f32 / w as f32);
                let max_height = self.picture_height(*max_height, *min_height);
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

    /// The most a picture may be tall: its own limit, less what the `<keep>` it is
    /// in asks pictures to give up (never below `min_height`), and never over a page.
    fn picture_height(&self, max_height: f32, min_height: f32) -> f32 {
        (max_height - self.shrink)
            .max(min_height)
            .min(max_height)
            .min(self.page_height())
    }

    /// An outermost `<keep>`. When it is taller than a page and has pictures that may
    /// shrink, it is laid out again with them smaller, down to their `min_height`,
    /// and that layout is kept if it fits one page: an exercise in large print then
    /// fits its page with a slightly smaller picture instead of running over by a line.
    fn keep_on_one_page(
        &mut self,
        children: &[Block],
        x: f32,
        width: f32,
        group: Option<u32>,
        out: &mut Vec<Row>,
    ) {
        let start = out.len();
        let groups_before = self.next_group;
        for child in children {
            self.block(child, x, width, group, out);
        }
        let room = self.body_height;
        let mut excess = stack_height(&out[start..]) - room;
        if excess <= 0.0 {
            return;
        }
        let give = children.iter().map(shrinkable).fold(0.0, f32::max);
        if give <= 0.0 {
            return;
        }
        let groups_after = self.next_group;
        let mut shrink: f32 = 0.0;
        // A smaller picture may save less height than it gives up (a picture beside
        // taller text saves none), so try again a few times with what is still over.
        while shrink < give {
            shrink = (shrink + excess + 0.5).min(give);
            self.next_group = groups_before;
            self.shrink = shrink;
            let mut trial = Vec::new();
            for child in children {
                self.block(child, x, width, group, &mut trial);
            }
            self.shrink = 0.0;
            excess = stack_height(&trial) - room;
            if excess <= 0.0 {
                out.truncate(start);
                out.extend(trial);
                return;
            }
        }
        // No picture size fits it: the first layout stands, and the keep breaks
        // across pages. Group numbers go on from where it left them; the parts it
        // laid out again were given the same numbers and continuation lines.
        self.next_group = groups_after;
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
        if title.is_empty() {
            // An untitled part only links its first block to the next; over a page
            // break its rows go on under the enclosing part's continuation line.
            return;
        }
        for row in &mut out[start..] {
            row.part = row.part.or(Some(id));
        }
        let mut lines = Vec::new();
        let runs = [Run {
            text: self.words.continued(title),
            ..Run::default()
        }];
        self.paragraph(ParaKind::H3, Align::Left, &runs, x, width, None, &mut lines);
        if let Some(last) = lines.last_mut() {
            last.keep_with_next = false;
        }
        self.continued.insert(id, lines);
    }
}

/// How many points the pictures in `block` may give up to fit a page, at most.
fn shrinkable(block: &Block) -> f32 {
    match block {
        Block::Image {
            max_height,
            min_height,
            ..
        }
        | Block::Figure {
            max_height,
            min_height,
            ..
        } => max_height - min_height,
        Block::Keep(children) | Block::Part { children, .. } | Block::Boxed(children) => {
            children.iter().map(shrinkable).fold(0.0, f32::max)
        }
        Block::Columns(columns) => columns
            .iter()
            .flat_map(|(_, children)| children)
            .map(shrinkable)
            .fold(0.0, f32::max),
        _ => 0.0,
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
mod tests;
