//! A drawn figure on a sheet: one form XObject with every limb, outline and arrow
//! as a vector path, and its panels' labels as text on the page.
//!
//! A figure is some 150 path operators. Drawn as page operations they went through
//! printpdf one by one, which made them a tenth of a whole build; as the operators
//! of a form XObject they are written here, once per sheet, in the drawing's own
//! units, and the page places them with a single `Do`.

use std::sync::Arc;

use super::marks::{Color, Mark};
use super::words::SheetWords;
use crate::figure::draw::{LABEL_SIZE, OUTLINE, PanelName};
use crate::figure::{Drawing, Shape, Tone};
use crate::pdf::fonts::FontStyle;

/// Fill and outline colours of a tone, as the figure module defines them.
fn colours(tone: Tone) -> (Color, Color) {
    let colour = |[r, g, b]: [f32; 3]| Color(r, g, b);
    let (fill, line) = tone.colours();
    (colour(fill), colour(line))
}

/// The drawing scaled to fit `width` × `max_height` at (`x`, 0): its marks (the
/// figure, then its labels over it) and its height. Its panels' labels are given
/// in the sheet's language by `words`.
pub(super) fn figure_marks(
    drawing: &Arc<Drawing>,
    x: f32,
    width: f32,
    max_height: f32,
    words: &SheetWords,
) -> (Vec<Mark>, f32) {
    let scale = (width / drawing.width).min(max_height / drawing.height);
    let height = drawing.height * scale;
    // Centred in the column; y measured down from the row's top.
    let left = x + (width - drawing.width * scale) / 2.0;
    let mut marks = vec![Mark::Figure {
        x: left,
        y: 0.0,
        scale,
        drawing: Arc::clone(drawing),
    }];
    for shape in &drawing.shapes {
        if let Shape::Label { at, panel } = shape {
            marks.push(Mark::Text {
                x: left + at.0 * scale,
                baseline: height - at.1 * scale,
                style: FontStyle::Bold,
                // Never below the sheets' smallest text.
                size: (LABEL_SIZE * scale).max(11.0),
                color: colours(Tone::Near).1,
                text: match panel {
                    PanelName::Start => words.start.clone(),
                    PanelName::End => words.end.clone(),
                },
            });
        }
    }
    (marks, height)
}

/// How far strokes may reach past a drawing's box, in its units: the form's box
/// is this much larger on every side, so that nothing is clipped.
pub(crate) const BLEED: f32 = 2.0 * OUTLINE;

/// PDF operators drawing every shape of `drawing` but its labels, in the drawing's
/// own units with y going up from its bottom left corner (a form XObject's space),
/// with round caps and joins. The same drawing always gives the same bytes.
pub(crate) fn figure_operators(drawing: &Drawing) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 * drawing.shapes.len());
    out.extend_from_slice(b"1 J\n1 j\n");
    // The colours and width in force, each set only when it changes.
    let mut pen = Pen::default();
    for shape in &drawing.shapes {
        match shape {
            Shape::Capsule { a, b, radius, tone } => {
                // An outline: a wider dark stroke, then the fill colour over it.
                let (fill, line) = colours(*tone);
                pen.stroke(&mut out, line, 2.0 * (radius + OUTLINE));
                path(&mut out, &[*a, *b]);
                out.extend_from_slice(b"S\n");
                pen.stroke(&mut out, fill, 2.0 * radius);
                path(&mut out, &[*a, *b]);
                out.extend_from_slice(b"S\n");
            }
            Shape::Line {
                points,
                width,
                tone,
            } => {
                pen.stroke(&mut out, colours(*tone).1, *width);
                path(&mut out, points);
                out.extend_from_slice(b"S\n");
            }
            Shape::Polygon { points, tone } => {
                let (fill, line) = colours(*tone);
                pen.fill(&mut out, fill);
                pen.stroke(&mut out, line, OUTLINE);
                path(&mut out, points);
                out.extend_from_slice(b"h\nB\n");
            }
            Shape::Arrowhead { points } => {
                let ink = colours(Tone::Near).1;
                pen.fill(&mut out, ink);
                pen.stroke(&mut out, ink, 0.8);
                path(&mut out, points);
                out.extend_from_slice(b"h\nB\n");
            }
            Shape::Label { .. } => {}
        }
    }
    out
}

/// The graphics state a figure's operators have set so far.
#[derive(Default)]
struct Pen {
    fill: Option<Color>,
    line: Option<Color>,
    width: Option<f32>,
}

