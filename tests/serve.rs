//! `handout serve`: serves the output folder, rebuilds on save, tells open pages.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::time::Duration;

use common::*;

/// Reads server-sent events from the reload stream, one `state` at a time.
struct Events(BufReader<std::net::TcpStream>);

impl Events {
    fn open(served: &Served) -> Events {
        let mut stream = std::net::TcpStream::connect(&served.host).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        write!(
            stream,
            "GET /__handout/events HTTP/1.1\r\nHost: {}\r\n\r\n",
            served.host
        )
        .unwrap();
        Events(BufReader::new(stream))
    }

    /// The data of the next `state` event, as JSON.
    fn next(&mut self) -> serde_json::Value {
        let mut event = None;
        loop {
            let mut line = String::new();
            assert!(self.0.read_line(&mut line).unwrap() > 0, "the stream ended");
            let line = line.trim_end();
            if line == "event: state" {
                event = Some(());
            } else if let (Some(()), Some(data)) = (event, line.strip_prefix("data: ")) {
                return serde_json::from_str(data).unwrap();
            }
        }
    }
}

#[test]
fn a_save_reloads_pages_and_a_broken_file_shows_the_overlay() {
    let site = sample_site();
    let mut served = Served::start(site.path());
    let (status, home) = served.get("/");
    assert_eq!(status, 200);
    assert!(home.contains("<script src=\"/__handout/live.js\"></script></body>"));
    let (status, script) = served.get("/__handout/live.js");
    assert_eq!(status, 200);
    assert!(script.contains("EventSource"));

    let mut events = Events::open(&served);
    let first = events.next();
    assert_eq!(first["error"], serde_json::Value::Null);
    let generation = first["generation"].as_u64().unwrap();

    // A save rebuilds, and open pages hear of it.
    let bridge = site.path().join("content/exercises/bridge.md");
    let text = replace_in(&bridge, "title: \"Bridge\"", "title: \"Hip bridge\"");
    let state = events.next();
    assert_eq!(state["generation"].as_u64().unwrap(), generation + 1);
    let (_, page) = served.get("/exercises/bridge/");
    assert!(page.contains("<h1>Hip bridge</h1>"), "{page}");

    // A broken file: the error, with its place, goes to the pages; the site stays up.
    std::fs::write(&bridge, text.replace("title: \"Bridge\"", "title: [broken")).unwrap();
    let state = events.next();
    let error = state["error"].as_str().unwrap();
    assert!(
        error.contains("content/exercises/bridge.md:3:8: error: invalid YAML"),
        "{error}"
    );
    assert!(
        !error.contains("unknown exercise"),
        "a condition listing the broken file does not add an error: {error}"
    );
    assert_eq!(state["generation"].as_u64().unwrap(), generation + 1);
    let (status, page) = served.get("/exercises/bridge/index.html");
    assert_eq!(status, 200);
    assert!(
        page.contains("<h1>Hip bridge</h1>"),
        "the last good page is served"
    );
    served.wait_for_line("the last good site is still served");

    // Fixing it clears the error and reloads.
    std::fs::write(&bridge, &text).unwrap();
    let state = events.next();
    assert_eq!(state["error"], serde_json::Value::Null);
    assert_eq!(state["generation"].as_u64().unwrap(), generation + 2);

    // An editor's save that writes a hidden copy and renames it over the file:
    // the rebuild reads the renamed file.
    let copy = site.path().join("content/exercises/.bridge.md.swp");
    let glute = text.replace("title: \"Bridge\"", "title: \"Glute bridge\"");
    std::fs::write(&copy, glute).unwrap();
    std::fs::rename(&copy, &bridge).unwrap();
    let mut generation = generation + 2;
    while !served
        .get("/exercises/bridge/")
        .1
        .contains("<h1>Glute bridge</h1>")
    {
        let state = events.next();
        assert_eq!(state["error"], serde_json::Value::Null);
        let now = state["generation"].as_u64().unwrap();
        assert!(now > generation, "a rebuild");
        generation = now;
    }

    let status = served.interrupt();
    assert!(status.success(), "{status:?}");
}

