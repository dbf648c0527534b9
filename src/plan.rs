//! What a build renders: each output file is either rendered or, when the build
//! cache shows its inputs unchanged, carried over from the previous output. Also the
//! progress bar that counts the rendering.

use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cache::{Cache, Fingerprints};
use crate::library::Library;
use crate::output::Output;
use crate::theme::Theme;

/// Decides, file by file, whether to render or to carry the previous file over.
pub struct Plan<'a> {
    pub fingerprints: Fingerprints<'a>,
    /// The previous build's cache and the output folder it describes.
    previous: Option<(Cache, PathBuf)>,
    progress: ProgressBar,
}

impl<'a> Plan<'a> {
    /// Renders everything (no previous output to reuse).
    pub fn everything(library: &'a Library, theme: &Theme) -> Self {
        Plan {
            fingerprints: Fingerprints::new(library, theme),
            previous: None,
            progress: ProgressBar::hidden(),
        }
    }

    /// Reuses what `cache` says is still current in `target`.
    pub fn reusing(library: &'a Library, theme: &Theme, cache: Cache, target: &Path) -> Self {
        Plan {
            fingerprints: Fingerprints::new(library, theme),
            previous: Some((cache, target.to_path_buf())),
            progress: ProgressBar::hidden(),
        }
    }

    /// Whether `path` must be rendered. When it need not, it is kept in `output`.
    pub fn needs(&self, output: &mut Output, path: &str, fingerprint: u64) -> bool {
        match &self.previous {
            Some((cache, target)) if cache.is_fresh(target, path, fingerprint) => {
                output.keep(path.to_string(), fingerprint);
                false
            }
            _ => true,
        }
    }

    /// Shows a progress bar on the terminal while rendering.
    pub fn show_progress(&mut self) {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        if let Ok(style) =
            ProgressStyle::with_template("rendering {bar:30} {pos}/{len} files ({eta} left)")
        {
            bar.set_style(style);
        }
        self.progress = bar;
    }

    /// `count` more files will be rendered.
    pub fn will_render(&self, count: usize) {
        self.progress.inc_length(count as u64);
    }

    /// One file has been rendered.
    pub fn rendered_one(&self) {
        self.progress.inc(1);
    }

    /// Rendering is over: the bar goes away.
    pub fn finish(&self) {
        self.progress.finish_and_clear();
    }
}
