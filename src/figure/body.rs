//! A small 3D skeleton posed by named joint motions, in the figure's own frame
//! (x forward, y up, z to the figure's left; centimetres), then turned into the
//! world by its base posture (standing, lying on the back, on hands and knees ...)
//! and set down on what supports it: the floor, or a chair's seat.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

/// A point or direction in 3D.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Vec3 {
    pub x: f32,
    pub y: f32,
    pub z: f32,
}

impl Vec3 {
    pub const fn new(x: f32, y: f32, z: f32) -> Self {
        Vec3 { x, y, z }
    }

    fn add(self, o: Vec3) -> Vec3 {
        Vec3::new(self.x + o.x, self.y + o.y, self.z + o.z)
    }

    fn scale(self, s: f32) -> Vec3 {
        Vec3::new(self.x * s, self.y * s, self.z * s)
    }
}

/// A rotation, as a 3×3 matrix whose columns are the images of x, y and z.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Turn([Vec3; 3]);

impl Turn {
    pub const IDENTITY: Turn = Turn([
        Vec3::new(1.0, 0.0, 0.0),
        Vec3::new(0.0, 1.0, 0.0),
        Vec3::new(0.0, 0.0, 1.0),
    ]);

    /// About the forward axis (x): positive tips +y toward +z.
    fn about_x(degrees: f32) -> Turn {
        let (s, c) = super::sin_cos(degrees);
        Turn([
            Vec3::new(1.0, 0.0, 0.0),
            Vec3::new(0.0, c, s),
            Vec3::new(0.0, -s, c),
        ])
    }

    /// About the vertical axis (y): positive turns +z toward +x.
    pub fn about_y(degrees: f32) -> Turn {
        let (s, c) = super::sin_cos(degrees);
        Turn([
            Vec3::new(c, 0.0, -s),
            Vec3::new(0.0, 1.0, 0.0),
            Vec3::new(s, 0.0, c),
        ])
    }

    /// About the left axis (z): positive turns +x toward +y.
    fn about_z(degrees: f32) -> Turn {
        let (s, c) = super::sin_cos(degrees);
        Turn([
            Vec3::new(c, s, 0.0),
            Vec3::new(-s, c, 0.0),
            Vec3::new(0.0, 0.0, 1.0),
        ])
    }

    pub const fn from_columns(columns: [Vec3; 3]) -> Turn {
        Turn(columns)
    }

    pub fn apply(&self, v: Vec3) -> Vec3 {
        self.0[0]
            .scale(v.x)
            .add(self.0[1].scale(v.y))
            .add(self.0[2].scale(v.z))
    }

    pub fn then(&self, inner: &Turn) -> Turn {
        Turn(inner.0.map(|column| self.apply(column)))
    }
}

/// Body measurements in centimetres, for an adult about 170 cm tall.
pub mod size {
    pub const HIP_HALF_WIDTH: f32 = 9.0;
    pub const TRUNK: f32 = 50.0;
    pub const SHOULDER_HALF_WIDTH: f32 = 18.0;
    pub const NECK: f32 = 10.0;
    pub const HEAD_RADIUS: f32 = 10.5;
    pub const UPPER_ARM: f32 = 29.0;
    pub const FOREARM: f32 = 25.0;
    pub const HAND: f32 = 9.0;
    pub const THIGH: f32 = 43.0;
    pub const SHIN: f32 = 42.0;
    pub const FOOT: f32 = 17.0;
}

/// The joint motions a pose may set, in degrees, with the range each allows.
/// Per-side motions take a `left_` or `right_` prefix; without one they set both.
pub const MOTIONS: [(&str, f32, f32, bool); 18] = [
    // (name, least, most, per side)
    ("trunk_bend", -40.0, 120.0, false),
    ("trunk_side_bend", -45.0, 45.0, false),
    ("trunk_twist", -60.0, 60.0, false),
    ("neck_bend", -60.0, 70.0, false),
    ("neck_turn", -80.0, 80.0, false),
    ("shoulder_raise", -60.0, 180.0, true),
    ("shoulder_out", -30.0, 180.0, true),
    ("shoulder_turn", -90.0, 90.0, true),
    ("elbow", 0.0, 150.0, true),
    ("wrist", -80.0, 80.0, true),
    ("hip_bend", -30.0, 140.0, true),
    ("hip_out", -30.0, 60.0, true),
    ("hip_turn", -60.0, 70.0, true),
    ("knee", 0.0, 155.0, true),
    ("ankle", -75.0, 30.0, true),
    // Whole-body adjustments: lift the pelvis off its support (a bridge), tilt the
    // whole body forward or back.
    ("hips_lift", 0.0, 40.0, false),
    ("body_tilt", -90.0, 90.0, false),
    ("body_roll", -90.0, 90.0, false),
];

