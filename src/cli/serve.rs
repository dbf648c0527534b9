//! `handout serve`: builds the site, serves the output folder on this computer, and
//! rebuilds when a file under content/ or themes/ is saved. Open pages reload by
//! themselves (server-sent events); a failed rebuild shows its problems over the page
//! while the last good site stays served.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use notify::{EventKind, RecursiveMode};

type Debouncer = notify_debouncer_full::Debouncer<
    notify::RecommendedWatcher,
    notify_debouncer_full::RecommendedCache,
>;

use crate::build::{self, Failure, Summary};

/// Where the reload script and its event stream live; no site file can be there.
const EVENTS: &str = "/__handout/events";
const LIVE_SCRIPT: &str = "/__handout/live.js";
const LIVE_JS: &str = include_str!("serve_live.js");
/// How long the files must be still after a save before the rebuild starts.
/// Editors save in a burst (write, or write then rename) well inside it; a later
/// event only makes one more build, never a lost one.
const QUIET: Duration = Duration::from_millis(10);

pub struct Options {
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    /// The address to preview with, instead of site.yaml's `base_url`.
    pub base_url: Option<String>,
    pub bind: String,
    pub port: u16,
    /// Build files marked `draft: true` too.
    pub drafts: bool,
}

/// The outcome of the newest build, as open pages are told it.
#[derive(Default)]
struct State {
    /// Counts successful builds; pages reload when it moves.
    generation: u64,
    /// The problems of the newest build, when it failed.
    error: Option<String>,
    stopping: bool,
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    changed: Condvar,
    /// Held while a build writes, so stopping never cuts one short.
    building: Mutex<()>,
}

impl Shared {
    fn update(&self, f: impl FnOnce(&mut State)) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut state);
        self.changed.notify_all();
    }

    fn event(state: &State) -> String {
        let data = serde_json::json!({ "generation": state.generation, "error": state.error });
        format!("event: state\ndata: {data}\n\n")
    }
}

/// A running server: built, listening, not yet serving.
pub struct Server {
    listener: TcpListener,
    shared: Arc<Shared>,
    options: Options,
    output_dir: PathBuf,
    /// What each build leaves for the next: rebuilds read only what changed.
    memory: build::memory::Memory,
    /// The watcher, started before the first build.
    watch: Watch,
    /// The address to open, like `http://127.0.0.1:1111/`.
    pub address: String,
}

/// What the first build did, for the caller to report.
pub type FirstBuild = Result<Summary, Failure>;

/// Builds once and starts listening.
pub fn start(options: Options) -> Result<(Server, FirstBuild), Failure> {
    let root = build::open_root(&options.root)?;
    let output_dir = build::output_dir(&root, options.output.as_deref())?;
    let listen = format!("{}:{}", options.bind, options.port);
    let cannot = |e: std::io::Error| Failure::Site {
        path: PathBuf::from(&listen),
        message: format!("cannot listen there ({e}); choose another --port"),
    };
    let listener = TcpListener::bind(&listen).map_err(cannot)?;
    let address = format!(
        "http://{}/",
        reachable(listener.local_addr().map_err(cannot)?)
    );
    let shared = Arc::new(Shared::default());
    let memory = build::memory::Memory::default();
    // Watching before the first build looks at the site: what changes after that
    // look is told, so even the first rebuild looks only at what changed.
    let watch = Watch::start(&options.root, &memory)?;
    let first = build::build_with(
        &options.root,
        options.output.as_deref(),
        &build::Options {
            drafts: options.drafts,
            base_url: options.base_url.clone(),
            in_place: true,
            memory: Some(memory.clone()),
            ..Default::default()
        },
    );
    shared.update(|s| match &first {
        Ok(_) => s.generation = 1,
        Err(failure) => s.error = Some(describe(failure)),
    });
    Ok((
        Server {
            listener,
            shared,
            options,
            output_dir,
            memory,
            watch,
            address,
        },
        first,
    ))
}

/// The watcher on the site folder and its sources, and the saves it tells of.
struct Watch {
    watcher: Debouncer,
    /// One message per batch of changes.
    saves: std::sync::mpsc::Receiver<()>,
    /// content/ and themes/, and which of them are watched (one made later is
    /// watched from the next rebuild on).
    sources: [PathBuf; 2],
    watched: Vec<PathBuf>,
}

fn cannot_watch(path: &Path, e: notify::Error) -> Failure {
    Failure::Site {
        path: path.to_path_buf(),
        message: format!("cannot watch for changes: {e}"),
    }
}

