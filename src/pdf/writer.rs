//! Turns typeset pages into PDF bytes with printpdf. Everything that printpdf
//! would otherwise draw from a process-wide counter or the clock (font ids,
//! the document id, dates) is fixed here, so the same sheet always gives the
//! same bytes, whatever else the process renders and in whatever order.

use std::collections::BTreeMap;
use std::sync::Arc;

use printpdf::{
    Actions, BorderArray, Color as PdfColor, DictItem, ExternalStream, ExternalXObject,
    FontEmbeddingMode, FontId, ImageOptimizationOptions, Line, LinePoint, LinkAnnotation, Mm, Op,
    PaintMode, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point,
    PrintpdfFontMeta, Pt, RawImage, Rect, Rgb, TextItem, TextMatrix, XObject, XObjectId,
    XObjectTransform,
};

use super::font_programs;
use super::fonts::{FontSet, FontStyle};
use super::layout::{BLEED, Color, Mark, Page, PageGeometry, QrSymbol, figure_operators};
use crate::figure::Drawing;

/// What the PDF says about itself.
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    pub language: String,
    /// Seconds since the Unix epoch.
    pub created: i64,
}

fn pt_to_mm(pt: f32) -> Mm {
    Mm(pt * 25.4 / 72.0)
}

fn rgb(c: Color) -> PdfColor {
    PdfColor::Rgb(Rgb {
        r: c.0,
        g: c.1,
        b: c.2,
        icc_profile: None,
    })
}

fn font_id(style: FontStyle) -> FontId {
    FontId(FontSet::dejavu().get(style).id.to_string())
}

/// The pictures a sheet shows, decoded, by `src`.
pub type Images = BTreeMap<String, Arc<RawImage>>;

/// A picture's fixed XObject id: its place among the sheet's pictures, so bytes never vary.
fn image_ids(pages: &[Page]) -> BTreeMap<&str, XObjectId> {
    let mut ids = BTreeMap::new();
    for mark in pages.iter().flat_map(|p| &p.marks) {
        if let Mark::Image { src, .. } = mark {
            let next = ids.len();
            ids.entry(src.as_str())
                .or_insert_with(|| XObjectId(format!("Img{next}")));
        }
    }
    ids
}

/// The things of one kind a sheet draws as form XObjects (QR codes, figures), each
/// once, with a fixed id: `prefix` and its place among them, so bytes never vary.
type FormIds<'a, T> = Vec<(&'a Arc<T>, XObjectId)>;

fn form_ids<'a, T: PartialEq>(
    pages: &'a [Page],
    prefix: &str,
    pick: impl Fn(&'a Mark) -> Option<&'a Arc<T>>,
) -> FormIds<'a, T> {
    let mut ids: FormIds<'a, T> = Vec::new();
    for item in pages.iter().flat_map(|p| &p.marks).filter_map(pick) {
        if form_id(&ids, item).is_none() {
            let id = XObjectId(format!("{prefix}{}", ids.len()));
            ids.push((item, id));
        }
    }
    ids
}

/// The id of `item` (the same one, or one equal to it) among `ids`.
fn form_id<'i, T: PartialEq>(ids: &'i FormIds<'_, T>, item: &Arc<T>) -> Option<&'i XObjectId> {
    ids.iter()
        .find(|(known, _)| Arc::ptr_eq(known, item) || **known == *item)
        .map(|(_, id)| id)
}

/// A form XObject's dictionary; `bbox` is its box in its own units.
fn form_dict(bbox: Vec<DictItem>, compressed: bool) -> BTreeMap<String, DictItem> {
    let name = |n: &str| DictItem::Name(n.as_bytes().to_vec());
    let mut dict = BTreeMap::from([
        ("Type".to_string(), name("XObject")),
        ("Subtype".to_string(), name("Form")),
        ("BBox".to_string(), DictItem::Array(bbox)),
    ]);
    if compressed {
        dict.insert("Filter".to_string(), name("FlateDecode"));
    }
    dict
}

/// A form XObject drawing `content`.
fn form_xobject(dict: BTreeMap<String, DictItem>, content: Vec<u8>) -> XObject {
    XObject::External(ExternalXObject {
        stream: ExternalStream {
            dict,
            content,
            compress: false,
        },
        width: None,
        height: None,
        dpi: None,
    })
}

