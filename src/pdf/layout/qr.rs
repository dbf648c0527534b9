//! QR codes drawn as vector squares, encoded once per build and shared.

use super::marks::{Color, Mark};

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// A QR code's width in modules, and whether each module is dark.
type QrModules = Arc<(usize, Vec<bool>)>;

/// QR codes encoded so far in one build: an exercise's code appears on its card and
/// on every handout using it, and encoding (which tries all eight masks) costs about
/// a millisecond. One cache is made per build and handed to every sheet.
#[derive(Debug, Default)]
pub struct QrCache {
    codes: Mutex<HashMap<String, Option<QrModules>>>,
}

impl QrCache {
    /// The modules of the code for `data`, or None when it is too long to encode.
    fn modules(&self, data: &str) -> Option<QrModules> {
        let known = self.codes.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = known.get(data) {
            return found.clone();
        }
        drop(known);
        let code = encode(data);
        self.codes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(data.to_string(), code.clone());
        code
    }
}

fn encode(data: &str) -> Option<QrModules> {
    // Level L keeps the code coarse (fewer, larger squares): printed paper is clean,
    // and a large module is what an older phone camera needs. The mask is chosen by
    // the standard's penalty rules, as fast_qr does (several times faster than the
    // qrcode crate, which a handout's many codes made a tenth of a whole build).
    let code = fast_qr::QRBuilder::new(data)
        .ecl(fast_qr::ECL::L)
        .build()
        .ok()?;
    let width = code.size;
    let dark = code.data[..width * width]
        .iter()
        .map(|module| module.value())
        .collect();
    Some(Arc::new((width, dark)))
}

/// A QR code drawn as filled squares (each run of dark modules in a row is one
/// rectangle), with its quiet zone, plus a link over it. Data too long to encode draws nothing.
pub(super) fn qr_marks(cache: Option<&QrCache>, data: &str, x: f32, size: f32) -> Vec<Mark> {
    let code = match cache {
        Some(cache) => cache.modules(data),
        None => encode(data),
    };
    let Some(code) = code else {
        return Vec::new();
    };
    let (modules, colors) = (code.0, &code.1);
    let quiet = 2;
    let unit = size / (modules + 2 * quiet) as f32;
    let mut marks = Vec::new();
    for row in 0..modules {
        let mut col = 0;
        while col < modules {
            if colors[row * modules + col] {
                let start = col;
                while col < modules && colors[row * modules + col] {
                    col += 1;
                }
                marks.push(Mark::Rect {
                    x: x + (start + quiet) as f32 * unit,
                    y: (row + quiet) as f32 * unit,
                    // A hair wider and taller, so neighbouring squares leave no seams.
                    width: (col - start) as f32 * unit + 0.05,
                    height: unit + 0.05,
                    fill: Some(Color(0.0, 0.0, 0.0)),
                    stroke: None,
                });
            } else {
                col += 1;
            }
        }
    }
    marks.push(Mark::Link {
        x,
        y: 0.0,
        width: size,
        height: size,
        uri: data.to_string(),
    });
    marks
}
