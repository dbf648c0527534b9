//! Helpers shared by the integration tests: run the real binary on real folders.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `handout` with `args` inside `dir`.
pub fn handout(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_handout"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run handout")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A temporary copy of the repository's sample site (content/ only: the theme is built in).
pub fn sample_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("content"), &dir.path().join("content"));
    dir
}

/// The sample site in one language, `LANG`: its Spanish translations unused.
pub fn sample_in(language: &str) -> tempfile::TempDir {
    let site = sample_site();
    let yaml = site.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    let (one_language, _) = text.split_once("# The site in Spanish too").unwrap();
    std::fs::write(
        &yaml,
        one_language.replace("language: en", &format!("language: {language}")),
    )
    .unwrap();
    for entry in walkdir::WalkDir::new(site.path().join("content")) {
        let path = entry.unwrap().into_path();
        if path.to_string_lossy().ends_with(".es.md") {
            std::fs::remove_file(path).unwrap();
        }
    }
    site
}

/// Every file under `dir`, relative, with its bytes.
pub fn snapshot_tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// Text without white space or ASCII hyphens, so that words broken (and hyphenated)
/// across PDF lines still match. Apply it to both sides of a comparison.
pub fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect()
}

/// The text of every page of a PDF, read with lopdf (a Rust PDF reader).
pub fn pdf_pages_text(path: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    doc.get_pages()
        .keys()
        .map(|n| doc.extract_text(&[*n]).unwrap())
        .collect()
}

/// The JSON inside output/search-index.js.
pub fn read_search_index(output: &Path) -> serde_json::Value {
    let script = std::fs::read_to_string(output.join("search-index.js")).unwrap();
    let json = script
        .strip_prefix("window.HANDOUT_SEARCH = ")
        .and_then(|s| s.strip_suffix(";\n"))
        .expect("search-index.js is one assignment");
    serde_json::from_str(json).unwrap()
}

/// Whether an outside program is installed; prints the skip notice when it is not.
pub fn have(program: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success());
    found || skip(&format!("{program} not installed"))
}

/// Says why a check is skipped and returns false; where `.ci/run` sets
/// HANDOUT_REQUIRE_TOOLS (CI installs every tool), a skip is a failure instead.
pub fn skip(why: &str) -> bool {
    assert!(
        std::env::var_os("HANDOUT_REQUIRE_TOOLS").is_none(),
        "HANDOUT_REQUIRE_TOOLS is set but {why}"
    );
    eprintln!("skipped: {why}");
    false
}

/// Compares `actual` with its insta snapshot in `tests/snapshots/NAME.snap`. After an
/// intended change, `INSTA_UPDATE=always cargo test` (or `cargo insta review`)
/// accepts the new text; the snapshot's diff is then reviewed like any other.
pub fn assert_snapshot(name: &str, actual: &str) {
    insta::with_settings!({
        snapshot_path => repo().join("tests/snapshots"),
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, actual);
    });
}

/// The font size of every glyph drawn in a PDF, read from its content streams
/// (the fonts are Identity-H encoded: two bytes a glyph).
pub fn pdf_text_sizes(path: &Path) -> Vec<f32> {
    let doc = lopdf::Document::load(path).unwrap();
    let mut sizes = Vec::new();
    for page in doc.get_pages().values() {
        let content = lopdf::content::Content::decode(&doc.get_page_content(*page)).unwrap();
        let mut size = 0.0;
        for op in &content.operations {
            match op.operator.as_str() {
                "Tf" => size = op.operands[1].as_float().unwrap(),
                "Tj" => {
                    let glyphs = op.operands[0].as_str().map_or(1, |b| b.len() / 2);
                    sizes.extend(std::iter::repeat_n(size, glyphs));
                }
                _ => {}
            }
        }
    }
    sizes
}

/// Word boxes (page width, page height, xmin, ymin, xmax, ymax, word) from poppler's `pdftotext -bbox`.
pub fn pdf_word_boxes(path: &Path) -> Vec<(f32, f32, f32, f32, f32, f32, String)> {
    pdf_pages_word_boxes(path)
        .into_iter()
        .flat_map(|page| {
            let (w, h) = (page.width, page.height);
            page.words
                .into_iter()
                .map(move |(x0, y0, x1, y1, word)| (w, h, x0, y0, x1, y1, word))
        })
        .collect()
}

