//! The `pose` field of an exercise: how to draw it, as a starting posture with
//! joint angles, what changes at the end, the props, and the parts that move.
//!
//! ```yaml
//! pose:
//!   view: side            # side (default), front, back, top, or a turn in degrees
//!   start:
//!     base: hook-lying    # a named starting posture
//!     left_hip_bend: 20   # joint angles in degrees; no left_/right_ prefix = both sides
//!   end:
//!     hips_lift: 15       # only what changes from start
//!   props: [mat]
//!   moving: [hips]        # drawn in the accent colour; an arrow shows their path
//! ```

use serde_yaml::Value;

use super::body::{self, Angles, BASES, MOTIONS};
use crate::content::fields::{Fields, describe};

pub const POSE_FIELDS: [&str; 5] = ["view", "start", "end", "props", "moving"];

pub const PROPS: [&str; 10] = [
    "mat",
    "chair",
    "wall",
    "table",
    "step",
    "ball",
    "band",
    "strap",
    "towel",
    "foam-roller",
];

/// Parts that can be marked as moving.
pub const MOVING: [&str; 11] = [
    "head",
    "trunk",
    "hips",
    "arms",
    "left-arm",
    "right-arm",
    "legs",
    "left-leg",
    "right-leg",
    "left-foot",
    "right-foot",
];

