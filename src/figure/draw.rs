//! A posed body drawn as a plain line figure: each part a rounded shape with an
//! outline, far-side limbs lighter and behind near ones, on the floor or a chair,
//! in two labelled panels (Start, End) with an arrow along the moving part's path.
//! The result is a list of shapes in centimetres (y up), drawn the same way as
//! SVG on pages and as vector paths on sheets.

use super::body::{Base, Body, Part, SEAT, Segment, Side, Turn, Vec3};
use super::pose::Pose;

/// How a shape is filled, so that it reads in black and white.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// A part on the near side, or in the middle: white with a dark outline.
    Near,
    /// A limb on the far side: light grey with a grey outline, drawn first.
    Far,
    /// A part that moves: a darker tint, so it stands out on grey paper too.
    Moving,
    /// Furniture and the floor: outline only.
    Prop,
}

impl Tone {
    /// Fill and outline colours (red, green, blue from 0 to 1), the same on pages
    /// and sheets; the greys read the same printed in black and white.
    pub fn colours(self) -> ([f32; 3], [f32; 3]) {
        match self {
            Tone::Near => ([1.0, 1.0, 1.0], [0.10, 0.10, 0.12]),
            Tone::Far => ([0.86, 0.86, 0.86], [0.42, 0.42, 0.44]),
            Tone::Moving => ([0.62, 0.79, 0.80], [0.04, 0.29, 0.31]),
            Tone::Prop => ([0.95, 0.95, 0.95], [0.30, 0.30, 0.32]),
        }
    }
}

/// One thing drawn, in centimetres with y up.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A rounded bar from `a` to `b`, `radius` thick each side.
    Capsule {
        a: (f32, f32),
        b: (f32, f32),
        radius: f32,
        tone: Tone,
    },
    /// A line through `points`; `width` in centimetres.
    Line {
        points: Vec<(f32, f32)>,
        width: f32,
        tone: Tone,
    },
    /// A closed shape.
    Polygon { points: Vec<(f32, f32)>, tone: Tone },
    /// A solid triangle: an arrow's head.
    Arrowhead { points: [(f32, f32); 3] },
    /// A panel's label ("Start", "End" in the reader's language), its baseline's
    /// left end at `at`.
    Label { at: (f32, f32), panel: PanelName },
}

/// Which panel of a two-part figure a label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelName {
    Start,
    End,
}

impl PanelName {
    /// The label in the words of `words`' language.
    pub fn words(self, words: &crate::strings::Strings) -> String {
        match self {
            PanelName::Start => words.get("figure-start", &[]),
            PanelName::End => words.get("figure-end", &[]),
        }
    }
}

/// A drawing: its shapes and the box they fill, from (0, 0) to (width, height).
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    pub width: f32,
    pub height: f32,
    pub shapes: Vec<Shape>,
}

/// The height given to a panel's label, in the drawing's centimetres.
pub const LABEL_SIZE: f32 = 14.0;
/// The shape (width over height) of the column a drawing is made to fill.
const COLUMN_SHAPE: f32 = 1.35;
/// How thick outlines are, in centimetres.
pub const OUTLINE: f32 = 1.3;

/// Draws a pose: one panel, or Start and End side by side or one above the other,
/// whichever draws the figure larger in a column beside the steps (about 4 wide to
/// 3 tall).
pub fn draw(pose: &Pose) -> Drawing {
    let scale_in_column = |d: &Drawing| (COLUMN_SHAPE / d.width).min(1.0 / d.height);
    largest(draw_each(pose), scale_in_column).expect("one arrangement or more")
}

/// Of several arrangements, the one that `scale` draws largest; the first of
/// equals. None when there are none.
pub fn largest<T>(drawings: impl IntoIterator<Item = T>, scale: impl Fn(&T) -> f32) -> Option<T> {
    let mut best: Option<(f32, T)> = None;
    for drawing in drawings {
        let this = scale(&drawing);
        if best.as_ref().is_none_or(|(most, _)| this > *most) {
            best = Some((this, drawing));
        }
    }
    best.map(|(_, drawing)| drawing)
}