#[test]
fn requests_outside_the_output_folder_get_404() {
    let site = sample_site();
    std::fs::write(site.path().join("secret.txt"), "do not serve").unwrap();
    let served = Served::start(site.path());
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/exercises/..%2f..%2fsecret.txt",
        "/..%5c..%5csecret.txt",
        "/content/site.yaml",
        "/../content/site.yaml",
    ] {
        let (status, body) = served.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("do not serve"), "{path}");
        assert!(
            body.contains("Page not found") || body.contains("not found"),
            "{path}"
        );
    }
    assert_eq!(served.get("/exercises/bridge/index.html").0, 200);
    assert_eq!(served.get("/handouts/lower-back-pain.pdf").0, 200);
    assert_eq!(served.get("/exercises/bridge").0, 301);
}

#[test]
fn editing_a_pose_redraws_its_figure_at_once() {
    let site = sample_site();
    let served = Served::start(site.path());
    let (status, before) = served.get("/figures/bridge.svg");
    assert_eq!(status, 200);
    assert!(before.starts_with("<svg"));
    let mut events = Events::open(&served);
    let generation = events.next()["generation"].as_u64().unwrap();
    replace_in(
        &site.path().join("content/exercises/bridge.md"),
        "hips_lift: 16",
        "hips_lift: 30",
    );
    let next = events.next();
    assert_eq!(
        next["generation"].as_u64().unwrap(),
        generation + 1,
        "{next}"
    );
    let (status, after) = served.get("/figures/bridge.svg");
    assert_eq!(status, 200);
    assert_ne!(
        before, after,
        "the figure was drawn again with the hips higher"
    );
}

#[test]
fn rebuilds_change_the_output_folder_in_place() {
    use std::os::unix::fs::MetadataExt;
    let site = sample_site();
    let served = Served::start(site.path());
    let output = site.path().join("output");
    let inode = |p: &str| std::fs::metadata(output.join(p)).unwrap().ino();
    let (folder, untouched) = (inode(""), inode("exercises/clamshell/index.html"));
    let mut events = Events::open(&served);
    let generation = events.next()["generation"].as_u64().unwrap();
    let bridge = site.path().join("content/exercises/bridge.md");
    let extra = site.path().join("content/exercises/extra-bridge.md");
    let text = std::fs::read_to_string(&bridge).unwrap();
    std::fs::write(
        &extra,
        text.replace("title: \"Bridge\"", "title: \"Extra bridge\""),
    )
    .unwrap();
    assert_eq!(
        events.next()["generation"].as_u64().unwrap(),
        generation + 1
    );
    let (status, page) = served.get("/exercises/extra-bridge/");
    assert_eq!(status, 200);
    assert!(page.contains("Extra bridge"));

    std::fs::remove_file(&extra).unwrap();
    assert_eq!(
        events.next()["generation"].as_u64().unwrap(),
        generation + 2
    );
    assert_eq!(served.get("/exercises/extra-bridge/").0, 404);
    assert!(
        !output.join("exercises/extra-bridge").exists(),
        "its page and folder are gone"
    );
    // A folder made with an exercise in it, then removed whole: the watcher names
    // the folder only, and the rebuild finds what it holds.
    let more = site.path().join("content/exercises/more/deeper");
    std::fs::create_dir_all(&more).unwrap();
    std::fs::write(
        more.join("deep-bridge.md"),
        text.replace("title: \"Bridge\"", "title: \"Deep bridge\""),
    )
    .unwrap();
    let mut generation = generation + 2;
    while served.get("/exercises/deep-bridge/").0 != 200 {
        let now = events.next()["generation"].as_u64().unwrap();
        assert!(now > generation, "a rebuild, not an error");
        generation = now;
    }
    assert!(
        served
            .get("/exercises/deep-bridge/")
            .1
            .contains("Deep bridge")
    );
    std::fs::remove_dir_all(site.path().join("content/exercises/more")).unwrap();
    assert!(events.next()["generation"].as_u64().unwrap() > generation);
    assert_eq!(served.get("/exercises/deep-bridge/").0, 404);
    // The same folder throughout, and a page nothing changed is the same file.
    assert_eq!(inode(""), folder);
    assert_eq!(inode("exercises/clamshell/index.html"), untouched);
    let beside: Vec<String> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("staging") || name.contains("previous"))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
    // What serve left is what a build makes, and what serve saw of the site's
    // folders (told by its watcher) is what a build sees: the next build has
    // nothing to do, and does not even look further.
    let build = handout(site.path(), &["build", "--verbose"]);
    assert!(build.status.success());
    let said = String::from_utf8_lossy(&build.stderr);
    assert!(said.contains("0 rendered, 0 changed"), "{said}");
    assert!(said.contains("check what changed"), "{said}");
}

