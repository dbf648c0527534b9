//! Pictures and the clinic logo are copied into output/media and linked
//! relatively; content is escaped in HTML.

mod common;

use common::*;

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
    0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// How many image XObjects a PDF holds.
fn image_xobjects(pdf: &std::path::Path) -> usize {
    let doc = lopdf::Document::load(pdf).unwrap();
    doc.objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| {
            s.dict.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(b"Image".as_slice())
        })
        .count()
}

#[test]
fn images_and_logo_are_copied_and_linked() {
    let dir = tempfile::tempdir().unwrap();
    assert!(handout(dir.path(), &["init", "site"]).status.success());
    let site = dir.path().join("site");
    let content = site.join("content");
    std::fs::create_dir_all(content.join("exercises/pictures")).unwrap();
    std::fs::create_dir_all(content.join("images")).unwrap();
    std::fs::write(content.join("exercises/pictures/bridge.png"), PNG).unwrap();
    std::fs::write(content.join("images/logo.png"), PNG).unwrap();
    let bridge = std::fs::read_to_string(content.join("exercises/bridge.md")).unwrap().replacen(
        "---\n",
        "---\nimage: pictures/bridge.png\nimage_alt: A person lying on their back with hips lifted\n",
        1,
    );
    std::fs::write(content.join("exercises/bridge.md"), bridge).unwrap();
    let config = std::fs::read_to_string(content.join("site.yaml"))
        .unwrap()
        .replace("# logo: images/logo.png", "logo: images/logo.png");
    std::fs::write(content.join("site.yaml"), config).unwrap();

    let out = handout(&site, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let output = site.join("output");
    assert_eq!(
        std::fs::read(output.join("media/exercises/pictures/bridge.png")).unwrap(),
        PNG
    );
    assert_eq!(
        std::fs::read(output.join("media/images/logo.png")).unwrap(),
        PNG
    );
    let page = std::fs::read_to_string(output.join("exercises/bridge/index.html")).unwrap();
    assert!(
        page.contains(r#"<img class="picture" src="../../media/exercises/pictures/bridge.png" alt="A person lying on their back with hips lifted">"#),
        "{page}"
    );
    assert!(page.contains(r#"src="../../media/images/logo.png""#));
    let condition =
        std::fs::read_to_string(output.join("conditions/low-back-pain/index.html")).unwrap();
    assert!(condition.contains(r#"src="../../media/exercises/pictures/bridge.png""#));

    // The handout and the card embed the picture and the logo.
    for pdf in [
        "handouts/low-back-pain.pdf",
        "handouts/exercises/bridge.pdf",
    ] {
        assert_eq!(
            image_xobjects(&output.join(pdf)),
            2,
            "{pdf}: picture and logo"
        );
    }
    assert_eq!(
        image_xobjects(&output.join("handouts/exercises/knee-to-chest.pdf")),
        1,
        "logo only"
    );

    // A picture that cannot be read is left off the sheets with a warning naming it.
    std::fs::write(
        content.join("exercises/pictures/bridge.png"),
        b"not a picture",
    )
    .unwrap();
    let out = handout(&site, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("content/exercises/pictures/bridge.png:1:1: warning: this picture cannot be printed on sheets"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        image_xobjects(&output.join("handouts/exercises/bridge.pdf")),
        1,
        "logo only"
    );

    // Without alt text the picture is an error.
    let no_alt = std::fs::read_to_string(content.join("exercises/bridge.md"))
        .unwrap()
        .replace(
            "image_alt: A person lying on their back with hips lifted\n",
            "",
        );
    std::fs::write(content.join("exercises/bridge.md"), no_alt).unwrap();
    let out = handout(&site, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("content/exercises/bridge.md:2:8: error: image needs `image_alt`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn content_is_escaped_in_pages() {
    let dir = tempfile::tempdir().unwrap();
    assert!(handout(dir.path(), &["init", "site"]).status.success());
    let site = dir.path().join("site");
    let path = site.join("content/exercises/bridge.md");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace(
            "title: Bridge",
            "title: \"Bridge <script>alert(1)</script> & more\"",
        )
        .replace(
            "4. Slowly lower",
            "4. <img src=x onerror=alert(1)> Slowly lower",
        );
    std::fs::write(&path, text).unwrap();
    let out = handout(&site, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for page in [
        "exercises/bridge/index.html",
        "conditions/low-back-pain/index.html",
        "index.html",
    ] {
        let html = std::fs::read_to_string(site.join("output").join(page)).unwrap();
        assert!(
            !html.contains("<script>alert") && !html.contains("<img src=x"),
            "{page} is not escaped"
        );
        assert!(html.contains("Bridge &lt;script&gt;"), "{page}");
    }
    let sheet = squash(&pdf_pages_text(&site.join("output/handouts/low-back-pain.pdf")).concat());
    assert!(sheet.contains(&squash("Bridge <script>alert(1)</script> & more")));
    // The search index holds the title exactly, with no character that could end a script.
    let index = read_search_index(&site.join("output"));
    let script = std::fs::read_to_string(site.join("output/search-index.js")).unwrap();
    assert!(!script.contains('<') && !script.contains('>') && !script.contains('&'));
    let titles: Vec<&str> = index["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["t"].as_str().unwrap())
        .collect();
    assert!(titles.contains(&"Bridge <script>alert(1)</script> & more"));

    // A site that allows raw HTML gets it on its pages, as written; never on its sheets.
    let yaml = site.join("content/site.yaml");
    let config = std::fs::read_to_string(&yaml).unwrap() + "raw_html: true\n";
    std::fs::write(&yaml, config).unwrap();
    let out = handout(&site, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = std::fs::read_to_string(site.join("output/exercises/bridge/index.html")).unwrap();
    assert!(page.contains("<img src=x onerror=alert(1)>"));
    assert!(
        page.contains("Bridge &lt;script&gt;"),
        "front matter values are always escaped"
    );
    let sheet =
        squash(&pdf_pages_text(&site.join("output/handouts/exercises/bridge.pdf")).concat());
    assert!(sheet.contains(&squash("<img src=x onerror=alert(1)> Slowly lower")));
}

#[test]
fn an_svg_logo_is_printed_on_sheets() {
    let dir = tempfile::tempdir().unwrap();
    assert!(handout(dir.path(), &["init", "site"]).status.success());
    let site = dir.path().join("site");
    let content = site.join("content");
    std::fs::create_dir_all(content.join("images")).unwrap();
    std::fs::write(
        content.join("images/logo.svg"),
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40">
  <rect width="120" height="40" rx="8" fill="#0a5f6b"/>
  <circle cx="20" cy="20" r="12" fill="#ffffff"/>
</svg>"##,
    )
    .unwrap();
    replace_in(
        &content.join("site.yaml"),
        "# logo: images/logo.png",
        "logo: images/logo.svg",
    );
    let out = handout(&site, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    let output = site.join("output");
    assert!(output.join("media/images/logo.svg").is_file());
    let pdf = output.join("handouts/low-back-pain.pdf");
    assert_eq!(image_xobjects(&pdf), 1, "the logo");
    // Drawn, not blank: the rendered first page has the logo's teal in its top band.
    if have("pdftoppm") {
        let image = render_page(&pdf, 1, 40).to_rgb8();
        let teal = image
            .pixels()
            .take(image.width() as usize * image.height() as usize / 5)
            .filter(|p| p[0] < 40 && p[1] > 70 && p[1] < 120 && p[2] > 90 && p[2] < 130)
            .count();
        assert!(teal > 20, "only {teal} teal pixels at the top of the page");
    }
}