/// Every way to arrange a pose's drawing: one panel; or Start and End side by
/// side, then one above the other. A page picks the one that fits its space best.
pub fn draw_each(pose: &Pose) -> Vec<Drawing> {
    let view = View::of(pose);
    let start = Body::pose(pose.base, &pose.start);
    let end = pose
        .end
        .as_ref()
        .map(|(base, angles)| (*base, Body::pose(base, angles)));
    let mut panels = vec![Panel::new(&start, pose.base, pose, &view, false)];
    if let Some((base, body)) = &end {
        let mut panel = Panel::new(body, base, pose, &view, true);
        panel.arrows(&start, body, pose, &view);
        panels.push(panel);
    }
    if panels.len() == 1 {
        vec![arrange(&panels, false)]
    } else {
        vec![arrange(&panels, false), arrange(&panels, true)]
    }
}

/// The panels on one scale, side by side or `stacked`, each labelled when there
/// are two.
fn arrange(panels: &[Panel], stacked: bool) -> Drawing {
    // Every panel on one scale: the same box, the floor at the same height.
    let (mut left, mut right, mut bottom, mut top) = (f32::MAX, f32::MIN, f32::MAX, f32::MIN);
    for panel in panels {
        for (x, y) in panel.points() {
            left = left.min(x);
            right = right.max(x);
            bottom = bottom.min(y);
            top = top.max(y);
        }
    }
    let pad = 6.0;
    let panel_width = right - left + 2.0 * pad;
    let panel_height = top - bottom + 2.0 * pad;
    let labelled = panels.len() > 1;
    let label_room = if labelled { LABEL_SIZE * 1.4 } else { 0.0 };
    let gap = 14.0;
    let count = panels.len() as f32;
    let (width, height) = if stacked {
        (
            panel_width,
            (panel_height + label_room) * count + gap * (count - 1.0),
        )
    } else {
        (
            panel_width * count + gap * (count - 1.0),
            panel_height + label_room,
        )
    };
    let mut shapes = Vec::new();
    for (i, panel) in panels.iter().enumerate() {
        // Each panel's box: its left edge and its floor's height in the drawing.
        let (x0, y0) = if stacked {
            let from_top = i as f32 * (panel_height + label_room + gap);
            (0.0, height - from_top - label_room - panel_height)
        } else {
            (i as f32 * (panel_width + gap), 0.0)
        };
        let (dx, dy) = (x0 - left + pad, y0 - bottom + pad);
        shapes.extend(panel.shapes.iter().cloned().map(|s| s.moved(dx, dy)));
        if labelled {
            shapes.push(Shape::Label {
                at: (x0 + 2.0, y0 + panel_height + LABEL_SIZE * 0.35),
                panel: if i == 0 {
                    PanelName::Start
                } else {
                    PanelName::End
                },
            });
        }
    }
    Drawing {
        width,
        height,
        shapes,
    }
}

/// Where the viewer stands: turned about the figure, and looking down on it.
struct View {
    turn: Turn,
    /// Straight down: no floor or furniture is drawn.
    from_above: bool,
}

impl View {
    fn of(pose: &Pose) -> View {
        // Looking down by `above` tips the world's far side up into view.
        let (s, c) = super::sin_cos(pose.above);
        let look_down = Turn::from_columns([
            Vec3::new(1.0, 0.0, 0.0),
            Vec3::new(0.0, c, s),
            Vec3::new(0.0, -s, c),
        ]);
        View {
            turn: look_down.then(&Turn::about_y(-pose.view_turn)),
            from_above: pose.above >= 89.0,
        }
    }

