//! A drawing as an SVG file: the same shapes as on sheets, in the same greys.

use std::fmt::Write;

use super::draw::{Drawing, LABEL_SIZE, OUTLINE, Shape, Tone};

/// Fill and outline colours of a tone, as CSS colours.
fn colours(tone: Tone) -> (String, String) {
    let hex = |[r, g, b]: [f32; 3]| {
        let byte = |v: f32| (v * 255.0).round() as u8;
        format!("#{:02x}{:02x}{:02x}", byte(r), byte(g), byte(b))
    };
    let (fill, line) = tone.colours();
    (hex(fill), hex(line))
}

fn point((x, y): (f32, f32), height: f32) -> String {
    format!("{:.1},{:.1}", x, height - y)
}

/// The SVG document; `alt` becomes its title for screen readers, and the panels'
/// labels are in the words of `words`' language.
pub fn svg(drawing: &Drawing, alt: &str, words: &crate::strings::Strings) -> String {
    let (w, h) = (drawing.width, drawing.height);
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.1} {h:.1}" role="img" aria-label="{alt}"><title>{alt}</title><g stroke-linecap="round" stroke-linejoin="round" fill="none">"#,
        alt = escape(alt)
    );
    for shape in &drawing.shapes {
        match shape {
            Shape::Capsule { a, b, radius, tone } => {
                let (fill, line) = colours(*tone);
                let (a, b) = (point(*a, h), point(*b, h));
                let (a, b) = (
                    a.split_once(',').unwrap_or_default(),
                    b.split_once(',').unwrap_or_default(),
                );
                let _ = write!(
                    out,
                    r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{line}" stroke-width="{:.1}"/><line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{fill}" stroke-width="{:.1}"/>"#,
                    a.0,
                    a.1,
                    b.0,
                    b.1,
                    2.0 * (radius + OUTLINE),
                    a.0,
                    a.1,
                    b.0,
                    b.1,
                    2.0 * radius
                );
            }
            Shape::Line {
                points,
                width,
                tone,
            } => {
                let (_, line) = colours(*tone);
                let list: Vec<String> = points.iter().map(|p| point(*p, h)).collect();
                let _ = write!(
                    out,
                    r#"<polyline points="{}" stroke="{line}" stroke-width="{width:.1}"/>"#,
                    list.join(" ")
                );
            }
            Shape::Polygon { points, tone } => {
                let (fill, line) = colours(*tone);
                let list: Vec<String> = points.iter().map(|p| point(*p, h)).collect();
                let _ = write!(
                    out,
                    r#"<polygon points="{}" fill="{fill}" stroke="{line}" stroke-width="{OUTLINE:.1}"/>"#,
                    list.join(" ")
                );
            }
            Shape::Arrowhead { points } => {
                let list: Vec<String> = points.iter().map(|p| point(*p, h)).collect();
                let _ = write!(
                    out,
                    r#"<polygon points="{}" fill="{ink}" stroke="{ink}" stroke-width="0.8"/>"#,
                    list.join(" "),
                    ink = colours(Tone::Near).1
                );
            }
            Shape::Label { at, panel } => {
                let text = escape(&panel.words(words));
                let (x, y) = (at.0, h - at.1);
                let _ = write!(
                    out,
                    r##"<text x="{x:.1}" y="{y:.1}" font-family="DejaVu Sans, Verdana, sans-serif" font-size="{LABEL_SIZE:.1}" font-weight="bold" fill="{ink}" stroke="none">{text}</text>"##,
                    ink = colours(Tone::Near).1
                );
            }
        }
    }
    out.push_str("</g></svg>\n");
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