/// A drawn figure as a form XObject in the drawing's units, a little larger than
/// its box so that no stroke is clipped. It is deflated with the page contents.
fn figure_xobject(drawing: &Drawing) -> XObject {
    let bbox = [
        -BLEED,
        -BLEED,
        drawing.width + BLEED,
        drawing.height + BLEED,
    ];
    let bbox = bbox.into_iter().map(DictItem::Real).collect();
    form_xobject(form_dict(bbox, false), figure_operators(drawing))
}

/// A QR code as a form XObject: its squares are drawn once in the file, in module
/// units, and compressed once per build (not turned into some 300 drawing
/// operations on every sheet that shows it).
fn qr_xobject(symbol: &QrSymbol) -> XObject {
    let span = symbol.span() as i64;
    let compressed =
        symbol.compressed(|drawing| font_programs::deflate(drawing, flate2::Compression::new(2)));
    let bbox = [0, 0, span, span].into_iter().map(DictItem::Int).collect();
    form_xobject(form_dict(bbox, true), compressed.to_vec())
}

/// Where a sheet's pictures, QR codes and figures are, by XObject id.
struct XObjectIds<'a> {
    images: BTreeMap<&'a str, XObjectId>,
    qr: FormIds<'a, QrSymbol>,
    figures: FormIds<'a, Drawing>,
}

fn page_ops(page: &Page, height: f32, images: &Images, ids: &XObjectIds) -> Vec<Op> {
    let mut ops = Vec::new();
    let mut in_text = false;
    let mut font: Option<(FontStyle, f32)> = None;
    let mut fill: Option<Color> = None;
    // The outline colour and width in force: set only when they change.
    let (mut outline, mut thickness): (Option<Color>, Option<f32>) = (None, None);
    for mark in &page.marks {
        match mark {
            Mark::Text {
                x,
                baseline,
                style,
                size,
                color,
                text,
            } => {
                if !in_text {
                    ops.push(Op::StartTextSection);
                    in_text = true;
                    font = None;
                }
                if font != Some((*style, *size)) {
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(font_id(*style)),
                        size: Pt(*size),
                    });
                    font = Some((*style, *size));
                }
                if fill != Some(*color) {
                    ops.push(Op::SetFillColor { col: rgb(*color) });
                    fill = Some(*color);
                }
                ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(Pt(*x), Pt(height - baseline)),
                });
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(text.clone())],
                });
            }
            other => {
                if in_text {
                    ops.push(Op::EndTextSection);
                    in_text = false;
                }
                match other {
                    Mark::Rect {
                        x,
                        y,
                        width,
                        height: h,
                        fill: f,
                        stroke,
                    } => {
                        let mode = match (f, stroke) {
                            (Some(_), Some(_)) => PaintMode::FillStroke,
                            (Some(_), None) => PaintMode::Fill,
                            _ => PaintMode::Stroke,
                        };
                        if let Some(c) = f
                            && fill != Some(*c)
                        {
                            ops.push(Op::SetFillColor { col: rgb(*c) });
                            fill = Some(*c);
                        }
                        if let Some(c) = stroke {
                            set_outline(&mut ops, (&mut outline, &mut thickness), *c, 1.0);
                        }
                        let mut rect =
                            Rect::from_xywh(Pt(*x), Pt(height - y - h), Pt(*width), Pt(*h));
                        rect.mode = Some(mode);
                        ops.push(Op::DrawRectangle { rectangle: rect });
                    }
                    Mark::Line {
                        x1,
                        y1,
                        x2,
                        y2,
                        width,
                        color,
                    } => {
                        set_outline(&mut ops, (&mut outline, &mut thickness), *color, *width);
                        let point = |x: f32, y: f32| LinePoint {
                            p: Point {
                                x: Pt(x),
                                y: Pt(height - y),
                            },
                            bezier: false,
                        };
                        ops.push(Op::DrawLine {
                            line: Line {
                                points: vec![point(*x1, *y1), point(*x2, *y2)],
                                is_closed: false,
                            },
                        });
                    }
                    Mark::Figure {
                        x,
                        y,
                        scale,
                        drawing,
                    } => {
                        let Some(id) = form_id(&ids.figures, drawing) else {
                            continue;
                        };
                        let transform = XObjectTransform {
                            translate_x: Some(Pt(*x)),
                            translate_y: Some(Pt(height - y - drawing.height * scale)),
                            scale_x: Some(*scale),
                            scale_y: Some(*scale),
                            ..Default::default()
                        };
                        ops.push(Op::UseXobject {
                            id: id.clone(),
                            transform,
                        });
                    }
                    Mark::Image {
                        x,
                        y,
                        width,
                        height: h,
                        src,
                    } => {
                        let (Some(image), Some(id)) =
                            (images.get(src), ids.images.get(src.as_str()))
                        else {
                            continue;
                        };
                        // printpdf draws a picture 1 pt per pixel at 72 dpi; scale it into its box.
                        let transform = XObjectTransform {
                            translate_x: Some(Pt(*x)),
                            translate_y: Some(Pt(height - y - h)),
                            scale_x: Some(width / image.width.max(1) as f32),
                            scale_y: Some(h / image.height.max(1) as f32),
                            dpi: Some(72.0),
                            ..Default::default()
                        };
                        ops.push(Op::UseXobject {
                            id: id.clone(),
                            transform,
                        });
                    }
                    Mark::Qr { x, y, size, symbol } => {
                        let Some(id) = form_id(&ids.qr, symbol) else {
                            continue;
                        };
                        let unit = size / symbol.span() as f32;
                        let transform = XObjectTransform {
                            translate_x: Some(Pt(*x)),
                            translate_y: Some(Pt(height - y - size)),
                            scale_x: Some(unit),
                            scale_y: Some(unit),
                            ..Default::default()
                        };
                        ops.push(Op::UseXobject {
                            id: id.clone(),
                            transform,
                        });
                    }
                    Mark::Link {
                        x,
                        y,
                        width,
                        height: h,
                        uri,
                    } => {
                        let rect = Rect::from_xywh(Pt(*x), Pt(height - y - h), Pt(*width), Pt(*h));
                        let no_border = BorderArray::Solid([0.0, 0.0, 0.0]);
                        let link = LinkAnnotation::new(
                            rect,
                            Actions::Uri(uri.clone()),
                            Some(no_border),
                            None,
                            None,
                        );
                        ops.push(Op::LinkAnnotation { link });
                    }
                    Mark::Text { .. } => {}
                }
            }
        }
    }
    if in_text {
        ops.push(Op::EndTextSection);
    }
    ops
}

