//! Pagination: rows of laid-out marks placed on pages, keeping together what
//! must stay together, and never drawing past the bottom of the page.
//!
//! A row is a horizontal strip. Most rows are one line of text or one widget
//! and never split; a row made of blocks side by side (columns) or a framed box
//! knows the offsets where it may be cut, and is cut there when it does not fit.

use std::collections::BTreeMap;

use super::marks::{Mark, Page};

/// A place where a row may be cut across pages, measured from the row's top.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Break {
    pub(super) at: f32,
    /// False where a cut would separate what should stay together (a heading from its
    /// text, one line of a paragraph from the rest, the inside of a `<keep>`): used
    /// only when nothing better lets the row fit on a page.
    pub(super) preferred: bool,
}

/// A horizontal strip of marks.
#[derive(Debug, Clone)]
pub(super) struct Row {
    /// Space above the row, dropped at the top of a page.
    pub(super) gap: f32,
    pub(super) height: f32,
    /// Marks with `y` relative to the row's top.
    pub(super) marks: Vec<Mark>,
    pub(super) keep_with_next: bool,
    /// The outermost `<keep>` this row is in: kept on one page when it fits.
    pub(super) group: Option<u32>,
    /// A `<keep>` nested inside it: kept whole even when the outer one must split.
    pub(super) chunk: Option<u32>,
    /// The innermost `<part>` this row is in: where the part goes on over a page
    /// break, its continuation line heads the new page.
    pub(super) part: Option<u32>,
    /// Where the row may be cut, ascending; empty for a row that never splits.
    pub(super) breaks: Vec<Break>,
    /// Blocks side by side, each a row of its own (their marks are theirs, not the
    /// row's): cut across pages each at its own best place.
    pub(super) columns: Vec<Row>,
}

/// The most pages one sheet may run to. A home-exercise sheet is read by one
/// patient; past this a sheet is refused, which also bounds the layout's work.
pub const MAX_PAGES: usize = 100;

/// Frames cut across a page break get this much room on each side of the cut.
const CUT_PAD: f32 = 6.0;

impl Row {
    /// A row that need not stay with the next one and never splits.
    pub(super) fn new(gap: f32, height: f32, marks: Vec<Mark>, group: Option<u32>) -> Self {
        Row {
            gap,
            height,
            marks,
            keep_with_next: false,
            group,
            chunk: None,
            part: None,
            breaks: Vec::new(),
            columns: Vec::new(),
        }
    }

    /// A row of blocks side by side.
    pub(super) fn side_by_side(gap: f32, columns: Vec<Row>, group: Option<u32>) -> Self {
        let height = columns.iter().map(|c| c.height).fold(0.0, f32::max);
        Row {
            columns,
            ..Row::new(gap, height, Vec::new(), group)
        }
    }

    /// Every mark of the row, its columns' included.
    fn into_marks(self) -> Vec<Mark> {
        let mut marks = self.marks;
        marks.extend(self.columns.into_iter().flat_map(Row::into_marks));
        marks
    }

    /// The same marks as one strip, for a row placed inside another block: side by
    /// side, it can then be cut only where every column can be cut at once.
    pub(super) fn flattened(self) -> Row {
        if self.columns.is_empty() {
            return self;
        }
        let breaks = side_by_side_breaks(&self.columns);
        Row {
            breaks,
            marks: self.columns.into_iter().flat_map(Row::into_marks).collect(),
            columns: Vec::new(),
            ..self
        }
    }

    /// Whether the row has any place it may be cut: a break of its own, or
    /// blocks side by side (each of which may end, or be cut, on its own).
    fn may_split(&self) -> bool {
        !self.breaks.is_empty() || !self.columns.is_empty()
    }

    /// The height of the part above the first preferred cut: what must fit for the
    /// row to start on a page.
    fn first_piece(&self) -> f32 {
        if !self.columns.is_empty() {
            return self
                .columns
                .iter()
                .map(Row::first_piece)
                .fold(0.0, f32::max);
        }
        self.breaks
            .iter()
            .find(|b| b.preferred)
            .map_or(self.height, |b| b.at)
    }

