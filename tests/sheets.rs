//! Printed sheets: large print, paper sizes, and every word inside the margins.

mod common;

use std::path::Path;

use common::*;

/// Removes `base_url` from the site's settings.
fn drop_base_url(site: &Path) {
    let yaml = site.join("content/site.yaml");
    let config = std::fs::read_to_string(&yaml).unwrap();
    let without: String = config
        .lines()
        .filter(|l| !l.starts_with("base_url"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(yaml, without).unwrap();
}

fn build_with(site: &Path, extra_yaml: &str) {
    let yaml = site.join("content/site.yaml");
    let config = std::fs::read_to_string(&yaml).unwrap() + extra_yaml;
    std::fs::write(&yaml, config).unwrap();
    let out = handout(site, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// Every word lies inside the page's margins (measured by poppler, not by us).
fn assert_inside_margins(pdf: &Path, margin: f32) {
    let words = pdf_word_boxes(pdf);
    assert!(
        words.len() > 100,
        "{}: only {} words",
        pdf.display(),
        words.len()
    );
    for (w, h, x0, y0, x1, y1, word) in words {
        let inside = x0 >= margin - 0.5
            && x1 <= w - margin + 0.5
            && y0 >= margin - 0.5
            && y1 <= h - margin + 0.5;
        assert!(
            inside,
            "{}: {word:?} at ({x0}, {y0})-({x1}, {y1}) is outside the {margin} pt margins of {w}×{h}",
            pdf.display()
        );
    }
}

#[test]
fn large_print_editions_use_18_point_text_and_no_italics() {
    let site = sample_site();
    let out = handout(site.path(), &["build"]);
    assert!(out.status.success());
    let regular_sizes = pdf_text_sizes(&site.path().join("output/handouts/lower-back-pain.pdf"));
    // Body text is 12 pt; the dose box's and figures' labels (11 pt), the log and the
    // footer are smaller, and nothing is under 10 pt.
    let at_least_12 = regular_sizes.iter().filter(|s| **s >= 11.99).count();
    assert!(
        at_least_12 * 3 > regular_sizes.len() * 2,
        "most glyphs are 12 pt or more: {at_least_12} of {}",
        regular_sizes.len()
    );
    assert!(
        regular_sizes.iter().all(|s| *s >= 10.0),
        "nothing below 10 pt"
    );
    let large = site
        .path()
        .join("output/handouts/large-print/lower-back-pain.pdf");
    let sizes = pdf_text_sizes(&large);
    let body = sizes.iter().filter(|s| (**s - 18.0).abs() < 0.01).count();
    assert!(
        body * 2 > sizes.len(),
        "most glyphs are 18 pt body text: {body} of {}",
        sizes.len()
    );
    assert!(
        sizes.iter().all(|s| *s >= 14.0),
        "nothing small in large print: {sizes:?}"
    );
    assert!(sizes.iter().any(|s| *s > 18.0), "headings are larger");
    let doc = lopdf::Document::load(&large).unwrap();
    let fonts: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| {
            d.get(b"FontName")
                .ok()?
                .as_name()
                .ok()
                .map(|n| String::from_utf8_lossy(n).into_owned())
        })
        .collect();
    assert!(
        !fonts.iter().any(|f| f.contains("Oblique")),
        "no italics in large print: {fonts:?}"
    );
    let page = std::fs::read_to_string(
        site.path()
            .join("output/conditions/lower-back-pain/index.html"),
    )
    .unwrap();
    assert!(page.contains("href=\"../../handouts/large-print/lower-back-pain.pdf\""));
}

#[test]
fn every_word_is_inside_the_margins_on_letter_a4_and_large_print() {
    if !have("pdftotext") {
        return;
    }
    let letter = sample_site();
    build_with(letter.path(), "");
    let a4 = sample_site();
    let config = std::fs::read_to_string(a4.path().join("content/site.yaml"))
        .unwrap()
        .replace("paper: letter", "paper: a4");
    std::fs::write(a4.path().join("content/site.yaml"), config).unwrap();
    build_with(a4.path(), "");
    for site in [&letter, &a4] {
        for slug in ["lower-back-and-hip-pain", "hip-and-lower-back-stretches"] {
            assert_inside_margins(
                &site.path().join(format!("output/handouts/{slug}.pdf")),
                36.0,
            );
            assert_inside_margins(
                &site
                    .path()
                    .join(format!("output/handouts/large-print/{slug}.pdf")),
                30.0,
            );
        }
        assert_inside_margins(
            &site.path().join("output/handouts/exercises/puppy-pose.pdf"),
            36.0,
        );
    }
    let boxes = pdf_word_boxes(&a4.path().join("output/handouts/lower-back-pain.pdf"));
    assert!(
        (boxes[0].0 - 595.28).abs() < 0.1 && (boxes[0].1 - 841.89).abs() < 0.1,
        "A4 pages"
    );
}

/// Decodes the QR codes on page `page` of a PDF rendered by poppler at 200 dpi, as a
/// phone would: aimed at each code, which is where its link annotation lies.
fn qr_payloads(pdf: &Path, page: u32) -> Vec<String> {
    let dpi = 200.0;
    let image = render_page(pdf, page, dpi as u32).to_luma8();
    let doc = lopdf::Document::load(pdf).unwrap();
    let Some(page_id) = doc.get_pages().get(&page).copied() else {
        return Vec::new();
    };
    let page_height = doc
        .get_dictionary(page_id)
        .and_then(|p| p.get(b"MediaBox"))
        .and_then(|b| b.as_array())
        .map(|b| b[3].as_float().unwrap_or(792.0))
        .unwrap_or(792.0);
    let mut payloads = Vec::new();
    for rect in link_rects(&doc, page_id) {
        let px = |pt: f32| (pt * dpi / 72.0).max(0.0) as u32;
        let (x, y) = (px(rect[0] - 12.0), px(page_height - rect[3] - 12.0));
        let (w, h) = (px(rect[2] - rect[0] + 24.0), px(rect[3] - rect[1] + 24.0));
        let (w, h) = (w.min(image.width() - x), h.min(image.height() - y));
        let crop = image::imageops::crop_imm(&image, x, y, w, h).to_image();
        let mut prepared = rqrr::PreparedImage::prepare(crop);
        payloads.extend(
            prepared
                .detect_grids()
                .into_iter()
                .filter_map(|g| g.decode().ok().map(|d| d.1)),
        );
    }
    payloads
}

/// The rectangles (x1, y1, x2, y2 in points from the bottom left) of a page's links.
fn link_rects(doc: &lopdf::Document, page: lopdf::ObjectId) -> Vec<[f32; 4]> {
    let Ok(annots) = doc
        .get_dictionary(page)
        .and_then(|p| p.get(b"Annots"))
        .and_then(|a| a.as_array())
    else {
        return Vec::new();
    };
    annots
        .iter()
        .filter_map(|annot| {
            let dict = match annot {
                lopdf::Object::Reference(id) => doc.get_dictionary(*id).ok()?,
                other => other.as_dict().ok()?,
            };
            let rect = dict.get(b"Rect").ok()?.as_array().ok()?;
            let n = |i: usize| rect.get(i)?.as_float().ok();
            Some([n(0)?, n(1)?, n(2)?, n(3)?])
        })
        .collect()
}

/// The URIs of a PDF's link annotations, page by page.
fn link_uris(pdf: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(pdf).unwrap();
    let mut uris = Vec::new();
    for page in doc.get_pages().values() {
        let Ok(annots) = doc
            .get_dictionary(*page)
            .and_then(|p| p.get(b"Annots"))
            .and_then(|a| a.as_array())
        else {
            continue;
        };
        for annot in annots {
            let dict = match annot {
                lopdf::Object::Reference(id) => doc.get_dictionary(*id).ok(),
                other => other.as_dict().ok(),
            };
            let uri = dict.and_then(|d| {
                d.get(b"A")
                    .ok()?
                    .as_dict()
                    .ok()?
                    .get(b"URI")
                    .ok()?
                    .as_str()
                    .ok()
            });
            uris.extend(uri.map(|u| String::from_utf8_lossy(u).into_owned()));
        }
    }
    uris
}

#[test]
fn qr_codes_open_the_exercise_page_or_its_video() {
    if !have("pdftoppm") {
        return;
    }
    let site = sample_site();
    let bird_dog = site.path().join("content/exercises/bird-dog.md");
    let text = std::fs::read_to_string(&bird_dog).unwrap().replacen(
        "---\n",
        "---\nvideo: https://videos.example/bird-dog\n",
        1,
    );
    std::fs::write(&bird_dog, text).unwrap();
    build_with(site.path(), "");
    let handout = site.path().join("output/handouts/lower-back-pain.pdf");
    // A handout's code opens the exercise's entry on the condition's page, which
    // shows the condition's own dose.
    let entry = "https://exercises.riverside-pt.example/conditions/lower-back-pain/#exercise-standing-hamstring-stretch";
    // The first code, wherever its exercise falls.
    let first = (1..=3).flat_map(|page| qr_payloads(&handout, page)).next();
    assert_eq!(first.as_deref(), Some(entry));
    let page = std::fs::read_to_string(
        site.path()
            .join("output/conditions/lower-back-pain/index.html"),
    )
    .unwrap();
    assert!(page.contains("id=\"exercise-standing-hamstring-stretch\""));
    let card = site.path().join("output/handouts/exercises/bird-dog.pdf");
    assert_eq!(qr_payloads(&card, 1), ["https://videos.example/bird-dog"]);
    assert!(link_uris(&card).contains(&"https://videos.example/bird-dog".to_string()));
    let large = site
        .path()
        .join("output/handouts/large-print/lower-back-pain.pdf");
    // Large print runs longer: the first exercise's code is on one of the first pages.
    let first = (1..=4).flat_map(|page| qr_payloads(&large, page)).next();
    assert_eq!(first.as_deref(), Some(entry));

    // A personal sheet: the published dose keeps its code to the exercise's page; a
    // dose prescribed for this patient gets none, video or not.
    let sheet = site.path().join("ann.pdf");
    let out = common::handout(
        site.path(),
        &[
            "sheet",
            "--exercise",
            "bridge",
            "--exercise",
            "bird-dog:reps=5",
            "-o",
            "ann.pdf",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        link_uris(&sheet),
        ["https://exercises.riverside-pt.example/exercises/bridge/"]
    );

    // Without base_url pages have no address: only the video keeps its code and link.
    drop_base_url(site.path());
    build_with(site.path(), "");
    assert!(qr_payloads(&handout, 1).is_empty());
    assert_eq!(link_uris(&handout), ["https://videos.example/bird-dog"]);
}

#[test]
fn markdown_web_links_are_clickable_on_sheets() {
    let site = sample_site();
    let dead_bug = site.path().join("content/exercises/dead-bug.md");
    let text = std::fs::read_to_string(&dead_bug).unwrap()
        + "\nSee [a video of the dead bug](https://videos.example/dead-bug) or [the bird dog](../bird-dog/).\n";
    std::fs::write(&dead_bug, text).unwrap();
    drop_base_url(site.path());
    build_with(site.path(), "");
    let card = site.path().join("output/handouts/exercises/dead-bug.pdf");
    assert_eq!(link_uris(&card), ["https://videos.example/dead-bug"]);
    let text = squash(&pdf_pages_text(&card).concat());
    assert!(text.contains(&squash("See a video of the dead bug or the bird dog.")));
}

#[test]
fn right_to_left_text_is_refused_for_sheets_at_its_line() {
    let site = sample_site();
    let bridge = site.path().join("content/exercises/bridge.md");
    replace_in(&bridge, "summary: \"Makes", "summary: \"גשר. Makes");
    let out = common::handout(site.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("content/exercises/bridge.md:3:11: error: Hebrew text ('ג', U+05D2) cannot be printed on sheets yet"),
        "{}",
        stderr(&out)
    );
}

/// The name of every font a PDF embeds (`ABCDEF+DejaVuSans`).
fn font_names(pdf: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(pdf).unwrap();
    let mut names: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"Font"))
        .filter(|d| d.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(b"Type0"))
        .filter_map(|d| d.get(b"BaseFont").and_then(|n| n.as_name()).ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn fonts_subset_once_for_all_sheets_and_per_sheet_print_the_same_text() {
    let site = sample_site();
    let sheet = |note: &str, file: &str| {
        let path = site.path().join(file);
        let out = handout(
            site.path(),
            &[
                "sheet",
                "--condition",
                "lower-back-pain",
                "--note",
                note,
                "-o",
                path.to_str().unwrap(),
            ],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        path
    };
    // Every character of this sheet is in the set every sheet shares; the other has
    // one more, outside it, in the note (regular type).
    let shared = sheet("Go slowly, Zoë.", "shared.pdf");
    let own = sheet("Go slowly, Zoë. Łukasz ő", "own.pdf");
    let (shared_fonts, own_fonts) = (font_names(&shared), font_names(&own));
    assert_eq!(shared_fonts.len(), 3, "{shared_fonts:?}");
    for name in &shared_fonts {
        let (tag, face) = name.split_once('+').expect("a subset tag");
        assert!(
            tag.len() == 6
                && tag.chars().all(|c| c.is_ascii_uppercase())
                && !tag.starts_with("HND"),
            "{name}"
        );
        assert!(face.starts_with("DejaVuSans"), "{name}");
    }
    // The regular face is subset for that sheet alone, under a tag of its own; the
    // bold and italic faces are the shared ones.
    let (unchanged, own_subset): (Vec<_>, Vec<_>) =
        own_fonts.iter().partition(|n| shared_fonts.contains(n));
    assert_eq!(unchanged.len(), 2, "{own_fonts:?}");
    assert_eq!(own_subset.len(), 1, "{own_fonts:?}");
    let (tag, face) = own_subset[0].split_once('+').expect("a subset tag");
    assert!(tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()));
    assert_eq!(face, "DejaVuSans");
    // Both extract the same text, and the characters outside the set print.
    let shared_text = pdf_pages_text(&shared).concat();
    let own_text = pdf_pages_text(&own).concat();
    assert!(own_text.contains("Łukasz ő"), "{own_text}");
    assert_eq!(own_text.replace(" Łukasz ő", ""), shared_text);
    if have("pdffonts") {
        for pdf in [&shared, &own] {
            let out = std::process::Command::new("pdffonts")
                .arg(pdf)
                .output()
                .unwrap();
            let listing = String::from_utf8_lossy(&out.stdout);
            // Every font embedded, as a subset, with a Unicode map.
            assert_eq!(listing.matches(" yes yes yes ").count(), 3, "{listing}");
        }
    }
}
