//! Figures drawn from a pose written in an exercise's front matter: a posed 3D
//! skeleton ([`body`]), read from the `pose` field ([`pose`]), drawn as a plain
//! line figure ([`draw`]) and written as SVG for pages ([`svg`]); sheets draw the
//! same shapes as vector paths.

pub mod bases;
pub mod body;
pub mod draw;
pub mod pose;
pub mod svg;

pub use draw::{Drawing, Shape, Tone, draw, draw_each};
pub use pose::Pose;

/// The plain-words description of a pose for people who cannot see the figure,
/// used when the exercise gives no `image_alt`. A test keeps a phrase for every base.
pub fn describe(title: &str, pose: &Pose, words: &crate::strings::Strings) -> String {
    let base = format!("figure-base-{}", pose.base.name);
    let start = if words.has(&base) {
        words.get(&base, &[])
    } else {
        pose.base.name.to_string()
    };
    let id = match &pose.end {
        Some(_) => "figure-alt-moving",
        None => "figure-alt",
    };
    words.get(id, &[("title", title.into()), ("start", start.into())])
}

/// The sine and cosine of an angle in degrees, the same to the last bit on every
/// platform: from the `libm` crate, not the system's maths library, so that a figure
/// drawn by the program builder (WebAssembly) is the one `handout sheet` draws.
pub(crate) fn sin_cos(degrees: f32) -> (f32, f32) {
    let radians = degrees.to_radians();
    (libm::sinf(radians), libm::cosf(radians))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_base_is_described_in_plain_words() {
        for base in body::BASES.iter() {
            let pose = Pose {
                view_turn: 0.0,
                above: 0.0,
                base,
                start: body::Angles::of_base(base),
                end: None,
                props: Vec::new(),
                moving: Vec::new(),
            };
            let text = describe("X", &pose, crate::strings::english());
            assert!(
                !text.contains(base.name) || !base.name.contains('-'),
                "{text}"
            );
        }
    }
}