impl Pen {
    fn stroke(&mut self, out: &mut Vec<u8>, colour: Color, width: f32) {
        if self.line != Some(colour) {
            push_colour(out, colour, b"RG\n");
            self.line = Some(colour);
        }
        if self.width != Some(width) {
            push_number(out, width);
            out.extend_from_slice(b" w\n");
            self.width = Some(width);
        }
    }

    fn fill(&mut self, out: &mut Vec<u8>, colour: Color) {
        if self.fill != Some(colour) {
            push_colour(out, colour, b"rg\n");
            self.fill = Some(colour);
        }
    }
}

fn push_colour(out: &mut Vec<u8>, Color(r, g, b): Color, operator: &[u8]) {
    for part in [r, g, b] {
        push_number(out, part);
        out.push(b' ');
    }
    out.extend_from_slice(operator);
}

/// `x y m x y l ...`: a path through `points`.
fn path(out: &mut Vec<u8>, points: &[(f32, f32)]) {
    for (i, (x, y)) in points.iter().enumerate() {
        push_number(out, *x);
        out.push(b' ');
        push_number(out, *y);
        out.extend_from_slice(if i == 0 { b" m\n" } else { b" l\n" });
    }
}

/// `v` to two decimals, trailing zeros dropped (`12.5`, `-0.04`, `3`): a
/// hundredth of a drawing unit is well under a tenth of a point on paper.
fn push_number(out: &mut Vec<u8>, v: f32) {
    let hundredths = (f64::from(v) * 100.0).round();
    if !hundredths.is_finite() || hundredths.abs() >= 1e15 {
        out.push(b'0');
        return;
    }
    let hundredths = hundredths as i64;
    if hundredths < 0 {
        out.push(b'-');
    }
    let n = hundredths.unsigned_abs();
    let mut digits = itoa::Buffer::new();
    out.extend_from_slice(digits.format(n / 100).as_bytes());
    let cents = n % 100;
    if cents != 0 {
        out.push(b'.');
        out.push(b'0' + (cents / 10) as u8);
        if !cents.is_multiple_of(10) {
            out.push(b'0' + (cents % 10) as u8);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(v: f32) -> String {
        let mut out = Vec::new();
        push_number(&mut out, v);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn numbers_are_short_and_exact_to_a_hundredth() {
        for (v, text) in [
            (0.0, "0"),
            (-0.0, "0"),
            (3.0, "3"),
            (12.5, "12.5"),
            (-0.04, "-0.04"),
            (0.004, "0"),
            (1.005, "1"),
            (99.999, "100"),
            (0.1, "0.1"),
            (1234.56, "1234.56"),
        ] {
            assert_eq!(number(v), text, "for {v}");
        }
        for i in -5000..5000 {
            let v = i as f32 * 0.0731;
            let back: f32 = number(v).parse().unwrap();
            assert!((back - v).abs() <= 0.005 + 1e-4, "{v} written as {back}");
        }
    }

    #[test]
    fn a_figure_s_operators_stroke_every_limb_and_fill_every_polygon() {
        let drawing = Drawing {
            width: 100.0,
            height: 50.0,
            shapes: vec![
                Shape::Capsule {
                    a: (10.0, 10.0),
                    b: (40.0, 20.5),
                    radius: 3.0,
                    tone: Tone::Near,
                },
                Shape::Polygon {
                    points: vec![(0.0, 0.0), (10.0, 0.0), (5.0, 8.0)],
                    tone: Tone::Prop,
                },
                Shape::Label {
                    at: (1.0, 2.0),
                    panel: PanelName::Start,
                },
            ],
        };
        let text = String::from_utf8(figure_operators(&drawing)).unwrap();
        let ops: Vec<&str> = text.lines().collect();
        assert_eq!(ops[..2], ["1 J", "1 j"]);
        // Outline, then fill, along the same limb.
        assert_eq!(ops.iter().filter(|l| **l == "10 10 m").count(), 2);
        assert_eq!(ops.iter().filter(|l| **l == "40 20.5 l").count(), 2);
        assert!(ops.contains(&"8.6 w") && ops.contains(&"6 w"), "{text}");
        assert_eq!(ops.iter().filter(|l| **l == "S").count(), 2);
        // The polygon: filled and outlined, closed.
        assert!(
            ops.ends_with(&["0 0 m", "10 0 l", "5 8 l", "h", "B"]),
            "{text}"
        );
        assert!(!text.contains("BT"), "labels are drawn as page text");
    }
}