/// Sets the outline colour and width, each only if it is not already in force.
fn set_outline(
    ops: &mut Vec<Op>,
    (outline, thickness): (&mut Option<Color>, &mut Option<f32>),
    color: Color,
    width: f32,
) {
    if *outline != Some(color) {
        ops.push(Op::SetOutlineColor { col: rgb(color) });
        *outline = Some(color);
    }
    if *thickness != Some(width) {
        ops.push(Op::SetOutlineThickness { pt: Pt(width) });
        *thickness = Some(width);
    }
}

/// Deflates every stream not yet compressed. lopdf's own `compress` always uses the
/// slowest level. A font program (a TrueType file, which says its `Length1`) is
/// deflated at the default level: it is most of a sheet's bytes, and the shared
/// ones are deflated once per build. Page contents and the rest are deflated at
/// level 2: a 5-page handout's streams deflate in 0.74 ms instead of 1.34 ms (at
/// level 6), and the handout grows from 105 to 108 KB. (Level 1 took 0.51 ms, for
/// 116 KB.)
fn compress_streams(doc: &mut lopdf::Document) {
    for object in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        if let Some(deflated) = font_programs::deflated_program(&stream.content) {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(deflated.to_vec());
            continue;
        }
        let level = match stream.dict.has(b"Length1") {
            true => flate2::Compression::default(),
            false => flate2::Compression::new(2),
        };
        let compressed = font_programs::deflate(&stream.content, level);
        if compressed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    }
}

