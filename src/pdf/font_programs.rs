//! The font programs sheets embed. Each face is subset once per process to a shared
//! set of characters (the Latin letters of Western European languages, and the
//! punctuation and symbols sheets print), and that subset is deflated once: every
//! sheet whose text stays inside the set embeds the same bytes. A sheet with any
//! other character gets a subset of its own for that face, made by printpdf.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use printpdf::ParsedFont;

use super::fonts::{FontSet, FontStyle};

/// Whether `c` is in every shared subset: Basic Latin and Latin-1 (the letters of
/// English, Spanish, French, German, Portuguese and Italian), the dashes, quotes,
/// bullet and ellipsis, the euro sign, arrows, the minus sign, and the check-box,
/// check-mark and warning symbols.
pub(super) fn in_shared_set(c: char) -> bool {
    matches!(
        c as u32,
        0x20..=0x7E
            | 0xA0..=0xFF
            | 0x2013..=0x2014
            | 0x2018..=0x2019
            | 0x201C..=0x201D
            | 0x2022
            | 0x2026
            | 0x20AC
            | 0x2190..=0x2193
            | 0x2212
            | 0x2610
            | 0x26A0
            | 0x2713
    )
}

/// One face subset to the shared set: what printpdf embeds as it is, and the same
/// program deflated.
pub(super) struct SharedFace {
    /// printpdf's parsed form of the subset, handed to it in place of the whole face.
    pub parsed: ParsedFont,
    /// The font program: the subset's bytes, as printpdf writes them in `/FontFile2`.
    pub program: Vec<u8>,
    /// `program` deflated, as [`deflate`] makes it.
    pub deflated: Vec<u8>,
}

/// The face in `style`, subset to the shared set; None if subsetting failed (then
/// every sheet subsets the face itself, as before).
pub(super) fn shared(style: FontStyle) -> Option<&'static SharedFace> {
    static SHARED: OnceLock<Vec<Option<SharedFace>>> = OnceLock::new();
    let all = SHARED.get_or_init(|| FontStyle::ALL.iter().map(|s| make(*s)).collect());
    all[FontStyle::ALL.iter().position(|s| *s == style)?].as_ref()
}

fn make(style: FontStyle) -> Option<SharedFace> {
    let font = FontSet::dejavu().get(style);
    let whole = ParsedFont::from_bytes(font.bytes, 0, &mut Vec::new())?;
    // Every glyph of the set the face has, by glyph id, with the character it draws
    // (the first, where one glyph draws several).
    let mut glyphs: BTreeMap<u16, String> = BTreeMap::new();
    for c in (0x20..=0x2714u32).filter_map(char::from_u32) {
        if in_shared_set(c)
            && let Some(id) = whole.lookup_glyph_index(c as u32)
        {
            glyphs.entry(id).or_insert_with(|| c.to_string());
        }
    }
    let subset = printpdf::font::subset_font(&whole, &glyphs).ok()?;
    let mut parsed = ParsedFont::from_bytes(&subset.bytes, 0, &mut Vec::new())?;
    let deflated = deflate(&subset.bytes);
    // printpdf writes a face it does not subset under the face's own name: the name
    // it is given carries a subset tag (`ABCDEF+DejaVuSans`), six capital letters
    // from a hash of the program, so a different subset has a different tag.
    let tag = tag_for(&subset.bytes);
    let name = whole
        .font_name
        .clone()
        .unwrap_or_else(|| font.id.to_string());
    parsed.font_name = Some(format!("{tag}+{name}"));
    Some(SharedFace {
        parsed,
        program: subset.bytes,
        deflated,
    })
}

/// Six capital letters from an FNV-1a hash of `bytes`.
fn tag_for(bytes: &[u8]) -> String {
    let mut hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ *b as u64).wrapping_mul(0x0100_0000_01b3)
    });
    (0..6)
        .map(|_| {
            let letter = char::from(b'A' + (hash % 26) as u8);
            hash /= 26;
            letter
        })
        .collect()
}

/// Deflates `bytes` with zlib framing at the default level: every stream of a sheet
/// is compressed this way.
pub(super) fn deflate(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// The deflated form of `content` if it is a shared font program, without
/// deflating it again.
pub(super) fn deflated_program(content: &[u8]) -> Option<&'static [u8]> {
    FontStyle::ALL
        .iter()
        .filter_map(|s| shared(*s))
        .find(|face| face.program.len() == content.len() && face.program == content)
        .map(|face| face.deflated.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_face_has_a_shared_subset_holding_the_set() {
        for style in FontStyle::ALL {
            let face = shared(style).expect("DejaVu subsets");
            for c in ['a', 'Z', 'é', 'ñ', '¿', '–', '•', '·', '⚠', '☐', '✓', '€'] {
                assert!(
                    face.parsed
                        .lookup_glyph_index(c as u32)
                        .is_some_and(|g| g != 0),
                    "{style:?} lacks {c}"
                );
            }
            assert!(face.parsed.lookup_glyph_index('漢' as u32).is_none());
            let name = face.parsed.font_name.clone().unwrap_or_default();
            let (tag, face_name) = name.split_once('+').expect("a subset tag");
            assert!(tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()));
            assert!(face_name.starts_with("DejaVuSans"), "{name}");
            assert_eq!(
                deflated_program(&face.program),
                Some(face.deflated.as_slice())
            );
        }
        assert!(in_shared_set('é') && !in_shared_set('ő') && !in_shared_set('\u{5d0}'));
    }
}
#[cfg(test)]
#[test]
fn sizes_tmp() {
    for style in FontStyle::ALL {
        let f = shared(style).unwrap();
        eprintln!(
            "{style:?} raw {} deflated {}",
            f.program.len(),
            f.deflated.len()
        );
    }
}
