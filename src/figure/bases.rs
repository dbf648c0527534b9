//! The named starting postures a pose builds on: how the body lies in the world,
//! its usual angles, and what holds it up.

use super::body::Vec3;

/// What holds the body up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Support {
    Floor,
    /// A chair: the pelvis sits on the seat, the feet on the floor.
    Chair,
}

/// A named starting posture: how the body lies in the world, its usual angles,
/// and what supports it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Base {
    pub name: &'static str,
    /// The images of the body's forward, up and left axes in the world.
    pub(super) orientation: [Vec3; 3],
    pub(super) angles: &'static [(&'static str, f32)],
    pub support: Support,
}

const UPRIGHT: [Vec3; 3] = [
    Vec3::new(1.0, 0.0, 0.0),
    Vec3::new(0.0, 1.0, 0.0),
    Vec3::new(0.0, 0.0, 1.0),
];
/// Face up, head to the left of the picture, left side toward the viewer.
const ON_BACK: [Vec3; 3] = [
    Vec3::new(0.0, 1.0, 0.0),
    Vec3::new(-1.0, 0.0, 0.0),
    Vec3::new(0.0, 0.0, 1.0),
];
/// Face down, head to the right, left side toward the viewer.
const ON_FRONT: [Vec3; 3] = [
    Vec3::new(0.0, -1.0, 0.0),
    Vec3::new(1.0, 0.0, 0.0),
    Vec3::new(0.0, 0.0, 1.0),
];
/// Lying on the left side, facing the viewer, head to the left.
const ON_SIDE: [Vec3; 3] = [
    Vec3::new(0.0, 0.0, 1.0),
    Vec3::new(-1.0, 0.0, 0.0),
    Vec3::new(0.0, -1.0, 0.0),
];
/// The trunk level, belly down, head to the right, left side toward the viewer.
const ON_ALL_FOURS: [Vec3; 3] = [
    Vec3::new(0.0, -1.0, 0.0),
    Vec3::new(1.0, 0.0, 0.0),
    Vec3::new(0.0, 0.0, 1.0),
];

/// Every named base: one for each `position` of the vocabulary and each starting
/// posture of the sample library.
pub const BASES: [Base; 12] = [
    Base {
        name: "standing",
        orientation: UPRIGHT,
        angles: &[],
        support: Support::Floor,
    },
    Base {
        name: "sitting",
        orientation: UPRIGHT,
        angles: &[("hip_bend", 90.0), ("knee", 90.0)],
        support: Support::Chair,
    },
    Base {
        name: "long-sitting",
        orientation: UPRIGHT,
        angles: &[("hip_bend", 90.0), ("shoulder_raise", 20.0)],
        support: Support::Floor,
    },
    Base {
        name: "cross-legged",
        orientation: UPRIGHT,
        angles: &[
            ("hip_bend", 80.0),
            ("hip_out", 45.0),
            ("hip_turn", 50.0),
            ("knee", 130.0),
        ],
        support: Support::Floor,
    },
    Base {
        name: "lying",
        orientation: ON_BACK,
        angles: &[],
        support: Support::Floor,
    },
    Base {
        name: "hook-lying",
        orientation: ON_BACK,
        angles: &[("hip_bend", 50.0), ("knee", 100.0), ("ankle", 10.0)],
        support: Support::Floor,
    },
    Base {
        name: "prone",
        orientation: ON_FRONT,
        angles: &[("ankle", -75.0), ("knee", 5.0)],
        support: Support::Floor,
    },
    Base {
        name: "prone-on-elbows",
        orientation: ON_FRONT,
        angles: &[
            ("trunk_bend", -25.0),
            ("neck_bend", -15.0),
            ("shoulder_raise", 80.0),
            ("elbow", 95.0),
            ("ankle", -75.0),
        ],
        support: Support::Floor,
    },
    Base {
        name: "side-lying",
        orientation: ON_SIDE,
        angles: &[
            ("hip_bend", 40.0),
            ("knee", 70.0),
            ("shoulder_raise", 90.0),
            ("elbow", 60.0),
        ],
        support: Support::Floor,
    },
    Base {
        name: "hands-and-knees",
        orientation: ON_ALL_FOURS,
        // Arms are longer than thighs: the trunk rises a little toward the head, the
        // hands lie flat.
        angles: &[
            ("body_tilt", -12.0),
            ("hip_bend", 78.0),
            ("knee", 90.0),
            ("shoulder_raise", 78.0),
            ("wrist", 80.0),
            ("ankle", -75.0),
            ("neck_bend", -24.0),
        ],
        support: Support::Floor,
    },
    Base {
        name: "kneeling",
        orientation: UPRIGHT,
        angles: &[("knee", 90.0), ("ankle", -75.0)],
        support: Support::Floor,
    },
    Base {
        name: "half-kneeling",
        orientation: UPRIGHT,
        angles: &[
            ("left_hip_bend", 90.0),
            ("left_knee", 90.0),
            ("right_knee", 90.0),
            ("right_ankle", -75.0),
        ],
        support: Support::Floor,
    },
];

/// The base for a name, allowing the exercise `position` words too.
pub fn base(name: &str) -> Option<&'static Base> {
    let name = match name {
        "supine" => "lying",
        "seated" => "sitting",
        "quadruped" => "hands-and-knees",
        "side" => "side-lying",
        other => other,
    };
    BASES.iter().find(|b| b.name == name)
}