    /// Screen position (x right, y up) and depth (larger is nearer the viewer).
    fn project(&self, p: Vec3) -> (f32, f32, f32) {
        let p = self.turn.apply(p);
        (p.x, p.y, p.z)
    }
}

struct Panel {
    shapes: Vec<Shape>,
}

impl Shape {
    fn moved(self, dx: f32, dy: f32) -> Shape {
        let m = |(x, y): (f32, f32)| (x + dx, y + dy);
        match self {
            Shape::Capsule { a, b, radius, tone } => Shape::Capsule {
                a: m(a),
                b: m(b),
                radius,
                tone,
            },
            Shape::Line {
                points,
                width,
                tone,
            } => Shape::Line {
                points: points.into_iter().map(m).collect(),
                width,
                tone,
            },
            Shape::Polygon { points, tone } => Shape::Polygon {
                points: points.into_iter().map(m).collect(),
                tone,
            },
            Shape::Arrowhead { points } => Shape::Arrowhead {
                points: points.map(m),
            },
            Shape::Label { at, panel } => Shape::Label { at: m(at), panel },
        }
    }

    /// The points the shape reaches, for the drawing's bounds.
    fn extent(&self) -> Vec<(f32, f32)> {
        match self {
            Shape::Capsule { a, b, radius, .. } => {
                let r = radius + OUTLINE;
                [a, b]
                    .iter()
                    .flat_map(|(x, y)| [(x - r, y - r), (x + r, y + r)])
                    .collect()
            }
            Shape::Line { points, .. } | Shape::Polygon { points, .. } => points.clone(),
            Shape::Arrowhead { points } => points.to_vec(),
            Shape::Label { .. } => Vec::new(),
        }
    }
}

/// Which parts `moving` names.
fn is_moving(pose: &Pose, segment: &Segment) -> bool {
    pose.moving.iter().any(|word| {
        let (side, what) = match word.split_once('-') {
            Some(("left", what)) => (Some(Side::Left), what),
            Some(("right", what)) => (Some(Side::Right), what),
            _ => (None, word.as_str()),
        };
        let parts: &[Part] = match what.trim_end_matches('s') {
            "head" => &[Part::Head, Part::Neck],
            "trunk" => &[Part::Trunk, Part::Shoulders],
            "hip" => &[Part::Hips, Part::Trunk],
            "arm" => &[Part::UpperArm, Part::Forearm, Part::Hand],
            "leg" => &[Part::Thigh, Part::Shin, Part::Foot],
            "foot" => &[Part::Foot],
            _ => &[],
        };
        parts.contains(&segment.part) && side.is_none_or(|s| s == segment.side)
    })
}

impl Panel {
    fn new(body: &Body, base: &Base, pose: &Pose, view: &View, is_end: bool) -> Panel {
        let mut shapes = Vec::new();
        shapes.extend(props(body, base, pose, view));
        let depth = |s: &Segment| (view.project(s.a).2 + view.project(s.b).2) / 2.0;
        let middle = body
            .segments
            .iter()
            .filter(|s| s.side == Side::Middle)
            .map(depth)
            .sum::<f32>()
            / body
                .segments
                .iter()
                .filter(|s| s.side == Side::Middle)
                .count()
                .max(1) as f32;
        let mut order: Vec<&Segment> = body.segments.iter().collect();
        // Far parts first; a limb's own pieces in order from the body outward.
        order.sort_by(|a, b| depth(a).total_cmp(&depth(b)).then(a.part.cmp(&b.part)));
        for segment in order {
            let (ax, ay, _) = view.project(segment.a);
            let (bx, by, _) = view.project(segment.b);
            let far = segment.side != Side::Middle && depth(segment) < middle - 1.0;
            let tone = if is_end && is_moving(pose, segment) {
                Tone::Moving
            } else if far {
                Tone::Far
            } else {
                Tone::Near
            };
            shapes.push(Shape::Capsule {
                a: (ax, ay),
                b: (bx, by),
                radius: segment.part.radius(),
                tone,
            });
        }
        Panel { shapes }
    }