pub use super::bases::{BASES, Base, Support, base};

/// Joint angles by motion name, both sides spelled out (`left_knee`, `right_knee`).
/// The names of [`MOTIONS`] are kept without a copy of their own: every exercise's
/// pose is read, and its figure drawn, from a base's angles and a few changes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Angles(pub BTreeMap<Cow<'static, str>, f32>);

/// Each per-side motion's names with a side (`left_knee`, `right_knee`), by its
/// place in [`MOTIONS`]; none for the others.
fn sided_names() -> &'static [Option<[String; 2]>] {
    static SIDED: std::sync::OnceLock<Vec<Option<[String; 2]>>> = std::sync::OnceLock::new();
    SIDED.get_or_init(|| {
        (MOTIONS.iter())
            .map(|m| {
                m.3.then(|| ["left", "right"].map(|side| format!("{side}_{}", m.0)))
            })
            .collect()
    })
}

/// `name` as a motion's own name, or a per-side motion's name with its side.
fn static_name(name: &str) -> Option<&'static str> {
    let sided = sided_names().iter().flatten().flatten();
    (MOTIONS.iter().map(|m| m.0))
        .chain(sided.map(String::as_str))
        .find(|known| *known == name)
}

impl Angles {
    /// Sets a motion; a per-side motion without a side sets both.
    pub fn set(&mut self, name: &str, degrees: f32) {
        let motion = MOTIONS.iter().position(|m| m.0 == name);
        if let Some(Some(sides)) = motion.map(|i| &sided_names()[i]) {
            for side in sides {
                self.0.insert(Cow::Borrowed(side.as_str()), degrees);
            }
            return;
        }
        let key = match static_name(name) {
            Some(known) => Cow::Borrowed(known),
            None => Cow::Owned(name.to_string()),
        };
        self.0.insert(key, degrees);
    }

    fn get(&self, name: &str) -> f32 {
        self.0.get(name).copied().unwrap_or(0.0)
    }

    /// A base's angles.
    pub fn of_base(base: &Base) -> Angles {
        let mut angles = Angles::default();
        for (name, degrees) in base.angles {
            angles.set(name, *degrees);
        }
        angles
    }

    /// These angles with `changes` written over them.
    pub fn with(&self, changes: &Angles) -> Angles {
        let mut out = self.clone();
        out.0.extend(changes.0.iter().map(|(k, v)| (k.clone(), *v)));
        out
    }
}

/// A body part drawn as a rounded shape between two points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    Trunk,
    Neck,
    Head,
    UpperArm,
    Forearm,
    Hand,
    Thigh,
    Shin,
    Foot,
    Shoulders,
    Hips,
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Part::Trunk => "trunk",
            Part::Neck => "neck",
            Part::Head => "head",
            Part::UpperArm => "upper arm",
            Part::Forearm => "forearm",
            Part::Hand => "hand",
            Part::Thigh => "thigh",
            Part::Shin => "shin",
            Part::Foot => "foot",
            Part::Shoulders => "shoulders",
            Part::Hips => "hips",
        };
        f.write_str(name)
    }
}

impl Part {
    /// Half the thickness of the part, in centimetres.
    pub fn radius(self) -> f32 {
        match self {
            Part::Trunk => 11.0,
            Part::Neck => 4.5,
            Part::Head => size::HEAD_RADIUS,
            Part::UpperArm => 4.5,
            Part::Forearm => 3.8,
            Part::Hand => 3.0,
            Part::Thigh => 7.0,
            Part::Shin => 5.0,
            Part::Foot => 3.2,
            Part::Shoulders => 6.0,
            Part::Hips => 8.0,
        }
    }
}

/// Which side of the body a part is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Side {
    Left,
    Middle,
    Right,
}

/// One rounded part, from `a` to `b`, placed in the world.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub part: Part,
    pub side: Side,
    pub a: Vec3,
    pub b: Vec3,
}

/// A posed body: its parts, set down on its support.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    pub segments: Vec<Segment>,
}

/// Seat height of a chair, in centimetres: where the hips of a figure sitting with
/// knees bent square rest when its feet are flat on the floor.
pub const SEAT: f32 = size::SHIN + 2.0 + 3.2 - 7.0;