    /// The deepest cut that leaves at most `room` above it.
    fn cut_within(&self, room: f32, preferred_only: bool) -> Option<f32> {
        // Breaks are in order: start from the deepest within `room`, and ask whether
        // a frame needs padding (a walk over the marks) only of the few candidates
        // within a pad's height of it, so a cut costs the same however long the row.
        let deepest = self.breaks.partition_point(|b| b.at <= room);
        self.breaks[..deepest]
            .iter()
            .rev()
            .filter(|b| (b.preferred || !preferred_only) && b.at > 0.0 && b.at < self.height)
            .map(|b| b.at)
            .find(|at| *at + CUT_PAD <= room || *at + self.pad_at(*at) <= room)
    }

    /// Whether [`Row::split_within`] would find a cut, without making it.
    fn can_split_within(&self, room: f32, preferred_only: bool) -> bool {
        if self.columns.is_empty() {
            return self.cut_within(room, preferred_only).is_some();
        }
        self.columns
            .iter()
            .all(|c| c.height <= room || c.cut_within(room, preferred_only).is_some())
    }

    /// Cuts the row so that the part above fits in `room`; gives it back whole when
    /// it cannot be. Columns are cut each at its own deepest break.
    fn split_within(mut self, room: f32, preferred_only: bool) -> Result<(Row, Row), Row> {
        if self.columns.is_empty() {
            return match self.cut_within(room, preferred_only) {
                Some(at) => Ok(self.split(at)),
                None => Err(self),
            };
        }
        let fits = |c: &Row| c.height <= room || c.cut_within(room, preferred_only).is_some();
        if !self.columns.iter().all(fits) {
            return Err(self);
        }
        let (mut above, mut below) = (Vec::new(), Vec::new());
        for column in std::mem::take(&mut self.columns) {
            match column.cut_within(room, preferred_only) {
                Some(at) if column.height > room => {
                    let (top, bottom) = column.split(at);
                    above.push(top);
                    below.push(bottom);
                }
                _ => {
                    below.push(Row::new(0.0, 0.0, Vec::new(), column.group));
                    above.push(column);
                }
            }
        }
        Ok(self.cut_into(above, below))
    }

    /// Cuts every column at `room` even where that crosses marks: the last resort
    /// for a row that cannot otherwise be placed, so nothing is drawn past the page.
    fn force_split(mut self, room: f32) -> (Row, Row) {
        if self.columns.is_empty() {
            return self.split(room);
        }
        let (mut above, mut below) = (Vec::new(), Vec::new());
        for column in std::mem::take(&mut self.columns) {
            if column.height > room {
                let (top, bottom) = column.split(room);
                above.push(top);
                below.push(bottom);
            } else {
                below.push(Row::new(0.0, 0.0, Vec::new(), column.group));
                above.push(column);
            }
        }
        self.cut_into(above, below)
    }

    /// This row's two pieces, made of the columns' pieces above and below a cut.
    fn cut_into(self, above: Vec<Row>, below: Vec<Row>) -> (Row, Row) {
        let top = Row {
            keep_with_next: false,
            part: self.part,
            chunk: self.chunk,
            ..Row::side_by_side(self.gap, above, self.group)
        };
        let bottom = Row {
            keep_with_next: self.keep_with_next,
            part: self.part,
            chunk: self.chunk,
            ..Row::side_by_side(0.0, below, self.group)
        };
        (top, bottom)
    }

    /// Whether a frame (a box's outline) crosses `at`, and so needs room around the cut.
    fn pad_at(&self, at: f32) -> f32 {
        let crosses = self
            .marks
            .iter()
            .any(|m| matches!(m, Mark::Rect { y, height, .. } if *y < at && y + height > at));
        if crosses { CUT_PAD } else { 0.0 }
    }

