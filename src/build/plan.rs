//! What a build renders: each output file is either rendered or, when the build
//! cache shows its inputs unchanged, carried over from the previous output. Also the
//! progress bar that counts the rendering.

use std::path::Path;

use rayon::prelude::*;

use crate::build::cache::{Cache, Fingerprints};
use crate::build::output::Output;
use crate::content::library::Library;
use crate::theme::Theme;

/// Told how rendering goes, for a progress display: the command line draws a bar;
/// the library itself never prints.
pub trait Progress: Send + Sync {
    /// `jobs` more files are to be rendered.
    fn planned(&self, jobs: u64);
    /// One more file is rendered.
    fn rendered_one(&self);
    /// Rendering is over.
    fn finish(&self);
}

/// A [`Progress`] to hand to a build.
#[derive(Clone)]
pub struct ProgressHandle(pub std::sync::Arc<dyn Progress>);

impl std::fmt::Debug for ProgressHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ProgressHandle")
    }
}

/// How many files each thread renders before the batch's results are written out.
const RENDER_BATCH: usize = 128;

/// Decides, file by file, whether to render or to carry the previous file over.
pub struct Plan<'a> {
    pub fingerprints: Fingerprints<'a>,
    /// The previous build's cache, which knows which of its files are untouched.
    previous: Option<&'a Cache>,
    progress: Option<ProgressHandle>,
    /// Where this plan's files go under the output folder: "" for the site's
    /// main language, "es/" for its Spanish pages.
    prefix: String,
}

impl<'a> Plan<'a> {
    /// With `previous` (the last build's cache and the output folder it describes),
    /// reuses what the cache says is still current there; without, renders everything.
    pub fn new(library: &'a Library, theme: &Theme, previous: Option<(&'a Cache, &Path)>) -> Self {
        Plan {
            fingerprints: Fingerprints::new(library, theme),
            previous: previous.map(|(cache, _)| cache),
            progress: None,
            prefix: String::new(),
        }
    }

    /// The same plan for files that go under `prefix` ("es/") in the output folder,
    /// though they are named without it.
    pub fn under(mut self, prefix: &str) -> Self {
        self.prefix = prefix.to_string();
        self
    }

    /// Whether `path`, made from inputs with `fingerprint`, must be rendered: true
    /// unless the previous output holds it exactly as the cache describes.
    pub fn needs(&self, path: &str, fingerprint: u64) -> bool {
        let Some(cache) = self.previous else {
            return true;
        };
        if self.prefix.is_empty() {
            !cache.is_fresh(path, fingerprint)
        } else {
            !cache.is_fresh(&format!("{}{path}", self.prefix), fingerprint)
        }
    }

    /// [`Plan::render_or_keep`] for many files (path, fingerprint, what rendering
    /// needs), decided on every core: returns those to render, in order, and
    /// carries the others over into `output`.
    pub fn render_or_keep_each<T: Send + Sync>(
        &self,
        output: &mut Output,
        files: Vec<(String, u64, T)>,
    ) -> Vec<(String, u64, T)> {
        use rayon::prelude::*;
        let needed: Vec<bool> = (files.par_iter())
            .map(|(path, fingerprint, _)| self.needs(path, *fingerprint))
            .collect();
        let mut render = Vec::new();
        for ((path, fingerprint, rest), needed) in files.into_iter().zip(needed) {
            if needed {
                render.push((path, fingerprint, rest));
            } else {
                output.keep(path, fingerprint);
            }
        }
        render
    }

    /// [`Plan::needs`], and when the file need not be rendered, carries the previous
    /// one over into `output`.
    pub fn render_or_keep(&self, output: &mut Output, path: &str, fingerprint: u64) -> bool {
        let needed = self.needs(path, fingerprint);
        if !needed {
            output.keep(path.to_string(), fingerprint);
        }
        needed
    }

    /// The search words the last build made of an exercise whose page had
    /// `fingerprint`: made of the same inputs, they are the same.
    pub fn search_words(&self, fingerprint: u64) -> Option<std::sync::Arc<str>> {
        self.previous?.search_words.get(&fingerprint).cloned()
    }

    /// Tells `progress` how rendering goes.
    pub fn report_to(&mut self, progress: ProgressHandle) {
        self.progress = Some(progress);
    }

    /// Renders `jobs` in parallel, counting each on the progress bar, and hands each
    /// result to `take` in job order (so the output never depends on which thread
    /// was first). Jobs go a batch at a time, so that only two batches' results are
    /// held at once: while the pool renders one batch, this thread hands the one
    /// before to `take`, which writes it out (the cores were a third idle while the
    /// files were written one batch after another).
    pub fn render_each<J: Send, R: Send>(
        &self,
        jobs: Vec<J>,
        render: impl Fn(J) -> R + Sync + Send,
        mut take: impl FnMut(R),
    ) {
        let progress = self.progress.as_ref().map(|p| &p.0);
        if let Some(p) = progress {
            p.planned(jobs.len() as u64);
        }
        let batch = RENDER_BATCH * rayon::current_num_threads();
        let mut jobs = jobs.into_iter();
        let render_batch = |batch: Vec<J>| -> Vec<R> {
            batch
                .into_par_iter()
                .map(|job| {
                    let result = render(job);
                    if let Some(p) = progress {
                        p.rendered_one();
                    }
                    result
                })
                .collect()
        };
        let mut rendered: Vec<R> = Vec::new();
        loop {
            let next: Vec<J> = jobs.by_ref().take(batch).collect();
            if next.is_empty() {
                rendered.into_iter().for_each(&mut take);
                return;
            }
            let done = std::mem::take(&mut rendered);
            (rendered, ()) = alongside(
                || render_batch(next),
                || done.into_iter().for_each(&mut take),
            );
        }
    }

    /// Rendering is over.
    pub fn finish(&self) {
        if let Some(p) = &self.progress {
            p.0.finish();
        }
    }
}