impl Body {
    /// Poses the skeleton: `angles` (with both sides spelled out) on `base`.
    pub fn pose(base: &Base, angles: &Angles) -> Body {
        let a = |name: &str| angles.get(name);
        let root = Turn(base.orientation)
            .then(&Turn::about_z(-a("body_tilt")))
            .then(&Turn::about_x(a("body_roll")));
        let mut segments = Vec::new();
        let origin = Vec3::new(0.0, 0.0, 0.0);
        // Trunk: bends forward (about the left axis), to the side, and twists.
        let trunk = root
            .then(&Turn::about_z(-a("trunk_bend")))
            .then(&Turn::about_x(a("trunk_side_bend")))
            .then(&Turn::about_y(a("trunk_twist")));
        let neck_base = trunk.apply(Vec3::new(0.0, size::TRUNK, 0.0));
        segments.push(Segment {
            part: Part::Trunk,
            side: Side::Middle,
            a: origin.add(trunk.apply(Vec3::new(0.0, 6.0, 0.0))),
            b: neck_base.add(trunk.apply(Vec3::new(0.0, -8.0, 0.0))),
        });
        let head_turn = trunk
            .then(&Turn::about_z(-a("neck_bend")))
            .then(&Turn::about_y(a("neck_turn")));
        let head_base = neck_base.add(head_turn.apply(Vec3::new(0.0, size::NECK, 0.0)));
        segments.push(Segment {
            part: Part::Neck,
            side: Side::Middle,
            a: neck_base,
            b: head_base,
        });
        let head = head_base.add(head_turn.apply(Vec3::new(1.5, size::HEAD_RADIUS, 0.0)));
        segments.push(Segment {
            part: Part::Head,
            side: Side::Middle,
            a: head,
            b: head,
        });
        let shoulder = |z: f32| neck_base.add(trunk.apply(Vec3::new(0.0, -4.0, z)));
        let hip = |z: f32| root.apply(Vec3::new(0.0, 0.0, z));
        segments.push(Segment {
            part: Part::Shoulders,
            side: Side::Middle,
            a: shoulder(size::SHOULDER_HALF_WIDTH),
            b: shoulder(-size::SHOULDER_HALF_WIDTH),
        });
        segments.push(Segment {
            part: Part::Hips,
            side: Side::Middle,
            a: hip(size::HIP_HALF_WIDTH),
            b: hip(-size::HIP_HALF_WIDTH),
        });
        for (side, prefix, sign) in [(Side::Left, "left", 1.0f32), (Side::Right, "right", -1.0)] {
            let s = |name: &str| a(&format!("{prefix}_{name}"));
            // Arm: raised forward, out to the side, turned about its own length.
            let upper = trunk
                .then(&Turn::about_z(s("shoulder_raise")))
                .then(&Turn::about_x(-sign * s("shoulder_out")))
                .then(&Turn::about_y(-sign * s("shoulder_turn")));
            let start = shoulder(sign * size::SHOULDER_HALF_WIDTH);
            let elbow = start.add(upper.apply(Vec3::new(0.0, -size::UPPER_ARM, 0.0)));
            let fore = upper.then(&Turn::about_z(s("elbow")));
            let wrist = elbow.add(fore.apply(Vec3::new(0.0, -size::FOREARM, 0.0)));
            let hand = fore.then(&Turn::about_z(s("wrist")));
            let fingers = wrist.add(hand.apply(Vec3::new(0.0, -size::HAND, 0.0)));
            // Leg: bent forward at the hip, out to the side, turned out.
            let thigh = root
                .then(&Turn::about_z(s("hip_bend")))
                .then(&Turn::about_x(-sign * s("hip_out")))
                .then(&Turn::about_y(-sign * s("hip_turn")));
            let hip_joint = hip(sign * size::HIP_HALF_WIDTH);
            let knee = hip_joint.add(thigh.apply(Vec3::new(0.0, -size::THIGH, 0.0)));
            let shin = thigh.then(&Turn::about_z(-s("knee")));
            let ankle = knee.add(shin.apply(Vec3::new(0.0, -size::SHIN, 0.0)));
            let foot = shin.then(&Turn::about_z(s("ankle")));
            let toes = ankle.add(foot.apply(Vec3::new(size::FOOT, -2.0, 0.0)));
            let heel = ankle.add(foot.apply(Vec3::new(-4.0, -2.0, 0.0)));
            for (part, a, b) in [
                (Part::UpperArm, start, elbow),
                (Part::Forearm, elbow, wrist),
                (Part::Hand, wrist, fingers),
                (Part::Thigh, hip_joint, knee),
                (Part::Shin, knee, ankle),
                (Part::Foot, heel, toes),
            ] {
                segments.push(Segment { part, side, a, b });
            }
        }
        let mut body = Body { segments };
        body.set_down(base.support, a("hips_lift"));
        body
    }