/// serve keeps the record of published addresses between rebuilds: it writes the
/// file when an address is added, leaves it alone when none is, and reads it again
/// when something else has rewritten it meanwhile, rather than saving over it.
#[test]
fn serve_keeps_the_record_of_published_addresses_and_rereads_it_when_rewritten() {
    use std::os::unix::fs::MetadataExt;
    let site = sample_site();
    let served = Served::start(site.path());
    let record = site.path().join(".output.handout-published.json");
    let addresses = || -> Vec<String> {
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&record).unwrap()).unwrap();
        (json["addresses"].as_array().unwrap().iter())
            .map(|a| a.as_str().unwrap().to_string())
            .collect()
    };
    let written = || {
        let meta = std::fs::metadata(&record).unwrap();
        (meta.ino(), meta.mtime(), meta.mtime_nsec())
    };
    let mut events = Events::open(&served);
    let mut generation = events.next()["generation"].as_u64().unwrap();
    let mut rebuilt = |events: &mut Events| {
        generation += 1;
        let state = events.next();
        assert_eq!(state["generation"].as_u64(), Some(generation), "{state}");
    };
    let exercises = site.path().join("content/exercises");
    let bridge = std::fs::read_to_string(exercises.join("bridge.md")).unwrap();
    let copy = |name: &str, title: &str| {
        let text = bridge.replace("title: \"Bridge\"", &format!("title: \"{title}\""));
        std::fs::write(exercises.join(format!("{name}.md")), text).unwrap();
    };
    assert!(!addresses().contains(&"exercises/extra-bridge/".to_string()));

    copy("extra-bridge", "Extra bridge");
    rebuilt(&mut events);
    assert!(addresses().contains(&"exercises/extra-bridge/".to_string()));

    // An edit that adds no address: the file is not written again.
    let before = written();
    std::fs::write(
        exercises.join("bridge.md"),
        format!("{bridge}\nOne more line.\n"),
    )
    .unwrap();
    rebuilt(&mut events);
    assert_eq!(written(), before, "the record is left as it was");

    // Rewritten by someone else (another build, a restored backup): read again.
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&record).unwrap()).unwrap();
    json["addresses"]
        .as_array_mut()
        .unwrap()
        .push("exercises/gone-long-ago/".into());
    std::fs::write(&record, serde_json::to_vec_pretty(&json).unwrap()).unwrap();
    copy("second-bridge", "Second bridge");
    rebuilt(&mut events);
    let now = addresses();
    assert!(
        now.contains(&"exercises/second-bridge/".to_string()),
        "{now:?}"
    );
    assert!(
        now.contains(&"exercises/gone-long-ago/".to_string()),
        "the rewritten record was read again, not saved over: {now:?}"
    );
}