    /// Cuts the row at `at` into what goes above and what goes below. Marks are
    /// sorted by where they start; a frame that crosses the cut is drawn as two.
    fn split(self, at: f32) -> (Row, Row) {
        let pad = self.pad_at(at);
        let (mut above, mut below) = (Vec::new(), Vec::new());
        for mark in self.marks {
            match mark {
                Mark::Rect {
                    x,
                    y,
                    width,
                    height,
                    fill,
                    stroke,
                } if y < at && y + height > at => {
                    above.push(Mark::Rect {
                        x,
                        y,
                        width,
                        height: at + pad - y,
                        fill,
                        stroke,
                    });
                    below.push(Mark::Rect {
                        x,
                        y: 0.0,
                        width,
                        height: y + height - at + pad,
                        fill,
                        stroke,
                    });
                }
                mark if mark.top() < at => above.push(mark),
                mark => below.push(mark.shifted(0.0, pad - at)),
            }
        }
        let (early, late): (Vec<Break>, Vec<Break>) =
            self.breaks.into_iter().partition(|b| b.at < at);
        let top = Row {
            gap: self.gap,
            height: at + pad,
            marks: above,
            keep_with_next: false,
            group: self.group,
            chunk: self.chunk,
            part: self.part,
            breaks: early,
            columns: Vec::new(),
        };
        let bottom = Row {
            gap: 0.0,
            height: self.height - at + pad,
            marks: below,
            keep_with_next: self.keep_with_next,
            group: self.group,
            chunk: self.chunk,
            part: self.part,
            breaks: late
                .into_iter()
                .filter(|b| b.at > at)
                .map(|b| Break {
                    at: b.at - at + pad,
                    ..b
                })
                .collect(),
            columns: Vec::new(),
        };
        (top, bottom)
    }
}

pub(super) fn stack_height(rows: &[Row]) -> f32 {
    rows.iter()
        .enumerate()
        .map(|(i, r)| r.height + if i > 0 { r.gap } else { 0.0 })
        .sum()
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

/// Places rows on pages, top to bottom, between `top` and `bottom`.
struct Pager<'a> {
    pages: Vec<Page>,
    top: f32,
    bottom: f32,
    y: f32,
    /// The parts that have something on the current page.
    parts_here: Vec<u32>,
    /// Each part's continuation line, laid out in advance.
    continued: &'a BTreeMap<u32, Vec<Row>>,
    /// Set when the sheet needed more than [`MAX_PAGES`]: placing then stops.
    too_long: bool,
}

