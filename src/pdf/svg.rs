//! SVG pictures on sheets (a clinic logo, say): drawn with resvg onto white at print
//! resolution, then embedded like a PNG. Text inside the SVG is not drawn (resvg is
//! built without fonts, so no system font is ever read); logos should have their
//! lettering as outlines, as logo files usually do. Nothing outside the file is
//! loaded.

use printpdf::{RawImage, RawImageData, RawImageFormat};
use resvg::{tiny_skia, usvg};

/// Pixels on the longer side: about 300 dpi for a picture printed 2 inches wide.
const LONGER_SIDE: f32 = 600.0;

/// Whether `path` names an SVG file.
pub fn is_svg(path: &std::path::Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("svg"))
}

pub fn rasterize(bytes: &[u8]) -> Result<RawImage, String> {
    let tree = usvg::Tree::from_data(bytes, &usvg::Options::default())
        .map_err(|e| format!("not a readable SVG: {e}"))?;
    let size = tree.size();
    let scale = LONGER_SIDE / size.width().max(size.height());
    let width = (size.width() * scale).ceil().max(1.0) as u32;
    let height = (size.height() * scale).ceil().max(1.0) as u32;
    let mut pixmap =
        tiny_skia::Pixmap::new(width, height).ok_or("the SVG has no size to draw at")?;
    // Paper is white: drawing onto it leaves no transparency to carry into the PDF.
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let rgb = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    Ok(RawImage {
        pixels: RawImageData::U8(rgb),
        width: width as usize,
        height: height as usize,
        data_format: RawImageFormat::RGB8,
        tag: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_shapes_on_white_at_print_size() {
        let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">
            <rect x="0" y="0" width="20" height="20" fill="#ff0000"/></svg>"##;
        let image = rasterize(svg).unwrap();
        assert_eq!((image.width, image.height), (600, 300));
        let RawImageData::U8(pixels) = &image.pixels else {
            panic!("8-bit pixels")
        };
        let at = |x: usize, y: usize| &pixels[(y * 600 + x) * 3..][..3];
        assert_eq!(at(100, 150), [255, 0, 0], "the red square");
        assert_eq!(
            at(500, 150),
            [255, 255, 255],
            "white where nothing is drawn"
        );
        assert!(rasterize(b"<svg").is_err());
    }
}