const ID_PLACEHOLDER: &[u8; 32] = b"HANDOUTDOCUMENTIDPLACEHOLDER0000";

pub fn write_pdf(
    pages: &[Page],
    geometry: PageGeometry,
    meta: &Metadata,
    images: &Images,
) -> Vec<u8> {
    write_pdf_timed(pages, geometry, meta, images).0
}

/// Where writing a PDF spends its time, for the benchmark.
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteTimings {
    /// Building printpdf's document: ops, fonts, metadata.
    pub document: std::time::Duration,
    /// printpdf's serialization to lopdf objects, which includes font subsetting.
    pub serialize_and_subset: std::time::Duration,
    /// Deflating the streams.
    pub compress: std::time::Duration,
    /// Writing the bytes and the document id.
    pub save: std::time::Duration,
}

/// Times a stage where std can read a clock: WebAssembly in a browser (the program
/// builder) has none, and its stages all take no time.
struct Stopwatch {
    #[cfg(not(target_family = "wasm"))]
    started: std::time::Instant,
}

impl Stopwatch {
    fn start() -> Self {
        Stopwatch {
            #[cfg(not(target_family = "wasm"))]
            started: std::time::Instant::now(),
        }
    }

    fn elapsed(&self) -> std::time::Duration {
        #[cfg(not(target_family = "wasm"))]
        return self.started.elapsed();
        #[cfg(target_family = "wasm")]
        std::time::Duration::ZERO
    }
}

/// [`write_pdf`], also reporting how long each stage took.
pub fn write_pdf_timed(
    pages: &[Page],
    geometry: PageGeometry,
    meta: &Metadata,
    images: &Images,
) -> (Vec<u8>, WriteTimings) {
    let mut timings = WriteTimings::default();
    let clock = Stopwatch::start();
    let mut doc = PdfDocument::new(&meta.title);
    // Each face used, with the characters drawn in it (gathered in a list, then
    // sorted once: a set took an ordered insert per character of the sheet).
    let mut used: BTreeMap<FontStyle, Vec<char>> = BTreeMap::new();
    for mark in pages.iter().flat_map(|p| &p.marks) {
        if let Mark::Text { style, text, .. } = mark {
            used.entry(*style).or_default().extend(text.chars());
        }
    }
    for (style, mut chars) in used {
        chars.sort_unstable();
        chars.dedup();
        // The shared subset, made once for every sheet, when it has every character;
        // else a subset for this sheet; else (if allsorts could not subset the face)
        // the whole face.
        let parsed = if chars.iter().all(|c| font_programs::in_shared_set(*c)) {
            font_programs::shared(style).map(|shared| shared.face.parsed.clone())
        } else {
            None
        }
        .or_else(|| font_programs::subset(style, chars).map(|subset| subset.parsed))
        .unwrap_or_else(|| font_programs::whole(style).clone());
        // Embedded as it is: printpdf does no subsetting of its own.
        let font = PdfFont::with_meta(
            parsed,
            PrintpdfFontMeta {
                embedding_mode: FontEmbeddingMode::Full,
                requires_subsetting: false,
                ..PrintpdfFontMeta::default()
            },
        );
        doc.resources.fonts.map.insert(font_id(style), font);
    }
    let date = printpdf::OffsetDateTime::from_unix_timestamp(meta.created)
        .or_else(|_| printpdf::OffsetDateTime::from_unix_timestamp(0))
        .expect("the epoch is a valid date");
    let info = &mut doc.metadata.info;
    info.author = meta.author.clone();
    info.subject = meta.subject.clone();
    info.keywords = meta.keywords.clone();
    info.creator = "handout".into();
    info.producer = "handout (printpdf)".into();
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;
    let ids = XObjectIds {
        images: image_ids(pages),
        qr: form_ids(pages, "Qr", |mark| match mark {
            Mark::Qr { symbol, .. } => Some(symbol),
            _ => None,
        }),
        figures: form_ids(pages, "Fig", |mark| match mark {
            Mark::Figure { drawing, .. } => Some(drawing),
            _ => None,
        }),
    };
    for (drawing, id) in &ids.figures {
        doc.resources
            .xobjects
            .map
            .insert(id.clone(), figure_xobject(drawing));
    }
    for (symbol, id) in &ids.qr {
        doc.resources
            .xobjects
            .map
            .insert(id.clone(), qr_xobject(symbol));
    }
    for (src, id) in &ids.images {
        if let Some(image) = images.get(*src) {
            doc.resources
                .xobjects
                .map
                .insert(id.clone(), XObject::Image(RawImage::clone(image)));
        }
    }
    let pdf_pages = pages
        .iter()
        .map(|page| {
            PdfPage::new(
                pt_to_mm(geometry.width),
                pt_to_mm(geometry.height),
                page_ops(page, geometry.height, images, &ids),
            )
        })
        .collect();
    doc.with_pages(pdf_pages);

    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        // Photos are stored as JPEG: a sheet with pictures stays small enough to e-mail.
        image_optimization: (!ids.images.is_empty()).then(ImageOptimizationOptions::default),
    };
    timings.document = clock.elapsed();
    let clock = Stopwatch::start();
    let mut lopdf_doc = doc.to_lopdf_document(&options, &mut Vec::new());
    timings.serialize_and_subset = clock.elapsed();
    let placeholder =
        lopdf::Object::String(ID_PLACEHOLDER.to_vec(), lopdf::StringFormat::Hexadecimal);
    lopdf_doc.trailer.set(
        "ID",
        lopdf::Object::Array(vec![placeholder.clone(), placeholder]),
    );
    // printpdf always claims PDF/X conformance in the Info dictionary; these sheets make no such claim.
    let info_id = lopdf_doc
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference);
    if let Ok(info) = info_id.and_then(|id| lopdf_doc.get_dictionary_mut(id)) {
        info.remove(b"GTS_PDFXVersion");
        info.remove(b"Identifier");
        // Written here rather than by printpdf, which writes 1970 in WebAssembly:
        // the program builder's sheets carry the same date as the command line's.
        let stamp = pdf_date(&date);
        info.set("CreationDate", lopdf::Object::string_literal(stamp.clone()));
        info.set("ModDate", lopdf::Object::string_literal(stamp));
    }
    if let Ok(catalog) = lopdf_doc.catalog_mut() {
        catalog.set(
            "Lang",
            lopdf::Object::string_literal(meta.language.as_str()),
        );
    }
    let clock = Stopwatch::start();
    compress_streams(&mut lopdf_doc);
    timings.compress = clock.elapsed();
    let clock = Stopwatch::start();
    let mut bytes = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = lopdf_doc.save_to(&mut bytes);
    set_document_id(&mut bytes);
    timings.save = clock.elapsed();
    (bytes, timings)
}