    fn points(&self) -> Vec<(f32, f32)> {
        self.shapes.iter().flat_map(Shape::extent).collect()
    }

    /// Arrows from where each moving part's far end was at the start to where it is
    /// at the end, bowed away from the body so they do not cross it.
    fn arrows(&mut self, start: &Body, end: &Body, pose: &Pose, view: &View) {
        let mut done = Vec::new();
        for (from, to) in start.segments.iter().zip(&end.segments) {
            // One arrow per moving limb: from its last piece (hand, foot, head ...).
            let tip = matches!(from.part, Part::Hand | Part::Foot | Part::Head | Part::Hips);
            if !tip || !is_moving(pose, to) || done.contains(&(to.part, to.side)) {
                continue;
            }
            let (ax, ay, _) = view.project(from.b);
            let (bx, by, _) = view.project(to.b);
            let length = ((bx - ax).powi(2) + (by - ay).powi(2)).sqrt();
            if length < 8.0 {
                continue;
            }
            done.push((to.part, to.side));
            // Offset the arrow beside the path, bowed outward.
            let (nx, ny) = (-(by - ay) / length, (bx - ax) / length);
            let lift = 10.0 + to.part.radius();
            let (sx, sy) = (ax + nx * lift, ay + ny * lift);
            let (ex, ey) = (bx + nx * lift, by + ny * lift);
            let bow = length * 0.25;
            let (mx, my) = ((sx + ex) / 2.0 + nx * bow, (sy + ey) / 2.0 + ny * bow);
            let points: Vec<(f32, f32)> = (0..=12)
                .map(|i| {
                    let t = i as f32 / 12.0;
                    let u = 1.0 - t;
                    (
                        u * u * sx + 2.0 * u * t * mx + t * t * ex,
                        u * u * sy + 2.0 * u * t * my + t * t * ey,
                    )
                })
                .collect();
            let (px, py) = points[points.len() - 2];
            let (dx, dy) = (ex - px, ey - py);
            let d = (dx * dx + dy * dy).sqrt().max(0.001);
            let (ux, uy) = (dx / d, dy / d);
            let size = 7.0;
            self.shapes.push(Shape::Line {
                points,
                width: 1.6,
                tone: Tone::Near,
            });
            self.shapes.push(Shape::Arrowhead {
                points: [
                    (ex + ux * size * 0.6, ey + uy * size * 0.6),
                    (
                        ex - ux * size * 0.6 - uy * size * 0.5,
                        ey - uy * size * 0.6 + ux * size * 0.5,
                    ),
                    (
                        ex - ux * size * 0.6 + uy * size * 0.5,
                        ey - uy * size * 0.6 - ux * size * 0.5,
                    ),
                ],
            });
        }
    }
}