impl Watch {
    /// Watches the site folder `root` (not its subfolders, so that a content/ or
    /// themes/ made later is noticed) and its content/ and themes/. The paths that
    /// change go to `memory`, for the next build.
    fn start(root: &Path, memory: &build::memory::Memory) -> Result<Watch, Failure> {
        let (tx, saves) = std::sync::mpsc::channel();
        let root = root.canonicalize().map_err(|e| Failure::Site {
            path: root.to_path_buf(),
            message: e.to_string(),
        })?;
        let sources = [root.join("content"), root.join("themes")];
        let is_source = {
            let sources = sources.clone();
            move |path: &Path| sources.iter().any(|s| path.starts_with(s))
        };
        // Reading files (as every build does) is not a change; only writes, creations,
        // removals and renames are. The output's own swaps, beside the sources, are not.
        // A save is often several events (write, rename, metadata): the debouncer waits
        // until the files have been quiet for a moment and hands them over together.
        // The paths go to the memory first: the next build looks only at them,
        // unless the watcher may have missed some (then it looks at everything).
        let told = memory.clone();
        told.watched();
        let mut watcher = notify_debouncer_full::new_debouncer(
            QUIET,
            None,
            move |events: notify_debouncer_full::DebounceEventResult| {
                let Ok(events) = events else {
                    told.changed(None);
                    let _ = tx.send(());
                    return;
                };
                let mut missed = false;
                let mut paths = Vec::new();
                for event in events {
                    missed |= event.need_rescan();
                    if !matches!(event.kind, EventKind::Access(_)) {
                        paths.extend(event.paths.iter().filter(|p| is_source(p)).cloned());
                    }
                }
                if missed {
                    told.changed(None);
                } else if !paths.is_empty() {
                    told.changed(Some(paths));
                } else {
                    return;
                }
                let _ = tx.send(());
            },
        )
        .map_err(|e| cannot_watch(&root, e))?;
        watcher
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(|e| cannot_watch(&root, e))?;
        let mut watch = Watch {
            watcher,
            saves,
            sources,
            watched: Vec::new(),
        };
        watch.new_sources()?;
        Ok(watch)
    }

    /// Watches content/ and themes/, if there and not watched yet.
    fn new_sources(&mut self) -> Result<(), Failure> {
        for source in &self.sources {
            if source.is_dir() && !self.watched.contains(source) {
                (self.watcher)
                    .watch(source, RecursiveMode::Recursive)
                    .map_err(|e| cannot_watch(source, e))?;
                self.watched.push(source.clone());
            }
        }
        Ok(())
    }
}

impl Server {
    /// The folder served.
    pub fn output_dir(&self) -> &Path {
        &self.output_dir
    }
}

/// The address to reach a listener at from this computer: listening on every
/// interface (0.0.0.0 or ::) is reached through the loopback one.
fn reachable(mut address: std::net::SocketAddr) -> std::net::SocketAddr {
    if address.ip().is_unspecified() {
        address.set_ip(match address {
            std::net::SocketAddr::V4(_) => std::net::Ipv4Addr::LOCALHOST.into(),
            std::net::SocketAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
        });
    }
    address
}

/// A failure as the overlay and the terminal show it.
pub fn describe(failure: &Failure) -> String {
    match failure {
        Failure::Content(diagnostics) => diagnostics
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n"),
        other => format!("error: {other}"),
    }
}

impl Server {
    /// Serves until `stop` is set (by Ctrl-C); `report` hears of every rebuild.
    pub fn run(
        self,
        stop: Arc<AtomicBool>,
        report: impl Fn(&Result<Summary, Failure>) + Send + 'static,
    ) -> Result<(), Failure> {
        let mut watch = self.watch;

        let shared = Arc::clone(&self.shared);
        let (root, output) = (self.options.root.clone(), self.options.output.clone());
        let drafts = self.options.drafts;
        let base_url = self.options.base_url.clone();
        let memory = self.memory.clone();
        std::thread::spawn(move || {
            while watch.saves.recv().is_ok() {
                // Saves that came in while the last build ran make one more build.
                while watch.saves.try_recv().is_ok() {}
                // A content/ or themes/ folder made since is watched from now on.
                let _ = watch.new_sources();
                let guard = shared.building.lock().unwrap_or_else(|e| e.into_inner());
                let result = build::build_then_save(
                    &root,
                    output.as_deref(),
                    &build::Options {
                        drafts,
                        base_url: base_url.clone(),
                        in_place: true,
                        memory: Some(memory.clone()),
                        ..Default::default()
                    },
                );
                shared.update(|s| match &result {
                    Ok(_) => {
                        s.generation += 1;
                        s.error = None;
                    }
                    Err(failure) => s.error = Some(describe(failure)),
                });
                // Pages reload as the build cache is saved.
                let result = result.map(|(mut summary, saving)| {
                    if let Some(saving) = saving {
                        saving.finish(&mut summary);
                    }
                    summary
                });
                drop(guard);
                report(&result);
            }
        });

        let here = self.listener.local_addr().ok().map(reachable);
        let stopper = {
            let (shared, stop) = (Arc::clone(&self.shared), Arc::clone(&stop));
            std::thread::spawn(move || {
                while !stop.load(Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_millis(50));
                }
                shared.update(|s| s.stopping = true);
                // Wake the accepting loop so it sees the flag.
                if let Some(here) = here {
                    let _ = TcpStream::connect(here);
                }
            })
        };
        // One thread per connection, one request per connection: a preview server for
        // one person needs no more, and no request waits behind another.
        for stream in self.listener.incoming() {
            if stop.load(Ordering::SeqCst) {
                break;
            }
            let Ok(stream) = stream else { continue };
            let shared = Arc::clone(&self.shared);
            let output_dir = self.output_dir.clone();
            std::thread::spawn(move || serve_connection(stream, &output_dir, &shared));
        }
        let _ = stopper.join();
        // Let a build that is writing finish, so output/ is whole when we exit.
        drop(self.shared.building.lock());
        Ok(())
    }
}

