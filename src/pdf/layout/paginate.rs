//! Pagination: rows of laid-out marks placed on pages, keeping together what
//! must stay together.

use super::marks::{Mark, Page};

/// A horizontal strip that is never split across pages.
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
}

impl Row {
    /// A row that need not stay with the next one.
    pub(super) fn new(gap: f32, height: f32, marks: Vec<Mark>, group: Option<u32>) -> Self {
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

/// Rows that must be placed together: a keep group, or a heading with what follows.
fn units(rows: Vec<Row>) -> Vec<Vec<Row>> {
    together(rows, |r| r.group)
}

/// A unit's rows grouped into pieces that must not be split: a nested keep, or a
/// row that must stay with the next.
fn chunks(unit: Vec<Row>) -> Vec<Vec<Row>> {
    together(unit, |r| r.chunk)
}

pub(super) fn paginate(rows: Vec<Row>, top: f32, bottom: f32) -> Vec<Page> {
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