/// One page's size and its words' boxes (xmin, ymin, xmax, ymax, word), in points
/// from the top left, as poppler's `pdftotext -bbox` finds them.
pub struct PageWords {
    pub width: f32,
    pub height: f32,
    pub words: Vec<(f32, f32, f32, f32, String)>,
}

/// Every page's word boxes.
pub fn pdf_pages_word_boxes(path: &Path) -> Vec<PageWords> {
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(path)
        .arg("-")
        .output()
        .unwrap();
    let html = String::from_utf8_lossy(&out.stdout);
    let attr = |line: &str, name: &str| -> f32 {
        let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        line[start..].split('"').next().unwrap().parse().unwrap()
    };
    let mut pages: Vec<PageWords> = Vec::new();
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            pages.push(PageWords {
                width: attr(line, "width"),
                height: attr(line, "height"),
                words: Vec::new(),
            });
        } else if line.starts_with("<word ")
            && let Some(page) = pages.last_mut()
        {
            let word = line
                .split('>')
                .nth(1)
                .unwrap_or("")
                .split('<')
                .next()
                .unwrap_or("")
                .to_string();
            page.words.push((
                attr(line, "xMin"),
                attr(line, "yMin"),
                attr(line, "xMax"),
                attr(line, "yMax"),
                word,
            ));
        }
    }
    pages
}

/// `handout serve --port 0` running on a site folder; stopped when dropped.
pub struct Served {
    pub child: std::process::Child,
    /// Like `http://127.0.0.1:41234/`.
    pub address: String,
    /// The host and port, for raw connections.
    pub host: String,
    /// What the server prints, line by line.
    pub lines: std::sync::mpsc::Receiver<String>,
    /// The lines `wait_for_line` has read so far, the one it waited for included.
    pub seen: Vec<String>,
}

impl Served {
    pub fn start(site: &Path) -> Served {
        Served::start_with(site, &[])
    }

    /// `handout serve --port 0` with more arguments.
    pub fn start_with(site: &Path, extra: &[&str]) -> Served {
        use std::io::BufRead;
        let mut child = Command::new(env!("CARGO_BIN_EXE_handout"))
            .args(["serve", "--port", "0"])
            .args(extra)
            .current_dir(site)
            .env_remove("SOURCE_DATE_EPOCH")
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run handout serve");
        let stderr = child.stderr.take().unwrap();
        let (tx, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stderr)
                .lines()
                .map_while(Result::ok)
            {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut served = Served {
            child,
            address: String::new(),
            host: String::new(),
            lines,
            seen: Vec::new(),
        };
        let line = served.wait_for_line("serving at ");
        let address = line.split_whitespace().nth(2).unwrap().to_string();
        served.host = address
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        served.address = address;
        served
    }

    /// The next line the server prints that contains `needle` (panics after 60 s).
    pub fn wait_for_line(&mut self, needle: &str) -> String {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(e) => panic!("handout serve never printed {needle:?}: {e}"),
            }
        }
    }

    /// GET `path` (sent as written, not normalised): status and body.
    pub fn get(&self, path: &str) -> (u16, String) {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(&self.host).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.host
        )
        .unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let response = String::from_utf8_lossy(&response).into_owned();
        let status = response
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = response
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (status, body)
    }

    /// Asks the server to stop as Ctrl-C does, and waits for it.
    pub fn interrupt(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        Command::new("kill").args(["-INT", &pid]).status().unwrap();
        let status = self.child.wait().unwrap();
        self.wait_for_line("stopped");
        status
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Replaces `from` (which must be there) with `to` in the file at `path`; returns the
/// text as it was.
/// Writes `path` again with the same bytes and modification time: only its change
/// time (and the build's stamp of the folders) differs.
pub fn save_again(path: &Path) {
    let modified = std::fs::metadata(path).unwrap().modified().unwrap();
    std::fs::write(path, std::fs::read(path).unwrap()).unwrap();
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(modified).unwrap();
}

pub fn replace_in(path: &Path, from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replace(from, to)).unwrap();
    text
}

