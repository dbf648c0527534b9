//! What a build renders: each output file is either rendered or, when the build
//! cache shows its inputs unchanged, carried over from the previous output. Also the
//! progress bar that counts the rendering.

use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::build::cache::{Cache, Fingerprints};
use crate::build::output::Output;
use crate::content::library::Library;
use crate::theme::Theme;

/// Decides, file by file, whether to render or to carry the previous file over.
pub struct Plan<'a> {
    pub fingerprints: Fingerprints<'a>,
    /// The previous build's cache and the output folder it describes.
    previous: Option<(Cache, PathBuf)>,
    progress: ProgressBar,
}

impl<'a> Plan<'a> {
    /// With `previous` (the last build's cache and the output folder it describes),
    /// reuses what the cache says is still current there; without, renders everything.
    pub fn new(library: &'a Library, theme: &Theme, previous: Option<(Cache, &Path)>) -> Self {
        Plan {
            fingerprints: Fingerprints::new(library, theme),
            previous: previous.map(|(cache, target)| (cache, target.to_path_buf())),
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

    /// Renders `jobs` in parallel, counting each on the progress bar, and returns the
    /// results in job order (so the output never depends on which thread was first).
    pub fn render_each<J: Send, R: Send>(
        &self,
        jobs: Vec<J>,
        render: impl Fn(J) -> R + Sync + Send,
    ) -> Vec<R> {
        self.progress.inc_length(jobs.len() as u64);
        jobs.into_par_iter()
            .map(|job| {
                let result = render(job);
                self.progress.inc(1);
                result
            })
            .collect()
    }

    /// Rendering is over: the bar goes away.
    pub fn finish(&self) {
        self.progress.finish_and_clear();
    }
}