    /// The lowest point of the body's outline (a part's centre line less its thickness).
    pub fn lowest(&self) -> f32 {
        self.segments
            .iter()
            .flat_map(|s| [s.a.y - s.part.radius(), s.b.y - s.part.radius()])
            .fold(f32::MAX, f32::min)
    }

    fn shift(&mut self, by: Vec3) {
        for s in &mut self.segments {
            s.a = s.a.add(by);
            s.b = s.b.add(by);
        }
    }

    /// Rests the body on its support: the lowest point on the floor, or the hips on
    /// a chair's seat. `lift` raises the pelvis by swinging the body about what stays
    /// on the floor (the feet and shoulders of a bridge), approximated by lifting
    /// the hips and the parts nearest them.
    fn set_down(&mut self, support: Support, lift: f32) {
        match support {
            Support::Floor => {
                let low = self.lowest();
                self.shift(Vec3::new(0.0, -low, 0.0));
            }
            Support::Chair => {
                let hips = self
                    .segments
                    .iter()
                    .find(|s| s.part == Part::Hips)
                    .map_or(0.0, |s| s.a.y);
                let seat_contact = hips - Part::Thigh.radius();
                self.shift(Vec3::new(0.0, SEAT - seat_contact, 0.0));
            }
        }
        if lift > 0.0 {
            self.lift_hips(lift);
        }
    }

    /// Raises the pelvis by `cm` while the shoulders and feet stay down: every
    /// point is raised in proportion to how near it is to the hips along the body.
    fn lift_hips(&mut self, cm: f32) {
        let hips = self
            .segments
            .iter()
            .find(|s| s.part == Part::Hips)
            .map(|s| s.a.add(s.b).scale(0.5))
            .unwrap_or(Vec3::new(0.0, 0.0, 0.0));
        let reach = size::TRUNK.max(size::THIGH + size::SHIN) * 0.9;
        let raise = |p: Vec3| {
            let d = (p.x - hips.x).abs();
            let share = (1.0 - d / reach).clamp(0.0, 1.0);
            Vec3::new(p.x, p.y + cm * share, p.z)
        };
        for s in &mut self.segments {
            s.a = raise(s.a);
            s.b = raise(s.b);
        }
    }

    pub fn find(&self, part: Part, side: Side) -> Option<&Segment> {
        self.segments
            .iter()
            .find(|s| s.part == part && s.side == side)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Vec3, b: Vec3) -> bool {
        (a.x - b.x).abs() < 0.01 && (a.y - b.y).abs() < 0.01 && (a.z - b.z).abs() < 0.01
    }

    fn posed(base_name: &str, changes: &[(&str, f32)]) -> Body {
        let base = base(base_name).unwrap();
        let mut angles = Angles::of_base(base);
        for (name, degrees) in changes {
            angles.set(name, *degrees);
        }
        Body::pose(base, &angles)
    }

    #[test]
    fn turns_follow_the_right_hand_rule() {
        let forward = Vec3::new(1.0, 0.0, 0.0);
        assert!(close(
            Turn::about_z(90.0).apply(forward),
            Vec3::new(0.0, 1.0, 0.0)
        ));
        let up = Vec3::new(0.0, 1.0, 0.0);
        assert!(close(
            Turn::about_x(90.0).apply(up),
            Vec3::new(0.0, 0.0, 1.0)
        ));
        assert!(close(
            Turn::about_y(90.0).apply(Vec3::new(0.0, 0.0, 1.0)),
            forward
        ));
        let both = Turn::about_z(90.0).then(&Turn::about_x(90.0));
        assert!(close(both.apply(up), Vec3::new(0.0, 0.0, 1.0)));
    }

