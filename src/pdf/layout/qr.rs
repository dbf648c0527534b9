//! QR codes drawn as vector squares, encoded once per build and shared.

use super::marks::Mark;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// The white margin around a code, in modules.
const QUIET: usize = 2;

/// One encoded QR code: its width in modules and whether each module is dark.
#[derive(Debug)]
pub struct QrSymbol {
    modules: usize,
    dark: Vec<bool>,
    /// Its drawing as PDF operators, compressed once by the first sheet that embeds it.
    compressed: OnceLock<Vec<u8>>,
}

impl PartialEq for QrSymbol {
    fn eq(&self, other: &Self) -> bool {
        (self.modules, &self.dark) == (other.modules, &other.dark)
    }
}

impl QrSymbol {
    /// Its side, quiet zone included, in modules: the side of the square it is drawn in.
    pub fn span(&self) -> usize {
        self.modules + 2 * QUIET
    }

    /// PDF operators that fill its dark modules in black, one rectangle per run of
    /// them in a row, in a square `span` units wide with y going up (a form XObject's
    /// space, which starts with the colours in force where it is drawn). Each
    /// rectangle reaches a hair past its neighbours, so no seams show between them.
    pub fn drawing(&self) -> Vec<u8> {
        let n = self.modules;
        let mut out = Vec::with_capacity(n * n);
        out.extend_from_slice(b"0 g\n");
        for row in 0..n {
            let line = &self.dark[row * n..(row + 1) * n];
            let y = self.span() - QUIET - row - 1;
            let mut col = 0;
            while col < n {
                if !line[col] {
                    col += 1;
                    continue;
                }
                let start = col;
                while col < n && line[col] {
                    col += 1;
                }
                push_number(&mut out, start + QUIET);
                out.push(b' ');
                push_number(&mut out, y);
                out.push(b' ');
                push_number(&mut out, col - start);
                out.extend_from_slice(b".03 1.03 re\n");
            }
        }
        out.extend_from_slice(b"f\n");
        out
    }

    /// [`QrSymbol::drawing`] compressed by `compress`, which runs once per code.
    pub fn compressed(&self, compress: impl FnOnce(&[u8]) -> Vec<u8>) -> &[u8] {
        self.compressed.get_or_init(|| compress(&self.drawing()))
    }
}

/// Writes `n` in decimal. A code is some 300 rectangles: formatting their numbers
/// with `write!` cost about half as much as compressing the drawing.
fn push_number(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// QR codes encoded so far in one build: an exercise's code appears on its card and
/// on every handout using it, and encoding (which tries all eight masks) costs about
/// a millisecond. One cache is made per build and handed to every sheet.
#[derive(Debug, Default)]
pub struct QrCache {
    codes: Mutex<HashMap<String, Option<Arc<QrSymbol>>>>,
}

impl QrCache {
    /// The code for `data`, or None when it is too long to encode.
    fn symbol(&self, data: &str) -> Option<Arc<QrSymbol>> {
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

fn encode(data: &str) -> Option<Arc<QrSymbol>> {
    // Level L keeps the code coarse (fewer, larger squares): printed paper is clean,
    // and a large module is what an older phone camera needs. The mask is chosen by
    // the standard's penalty rules, as fast_qr does (several times faster than the
    // qrcode crate, which a handout's many codes made a tenth of a whole build).
    let code = fast_qr::QRBuilder::new(data)
        .ecl(fast_qr::ECL::L)
        .build()
        .ok()?;
    let modules = code.size;
    let dark = code.data[..modules * modules]
        .iter()
        .map(|module| module.value())
        .collect();
    Some(Arc::new(QrSymbol {
        modules,
        dark,
        compressed: OnceLock::new(),
    }))
}

/// A QR code, with its quiet zone, in a square `size` wide, plus a link over it.
/// Data too long to encode draws nothing.
pub(super) fn qr_marks(cache: Option<&QrCache>, data: &str, x: f32, size: f32) -> Vec<Mark> {
    let symbol = match cache {
        Some(cache) => cache.symbol(data),
        None => encode(data),
    };
    let Some(symbol) = symbol else {
        return Vec::new();
    };
    let mut marks = vec![Mark::Qr {
        x,
        y: 0.0,
        size,
        symbol,
    }];
    marks.push(Mark::Link {
        x,
        y: 0.0,
        width: size,
        height: size,
        uri: data.to_string(),
    });
    marks
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Which modules a drawing fills: each rectangle's corner, rounded down, and its
    /// size, rounded down (the hair past a neighbour covers no module of its own).
    fn filled(drawing: &str, span: usize) -> Vec<bool> {
        let mut grid = vec![false; span * span];
        let ops: Vec<&str> = drawing.lines().collect();
        assert_eq!(
            ops.first(),
            Some(&"0 g"),
            "filled in black, whatever came before"
        );
        assert_eq!(ops.last(), Some(&"f"));
        for op in &ops[1..ops.len() - 1] {
            let n: Vec<f32> = op
                .strip_suffix(" re")
                .expect("only rectangles")
                .split(' ')
                .map(|v| v.parse().unwrap())
                .collect();
            let (x, y, w, h) = (n[0] as usize, n[1] as usize, n[2] as usize, n[3] as usize);
            assert_eq!(h, 1, "one row per rectangle");
            for col in x..x + w {
                // y counts up from the bottom; rows count down from the top.
                let cell = &mut grid[(span - 1 - y) * span + col];
                assert!(!*cell, "no module filled twice");
                *cell = true;
            }
        }
        grid
    }

    #[test]
    fn a_drawing_fills_exactly_the_dark_modules_inside_the_quiet_zone() {
        let symbol = encode("https://exercises.example/bridge/").unwrap();
        let span = symbol.span();
        let grid = filled(&String::from_utf8(symbol.drawing()).unwrap(), span);
        for row in 0..span {
            for col in 0..span {
                let inside =
                    (QUIET..span - QUIET).contains(&row) && (QUIET..span - QUIET).contains(&col);
                let dark = inside && symbol.dark[(row - QUIET) * symbol.modules + col - QUIET];
                assert_eq!(
                    grid[row * span + col],
                    dark,
                    "module at row {row}, column {col}"
                );
            }
        }
        let compressed = symbol.compressed(|d| d.to_vec()).to_vec();
        assert_eq!(compressed, symbol.drawing());
        // Made once: a second call keeps the first result.
        assert_eq!(symbol.compressed(|_| Vec::new()), compressed);
    }
}
