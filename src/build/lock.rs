//! One build at a time per output folder: an advisory lock on a file beside it
//! (`.output.lock` for `output/`), held from reading the build cache to saving the
//! new one, so two builds (`serve` rebuilding while someone runs `build`, or two CI
//! jobs) never interleave their writes. The lock dies with its process, so a
//! killed build never leaves it held.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// Held while a build writes its output; released when dropped.
#[derive(Debug)]
pub struct BuildLock {
    _file: File,
}

/// Another process holds the lock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Busy {
    /// The holder's process id, as it wrote it (unknown if it has not yet).
    pub pid: Option<u32>,
    pub output: PathBuf,
}

impl std::fmt::Display for Busy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.pid {
            Some(pid) => write!(
                f,
                "another build (pid {pid}) is writing {}",
                self.output.display()
            ),
            None => write!(f, "another build is writing {}", self.output.display()),
        }
    }
}

/// The lock file for `output`: beside it, named after it.
pub fn lock_path(output: &Path) -> PathBuf {
    let name = name_of(output);
    parent_of(output).join(format!(".{name}.lock"))
}

/// The name of the output folder `output`, which the files kept beside it
/// (`.output.lock`, `.output.handout-cache.json`, ...) start with.
pub fn name_of(output: &Path) -> String {
    output
        .file_name()
        .map_or("output".into(), |n| n.to_string_lossy().into_owned())
}

/// The folder that holds `path` (`.` for a bare name).
pub fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

impl BuildLock {
    /// Takes the lock for `output`. When another build holds it, `on_wait` is told who
    /// (once) and this waits until that build is done.
    pub fn acquire(output: &Path, on_wait: impl FnOnce(&Busy)) -> std::io::Result<BuildLock> {
        let path = lock_path(output);
        std::fs::create_dir_all(parent_of(output))?;
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                on_wait(&Busy {
                    pid: read_pid(&mut file),
                    output: output.to_path_buf(),
                });
                file.lock()?;
            }
            Err(TryLockError::Error(e)) => return Err(e),
        }
        // Say who holds it, for the message another build prints while it waits.
        file.set_len(0)?;
        file.rewind()?;
        write!(file, "{}", std::process::id())?;
        file.flush()?;
        Ok(BuildLock { _file: file })
    }
}

/// Waits while a build holds the lock for `output` (it may be swapping the new
/// output in), without keeping it from starting another: a shared lock, released
/// at once.
pub fn wait_for_build(output: &Path) {
    if let Ok(file) = File::open(lock_path(output)) {
        let _ = file.lock_shared();
    }
}

fn read_pid(file: &mut File) -> Option<u32> {
    let mut text = String::new();
    file.rewind().ok()?;
    file.read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}

/// Whether the process with this id is still running, where the system can tell
/// (Linux's /proc); elsewhere every process is taken to be alive, so nothing of a
/// live build is ever removed.
pub fn process_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_waits_for_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("output");
        let first = BuildLock::acquire(&output, |_| panic!("nobody holds it yet")).unwrap();
        assert_eq!(lock_path(&output), dir.path().join(".output.lock"));
        let (tx, rx) = std::sync::mpsc::channel();
        let waiter = {
            let output = output.clone();
            std::thread::spawn(move || {
                let lock = BuildLock::acquire(&output, |busy| tx.send(busy.clone()).unwrap());
                lock.map(|_| ())
            })
        };
        let busy = rx.recv().unwrap();
        assert_eq!(busy.pid, Some(std::process::id()));
        assert_eq!(
            busy.to_string(),
            format!(
                "another build (pid {}) is writing {}",
                std::process::id(),
                output.display()
            )
        );
        assert!(
            !waiter.is_finished(),
            "it waits while the first holds the lock"
        );
        drop(first);
        waiter.join().unwrap().unwrap();
    }

    #[test]
    fn this_process_is_alive() {
        assert!(process_alive(std::process::id()));
    }
}
