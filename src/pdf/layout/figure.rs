//! A drawn figure as marks: every limb, outline and arrow a vector path.

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

/// The drawing scaled to fit `width` × `max_height` at (`x`, 0): its marks and height.
/// Its panels' labels are given in the sheet's language by `words`.
pub(super) fn figure_marks(
    drawing: &Drawing,
    x: f32,
    width: f32,
    max_height: f32,
    words: &SheetWords,
) -> (Vec<Mark>, f32) {
    let scale = (width / drawing.width).min(max_height / drawing.height);
    let height = drawing.height * scale;
    // Centred in the column; y measured down from the row's top.
    let left = x + (width - drawing.width * scale) / 2.0;
    let at = |(px, py): (f32, f32)| (left + px * scale, height - py * scale);
    let mut marks = Vec::new();
    let path = |points: Vec<(f32, f32)>, closed, fill, stroke, width| Mark::Path {
        points,
        closed,
        fill,
        stroke,
        width,
    };
    for shape in &drawing.shapes {
        match shape {
            Shape::Capsule { a, b, radius, tone } => {
                let (fill, line) = colours(*tone);
                let points = vec![at(*a), at(*b)];
                let outer = 2.0 * (radius + OUTLINE) * scale;
                marks.push(path(points.clone(), false, None, Some(line), outer));
                marks.push(path(points, false, None, Some(fill), 2.0 * radius * scale));
            }
            Shape::Line {
                points,
                width,
                tone,
            } => {
                let (_, line) = colours(*tone);
                let points = points.iter().copied().map(at).collect();
                marks.push(path(points, false, None, Some(line), width * scale));
            }
            Shape::Polygon { points, tone } => {
                let (fill, line) = colours(*tone);
                let points = points.iter().copied().map(at).collect();
                marks.push(path(points, true, Some(fill), Some(line), OUTLINE * scale));
            }
            Shape::Arrowhead { points } => {
                let ink = colours(Tone::Near).1;
                let points = points.iter().copied().map(at).collect();
                marks.push(path(points, true, Some(ink), Some(ink), 0.8 * scale));
            }
            Shape::Label {
                at: position,
                panel,
            } => {
                let (lx, ly) = at(*position);
                marks.push(Mark::Text {
                    x: lx,
                    baseline: ly,
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
    }
    (marks, height)
}