/// Page `page` of a PDF as poppler's pdftoppm renders it at `dpi` (needs pdftoppm).
pub fn render_page(pdf: &Path, page: u32, dpi: u32) -> image::DynamicImage {
    let dir = tempfile::tempdir().unwrap();
    let page = page.to_string();
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", &dpi.to_string(), "-f", &page, "-l", &page])
        .arg(pdf)
        .arg(dir.path().join("page"))
        .status()
        .unwrap();
    assert!(status.success(), "pdftoppm failed on {}", pdf.display());
    let png = std::fs::read_dir(dir.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    image::open(png).unwrap()
}

/// A dose as a sheet's dose box draws it: each label, then its value.
pub fn dose_box_text(dosage: &handout::content::dosage::Dosage) -> String {
    dosage
        .cells(handout::strings::english())
        .into_iter()
        .map(|c| format!("{} {}", c.label, c.value))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The width and height of every rectangle (`re`) drawn in a PDF, rounded to a
/// hundredth of a point.
pub fn pdf_rectangles(path: &Path) -> Vec<(f32, f32)> {
    let doc = lopdf::Document::load(path).unwrap();
    let round = |o: &lopdf::Object| (o.as_float().unwrap() * 100.0).round() / 100.0;
    let mut sizes = Vec::new();
    for page in doc.get_pages().values() {
        let content = lopdf::content::Content::decode(&doc.get_page_content(*page)).unwrap();
        for op in content.operations.iter().filter(|op| op.operator == "re") {
            sizes.push((round(&op.operands[2]), round(&op.operands[3]).abs()));
        }
    }
    sizes
}

/// The operations of each form XObject that page `index` (from 0) draws with `Do`,
/// in the order it draws them: a drawn figure is one such form (QR codes are too).
pub fn page_forms(doc: &lopdf::Document, index: usize) -> Vec<Vec<lopdf::content::Operation>> {
    let page = doc.get_pages()[&(index as u32 + 1)];
    let content = lopdf::content::Content::decode(&doc.get_page_content(page)).unwrap();
    let (direct, referenced) = doc.get_page_resources(page).unwrap();
    let xobjects = (direct.into_iter())
        .chain(
            referenced
                .iter()
                .filter_map(|id| doc.get_dictionary(*id).ok()),
        )
        .find_map(|resources| resources.get(b"XObject").ok());
    let Some(xobjects) = xobjects else {
        return Vec::new();
    };
    let xobjects = doc.dereference(xobjects).unwrap().1.as_dict().unwrap();
    let drawn = content.operations.iter().filter(|op| op.operator == "Do");
    drawn
        .filter_map(|op| {
            let name = op.operands.first()?.as_name().ok()?;
            let form = doc
                .dereference(xobjects.get(name).ok()?)
                .ok()?
                .1
                .as_stream()
                .ok()?;
            (form.dict.get(b"Subtype").ok()?.as_name().ok()? == b"Form").then_some(())?;
            let bytes = form
                .decompressed_content()
                .unwrap_or_else(|_| form.content.clone());
            Some(lopdf::content::Content::decode(&bytes).unwrap().operations)
        })
        .collect()
}

/// The operations of each drawn figure page `index` (from 0) shows: the forms it
/// draws with round caps (a QR code's form has none).
pub fn page_figures(doc: &lopdf::Document, index: usize) -> Vec<Vec<lopdf::content::Operation>> {
    page_forms(doc, index)
        .into_iter()
        .filter(|ops| ops.iter().any(|op| op.operator == "J"))
        .collect()
}

/// How many drawn figures page `index` (from 0) shows.
pub fn figures_on_page(pdf: &Path, index: usize) -> usize {
    page_figures(&lopdf::Document::load(pdf).unwrap(), index).len()
}

/// How many pictures (image objects) a PDF holds.
pub fn pdf_image_count(path: &Path) -> usize {
    let doc = lopdf::Document::load(path).unwrap();
    doc.objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").ok().and_then(|v| v.as_name().ok()) == Some(b"Image"))
        .count()
}

/// Runs `handout sheet ARGS -o FILE` in `site`, asserts it succeeded, and returns the
/// sheet's text, squashed.
pub fn sheet_text(site: &Path, args: &[&str], file: &str) -> String {
    let mut all = vec!["sheet"];
    all.extend(args);
    all.extend(["-o", file]);
    let out = handout(site, &all);
    assert!(out.status.success(), "{}", stderr(&out));
    squash(&pdf_pages_text(&site.join(file)).concat())
}
