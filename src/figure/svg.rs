//! A drawing as an SVG file: the same shapes as on sheets, in the same greys.
//!
//! A site draws one figure per exercise, so this writes straight into one string:
//! coordinates go through [`tenths`] rather than the float formatter, which made
//! these files a tenth of a whole build's time.

use super::draw::{Drawing, LABEL_SIZE, OUTLINE, Shape, Tone};

/// Fill and outline colours of a tone, as CSS colours (`#rrggbb`).
fn colours(tone: Tone) -> (String, String) {
    let hex = |[r, g, b]: [f32; 3]| {
        let byte = |v: f32| (v * 255.0).round() as u8;
        format!("#{:02x}{:02x}{:02x}", byte(r), byte(g), byte(b))
    };
    let (fill, line) = tone.colours();
    (hex(fill), hex(line))
}

/// Each tone's CSS colours, worked out once per file.
struct Palette([(String, String); 4]);

impl Palette {
    fn new() -> Palette {
        Palette([Tone::Near, Tone::Far, Tone::Moving, Tone::Prop].map(colours))
    }

    fn of(&self, tone: Tone) -> &(String, String) {
        let i = match tone {
            Tone::Near => 0,
            Tone::Far => 1,
            Tone::Moving => 2,
            Tone::Prop => 3,
        };
        &self.0[i]
    }

    fn fill(&self, tone: Tone) -> &str {
        &self.of(tone).0
    }

    fn line(&self, tone: Tone) -> &str {
        &self.of(tone).1
    }
}

/// `v` with one decimal, exactly as `format!("{v:.1}")` writes it (ties to even,
/// a minus sign on negative zero), without going through the float formatter.
fn tenths(out: &mut String, v: f32) {
    // An f32 times ten is exact in an f64, so this rounds the true value.
    let scaled = (f64::from(v) * 10.0).round_ties_even();
    if !scaled.is_finite() || scaled.abs() >= u64::MAX as f64 {
        out.push_str(&format!("{v:.1}"));
        return;
    }
    if v.is_sign_negative() {
        out.push('-');
    }
    let scaled = scaled.abs() as u64;
    let mut digits = itoa::Buffer::new();
    out.push_str(digits.format(scaled / 10));
    out.push('.');
    out.push(char::from(b'0' + (scaled % 10) as u8));
}

/// `x,y` in SVG's coordinates (y down from the top of a drawing `height` tall).
fn point(out: &mut String, (x, y): (f32, f32), height: f32) {
    tenths(out, x);
    out.push(',');
    tenths(out, height - y);
}

/// `name="value"` with the value to one decimal, after a space.
fn attribute(out: &mut String, name: &str, value: f32) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    tenths(out, value);
    out.push('"');
}

/// A points list: `x,y x,y ...`.
fn points(out: &mut String, list: &[(f32, f32)], height: f32) {
    for (i, p) in list.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        point(out, *p, height);
    }
}

/// A line from `a` to `b` with its stroke colour and width.
fn line(out: &mut String, a: (f32, f32), b: (f32, f32), height: f32, stroke: &str, width: f32) {
    out.push_str("<line");
    attribute(out, "x1", a.0);
    attribute(out, "y1", height - a.1);
    attribute(out, "x2", b.0);
    attribute(out, "y2", height - b.1);
    out.push_str(" stroke=\"");
    out.push_str(stroke);
    out.push('"');
    attribute(out, "stroke-width", width);
    out.push_str("/>");
}

/// The SVG document; `alt` becomes its title for screen readers, and the panels'
/// labels are in the words of `words`' language.
pub fn svg(drawing: &Drawing, alt: &str, words: &crate::strings::Strings) -> String {
    let (w, h) = (drawing.width, drawing.height);
    let palette = Palette::new();
    let alt = escape(alt);
    let mut out = String::with_capacity(256 + 200 * drawing.shapes.len());
    out.push_str(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 "#);
    tenths(&mut out, w);
    out.push(' ');
    tenths(&mut out, h);
    out.push_str(r#"" role="img" aria-label=""#);
    out.push_str(&alt);
    out.push_str(r#""><title>"#);
    out.push_str(&alt);
    out.push_str(r#"</title><g stroke-linecap="round" stroke-linejoin="round" fill="none">"#);
    for shape in &drawing.shapes {
        match shape {
            Shape::Capsule { a, b, radius, tone } => {
                // An outline: a wider dark line, then the fill over it.
                let outline = 2.0 * (radius + OUTLINE);
                line(&mut out, *a, *b, h, palette.line(*tone), outline);
                line(&mut out, *a, *b, h, palette.fill(*tone), 2.0 * radius);
            }
            Shape::Line {
                points: list,
                width,
                tone,
            } => {
                out.push_str(r#"<polyline points=""#);
                points(&mut out, list, h);
                out.push_str(r#"" stroke=""#);
                out.push_str(palette.line(*tone));
                out.push('"');
                attribute(&mut out, "stroke-width", *width);
                out.push_str("/>");
            }
            Shape::Polygon { points: list, tone } => {
                out.push_str(r#"<polygon points=""#);
                points(&mut out, list, h);
                out.push_str(r#"" fill=""#);
                out.push_str(palette.fill(*tone));
                out.push_str(r#"" stroke=""#);
                out.push_str(palette.line(*tone));
                out.push('"');
                attribute(&mut out, "stroke-width", OUTLINE);
                out.push_str("/>");
            }
            Shape::Arrowhead { points: list } => {
                let ink = palette.line(Tone::Near);
                out.push_str(r#"<polygon points=""#);
                points(&mut out, list, h);
                out.push_str(r#"" fill=""#);
                out.push_str(ink);
                out.push_str(r#"" stroke=""#);
                out.push_str(ink);
                out.push_str(r#"" stroke-width="0.8"/>"#);
            }
            Shape::Label { at, panel } => {
                out.push_str("<text");
                attribute(&mut out, "x", at.0);
                attribute(&mut out, "y", h - at.1);
                out.push_str(r#" font-family="DejaVu Sans, Verdana, sans-serif""#);
                attribute(&mut out, "font-size", LABEL_SIZE);
                out.push_str(r#" font-weight="bold" fill=""#);
                out.push_str(palette.line(Tone::Near));
                out.push_str(r#"" stroke="none">"#);
                out.push_str(&escape(&panel.words(words)));
                out.push_str("</text>");
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

#[cfg(test)]
mod tests {
    use super::tenths;

    #[test]
    fn tenths_writes_what_the_float_formatter_writes() {
        let mut values = vec![
            0.0f32,
            -0.0,
            0.05,
            0.15,
            0.25,
            0.35,
            0.45,
            1.25,
            -1.25,
            -0.04,
            9.95,
            99.95,
            1e9,
            -3.5e7,
            0.949_999_9,
        ];
        // Every 1/64 from -40 to 40 (ties and near ties alike), and a spread of others.
        values.extend((-2560..=2560).map(|i| i as f32 / 64.0));
        values.extend((0..5000).map(|i| (i as f32 * 0.7312).sin() * 123.456));
        for v in values {
            let mut mine = String::new();
            tenths(&mut mine, v);
            assert_eq!(mine, format!("{v:.1}"), "for {v:?}");
        }
    }
}