impl Pager<'_> {
    fn room(&self) -> f32 {
        self.bottom - self.y
    }

    fn page_height(&self) -> f32 {
        self.bottom - self.top
    }

    fn at_top(&self) -> bool {
        self.y <= self.top
    }

    /// The space `rows` take placed here, with the first one's gap unless at the top.
    fn need(&self, rows: &[Row]) -> f32 {
        stack_height(rows) + self.gap(&rows[0])
    }

    fn gap(&self, row: &Row) -> f32 {
        if self.at_top() { 0.0 } else { row.gap }
    }

    /// Starts a new page; when `row` goes on with a part begun on this one, the
    /// part's continuation line heads the new page.
    fn new_page(&mut self, row: &Row) {
        if self.pages.len() >= MAX_PAGES {
            self.too_long = true;
            return;
        }
        let continues = row.part.filter(|p| self.parts_here.contains(p));
        self.pages.push(Page::default());
        self.y = self.top;
        self.parts_here.clear();
        if let Some(part) = continues {
            for line in self.continued.get(&part).into_iter().flatten() {
                self.put(line.clone());
            }
            self.parts_here.push(part);
        }
    }

    /// Draws `row` at the current position, whether or not it fits.
    fn put(&mut self, row: Row) {
        if self.too_long {
            return;
        }
        self.y += self.gap(&row);
        let at = self.y;
        if let Some(part) = row.part
            && !self.parts_here.contains(&part)
        {
            self.parts_here.push(part);
        }
        self.y += row.height;
        let page = self.pages.last_mut().expect("at least one page");
        page.marks
            .extend(row.into_marks().into_iter().map(|m| m.shifted(0.0, at)));
    }

    /// Places a unit: a `<keep>` (whole on one page when it fits one) or rows linked
    /// to the next (a heading and its text, a paragraph's first and last lines).
    fn unit(&mut self, unit: Vec<Row>) {
        if self.need(&unit) <= self.room() {
            unit.into_iter().for_each(|row| self.put(row));
            return;
        }
        // A keep alone: kept whole. A keep linked to what follows it (an exercise's
        // name and dose, linked to its steps) is placed like any linked rows.
        let is_keep = unit[0].group.is_some() && unit.iter().all(|r| r.group == unit[0].group);
        // A keep that fits a page moves to the next; one too tall for any page starts
        // there too when little of this page is left to start it on.
        let fits_a_page = stack_height(&unit) <= self.page_height();
        let little_left = self.room() < self.page_height() * 0.4;
        if is_keep && (fits_a_page || little_left) && !self.at_top() {
            self.new_page(&unit[0]);
            if fits_a_page {
                unit.into_iter().for_each(|row| self.put(row));
                return;
            }
        }
        if !is_keep {
            // Linked rows: they start here only if everything up to their first
            // possible break fits.
            self.piece(unit);
            return;
        }
        // A keep too tall for a page breaks, but never inside a nested keep (a chunk)
        // that fits a page.
        for piece in together(unit, |r| r.chunk) {
            let whole = piece[0].chunk.is_some() && stack_height(&piece) <= self.page_height();
            if whole && self.need(&piece) > self.room() && !self.at_top() {
                self.new_page(&piece[0]);
            }
            self.piece(piece);
        }
    }

    /// Places rows that should stay together as far as possible: it starts here only
    /// if everything up to the first place it may break fits here.
    fn piece(&mut self, piece: Vec<Row>) {
        // Blocks side by side inside a `<keep>` (a name and dose with the QR code
        // beside them) are not a place to start breaking: the keep comes first.
        let head_rows = piece
            .iter()
            .position(|r| r.may_split() && (r.group.is_none() || r.columns.is_empty()))
            .map_or(piece.len(), |i| i + 1);
        let head = &piece[..head_rows];
        let head_need =
            self.need(head) - head[head_rows - 1].height + head[head_rows - 1].first_piece();
        if head_need > self.room() && !self.at_top() {
            self.new_page(&piece[0]);
        }
        for row in piece {
            self.row(row);
        }
    }

    /// Places one row, cutting it across pages where it does not fit.
    fn row(&mut self, mut row: Row) {
        loop {
            if self.too_long {
                return;
            }
            let gap = self.gap(&row);
            if gap + row.height <= self.room() {
                self.put(row);
                return;
            }
            let room = self.room() - gap;
            let page = self.page_height();
            // Cutting where it separates what belongs together is only for a row that
            // cannot fit a whole page any other way.
            let hopeless = row.height > page && !row.can_split_within(page, true);
            let split = match row.split_within(room, true) {
                Err(whole) if hopeless => whole.split_within(room, false),
                other => other,
            };
            row = match split {
                Ok((above, below)) => {
                    self.put(above);
                    self.new_page(&below);
                    below
                }
                Err(whole) if !self.at_top() => {
                    self.new_page(&whole);
                    whole
                }
                Err(whole) => {
                    // Nothing can make it fit: a row taller than a page with no cut at
                    // all. The layout never makes one (pictures are capped to the
                    // page), so this only guards against drawing past the page.
                    let (above, below) = whole.force_split(room.max(1.0));
                    self.put(above);
                    self.new_page(&below);
                    below
                }
            };
        }
    }
}

/// Where blocks side by side may all be cut at once: where each is either cut or
/// already ended. A cut is preferred only if it is preferred in every block it crosses.
fn side_by_side_breaks(columns: &[Row]) -> Vec<Break> {
    const SAME: f32 = 0.01;
    let mut candidates: Vec<f32> = columns
        .iter()
        .flat_map(|c| c.breaks.iter().map(|b| b.at).chain([c.height]))
        .collect();
    candidates.sort_by(f32::total_cmp);
    candidates.dedup_by(|a, b| (*a - *b).abs() < SAME);
    candidates
        .into_iter()
        .filter_map(|at| {
            let mut preferred = true;
            for column in columns {
                if at >= column.height - SAME {
                    continue;
                }
                let found = column.breaks.iter().find(|b| (b.at - at).abs() < SAME)?;
                preferred &= found.preferred;
            }
            Some(Break { at, preferred })
        })
        .collect()
}

/// Lays rows out on pages between `top` and `bottom`; `continued` holds each
/// part's continuation line. None when the sheet would run past [`MAX_PAGES`].
pub(super) fn paginate(
    rows: Vec<Row>,
    top: f32,
    bottom: f32,
    continued: &BTreeMap<u32, Vec<Row>>,
) -> Option<Vec<Page>> {
    let mut pager = Pager {
        pages: vec![Page::default()],
        top,
        bottom,
        y: top,
        parts_here: Vec::new(),
        continued,
        too_long: false,
    };
    for unit in together(rows, |r| r.group) {
        if pager.too_long {
            return None;
        }
        pager.unit(unit);
    }
    (!pager.too_long).then_some(pager.pages)
}

#[cfg(test)]
mod tests;
