//! The typesetter: lays sheet markup out on pages. Text is broken into lines
//! with the fonts' real glyph advances; blocks in a `<keep>` stay on one page
//! when they fit; headings stay with what follows; the footer repeats on
//! every page with its page number.

use std::collections::BTreeSet;

use super::fonts::{FontSet, FontStyle};
use super::hyphenate;
use super::markup::{Align, Block, LINE_BREAK, ParaKind, Run, Sheet};
use crate::library::Paper;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Color(pub f32, pub f32, pub f32);

const INK: Color = Color(0.10, 0.10, 0.12);
const HEADING: Color = Color(0.04, 0.27, 0.33);
const MUTED: Color = Color(0.30, 0.30, 0.33);
const BOX_FILL: Color = Color(0.92, 0.96, 0.96);
const BOX_STROKE: Color = Color(0.04, 0.40, 0.45);
const RULE: Color = Color(0.70, 0.72, 0.75);
const LINK: Color = Color(0.02, 0.25, 0.55);

/// Page size and margins, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageGeometry {
    pub width: f32,
    pub height: f32,
    pub margin: f32,
    /// 1 for regular sheets; 1.5 for large print (18 pt body text).
    pub scale: f32,
}

impl PageGeometry {
    pub fn for_paper(paper: Paper) -> Self {
        let (width, height) = match paper {
            Paper::Letter => (612.0, 792.0),
            Paper::A4 => (595.28, 841.89),
        };
        PageGeometry {
            width,
            height,
            margin: 45.0,
            scale: 1.0,
        }
    }

    /// Large print: body text 18 pt, larger headings, wide margins, no italics.
    pub fn large_print(self) -> Self {
        PageGeometry {
            margin: 54.0,
            scale: 1.5,
            ..self
        }
    }

    pub fn is_large_print(&self) -> bool {
        self.scale > 1.0
    }

    fn text_width(&self) -> f32 {
        self.width - 2.0 * self.margin
    }
}

/// Something drawn on a page. `y` is measured down from the top of the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    Text {
        x: f32,
        baseline: f32,
        style: FontStyle,
        size: f32,
        color: Color,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        fill: Option<Color>,
        stroke: Option<Color>,
    },
    /// A picture; `src` is its output path (`media/...`).
    Image {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        src: String,
    },
    /// A clickable area that opens a web address.
    Link {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        uri: String,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        color: Color,
    },
}

impl Mark {
    fn scale(&mut self, s: f32) {
        match self {
            Mark::Text {
                x, baseline, size, ..
            } => {
                *x *= s;
                *baseline *= s;
                *size *= s;
            }
            Mark::Rect {
                x,
                y,
                width,
                height,
                ..
            }
            | Mark::Image {
                x,
                y,
                width,
                height,
                ..
            }
            | Mark::Link {
                x,
                y,
                width,
                height,
                ..
            } => {
                *x *= s;
                *y *= s;
                *width *= s;
                *height *= s;
            }
            Mark::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                ..
            } => {
                *x1 *= s;
                *y1 *= s;
                *x2 *= s;
                *y2 *= s;
                *width *= s;
            }
        }
    }

    fn shifted(mut self, dx: f32, dy: f32) -> Mark {
        match &mut self {
            Mark::Text { x, baseline, .. } => {
                *x += dx;
                *baseline += dy;
            }
            Mark::Rect { x, y, .. } | Mark::Image { x, y, .. } | Mark::Link { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
            Mark::Line { x1, y1, x2, y2, .. } => {
                *x1 += dx;
                *x2 += dx;
                *y1 += dy;
                *y2 += dy;
            }
        }
        self
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub marks: Vec<Mark>,
}

/// A horizontal strip that is never split across pages.
#[derive(Debug, Clone)]
struct Row {
    /// Space above the row, dropped at the top of a page.
    gap: f32,
    height: f32,
    /// Marks with `y` relative to the row's top.
    marks: Vec<Mark>,
    keep_with_next: bool,
    /// The outermost `<keep>` this row is in: kept on one page when it fits.
    group: Option<u32>,
    /// A `<keep>` nested inside it: kept whole even when the outer one must split.
    chunk: Option<u32>,
}

impl Row {
    /// A row that need not stay with the next one.
    fn new(gap: f32, height: f32, marks: Vec<Mark>, group: Option<u32>) -> Self {
        Row {
            gap,
            height,
            marks,
            keep_with_next: false,
            group,
            chunk: None,
        }
    }
}

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
        ParaKind::Small => (9.5, 1.25, 3.0, false, MUTED),
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

/// Pixel sizes of the pictures a sheet may show, by `src`.
pub type ImageSizes = std::collections::BTreeMap<String, (u32, u32)>;

pub struct Typesetter<'a> {
    fonts: &'a FontSet,
    /// The dictionary for breaking long words, if the language has one.
    hyphens: Option<&'static hyphenation::Standard>,
    images: Option<&'a ImageSizes>,
    /// The page being laid out: for large print, a smaller virtual page scaled up afterwards.
    geometry: PageGeometry,
    scale: f32,
    no_italics: bool,
    next_group: u32,
    missing: BTreeSet<char>,
}