/// A response: status, content type and body.
struct Response {
    status: u16,
    mime: &'static str,
    body: Vec<u8>,
    location: Option<String>,
}

impl Response {
    fn new(status: u16, extension: &str, body: Vec<u8>) -> Self {
        Response {
            status,
            mime: mime_type(extension),
            body,
            location: None,
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        400 => "Bad Request",
        404 => "Not Found",
        _ => "Method Not Allowed",
    }
}

/// The most a request's line and headers may take, and how long reading them may.
const REQUEST_LIMIT: u64 = 16 * 1024;
const REQUEST_DEADLINE: Duration = Duration::from_secs(15);

/// Reads one request from `stream` and answers it; the connection then closes.
fn serve_connection(stream: TcpStream, output_dir: &Path, shared: &Shared) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let Ok(reader) = stream.try_clone() else {
        return;
    };
    // A request line and headers, at most 16 KiB in all, within a total deadline so
    // a client that trickles bytes cannot hold a thread for long.
    let started = std::time::Instant::now();
    let mut reader = BufReader::new(reader.take(REQUEST_LIMIT));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut too_large = None;
    if !request_line.ends_with('\n') {
        too_large = Some(Response::new(
            414,
            "txt",
            b"request address too long".to_vec(),
        ));
    } else {
        loop {
            if started.elapsed() > REQUEST_DEADLINE {
                return;
            }
            let mut header = String::new();
            match reader.read_line(&mut header) {
                Ok(_) if !header.ends_with('\n') && reader.get_ref().limit() == 0 => {
                    too_large = Some(Response::new(
                        431,
                        "txt",
                        b"request headers too large".to_vec(),
                    ));
                    break;
                }
                Ok(0) | Err(_) => return,
                Ok(_) if header.trim().is_empty() => break,
                Ok(_) => {}
            }
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let response = match (too_large, method) {
        (Some(refusal), _) => refusal,
        (None, "GET" | "HEAD") if path == EVENTS => return stream_events(stream, shared),
        (None, "GET" | "HEAD") => respond(path, output_dir),
        (None, "") => Response::new(400, "txt", b"bad request".to_vec()),
        (None, _) => Response::new(405, "txt", b"only GET and HEAD".to_vec()),
    };
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
        response.status,
        reason(response.status),
        response.mime,
        response.body.len()
    );
    if let Some(location) = &response.location {
        head.push_str(&format!("Location: {location}\r\n"));
    }
    head.push_str("\r\n");
    let mut stream = stream;
    let _ = stream.write_all(head.as_bytes());
    if method != "HEAD" {
        let _ = stream.write_all(&response.body);
    }
    let _ = stream.flush();
}

fn respond(path: &str, output_dir: &Path) -> Response {
    // "//exercises/" would redirect to an address a browser reads as another host.
    if path.starts_with("//") {
        return not_found(output_dir);
    }
    if path == LIVE_SCRIPT {
        return Response::new(200, "js", LIVE_JS.as_bytes().to_vec());
    }
    // A build may be swapping the new output in at this very moment: on a miss,
    // wait for it and look once more, rather than answer 404 for a page that exists.
    let resolved = match resolve(output_dir, path) {
        Resolved::NotFound => {
            crate::build::lock::wait_for_build(output_dir);
            resolve(output_dir, path)
        }
        found => found,
    };
    match resolved {
        Resolved::File(file) => {
            let extension = file.extension().and_then(|e| e.to_str()).unwrap_or("");
            match std::fs::read(&file) {
                Ok(bytes) if extension == "html" => {
                    Response::new(200, "html", with_live_script(bytes))
                }
                Ok(bytes) => Response::new(200, extension, bytes),
                Err(_) => not_found(output_dir),
            }
        }
        Resolved::Folder => Response {
            location: Some(format!("{path}/")),
            ..Response::new(301, "txt", Vec::new())
        },
        Resolved::NotFound => not_found(output_dir),
    }
}

fn not_found(output_dir: &Path) -> Response {
    let page = std::fs::read(output_dir.join("404.html"))
        .unwrap_or_else(|_| b"<!DOCTYPE html><title>Not found</title><p>Not found</p>".to_vec());
    Response::new(404, "html", with_live_script(page))
}

fn mime_type(extension: &str) -> &'static str {
    match extension {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

/// The page with the reload script before `</body>` (or at the end). A page whose
/// security policy forbids connections (the program builder) is served as built:
/// the script could not reach the server from it.
fn with_live_script(mut html: Vec<u8>) -> Vec<u8> {
    if html.windows(17).any(|w| w == b"connect-src 'none") {
        return html;
    }
    let tag = format!("<script src=\"{LIVE_SCRIPT}\"></script>");
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    html.splice(at..at, tag.into_bytes());
    html
}

/// Sends the build state now and after every build, until the page goes away.
fn stream_events(mut writer: TcpStream, shared: &Shared) {
    let _ = writer.set_write_timeout(Some(Duration::from_secs(10)));
    // False once the page has gone away.
    let mut send = |text: &str| {
        writer
            .write_all(text.as_bytes())
            .and_then(|()| writer.flush())
            .is_ok()
    };
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
    let mut state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
    let mut sent = (state.generation, state.error.clone());
    let first = format!("{head}retry: 500\n\n{}", Shared::event(&state));
    drop(state);
    if !send(&first) {
        return;
    }
    loop {
        state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
        let (next, timeout) = shared
            .changed
            .wait_timeout_while(state, Duration::from_secs(15), |s| {
                !s.stopping && (s.generation, &s.error) == (sent.0, &sent.1)
            })
            .unwrap_or_else(|e| e.into_inner());
        if next.stopping {
            return;
        }
        // A comment line now and then finds pages that have gone away.
        let message = if timeout.timed_out() {
            ": still here\n\n".to_string()
        } else {
            sent = (next.generation, next.error.clone());
            Shared::event(&next)
        };
        drop(next);
        if !send(&message) {
            return;
        }
    }
}

#[derive(Debug, PartialEq)]
enum Resolved {
    File(PathBuf),
    /// A folder asked for without its trailing slash: redirect, so relative links work.
    Folder,
    NotFound,
}

/// The file under `output_dir` that a request path names, never anything outside it:
/// `..` (plain or percent-encoded), backslashes and NUL bytes are refused, and the
/// file found must lie inside the output folder after following links.
fn resolve(output_dir: &Path, path: &str) -> Resolved {
    let Ok(decoded) = percent_encoding::percent_decode_str(path).decode_utf8() else {
        return Resolved::NotFound;
    };
    let mut file = output_dir.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Resolved::NotFound,
            s if s.contains(['\\', '\0']) || s.contains(':') => return Resolved::NotFound,
            s => file.push(s),
        }
    }
    if file.is_dir() {
        if !decoded.ends_with('/') {
            return Resolved::Folder;
        }
        file.push("index.html");
    }
    match (file.canonicalize(), output_dir.canonicalize()) {
        (Ok(found), Ok(dir)) if found.starts_with(&dir) && found.is_file() => Resolved::File(found),
        _ => Resolved::NotFound,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_stay_inside_the_output_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        std::fs::create_dir_all(out.join("exercises/bridge")).unwrap();
        std::fs::write(out.join("index.html"), "home").unwrap();
        std::fs::write(out.join("exercises/bridge/index.html"), "bridge").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        let file = |p: &str| Resolved::File(out.join(p).canonicalize().unwrap());
        assert_eq!(resolve(&out, "/"), file("index.html"));
        assert_eq!(
            resolve(&out, "/exercises/bridge/"),
            file("exercises/bridge/index.html")
        );
        assert_eq!(
            resolve(&out, "/exercises/%62ridge/index.html"),
            file("exercises/bridge/index.html")
        );
        assert_eq!(resolve(&out, "/exercises/bridge"), Resolved::Folder);
        for bad in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/exercises/..%2f..%2fsecret.txt",
            "/..%5csecret.txt",
            "/%00",
            "/missing.html",
            "/%ff",
        ] {
            assert_eq!(resolve(&out, bad), Resolved::NotFound, "{bad}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), out.join("link.txt"))
                .unwrap();
            assert_eq!(resolve(&out, "/link.txt"), Resolved::NotFound);
        }
    }

    #[test]
    fn the_live_script_goes_before_the_body_ends() {
        let html = with_live_script(b"<html><body><p>x</p></BODY></html>".to_vec());
        assert_eq!(
            String::from_utf8(html).unwrap(),
            "<html><body><p>x</p><script src=\"/__handout/live.js\"></script></BODY></html>"
        );
    }
}