    #[test]
    fn a_standing_figure_has_its_joints_where_the_measurements_put_them() {
        let body = posed("standing", &[]);
        let thigh = body.find(Part::Thigh, Side::Left).unwrap();
        let shin = body.find(Part::Shin, Side::Left).unwrap();
        let foot = body.find(Part::Foot, Side::Left).unwrap();
        // The soles are on the floor: the foot's centre line is its radius up.
        assert!((foot.a.y - Part::Foot.radius()).abs() < 0.01, "{foot:?}");
        assert!((thigh.a.y - thigh.b.y - size::THIGH).abs() < 0.01);
        assert!((shin.a.y - shin.b.y - size::SHIN).abs() < 0.01);
        assert_eq!(thigh.a.z, size::HIP_HALF_WIDTH, "left is +z");
        assert!(close(
            Vec3::new(0.0, thigh.a.y - size::THIGH - size::SHIN, 0.0),
            Vec3::new(0.0, shin.b.y, 0.0)
        ));
        let head = body.find(Part::Head, Side::Middle).unwrap();
        assert!(head.a.y > 150.0 && head.a.y < 180.0, "{}", head.a.y);
    }

    #[test]
    fn joint_motions_move_the_right_way() {
        // Hip bent 90: the thigh points forward; knee bent 90 then: the shin down.
        let body = posed("standing", &[("left_hip_bend", 90.0), ("left_knee", 90.0)]);
        let thigh = body.find(Part::Thigh, Side::Left).unwrap();
        let shin = body.find(Part::Shin, Side::Left).unwrap();
        assert!(close(
            thigh.b,
            thigh.a.add(Vec3::new(size::THIGH, 0.0, 0.0))
        ));
        assert!(close(shin.b, shin.a.add(Vec3::new(0.0, -size::SHIN, 0.0))));
        // Shoulder raised 180: the arm straight up.
        let body = posed("standing", &[("right_shoulder_raise", 180.0)]);
        let arm = body.find(Part::UpperArm, Side::Right).unwrap();
        assert!(close(
            arm.b,
            arm.a.add(Vec3::new(0.0, size::UPPER_ARM, 0.0))
        ));
        // Out to the side: the left leg moves toward +z, the right toward -z.
        let body = posed("standing", &[("hip_out", 90.0)]);
        let left = body.find(Part::Thigh, Side::Left).unwrap();
        let right = body.find(Part::Thigh, Side::Right).unwrap();
        assert!((left.b.z - left.a.z - size::THIGH).abs() < 0.01);
        assert!((right.b.z - right.a.z + size::THIGH).abs() < 0.01);
        // Trunk bent forward 90: the neck is in front of the hips.
        let body = posed("standing", &[("trunk_bend", 90.0)]);
        let neck = body.find(Part::Neck, Side::Middle).unwrap();
        let hips = body.find(Part::Hips, Side::Middle).unwrap();
        assert!((neck.a.x - hips.a.x - size::TRUNK).abs() < 0.01);
    }

    #[test]
    fn lying_figures_touch_the_floor_and_sitting_ones_the_seat() {
        for base in [
            "lying",
            "hook-lying",
            "prone",
            "side-lying",
            "hands-and-knees",
            "kneeling",
            "long-sitting",
        ] {
            let body = posed(base, &[]);
            assert!(
                body.lowest().abs() < 0.01,
                "{base}: lowest {}",
                body.lowest()
            );
        }
        let lying = posed("lying", &[]);
        let trunk = lying.find(Part::Trunk, Side::Middle).unwrap();
        assert!(
            (trunk.a.y - Part::Trunk.radius()).abs() < 0.5,
            "the back rests on the floor"
        );
        let sitting = posed("sitting", &[]);
        let hips = sitting.find(Part::Hips, Side::Middle).unwrap();
        assert!((hips.a.y - Part::Thigh.radius() - SEAT).abs() < 0.01);
        // Hands and knees: hands and knees both on the floor.
        let all_fours = posed("hands-and-knees", &[]);
        let hand = all_fours.find(Part::Hand, Side::Left).unwrap();
        let knee = all_fours.find(Part::Thigh, Side::Left).unwrap().b;
        assert!(
            hand.b.y < 6.0 && knee.y < 8.0,
            "hand {hand:?} knee {knee:?}"
        );
    }

    #[test]
    fn a_bridge_lifts_the_hips_and_keeps_the_feet_down() {
        let flat = posed("hook-lying", &[]);
        let bridge = posed("hook-lying", &[("hips_lift", 15.0)]);
        let hips = |b: &Body| b.find(Part::Hips, Side::Middle).unwrap().a.y;
        assert!((hips(&bridge) - hips(&flat) - 15.0).abs() < 0.01);
        let foot = |b: &Body| b.find(Part::Foot, Side::Left).unwrap().b.y;
        assert!((foot(&bridge) - foot(&flat)).abs() < 3.0);
    }
}