/// Sends raw bytes and returns the status line of the answer.
fn raw_status(served: &Served, request: &[u8]) -> String {
    let mut stream = std::net::TcpStream::connect(&served.host).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    // The server may answer before reading everything; a reset on write is fine.
    let _ = stream.write_all(request);
    let mut line = String::new();
    let _ = BufReader::new(stream).read_line(&mut line);
    line.trim_end().to_string()
}

#[test]
fn oversized_requests_and_double_slashes_get_plain_answers() {
    let site = sample_site();
    let served = Served::start(site.path());
    let long_line = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(20_000));
    assert_eq!(
        raw_status(&served, long_line.as_bytes()),
        "HTTP/1.1 414 URI Too Long"
    );
    let big_headers = format!("GET / HTTP/1.1\r\nX-Big: {}\r\n\r\n", "b".repeat(20_000));
    assert_eq!(
        raw_status(&served, big_headers.as_bytes()),
        "HTTP/1.1 431 Request Header Fields Too Large"
    );
    // "//exercises" must not redirect to "//exercises/", another host to a browser.
    let (status, _) = served.get("//exercises");
    assert_eq!(status, 404);
    let (status, _) = served.get("/exercises");
    assert_eq!(status, 301, "the ordinary folder redirect still works");
}

#[test]
fn serve_in_a_folder_without_content_says_so_and_notices_content_when_it_appears() {
    let site = tempfile::tempdir().unwrap();
    let mut served = Served::start(site.path());
    // The first build failed: nothing is served, and the server says so.
    let (status, _) = served.get("/");
    assert_eq!(status, 404);
    // What it printed never claims a last good site that does not exist.
    let said = served.seen.join("\n");
    assert!(said.contains("no content/ folder here"), "{said}");
    assert!(said.contains("there is no site to serve yet"), "{said}");
    assert!(!said.contains("last good site"), "{said}");
    // A content/ folder made later is noticed and built.
    copy_dir(&repo().join("content"), &site.path().join("content"));
    served.wait_for_line("built ");
    let (status, home) = served.get("/");
    assert_eq!(status, 200);
    assert!(home.contains("Riverside Physical Therapy"));
}

#[test]
fn a_page_asked_for_while_a_build_swaps_the_output_in_is_not_a_404() {
    let site = sample_site();
    let served = Served::start(site.path());
    let output = site.path().join("output");
    // Stand where a build is in the middle of its swap: it holds the lock, and the
    // old output is moved aside before the new one is moved in.
    let lock = handout::build::lock::BuildLock::acquire(&output, |_| panic!("no build is running"))
        .unwrap();
    let aside = site.path().join(".output.previous-test");
    std::fs::rename(&output, &aside).unwrap();
    let host = served.host.clone();
    let request = std::thread::spawn(move || {
        let mut stream = std::net::TcpStream::connect(&host).unwrap();
        write!(
            stream,
            "GET /exercises/bridge/ HTTP/1.1\r\nHost: {host}\r\n\r\n"
        )
        .unwrap();
        let mut line = String::new();
        BufReader::new(stream).read_line(&mut line).unwrap();
        line.trim_end().to_string()
    });
    std::thread::sleep(Duration::from_millis(300));
    assert!(!request.is_finished(), "the request waits for the build");
    std::fs::rename(&aside, &output).unwrap();
    drop(lock);
    assert_eq!(request.join().unwrap(), "HTTP/1.1 200 OK");
}

#[test]
fn listening_on_every_interface_shows_and_stops_through_loopback() {
    let site = sample_site();
    let served = Served::start_with(site.path(), &["--bind", "0.0.0.0"]);
    // The address printed (and opened by --open) is one this computer can reach.
    assert!(
        served.address.starts_with("http://127.0.0.1:"),
        "{}",
        served.address
    );
    let (status, _) = served.get("/");
    assert_eq!(status, 200);
    assert!(served.interrupt().success(), "Ctrl-C stops it");
}