/// A checked pose.
#[derive(Debug, Clone, PartialEq)]
pub struct Pose {
    /// How far the view is turned about the vertical, in degrees: 0 from the side
    /// (the figure's left), 90 from the front, 180 from behind.
    pub view_turn: f32,
    /// How far the viewer looks down on the figure, in degrees: 0 level, 90
    /// straight down.
    pub above: f32,
    pub base: &'static body::Base,
    pub start: Angles,
    /// The end position, when the exercise has one: start's angles with changes.
    pub end: Option<(&'static body::Base, Angles)>,
    pub props: Vec<String>,
    pub moving: Vec<String>,
}

/// Reads `pose` from an exercise's fields, reporting every problem where it is.
pub fn read(f: &mut Fields) -> Option<Pose> {
    let value = f.get("pose")?;
    let Value::Mapping(map) = value else {
        let pos = f.pos("pose");
        f.error(
            pos,
            format!(
                "`pose` must be fields like `start: {{ base: standing }}`, not {}",
                describe(value)
            ),
        );
        return None;
    };
    let mut p = f.nested("pose", map);
    p.reject_unknown("pose", &POSE_FIELDS);
    let (view_turn, above) = view(&mut p);
    // Every part is read, and every problem reported, before giving up on any.
    let (base, start) = match p.get("start") {
        Some(Value::Mapping(start)) => {
            let mut s = p.nested("start", start);
            let base = read_base(&mut s, None);
            let angles = read_angles(&mut s);
            (base, angles)
        }
        other => {
            let pos = p.pos("start");
            let what = other.map_or("nothing", describe);
            p.error(
                pos,
                format!("pose needs `start:` with a `base` (like `start: {{ base: standing }}`), not {what}"),
            );
            return None;
        }
    };
    let end = match p.get("end") {
        None => None,
        Some(Value::Mapping(end)) => {
            let mut e = p.nested("end", end);
            let end_base = e.get("base").map(|_| read_base(&mut e, None));
            Some((end_base, read_angles(&mut e)))
        }
        Some(other) => {
            let pos = p.pos("end");
            p.error(
                pos,
                format!(
                    "`end` must be the angles that change, like `end: {{ knee: 90 }}`, not {}",
                    describe(other)
                ),
            );
            None
        }
    };
    let props = words(&mut p, "props", &PROPS);
    let moving = words(&mut p, "moving", &MOVING);
    let base = base?;
    let start = Angles::of_base(base).with(&start);
    let end = match end {
        // A new base starts from its own angles; otherwise the start's carry on.
        Some((Some(new_base), changes)) => {
            Some((new_base?, Angles::of_base(new_base?).with(&changes)))
        }
        Some((None, changes)) => Some((base, start.with(&changes))),
        None => None,
    };
    // Lying on the side, a level view hides the bent hips and knees: look down on
    // it unless the view says otherwise.
    let above = above.unwrap_or(if base.name == "side-lying" { 40.0 } else { 0.0 });
    Some(Pose {
        view_turn,
        above,
        base,
        start,
        end,
        props,
        moving,
    })
}

/// The view: a turn about the vertical (side 0, front 90, back 180, or degrees)
/// and, if given, how far it looks down (`top` is 90).
fn view(p: &mut Fields) -> (f32, Option<f32>) {
    const FORMS: &str = "view must be side, front, back, top, a turn in degrees like 30, or { turn: 30, above: 40 }";
    let Some(value) = p.get("view") else {
        return (0.0, None);
    };
    if let Value::Mapping(map) = value {
        let mut v = p.nested("view", map);
        v.reject_unknown("view", &["turn", "above"]);
        let mut number = |key: &str, least: f32, most: f32| -> Option<f32> {
            let value = v.get(key)?;
            match value.as_f64().map(|n| n as f32) {
                Some(n) if (least..=most).contains(&n) => Some(n),
                _ => {
                    let pos = v.pos(key);
                    v.error(
                        pos,
                        format!(
                            "view {key} must be degrees from {least} to {most}, not {}",
                            describe(value)
                        ),
                    );
                    None
                }
            }
        };
        let turn = number("turn", -360.0, 360.0).unwrap_or(0.0);
        return (turn, number("above", 0.0, 90.0));
    }
    let text = crate::content::fields::scalar_text(value).unwrap_or_default();
    match text.trim() {
        "side" => (0.0, None),
        "front" => (90.0, None),
        "back" => (180.0, None),
        "top" => (0.0, Some(90.0)),
        other => match other.parse::<f32>() {
            Ok(turn) if (-360.0..=360.0).contains(&turn) => (turn, None),
            _ => {
                let pos = p.pos("view");
                p.error(pos, format!("{FORMS}, not \"{other}\""));
                (0.0, None)
            }
        },
    }
}

fn read_base(f: &mut Fields, default: Option<&'static body::Base>) -> Option<&'static body::Base> {
    let Some(name) = f.text("base") else {
        if default.is_some() {
            return default;
        }
        let pos = f.pos("base");
        f.error(
            pos,
            format!("the start needs a `base`: one of {}", base_names()),
        );
        return None;
    };
    match body::base(&name) {
        Some(base) => Some(base),
        None => {
            let pos = f.pos("base");
            let hint = crate::diagnostic::value_hint(&name, BASES.iter().map(|b| b.name), || {
                format!("; known bases: {}", base_names())
            });
            f.error(pos, format!("unknown base \"{name}\"{hint}"));
            None
        }
    }
}

fn base_names() -> String {
    BASES.iter().map(|b| b.name).collect::<Vec<_>>().join(", ")
}

/// Every field but `base` is a joint motion with an angle in its range.
fn read_angles(f: &mut Fields) -> Angles {
    let mut angles = Angles::default();
    // The fields, borrowed for as long as the file's: `f` reports problems meanwhile.
    let map = f.map;
    for (key, value) in map.iter().filter_map(|(k, v)| Some((k.as_str()?, v))) {
        if key == "base" {
            continue;
        }
        let motion = key
            .strip_prefix("left_")
            .or_else(|| key.strip_prefix("right_"))
            .filter(|m| {
                MOTIONS
                    .iter()
                    .any(|(name, .., per_side)| name == m && *per_side)
            })
            .unwrap_or(key);
        let Some(&(name, least, most, _)) = MOTIONS.iter().find(|m| m.0 == motion) else {
            let pos = f.positions.key(&f.full_path(key));
            let names = MOTIONS.iter().map(|m| m.0);
            let hint = crate::diagnostic::field_hint(key, names.clone(), || {
                format!("; known: base, {}", names.collect::<Vec<_>>().join(", "))
            });
            f.error(pos, format!("unknown joint motion `{key}`{hint}"));
            continue;
        };
        let degrees = match value {
            Value::Number(n) => n.as_f64().map(|d| d as f32),
            _ => None,
        };
        match degrees {
            Some(d) if (least..=most).contains(&d) => angles.set(key, d),
            Some(d) => {
                let pos = f.pos(key);
                f.error(pos, format!("{key} must be from {least} to {most} degrees; {d} is past what the {} can do", joint_name(name)));
            }
            None => {
                let pos = f.pos(key);
                f.error(
                    pos,
                    format!(
                        "{key} must be an angle in degrees, like 30, not {}",
                        describe(value)
                    ),
                );
            }
        }
    }
    angles
}

fn joint_name(motion: &str) -> &str {
    motion.split('_').next().unwrap_or(motion)
}

/// A list of words from a vocabulary, each checked.
fn words(f: &mut Fields, key: &str, known: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for (word, pos) in f.list(key) {
        if known.contains(&word.as_str()) {
            out.push(word);
        } else {
            let hint = crate::diagnostic::value_hint(&word, known.iter().copied(), || {
                format!("; known: {}", known.join(", "))
            });
            f.error(
                pos,
                format!("unknown {} \"{word}\"{hint}", key.trim_end_matches('s')),
            );
        }
    }
    out
}