/// Runs `work` on a thread of its own while this thread runs `meanwhile`, and
/// returns what each made. WebAssembly has no threads; there one runs after the
/// other.
pub(crate) fn alongside<T: Send, U>(
    work: impl FnOnce() -> T + Send,
    meanwhile: impl FnOnce() -> U,
) -> (T, U) {
    #[cfg(not(target_arch = "wasm32"))]
    return std::thread::scope(|scope| {
        let worker = scope.spawn(work);
        let done = meanwhile();
        let made = worker
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (made, done)
    });
    #[cfg(target_arch = "wasm32")]
    {
        let done = meanwhile();
        (work(), done)
    }
}

/// [`alongside`], but `work` yields its core to `meanwhile`'s threads whenever
/// they can use it (the lowest scheduling priority, on Linux): for work that
/// must be done by the time `meanwhile` ends but that nothing waits for before.
pub(crate) fn alongside_yielding<T: Send, U>(
    work: impl FnOnce() -> T + Send,
    meanwhile: impl FnOnce() -> U,
) -> (T, U) {
    alongside(
        || {
            // On Linux each thread has its own niceness; 0 names this one. A
            // thread may always lower its own priority; failing is harmless.
            #[cfg(target_os = "linux")]
            unsafe {
                libc::setpriority(libc::PRIO_PROCESS, 0, 19);
            }
            work()
        },
        meanwhile,
    )
}

/// Frees `value` on a thread of its own, so that nothing waits for it: 10,000
/// exercises' page values take about a quarter of a second to free. WebAssembly
/// has no threads; there it is freed at once.
pub fn drop_aside<T: Send + 'static>(value: T) {
    #[cfg(not(target_arch = "wasm32"))]
    std::thread::spawn(move || drop(value));
    #[cfg(target_arch = "wasm32")]
    drop(value);
}
