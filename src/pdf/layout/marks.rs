//! What a typeset page is made of: page geometry, colours, and the marks drawn.

use super::super::fonts::FontStyle;
use super::qr::QrSymbol;
use crate::content::library::Paper;
use crate::figure::Drawing;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Color(pub f32, pub f32, pub f32);

pub(super) const INK: Color = Color(0.10, 0.10, 0.12);
pub(super) const HEADING: Color = Color(0.04, 0.27, 0.33);
pub(super) const MUTED: Color = Color(0.30, 0.30, 0.33);
pub(super) const BOX_FILL: Color = Color(0.92, 0.96, 0.96);
pub(super) const BOX_STROKE: Color = Color(0.04, 0.40, 0.45);
pub(super) const RULE: Color = Color(0.70, 0.72, 0.75);
pub(super) const LINK: Color = Color(0.02, 0.25, 0.55);

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
            margin: 36.0,
            scale: 1.0,
        }
    }

    /// Large print: body text 18 pt, larger headings, no italics.
    pub fn large_print(self) -> Self {
        PageGeometry {
            margin: 30.0,
            scale: 1.5,
            ..self
        }
    }

    pub fn is_large_print(&self) -> bool {
        self.scale > 1.0
    }

    pub(super) fn text_width(&self) -> f32 {
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
    /// A QR code, quiet zone included, in a square `size` wide.
    Qr {
        x: f32,
        y: f32,
        size: f32,
        symbol: Arc<QrSymbol>,
    },
    /// A drawn figure but its labels, its top left corner at (`x`, `y`), `scale`
    /// points to each of the drawing's units.
    Figure {
        x: f32,
        y: f32,
        scale: f32,
        drawing: Arc<Drawing>,
    },
}

impl Mark {
    pub(super) fn scale(&mut self, s: f32) {
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
            Mark::Figure { x, y, scale, .. } => {
                *x *= s;
                *y *= s;
                *scale *= s;
            }
            Mark::Qr { x, y, size, .. } => {
                *x *= s;
                *y *= s;
                *size *= s;
            }
        }
    }

    /// Where the mark begins, down the page; text counts from its baseline, since
    /// a line of text lies wholly on one side of any place a row is cut.
    pub(super) fn top(&self) -> f32 {
        match self {
            Mark::Text { baseline, .. } => *baseline,
            Mark::Rect { y, .. }
            | Mark::Image { y, .. }
            | Mark::Link { y, .. }
            | Mark::Qr { y, .. } => *y,
            Mark::Line { y1, y2, .. } => y1.min(*y2),
            Mark::Figure { y, .. } => *y,
        }
    }

    /// Where the mark ends, down the page (for text, below its descenders).
    pub fn bottom(&self) -> f32 {
        match self {
            Mark::Text { baseline, size, .. } => baseline + 0.25 * size,
            Mark::Rect { y, height, .. }
            | Mark::Image { y, height, .. }
            | Mark::Link { y, height, .. } => y + height,
            Mark::Qr { y, size, .. } => y + size,
            Mark::Line { y1, y2, .. } => y1.max(*y2),
            Mark::Figure {
                y, scale, drawing, ..
            } => y + drawing.height * scale,
        }
    }

    pub(super) fn shifted(mut self, dx: f32, dy: f32) -> Mark {
        match &mut self {
            Mark::Text { x, baseline, .. } => {
                *x += dx;
                *baseline += dy;
            }
            Mark::Rect { x, y, .. }
            | Mark::Image { x, y, .. }
            | Mark::Link { x, y, .. }
            | Mark::Qr { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
            Mark::Line { x1, y1, x2, y2, .. } => {
                *x1 += dx;
                *x2 += dx;
                *y1 += dy;
                *y2 += dy;
            }
            Mark::Figure { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
        }
        self
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub marks: Vec<Mark>,
}