impl<'a> Typesetter<'a> {
    pub fn new(fonts: &'a FontSet, page: PageGeometry) -> Self {
        let scale = page.scale;
        Typesetter {
            fonts,
            hyphens: None,
            images: None,
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
        let mut pages = paginate(rows, g.margin, bottom);
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
            Block::Boxed(children) => {
                let pad = 8.0;
                let (inner, inner_height) = self.stack(children, x + pad, width - 2.0 * pad);
                let height = inner_height + 2.0 * pad;
                let mut marks = vec![Mark::Rect {
                    x,
                    y: 0.0,
                    width,
                    height,
                    fill: Some(BOX_FILL),
                    stroke: Some(BOX_STROKE),
                }];
                marks.extend(inner.into_iter().map(|m| m.shifted(0.0, pad)));
                out.push(Row::new(10.0, height, marks, group));
            }
            Block::Columns(columns) => {
                let gutter = 14.0;
                let usable = width - gutter * (columns.len().saturating_sub(1)) as f32;
                let (mut marks, mut height, mut left) = (Vec::new(), 0.0f32, x);
                for (share, children) in columns {
                    let column_width = usable * share;
                    let (inner, inner_height) = self.stack(children, left, column_width);
                    marks.extend(inner);
                    height = height.max(inner_height);
                    left += column_width + gutter;
                }
                out.push(Row::new(10.0, height, marks, group));
            }
            Block::Rule => out.push(Row {
                gap: 6.0,
                height: 8.0,
                marks: vec![Mark::Line {
                    x1: x,
                    y1: 4.0,
                    x2: x + width,
                    y2: 4.0,
                    width: 0.75,
                    color: RULE,
                }],
                keep_with_next: false,
                group,
                chunk: None,
            }),
            Block::Fields(labels) => self.fields(labels, x, width, group, out),
            Block::Log { days, rows } => self.log(*days, rows, x, width, group, out),
            Block::Qr { data, size } => {
                out.push(Row::new(6.0, *size, qr_marks(data, x, *size), group))
            }
            Block::Image { src, max_height } => {
                let Some(&(w, h)) = self.images.and_then(|m| m.get(src)) else {
                    return;
                };
                if w == 0 || h == 0 {
                    return;
                }
                // As wide as the column, unless that makes it taller than allowed.
                let (mut width, mut height) = (width, width * h as f32 / w as f32);
                if height > *max_height {
                    (width, height) = (max_height * w as f32 / h as f32, *max_height);
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
        let (lines, links) = self.wrap(&runs, style.size, width);
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
                gap: if i == 0 { style.gap } else { 0.0 },
                height: style.line_height,
                marks,
                // No single line alone at the foot (orphan) or head (widow) of a page.
                keep_with_next: is_heading || (count > 1 && (i == 0 || i + 2 == count)),
                group,
                chunk: None,
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
            let Some(row) = out.get_mut(first) else {
                continue;
            };
            row.gap = if i == 0 { body.gap } else { 4.0 };
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

    fn fields(
        &mut self,
        fields: &[(String, String)],
        x: f32,
        width: f32,
        group: Option<u32>,
        out: &mut Vec<Row>,
    ) {
        let style = text_style(ParaKind::Body);
        let font = self.fonts.get(FontStyle::Bold);
        for chunk in fields.chunks(3) {
            let column = width / chunk.len() as f32;
            let mut marks = Vec::new();
            for (i, (label, value)) in chunk.iter().enumerate() {
                let left = x + column * i as f32;
                let text = format!("{label}:");
                self.note_missing(&text, FontStyle::Bold);
                let label_width = font.width(&text, style.size);
                marks.push(Mark::Text {
                    x: left,
                    baseline: 18.0,
                    style: FontStyle::Bold,
                    size: style.size,
                    color: INK,
                    text,
                });
                let line_end = left + column - if i + 1 < chunk.len() { 14.0 } else { 0.0 };
                if !value.is_empty() {
                    // Filled in: the value sits on the line, shrunk if it would run past its end.
                    let room = line_end - (left + label_width + 10.0);
                    let natural = self.fonts.get(FontStyle::Regular).width(value, style.size);
                    let size = if natural > room && natural > 0.0 {
                        (style.size * room / natural).max(7.0)
                    } else {
                        style.size
                    };
                    self.note_missing(value, FontStyle::Regular);
                    marks.push(Mark::Text {
                        x: left + label_width + 10.0,
                        baseline: 18.0,
                        style: FontStyle::Regular,
                        size,
                        color: INK,
                        text: value.clone(),
                    });
                }
                marks.push(Mark::Line {
                    x1: left + label_width + 6.0,
                    y1: 20.0,
                    x2: line_end,
                    y2: 20.0,
                    width: 0.75,
                    color: MUTED,
                });
            }
            out.push(Row::new(8.0, 26.0, marks, group));
        }
    }

    /// Lays blocks out as one unbreakable stack: its marks (relative to its top) and height.
    fn stack(&mut self, blocks: &[Block], x: f32, width: f32) -> (Vec<Mark>, f32) {
        let mut rows = Vec::new();
        for block in blocks {
            self.block(block, x, width, None, &mut rows);
        }
        let mut marks = Vec::new();
        let mut y = 0.0;
        for (i, row) in rows.into_iter().enumerate() {
            if i > 0 {
                y += row.gap;
            }
            marks.extend(row.marks.into_iter().map(|m| m.shifted(0.0, y)));
            y += row.height;
        }
        (marks, y)
    }

    /// A grid with a header of day numbers and a box to tick per day and session.
    fn log(
        &mut self,
        days: u32,
        rows: &[String],
        x: f32,
        width: f32,
        group: Option<u32>,
        out: &mut Vec<Row>,
    ) {
        let size = 10.0;
        let (header, row_height) = (16.0, 22.0);
        let bold = self.fonts.get(FontStyle::Bold);
        let regular = self.fonts.get(FontStyle::Regular);
        let label_width = rows
            .iter()
            .map(|r| regular.width(r, size))
            .fold(bold.width("Day", size), f32::max)
            + 10.0;
        let cell = ((width - label_width) / days as f32).min(40.0);
        let table_width = label_width + cell * days as f32;
        let height = header + row_height * rows.len() as f32;
        let mut marks = vec![Mark::Text {
            x,
            baseline: 11.5,
            style: FontStyle::Bold,
            size,
            color: INK,
            text: "Day".into(),
        }];
        for day in 1..=days {
            let text = day.to_string();
            let cx =
                x + label_width + cell * (day - 1) as f32 + (cell - bold.width(&text, size)) / 2.0;
            marks.push(Mark::Text {
                x: cx,
                baseline: 11.5,
                style: FontStyle::Bold,
                size,
                color: INK,
                text,
            });
        }
        for (i, label) in rows.iter().enumerate() {
            let top = header + row_height * i as f32;
            marks.push(Mark::Text {
                x,
                baseline: top + 15.0,
                style: FontStyle::Regular,
                size,
                color: INK,
                text: label.clone(),
            });
            for day in 0..days {
                let bx = x + label_width + cell * day as f32 + (cell - 12.0) / 2.0;
                marks.push(Mark::Rect {
                    x: bx,
                    y: top + 5.0,
                    width: 12.0,
                    height: 12.0,
                    fill: None,
                    stroke: Some(MUTED),
                });
            }
        }
        for i in 0..=rows.len() {
            let y = header + row_height * i as f32;
            marks.push(Mark::Line {
                x1: x,
                y1: y,
                x2: x + table_width,
                y2: y,
                width: 0.5,
                color: RULE,
            });
        }
        out.push(Row::new(8.0, height, marks, group));
    }

    fn note_missing(&mut self, text: &str, style: FontStyle) {
        // The fonts draw all of printable ASCII; only other characters need a lookup.
        if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
            return;
        }
        let font = self.fonts.get(style);
        self.missing
            .extend(text.chars().filter(|c| !font.has_glyph(*c)));
    }

    /// Breaks styled runs into lines no wider than `width`.
    /// Splits a one-style word at its last hyphenation point that fits in `room`
    /// with the hyphen: (head with hyphen, tail). None when there is no such point.
    #[allow(clippy::type_complexity)]
    fn hyphen_split(
        &self,
        pieces: &[(Ink, String)],
        size: f32,
        room: f32,
    ) -> Option<(Vec<(Ink, String)>, Vec<(Ink, String)>)> {
        let dictionary = self.hyphens?;
        let [(style, text)] = pieces else { return None };
        let font = self.fonts.get(style.font);
        let at = hyphenate::breaks(dictionary, text)
            .into_iter()
            .rev()
            .find(|b| font.width(&text[..*b], size) + font.width("-", size) <= room)?;
        Some((
            vec![(*style, format!("{}-", &text[..at]))],
            vec![(*style, text[at..].to_string())],
        ))
    }

    /// Breaks runs into lines; also returns the links the segments' inks point into.
    fn wrap(&mut self, runs: &[Run], size: f32, width: f32) -> (Vec<Vec<Segment>>, Vec<String>) {
        let mut links = Vec::new();
        let mut lines = Vec::new();
        let mut line = LineBuilder::default();
        for word in words(runs, &mut links) {
            match word {
                Word::Break => lines.push(std::mem::take(&mut line).finish()),
                Word::Text(mut pieces) => {
                    for (style, text) in &pieces {
                        self.note_missing(text, style.font);
                    }
                    let measure = |pieces: &[(Ink, String)]| -> f32 {
                        pieces
                            .iter()
                            .map(|(s, t)| self.fonts.get(s.font).width(t, size))
                            .sum()
                    };
                    let mut word_width = measure(&pieces);
                    let space = line
                        .last_style
                        .map_or(0.0, |s| self.fonts.get(s.font).width(" ", size));
                    if !line.is_empty() && line.width + space + word_width > width {
                        // Rather than leave a large gap, break the word with a hyphen.
                        let room = width - line.width - space;
                        if room > width * 0.25
                            && let Some((head, tail)) = self.hyphen_split(&pieces, size, room)
                        {
                            line.push_word(self.fonts, head, size);
                            pieces = tail;
                            word_width = measure(&pieces);
                        }
                        lines.push(std::mem::take(&mut line).finish());
                    }
                    // Wider than a whole line: break at hyphenation points while they help.
                    while line.is_empty() && word_width > width {
                        let Some((head, tail)) = self.hyphen_split(&pieces, size, width) else {
                            break;
                        };
                        line.push_word(self.fonts, head, size);
                        lines.push(std::mem::take(&mut line).finish());
                        pieces = tail;
                        word_width = measure(&pieces);
                    }
                    if line.is_empty() && word_width > width {
                        // A word wider than the line is cut where it must be.
                        for piece in split_long_word(self.fonts, &pieces, size, width) {
                            if !line.is_empty() {
                                lines.push(std::mem::take(&mut line).finish());
                            }
                            line.push_word(self.fonts, piece, size);
                        }
                    } else {
                        line.push_word(self.fonts, pieces, size);
                    }
                }
            }
        }
        if !line.is_empty() {
            lines.push(line.finish());
        }
        (lines, links)
    }
}

/// How a piece of text is drawn: its font, and the link it opens (an index into the paragraph's links).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ink {
    font: FontStyle,
    link: Option<usize>,
}

fn link_index(links: &mut Vec<String>, href: &str) -> usize {
    links.iter().position(|l| l == href).unwrap_or_else(|| {
        links.push(href.to_string());
        links.len() - 1
    })
}

/// Text of one style at one position within a line.
#[derive(Debug, Clone)]
struct Segment {
    style: Ink,
    text: String,
    width: f32,
}

#[derive(Default)]
struct LineBuilder {
    segments: Vec<Segment>,
    width: f32,
    last_style: Option<Ink>,
}

impl LineBuilder {
    fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }

    fn push_text(&mut self, fonts: &FontSet, style: Ink, text: &str, size: f32) {
        let width = fonts.get(style.font).width(text, size);
        self.width += width;
        match self.segments.last_mut() {
            Some(seg) if seg.style == style => {
                seg.text.push_str(text);
                seg.width += width;
            }
            _ => self.segments.push(Segment {
                style,
                text: text.to_string(),
                width,
            }),
        }
    }

    fn push_word(&mut self, fonts: &FontSet, pieces: Vec<(Ink, String)>, size: f32) {
        if let Some(style) = self.last_style.filter(|_| !self.is_empty()) {
            self.push_text(fonts, style, " ", size);
        }
        for (style, text) in pieces {
            self.push_text(fonts, style, &text, size);
            self.last_style = Some(style);
        }
    }

    fn finish(self) -> Vec<Segment> {
        self.segments
    }
}

enum Word {
    Text(Vec<(Ink, String)>),
    Break,
}

/// Splits runs into words (a word may change style midway, as in "**flat**.").
fn words(runs: &[Run], links: &mut Vec<String>) -> Vec<Word> {
    let mut words = Vec::new();
    let mut current: Vec<(Ink, String)> = Vec::new();
    for run in runs {
        let style = Ink {
            font: FontStyle::new(run.bold, run.italic),
            link: run.link.as_ref().map(|l| link_index(links, l)),
        };
        let mut piece = String::new();
        for c in run.text.chars() {
            if c == ' ' || c == LINE_BREAK {
                if !piece.is_empty() {
                    current.push((style, std::mem::take(&mut piece)));
                }
                if !current.is_empty() {
                    words.push(Word::Text(std::mem::take(&mut current)));
                }
                if c == LINE_BREAK {
                    words.push(Word::Break);
                }
            } else {
                piece.push(c);
            }
        }
        if !piece.is_empty() {
            current.push((style, piece));
        }
    }
    if !current.is_empty() {
        words.push(Word::Text(current));
    }
    words
}

fn split_long_word(
    fonts: &FontSet,
    pieces: &[(Ink, String)],
    size: f32,
    width: f32,
) -> Vec<Vec<(Ink, String)>> {
    let mut out = Vec::new();
    let mut current: Vec<(Ink, String)> = Vec::new();
    let mut current_width = 0.0;
    for (style, text) in pieces {
        for c in text.chars() {
            let w = fonts
                .get(style.font)
                .width(c.encode_utf8(&mut [0; 4]), size);
            if current_width + w > width && current_width > 0.0 {
                out.push(std::mem::take(&mut current));
                current_width = 0.0;
            }
            match current.last_mut() {
                Some((s, t)) if s == style => t.push(c),
                _ => current.push((*style, c.to_string())),
            }
            current_width += w;
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// A QR code's width in modules, and whether each module is dark.
type QrModules = std::sync::Arc<(usize, Vec<bool>)>;

/// The modules of the QR code for `data` (width, dark or not), encoded once per
/// process: an exercise's code appears on its card and on every handout using it,
/// and encoding (which tries all eight masks) costs about a millisecond.
fn qr_modules(data: &str) -> Option<QrModules> {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex, OnceLock};
    static CODES: OnceLock<Mutex<HashMap<String, Option<QrModules>>>> = OnceLock::new();
    let codes = CODES.get_or_init(Default::default);
    if let Some(found) = codes.lock().unwrap_or_else(|e| e.into_inner()).get(data) {
        return found.clone();
    }
    // Level L keeps the code coarse (fewer, larger squares): printed paper is clean,
    // and a large module is what an older phone camera needs.
    let code = qrcode::QrCode::with_error_correction_level(data, qrcode::EcLevel::L)
        .ok()
        .map(|code| {
            let dark = code
                .to_colors()
                .into_iter()
                .map(|c| c == qrcode::Color::Dark)
                .collect();
            Arc::new((code.width(), dark))
        });
    codes
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(data.to_string(), code.clone());
    code
}

/// A QR code drawn as filled squares (each run of dark modules in a row is one
/// rectangle), with its quiet zone, plus a link over it. Data too long to encode draws nothing.
fn qr_marks(data: &str, x: f32, size: f32) -> Vec<Mark> {
    let Some(code) = qr_modules(data) else {
        return Vec::new();
    };
    let (modules, colors) = (code.0, &code.1);
    let quiet = 2;
    let unit = size / (modules + 2 * quiet) as f32;
    let mut marks = Vec::new();
    for row in 0..modules {
        let mut col = 0;
        while col < modules {
            if colors[row * modules + col] {
                let start = col;
                while col < modules && colors[row * modules + col] {
                    col += 1;
                }
                marks.push(Mark::Rect {
                    x: x + (start + quiet) as f32 * unit,
                    y: (row + quiet) as f32 * unit,
                    // A hair wider and taller, so neighbouring squares leave no seams.
                    width: (col - start) as f32 * unit + 0.05,
                    height: unit + 0.05,
                    fill: Some(Color(0.0, 0.0, 0.0)),
                    stroke: None,
                });
            } else {
                col += 1;
            }
        }
    }
    marks.push(Mark::Link {
        x,
        y: 0.0,
        width: size,
        height: size,
        uri: data.to_string(),
    });
    marks
}

fn stack_height(rows: &[Row]) -> f32 {
    rows.iter()
        .enumerate()
        .map(|(i, r)| r.height + if i > 0 { r.gap } else { 0.0 })
        .sum()
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
        other => other.clone(),
    }
}

/// Groups rows that must be placed together: a row that keeps with the next, or
/// consecutive rows with the same (present) `key`.
fn together(rows: Vec<Row>, key: impl Fn(&Row) -> Option<u32>) -> Vec<Vec<Row>> {
    let mut groups: Vec<Vec<Row>> = Vec::new();
    for row in rows {
        let joins = groups.last().and_then(|g| g.last()).is_some_and(|prev| {
            prev.keep_with_next || (key(&row).is_some() && key(&row) == key(prev))
        });
        match groups.last_mut() {
            Some(group) if joins => group.push(row),
            _ => groups.push(vec![row]),
        }
    }
    groups
}

/// Rows that must be placed together: a keep group, or a heading with what follows.
fn units(rows: Vec<Row>) -> Vec<Vec<Row>> {
    together(rows, |r| r.group)
}

/// A unit's rows grouped into pieces that must not be split: a nested keep, or a
/// row that must stay with the next.
fn chunks(unit: Vec<Row>) -> Vec<Vec<Row>> {
    together(unit, |r| r.chunk)
}

fn paginate(rows: Vec<Row>, top: f32, bottom: f32) -> Vec<Page> {
    let mut pages = vec![Page::default()];
    let mut y = top;
    let place = |row: Row, y: &mut f32, page: &mut Page| {
        if *y > top {
            *y += row.gap;
        }
        let at = *y;
        page.marks
            .extend(row.marks.into_iter().map(|m| m.shifted(0.0, at)));
        *y += row.height;
    };
    for unit in units(rows) {
        let first_gap = if y > top { unit[0].gap } else { 0.0 };
        let height = stack_height(&unit);
        // A unit that does not fit in what is left moves to a new page if it fits there,
        // or, too tall for any page, if little of this page is left to start it on.
        let little_left = bottom - y < (bottom - top) * 0.4;
        let too_tall = height > bottom - top;
        if y + first_gap + height > bottom && y > top && (!too_tall || little_left) {
            pages.push(Page::default());
            y = top;
        }
        // Too tall for one page: it breaks between rows, but never inside a nested
        // keep (a chunk) or between a heading and what follows, when those fit a page.
        for piece in chunks(unit) {
            let gap = if y > top { piece[0].gap } else { 0.0 };
            let height = stack_height(&piece);
            if y + gap + height > bottom && y > top && height <= bottom - top {
                pages.push(Page::default());
                y = top;
            }
            for row in piece {
                let gap = if y > top { row.gap } else { 0.0 };
                if y + gap + row.height > bottom && y > top {
                    pages.push(Page::default());
                    y = top;
                }
                let page = pages.last_mut().expect("at least one page");
                place(row, &mut y, page);
            }
        }
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;
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
    fn long_words_are_hyphenated_in_the_site_language() {
        let markup = "<sheet><columns><column width=\"22\"><p>Physiotherapists recommend comprehensive rehabilitation programmes.</p></column></columns></sheet>";
        let sheet = parse(markup).unwrap();
        let page = PageGeometry::for_paper(Paper::Letter);
        let english = Typesetter::new(FontSet::dejavu(), page)
            .with_language("en")
            .typeset(&sheet);
        let lines: Vec<String> = texts(&english.pages[0]).into_iter().map(|l| l.2).collect();
        assert!(lines.iter().any(|l| l.ends_with('-')), "{lines:?}");
        let joined: String = lines.concat().replace('-', "");
        assert_eq!(
            joined.replace(' ', ""),
            "Physiotherapistsrecommendcomprehensiverehabilitationprogrammes."
        );
        // Without a dictionary, words only break where they must.
        let plain = Typesetter::new(FontSet::dejavu(), page)
            .with_language("xx")
            .typeset(&sheet);
        assert!(texts(&plain.pages[0]).iter().all(|l| !l.2.ends_with('-')));
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
