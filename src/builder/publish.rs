//! The builder's files in a site build: `builder/index.html` (the theme's
//! `builder.html`), the engine (`builder/engine.js`) and this site's bundle
//! (`builder/site.js`). Both are scripts holding base64 text rather than files
//! fetched at run time: scripts load from `file://` too, and the page's security
//! policy can then forbid every connection.

use crate::build::output::{Output, Placed, Placer};
use crate::build::plan::Plan;
use crate::content::files;
use crate::content::library::Library;
use crate::diagnostic::{Diagnostic, Position};
use crate::theme::{Origin, Theme};

/// The engine, compiled to WebAssembly by `build.rs` from the `wasm/` crate, gzipped
/// (the page inflates it with the browser's own DecompressionStream): engine.js is
/// then 5 MB rather than 12.
pub const ENGINE_WASM_GZ: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/handout_builder.wasm.gz"));

pub const PAGE: &str = "builder/index.html";
pub const ENGINE_SCRIPT: &str = "builder/engine.js";
pub const SITE_SCRIPT: &str = "builder/site.js";

/// Where one of the site's files sits in a bundle: relative to the site folder.
fn relative(library: &Library, path: &std::path::Path) -> Option<String> {
    let relative = library.root.inside(path)?;
    if std::path::MAIN_SEPARATOR == '/'
        && let Some(text) = relative.to_str()
    {
        return Some(text.to_string());
    }
    Some(
        relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

/// Every file the engine needs to print this site's sheets: site.yaml, each
/// exercise and condition (published ones only: a draft's text stays private), their
/// pictures and the logo, the site's own theme files (not its web-only `static/`),
/// and the hyphenation dictionary for the site's language.
pub fn site_bundle(library: &Library, theme: &Theme) -> Result<Vec<u8>, Diagnostic> {
    use std::borrow::Cow;
    // The texts are borrowed, not copied: at 10,000 exercises they are 10 MB.
    let mut entries: Vec<(String, Cow<[u8]>, u64)> = vec![(
        "content/site.yaml".into(),
        Cow::Borrowed(library.site_text.as_bytes()),
        library.site_modified,
    )];
    let sources = library
        .exercises
        .values()
        .map(|e| (&e.source, &e.source_text, e.modified))
        .chain(
            library
                .conditions
                .values()
                .map(|c| (&c.source, &c.source_text, c.modified)),
        );
    for (source, text, modified) in sources {
        if let Some(path) = relative(library, source) {
            entries.push((path, Cow::Borrowed(text.as_bytes()), modified));
        }
    }
    let assets = library
        .exercises
        .values()
        .filter_map(|e| e.image.as_ref().map(|i| &i.asset))
        .chain(library.site.clinic.logo_asset.as_ref());
    for asset in assets {
        let unreadable = |e: std::io::Error| {
            Diagnostic::error(
                &asset.source,
                Position::START,
                format!("cannot read for the program builder: {e}"),
            )
        };
        let (_, modified) = library.root.files.stat(&asset.source).map_err(unreadable)?;
        let bytes = library.root.files.read(&asset.source).map_err(unreadable)?;
        if let Some(path) = relative(library, &asset.source) {
            entries.push((path, Cow::Owned(bytes), modified));
        }
    }
    for (key, file) in &theme.files {
        if let (Origin::Site(_), false) = (&file.origin, key.starts_with("static/")) {
            let path = format!("themes/{}/{key}", theme.name);
            entries.push((path, Cow::Borrowed(&file.bytes), 0));
        }
    }
    let language = &library.site.language;
    if let Some(dictionary) = crate::pdf::hyphenate::dictionary_bytes(language) {
        let path = crate::pdf::hyphenate::bundle_path(language);
        entries.push((path, Cow::Owned(dictionary), 0));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    entries.dedup_by(|a, b| a.0 == b.0);
    Ok(files::bundle(entries.iter().map(
        |(path, bytes, modified)| (path.as_str(), bytes.as_ref(), *modified),
    )))
}

/// A script that sets `self.<name>` to the bytes as base64 text, encoded straight
/// into the script on the thread that makes it (which yields its core to the
/// pages). A site bundle at 10,000 exercises is about 15 MB.
fn script(name: &str, bytes: &[u8]) -> Vec<u8> {
    use base64::Engine;
    let head = format!("self.{name} = \"");
    let tail = b"\";\n";
    let length = bytes.len().div_ceil(3) * 4;
    let mut script = vec![0; head.len() + length + tail.len()];
    script[..head.len()].copy_from_slice(head.as_bytes());
    script[head.len() + length..].copy_from_slice(tail);
    let written = base64::engine::general_purpose::STANDARD
        .encode_slice(bytes, &mut script[head.len()..head.len() + length])
        .expect("the script has the room base64 takes");
    debug_assert_eq!(written, length);
    script
}

/// The builder's engine and this site's bundle, made (and written into the
/// staging folder by `placer`) on any thread while the build renders the rest:
/// [`Made::record`] then adds them to the output.
pub struct Made {
    /// Each script's path and fingerprint, with the file written when it was made
    /// again (none: carried over from the last build).
    files: Vec<(&'static str, u64, Option<Placed>)>,
    problems: Vec<Diagnostic>,
}

/// Makes the engine and this site's bundle, unless the site turned the builder off
/// (`builder: false`), and writes them with `placer`; either is carried over from
/// the last build when what it holds did not change. Needs no output of its own,
/// so that it can run beside the pages (the bundle at 10,000 exercises is 20 MB
/// of script, made and written in about 25 ms on one core).
pub fn make(library: &Library, theme: &Theme, plan: &Plan, placer: &Placer) -> Made {
    let mut made = Made {
        files: Vec::new(),
        problems: Vec::new(),
    };
    if !library.site.builder {
        return made;
    }
    let engine = plan.fingerprints.builder_engine();
    let placed = plan.needs(ENGINE_SCRIPT, engine).then(|| {
        let script = script("HANDOUT_ENGINE", ENGINE_WASM_GZ);
        placer.place(ENGINE_SCRIPT.into(), script)
    });
    made.files.push((ENGINE_SCRIPT, engine, placed));
    let bundle = plan.fingerprints.builder_bundle();
    if !plan.needs(SITE_SCRIPT, bundle) {
        made.files.push((SITE_SCRIPT, bundle, None));
        return made;
    }
    match site_bundle(library, theme) {
        Ok(bytes) => {
            let script = script("HANDOUT_SITE", &bytes);
            let placed = placer.place(SITE_SCRIPT.into(), script);
            made.files.push((SITE_SCRIPT, bundle, Some(placed)));
        }
        Err(d) => made.problems.push(d),
    }
    made
}

impl Made {
    /// Adds what [`make`] made, or carried over, to `output`; returns its problems.
    pub fn record(self, output: &mut Output) -> Vec<Diagnostic> {
        for (path, fingerprint, placed) in self.files {
            match placed {
                Some(placed) => output.placed(placed, Some(fingerprint)),
                None => output.keep(path.to_string(), fingerprint),
            }
        }
        self.problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    #[test]
    fn a_script_holds_the_bytes_as_base64() {
        let bytes: Vec<u8> = (0..3 * 256 * 1024 * 2 + 5)
            .map(|i| (i * 7 % 251) as u8)
            .collect();
        for length in [0, 1, 2, 3, 3 * 256 * 1024, 3 * 256 * 1024 + 1, bytes.len()] {
            let whole = base64::engine::general_purpose::STANDARD.encode(&bytes[..length]);
            assert_eq!(
                String::from_utf8(script("X", &bytes[..length])).unwrap(),
                format!("self.X = \"{whole}\";\n"),
                "{length} bytes"
            );
        }
    }
}