/// The floor, and the props the pose names, placed around the body.
fn props(body: &Body, base: &Base, pose: &Pose, view: &View) -> Vec<Shape> {
    let mut shapes = Vec::new();
    let xs: Vec<f32> = body
        .segments
        .iter()
        .flat_map(|s| [view.project(s.a).0, view.project(s.b).0])
        .collect();
    let (left, right) = xs
        .iter()
        .fold((f32::MAX, f32::MIN), |(l, r), x| (l.min(*x), r.max(*x)));
    if view.from_above {
        return shapes;
    }
    let has = |name: &str| pose.props.iter().any(|p| p == name);
    let hips = body
        .find(Part::Hips, Side::Middle)
        .map(|s| view.project(s.a))
        .unwrap_or((0.0, 0.0, 0.0));
    // On a treatment table the body rests on its top and the floor is below;
    // otherwise the floor is where the body rests. Either runs past the figure.
    let floor = if has("table") { -TABLE_HEIGHT } else { 0.0 };
    shapes.push(Shape::Line {
        points: vec![(left - 14.0, floor), (right + 14.0, floor)],
        width: OUTLINE,
        tone: Tone::Prop,
    });
    if has("table") {
        shapes.push(Shape::Polygon {
            points: vec![
                (left - 6.0, 0.0),
                (right + 6.0, 0.0),
                (right + 6.0, -5.0),
                (left - 6.0, -5.0),
            ],
            tone: Tone::Prop,
        });
        for leg in [left, right] {
            shapes.push(Shape::Line {
                points: vec![(leg, -5.0), (leg, floor)],
                width: 2.4,
                tone: Tone::Prop,
            });
        }
    }
    if has("mat") {
        shapes.push(Shape::Polygon {
            points: vec![
                (left - 8.0, 0.0),
                (right + 8.0, 0.0),
                (right + 8.0, 2.0),
                (left - 8.0, 2.0),
            ],
            tone: Tone::Prop,
        });
    }
    if has("chair") || base.support == super::body::Support::Chair {
        // Seat under the hips, legs to the floor, a back behind.
        let (x, depth) = (hips.0, 42.0);
        let back = x - 14.0;
        let front = back + depth;
        shapes.push(Shape::Line {
            points: vec![(back, SEAT), (front, SEAT)],
            width: 2.4,
            tone: Tone::Prop,
        });
        for leg in [back + 2.0, front - 2.0] {
            shapes.push(Shape::Line {
                points: vec![(leg, SEAT), (leg, 0.0)],
                width: 1.8,
                tone: Tone::Prop,
            });
        }
        shapes.push(Shape::Line {
            points: vec![(back, SEAT), (back - 4.0, SEAT + 44.0)],
            width: 2.4,
            tone: Tone::Prop,
        });
    }
    if has("wall") {
        let x = right + 10.0;
        shapes.push(Shape::Line {
            points: vec![(x, 0.0), (x, 190.0)],
            width: 2.0,
            tone: Tone::Prop,
        });
    }
    if has("step") {
        shapes.push(Shape::Polygon {
            points: vec![
                (left - 10.0, 0.0),
                (right + 10.0, 0.0),
                (right + 10.0, 18.0),
                (left - 10.0, 18.0),
            ],
            tone: Tone::Prop,
        });
    }
    if has("strap") || has("band") || has("towel") {
        // Held in the hands, around the foot: the leg it goes round is the one the
        // hands are nearest.
        let hand = body.find(Part::Hand, Side::Left).map(|s| view.project(s.b));
        let feet = [Side::Left, Side::Right]
            .map(|side| body.find(Part::Foot, side).map(|s| view.project(s.b)));
        if let Some(hand) = hand {
            let nearest = feet.into_iter().flatten().min_by(|a, b| {
                let d = |p: &(f32, f32, f32)| (p.0 - hand.0).powi(2) + (p.1 - hand.1).powi(2);
                d(a).total_cmp(&d(b))
            });
            if let Some(foot) = nearest {
                shapes.push(Shape::Line {
                    points: vec![(hand.0, hand.1), (foot.0, foot.1)],
                    width: 1.4,
                    tone: Tone::Moving,
                });
            }
        }
    }
    if has("ball") {
        shapes.push(circle((right + 24.0, 22.0), 20.0, Tone::Prop));
    }
    if has("foam-roller") {
        shapes.push(circle((hips.0, 8.0), 8.0, Tone::Prop));
    }
    shapes
}

/// How high a treatment table's top stands, in centimetres.
const TABLE_HEIGHT: f32 = 65.0;

fn circle(centre: (f32, f32), radius: f32, tone: Tone) -> Shape {
    Shape::Polygon {
        points: (0..32)
            .map(|i| {
                let (s, c) = super::sin_cos(i as f32 / 32.0 * 360.0);
                (centre.0 + radius * c, centre.1 + radius * s)
            })
            .collect(),
        tone,
    }
}
