//! The sheet's fonts (DejaVu Sans, open-licensed, shipped by the `dejavu` crate)
//! and their real glyph advances, so text is measured exactly as it is drawn.

use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FontStyle {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl FontStyle {
    pub const ALL: [FontStyle; 4] = [
        FontStyle::Regular,
        FontStyle::Bold,
        FontStyle::Italic,
        FontStyle::BoldItalic,
    ];

    pub fn new(bold: bool, italic: bool) -> Self {
        match (bold, italic) {
            (false, false) => FontStyle::Regular,
            (true, false) => FontStyle::Bold,
            (false, true) => FontStyle::Italic,
            (true, true) => FontStyle::BoldItalic,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

pub struct Font {
    pub bytes: &'static [u8],
    /// A fixed id, so PDF bytes never depend on what else the process generated.
    /// Its first six letters become the subset tag (`HNDREG+DejaVuSans`).
    pub id: &'static str,
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
    /// Advances of ASCII characters, which make up most text, looked up once.
    ascii: [u16; 128],
}

impl Font {
    fn new(bytes: &'static [u8], id: &'static str) -> Font {
        // The bytes are compiled in from the dejavu crate; a parse failure is a build defect.
        let face = ttf_parser::Face::parse(bytes, 0).expect("bundled DejaVu font parses");
        let mut ascii = [0u16; 128];
        for (i, slot) in ascii.iter_mut().enumerate() {
            *slot = advance(&face, char::from(i as u8));
        }
        Font {
            bytes,
            id,
            units_per_em: face.units_per_em() as f32,
            face,
            ascii,
        }
    }

    /// The face's PostScript name ("DejaVuSans-Bold"), which a PDF names it by.
    pub fn postscript_name(&self) -> String {
        self.face
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME && n.is_unicode())
            .and_then(|n| n.to_string())
            .unwrap_or_else(|| self.id.to_string())
    }

    /// Width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| match self.ascii.get(c as usize) {
                Some(w) => *w as u32,
                None => advance(&self.face, c) as u32,
            })
            .sum();
        units as f32 * size / self.units_per_em
    }

    pub fn has_glyph(&self, c: char) -> bool {
        c.is_whitespace() || self.face.glyph_index(c).is_some()
    }

    /// Distance from the top of a line box of height `line_height` to the baseline,
    /// centring the font's ascent and descent in the box.
    pub fn baseline(&self, size: f32, line_height: f32) -> f32 {
        let ascent = self.face.ascender() as f32 * size / self.units_per_em;
        let descent = -(self.face.descender() as f32) * size / self.units_per_em;
        (line_height - ascent - descent) / 2.0 + ascent
    }
}

fn advance(face: &ttf_parser::Face<'_>, c: char) -> u16 {
    let glyph = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
    face.glyph_hor_advance(glyph).unwrap_or(0)
}

pub struct FontSet {
    fonts: [Font; 4],
}

impl FontSet {
    /// The DejaVu Sans family, parsed once per process.
    pub fn dejavu() -> &'static FontSet {
        static FONTS: OnceLock<FontSet> = OnceLock::new();
        FONTS.get_or_init(|| FontSet {
            fonts: [
                Font::new(dejavu::sans::regular(), "HNDREG"),
                Font::new(dejavu::sans::bold(), "HNDBLD"),
                Font::new(dejavu::sans::oblique(), "HNDITA"),
                Font::new(dejavu::sans::bold_oblique(), "HNDBIT"),
            ],
        })
    }

    pub fn get(&self, style: FontStyle) -> &Font {
        &self.fonts[style.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_with_real_advances() {
        let fonts = FontSet::dejavu();
        let regular = fonts.get(FontStyle::Regular);
        let bold = fonts.get(FontStyle::Bold);
        // DejaVu Sans: "i" is much narrower than "m"; bold is wider than regular.
        assert!(regular.width("iiii", 12.0) < regular.width("mmmm", 12.0));
        assert!(bold.width("Bridge", 12.0) > regular.width("Bridge", 12.0));
        // Width scales with size; non-ASCII glyphs are measured too.
        let w = regular.width("½ ✓ ☐ →", 10.0);
        assert!((regular.width("½ ✓ ☐ →", 20.0) - 2.0 * w).abs() < 0.001 && w > 10.0);
        assert!(regular.has_glyph('½') && regular.has_glyph('☐'));
        assert!(!regular.has_glyph('漢'));
    }
}
