//! The font programs sheets embed, cut down to the characters they draw. Each
//! face is subset once per process to a shared set of characters (the Latin
//! letters of Western European languages, and the punctuation and symbols sheets
//! print), and that subset is deflated once: every sheet whose text stays inside
//! the set embeds the same bytes. A sheet with any other character gets a subset
//! of its own for that face.
//!
//! Subsetting is allsorts' (the font library printpdf itself parses fonts with);
//! printpdf embeds what it is given as it is.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile};
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

/// A face cut down to some characters, ready for printpdf to embed as it is.
pub(super) struct Program {
    /// printpdf's form of the subset: each character's glyph in the subset, the
    /// glyphs' advances, and the face's name with a subset tag (`ABCDEF+DejaVuSans`).
    pub parsed: ParsedFont,
    /// The font program: the subset's bytes, as printpdf writes them in `/FontFile2`.
    pub program: Vec<u8>,
}

/// One face subset to the shared set, and its program deflated.
pub(super) struct SharedFace {
    pub face: Program,
    /// The program deflated, as [`deflate`] makes it.
    pub deflated: Vec<u8>,
}

/// The face in `style`, subset to the shared set; None if subsetting failed (then
/// every sheet subsets the face itself). Each face is made once per process, on
/// its own: [`prepare`] makes them all side by side.
pub(super) fn shared(style: FontStyle) -> Option<&'static SharedFace> {
    static SHARED: [OnceLock<Option<SharedFace>>; FontStyle::ALL.len()] =
        [const { OnceLock::new() }; FontStyle::ALL.len()];
    SHARED[style_index(style)]
        .get_or_init(|| {
            let set = (0x20..=0x2714u32)
                .filter_map(char::from_u32)
                .filter(|c| in_shared_set(*c));
            let face = subset(style, set)?;
            let deflated = deflate(&face.program, flate2::Compression::default());
            Some(SharedFace { face, deflated })
        })
        .as_ref()
}

/// Makes every face's shared subset, one face per core: otherwise the first
/// sheet made makes them all, one after another, while the other cores wait
/// for them.
pub(super) fn prepare() {
    use rayon::prelude::*;
    FontStyle::ALL.par_iter().for_each(|style| {
        shared(*style);
    });
}

/// The whole face in `style`, as printpdf parses it, once per process.
pub(super) fn whole(style: FontStyle) -> &'static ParsedFont {
    static WHOLE: [OnceLock<ParsedFont>; FontStyle::ALL.len()] =
        [const { OnceLock::new() }; FontStyle::ALL.len()];
    WHOLE[style_index(style)].get_or_init(|| {
        let font = FontSet::dejavu().get(style);
        let mut parsed = ParsedFont::from_bytes(font.bytes, 0, &mut Vec::new())
            .expect("bundled DejaVu font parses");
        parsed.font_name = Some(font.postscript_name());
        parsed
    })
}

fn style_index(style: FontStyle) -> usize {
    FontStyle::ALL.iter().position(|s| *s == style).unwrap_or(0)
}

/// The face in `style` cut down to the glyphs of `chars` (those it has), named
/// with a subset tag made from the program's bytes; None if allsorts cannot
/// subset it.
pub(super) fn subset(style: FontStyle, chars: impl IntoIterator<Item = char>) -> Option<Program> {
    let font = FontSet::dejavu().get(style);
    let whole = whole(style);
    // The glyphs to keep, in the order allsorts numbers them: .notdef first
    // (allsorts requires it), then each glyph once, by its id in the whole face.
    let kept: BTreeSet<u16> = chars
        .into_iter()
        .filter_map(|c| whole.lookup_glyph_index(c as u32))
        .filter(|id| *id != 0)
        .collect();
    let ids: Vec<u16> = std::iter::once(0).chain(kept).collect();
    let file = ReadScope::new(font.bytes).read::<FontData<'_>>().ok()?;
    let provider = file.table_provider(0).ok()?;
    let program =
        allsorts::subset::subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode).ok()?;
    // allsorts gives the glyph at ids[i] the id i in the subset (the glyphs that
    // composite glyphs are made of come after them).
    let new_id: BTreeMap<u16, u16> = ids
        .iter()
        .enumerate()
        .map(|(new, old)| (*old, new as u16))
        .collect();
    let parsed = ParsedFont {
        original_bytes: program.clone(),
        font_index: 0,
        font_name: Some(format!("{}+{}", tag_for(&program), font.postscript_name())),
        codepoint_to_glyph: whole
            .codepoint_to_glyph
            .iter()
            .filter_map(|(c, old)| Some((*c, *new_id.get(old)?)))
            .collect(),
        glyph_widths: new_id
            .iter()
            .filter_map(|(old, new)| Some((*new, whole.get_glyph_width(*old)?)))
            .collect(),
        units_per_em: whole.units_per_em,
        font_metrics: whole.font_metrics.clone(),
        font_type: whole.font_type,
        pdf_font_metrics: whole.pdf_font_metrics.clone(),
    };
    Some(Program { parsed, program })
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

/// Deflates `bytes` with zlib framing at `level`: every stream of a sheet is
/// compressed this way. Each thread keeps one compressor per level and resets it
/// between streams: making one allocates and clears its window and tables, which
/// cost about as much as deflating a page of a sheet. A reset stream gives the
/// same bytes as a new one.
pub(super) fn deflate(bytes: &[u8], level: flate2::Compression) -> Vec<u8> {
    use flate2::{Compress, FlushCompress, Status};
    use std::cell::RefCell;
    thread_local! {
        static COMPRESSORS: RefCell<Vec<(u32, Compress)>> = const { RefCell::new(Vec::new()) };
    }
    COMPRESSORS.with_borrow_mut(|compressors| {
        let index = match compressors.iter().position(|(l, _)| *l == level.level()) {
            Some(index) => index,
            None => {
                compressors.push((level.level(), Compress::new(level, true)));
                compressors.len() - 1
            }
        };
        let compress = &mut compressors[index].1;
        compress.reset();
        let mut out = Vec::with_capacity(bytes.len() / 2 + 64);
        loop {
            let read = compress.total_in() as usize;
            match compress.compress_vec(&bytes[read..], &mut out, FlushCompress::Finish) {
                Ok(Status::StreamEnd) => break,
                Ok(_) => out.reserve(out.capacity().max(64)),
                // Deflating from memory into memory has no way to fail.
                Err(_) => return Vec::new(),
            }
        }
        out
    })
}

/// The deflated form of `content` if it is a shared font program, without
/// deflating it again.
pub(super) fn deflated_program(content: &[u8]) -> Option<&'static [u8]> {
    FontStyle::ALL
        .iter()
        .filter_map(|s| shared(*s))
        .find(|shared| shared.face.program == content)
        .map(|shared| shared.deflated.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_face_has_a_shared_subset_holding_the_set() {
        for style in FontStyle::ALL {
            let shared = shared(style).expect("DejaVu subsets");
            let face = &shared.face;
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
                Some(shared.deflated.as_slice())
            );
        }
        assert!(in_shared_set('é') && !in_shared_set('ő') && !in_shared_set('\u{5d0}'));
    }
}