/// A PDF date, `D:20261121093000+00'00'` (always in UTC).
fn pdf_date(date: &printpdf::OffsetDateTime) -> String {
    format!(
        "D:{:04}{:02}{:02}{:02}{:02}{:02}+00'00'",
        date.year(),
        u8::from(date.month()),
        date.day(),
        date.hour(),
        date.minute(),
        date.second(),
    )
}

/// Replaces the id placeholder with a hash of the file, so the id follows the content.
fn set_document_id(bytes: &mut [u8]) {
    let hex_placeholder: Vec<u8> = ID_PLACEHOLDER
        .iter()
        .flat_map(|b| format!("{b:02X}").into_bytes())
        .collect();
    // SipHash 1-3 with fixed keys: stable across versions and platforms (not for security).
    let id = format!(
        "{:032X}",
        siphasher::sip128::SipHasher13::new().hash(bytes).as_u128()
    );
    let id: Vec<u8> = id
        .bytes()
        .flat_map(|b| format!("{b:02X}").into_bytes())
        .collect();
    // The placeholder is in the trailer, at the end of the file.
    let tail = bytes.len().saturating_sub(4096);
    let mut places: Vec<usize> = memchr::memmem::find_iter(&bytes[tail..], &hex_placeholder)
        .map(|at| tail + at)
        .collect();
    if places.is_empty() {
        places = memchr::memmem::find_iter(bytes, &hex_placeholder).collect();
    }
    for at in places {
        bytes[at..at + id.len()].copy_from_slice(&id);
    }
}
