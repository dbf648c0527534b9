//! Figures drawn from poses (issue 10): every sample exercise gets one, on its page
//! as an SVG and on sheets as vector paths; bad poses are errors where they are.

mod common;

use common::*;

#[test]
fn every_sample_exercise_has_a_figure_on_its_page_and_its_card() {
    let site = sample_site();
    let out = handout(site.path(), &["build", "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let output = site.path().join("output");
    let mut count = 0;
    for entry in std::fs::read_dir(site.path().join("content/exercises")).unwrap() {
        let slug = entry
            .unwrap()
            .path()
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        // (The Spanish translations draw their figures under es/.)
        if slug.ends_with(".es") {
            continue;
        }
        let svg = std::fs::read_to_string(output.join(format!("figures/{slug}.svg"))).unwrap();
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
            "{slug}"
        );
        assert!(
            svg.contains("<title>Drawing of "),
            "{slug}: the SVG names itself"
        );
        let page =
            std::fs::read_to_string(output.join(format!("exercises/{slug}/index.html"))).unwrap();
        assert!(
            page.contains(&format!(
                "src=\"../../figures/{slug}.svg\" alt=\"Drawing of "
            )),
            "{slug}: the page shows the figure with a description"
        );
        count += 1;
    }
    assert_eq!(count, 28);
}

#[test]
fn sheets_draw_figures_as_vector_paths_not_pictures() {
    let site = sample_site();
    assert!(handout(site.path(), &["build", "--quiet"]).status.success());
    let card = site.path().join("output/handouts/exercises/bridge.pdf");
    assert_eq!(
        pdf_image_count(&card),
        0,
        "no picture object: the figure is drawn"
    );
    // The figure is one form XObject that the page draws with `Do` (beside the
    // QR code's form, which has no round caps).
    let doc = lopdf::Document::load(&card).unwrap();
    let figures = page_figures(&doc, 0);
    assert_eq!(figures.len(), 1, "the page draws the figure once");
    let ops = |name: &str| figures[0].iter().filter(|o| o.operator == name).count();
    // Each limb is two strokes (outline, then fill) in both panels, drawn with round
    // caps set once for the whole drawing.
    assert!(ops("S") >= 40, "strokes: {}", ops("S"));
    assert_eq!(ops("J"), 1, "round caps");
    assert_eq!(ops("j"), 1, "round joins");
    let text = squash(&pdf_pages_text(&card).concat());
    assert!(
        text.contains("Start") && text.contains("End"),
        "labelled panels"
    );
}

#[test]
fn bad_poses_are_errors_at_their_line_and_column() {
    let site = sample_site();
    let bridge = site.path().join("content/exercises/bridge.md");
    replace_in(
        &bridge,
        "pose:\n  start: { base: hook-lying }\n  end: { hips_lift: 16 }\n  props: [mat]\n",
        "pose:\n  start: { base: hook-lyin, knee: -10, elbo: 20 }\n  end: { hips_lift: 16 }\n  props: [mat, trampoline]\n",
    );
    let out = handout(site.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let text = std::fs::read_to_string(&bridge).unwrap();
    let line = text.lines().position(|l| l.contains("hook-lyin")).unwrap() + 1;
    let col =
        |row: usize, needle: &str| text.lines().nth(row - 1).unwrap().find(needle).unwrap() + 1;
    for expected in [
        format!(
            "bridge.md:{line}:{}: error: unknown base \"hook-lyin\" (did you mean \"hook-lying\"?)",
            col(line, "hook-lyin")
        ),
        format!(
            "bridge.md:{line}:{}: error: unknown joint motion `elbo` (did you mean `elbow`?)",
            col(line, "elbo:")
        ),
        format!(
            "bridge.md:{}:{}: error: unknown prop \"trampoline\"; known: mat, chair",
            line + 2,
            col(line + 2, "trampoline")
        ),
    ] {
        assert!(err.contains(&expected), "missing {expected}\n{err}");
    }
    // With a known base, an angle past what the joint can do.
    replace_in(&bridge, "hook-lyin,", "hook-lying,");
    let text = std::fs::read_to_string(&bridge).unwrap();
    let col =
        |row: usize, needle: &str| text.lines().nth(row - 1).unwrap().find(needle).unwrap() + 1;
    let err = stderr(&handout(site.path(), &["check"]));
    assert!(
        err.contains(&format!(
            "bridge.md:{line}:{}: error: knee must be from 0 to 155 degrees; -10 is past what the knee can do",
            col(line, "-10")
        )),
        "{err}"
    );
}

#[test]
fn figure_drawings_are_pinned() {
    let site = sample_site();
    assert!(handout(site.path(), &["build", "--quiet"]).status.success());
    for slug in ["bridge", "clamshell", "bird-dog"] {
        let svg = std::fs::read_to_string(site.path().join(format!("output/figures/{slug}.svg")))
            .unwrap();
        assert_snapshot(&format!("figure-{slug}.svg"), &svg);
    }
}

#[test]
fn an_exercise_s_own_picture_wins_over_its_drawn_figure() {
    let site = sample_site();
    let images = site.path().join("content/exercises/images");
    std::fs::create_dir_all(&images).unwrap();
    image::RgbImage::from_pixel(40, 30, image::Rgb([200, 200, 200]))
        .save(images.join("bridge.png"))
        .unwrap();
    replace_in(
        &site.path().join("content/exercises/bridge.md"),
        "pose:\n",
        "image: images/bridge.png\nimage_alt: A photo of the bridge.\npose:\n",
    );
    replace_in(
        &site.path().join("content/exercises/bridge.es.md"),
        "title:",
        "image_alt: Una foto del puente.\ntitle:",
    );
    let out = handout(site.path(), &["build", "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let output = site.path().join("output");
    assert!(
        !output.join("figures/bridge.svg").exists(),
        "no figure is drawn"
    );
    assert!(output.join("figures/clamshell.svg").is_file());
    let page = std::fs::read_to_string(output.join("exercises/bridge/index.html")).unwrap();
    assert!(
        page.contains("alt=\"A photo of the bridge.\"") && !page.contains("figures/bridge.svg")
    );
    // The card shows the picture (an image object), not the figure's labelled panels.
    let card = output.join("handouts/exercises/bridge.pdf");
    assert_eq!(pdf_image_count(&card), 1);
    assert!(!squash(&pdf_pages_text(&card).concat()).contains("StartEnd"));
}
