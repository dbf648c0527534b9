//! Compiles the program builder's engine (the `wasm/` crate: handout's own sheet
//! renderer) to WebAssembly, so that the `handout` binary carries it and
//! `handout build` publishes it with the site.
//!
//! It runs a second cargo for the `wasm32-unknown-unknown` target, with its own
//! target folder (`target/engine/`). When that target is not installed, it is added
//! with `rustup target add`, once, and the build says so. `HANDOUT_ENGINE_WASM=FILE`
//! uses an engine built elsewhere instead.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

const TARGET: &str = "wasm32-unknown-unknown";
const ENGINE: &str = "handout_builder.wasm";
/// What is embedded: the engine, gzipped (the page inflates it with the browser's
/// own DecompressionStream).
const EMBEDDED: &str = "handout_builder.wasm.gz";

fn main() {
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets this"));
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets this")).join(EMBEDDED);
    for watched in [
        "src",
        "wasm/src",
        "wasm/Cargo.toml",
        "Cargo.toml",
        "Cargo.lock",
    ] {
        println!("cargo:rerun-if-changed={watched}");
    }
    println!("cargo:rerun-if-env-changed=HANDOUT_ENGINE_WASM");

    // The engine's own build compiles this package's library for WebAssembly, which
    // runs this script again: there is nothing to embed in that library.
    if env::var("TARGET").is_ok_and(|t| t.starts_with("wasm32")) {
        write(&out, b"");
        return;
    }
    if let Some(prebuilt) = env::var_os("HANDOUT_ENGINE_WASM") {
        let bytes = std::fs::read(&prebuilt).unwrap_or_else(|e| {
            fail(&format!(
                "HANDOUT_ENGINE_WASM={}: {e}",
                Path::new(&prebuilt).display()
            ))
        });
        write(&out, &gzip(&slim(&bytes)));
        return;
    }
    if !target_installed() {
        println!(
            "cargo:warning=adding the {TARGET} target with `rustup target add {TARGET}` (once): the program builder's engine is compiled for it"
        );
        let added = Command::new("rustup")
            .args(["target", "add", TARGET])
            .status()
            .is_ok_and(|s| s.success());
        if !added {
            fail(&format!(
                "the program builder's engine needs the {TARGET} target, and rustup could not add it; run `rustup target add {TARGET}`"
            ));
        }
    }

    let target_dir = env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| manifest.join("target"), PathBuf::from)
        .join("engine");
    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut build = Command::new(cargo);
    build
        .args([
            "build",
            "--package",
            "handout-builder",
            "--profile",
            "engine",
        ])
        .args(["--target", TARGET])
        .arg("--manifest-path")
        .arg(manifest.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(&target_dir);
    // The outer build's flags and wrappers (clippy's, a coverage tool's) are for the
    // native target, not this one.
    for var in [
        "CARGO_TARGET_DIR",
        "CARGO_BUILD_TARGET",
        "RUSTFLAGS",
        "CARGO_ENCODED_RUSTFLAGS",
        "RUSTC_WORKSPACE_WRAPPER",
        "CLIPPY_ARGS",
    ] {
        build.env_remove(var);
    }
    let status = build
        .status()
        .unwrap_or_else(|e| fail(&format!("cannot run cargo: {e}")));
    if !status.success() {
        fail("compiling the program builder's engine (the wasm/ crate) failed; see above");
    }
    let built = target_dir.join(TARGET).join("engine").join(ENGINE);
    let bytes = std::fs::read(&built)
        .unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", built.display())));
    write(&out, &gzip(&slim(&bytes)));
}

/// Gzipped at the highest level, with no time or name in the header, so that the
/// same engine always gives the same bytes.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.try_finish())
        .unwrap_or_else(|e| fail(&format!("cannot compress the engine: {e}")));
    encoder
        .finish()
        .unwrap_or_else(|e| fail(&format!("cannot compress the engine: {e}")))
}

/// What the builder page's script calls (see wasm/src/lib.rs).
const EXPORTS: [&str; 8] = [
    "memory",
    "input_buffer",
    "output_ptr",
    "output_len",
    "open_site",
    "print_program",
    "read_program",
    "check_dose",
];

/// The module with only [`EXPORTS`]: some dependencies export a JavaScript API of
/// their own (printpdf's, azul's), which keeps code alive that the engine never
/// runs. Dropping those exports, and the functions and imports only they reach,
/// with the names section, makes the download much smaller.
fn slim(wasm: &[u8]) -> Vec<u8> {
    let mut config = walrus::ModuleConfig::new();
    config
        .generate_name_section(false)
        .generate_producers_section(false);
    let mut module = walrus::Module::from_buffer_with_config(wasm, &config)
        .unwrap_or_else(|e| fail(&format!("cannot read the engine's WebAssembly: {e}")));
    let unused: Vec<_> = module
        .exports
        .iter()
        .filter(|export| !EXPORTS.contains(&export.name.as_str()))
        .map(|export| export.id())
        .collect();
    for id in unused {
        module.exports.delete(id);
    }
    walrus::passes::gc::run(&mut module);
    let customs: Vec<_> = module.customs.iter().map(|(id, _)| id).collect();
    for id in customs {
        module.customs.delete(id);
    }
    module.emit_wasm()
}

/// Whether the standard library for the WebAssembly target is installed.
fn target_installed() -> bool {
    let rustc = env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let Ok(found) = Command::new(rustc)
        .args(["--print", "target-libdir", "--target", TARGET])
        .output()
    else {
        return false;
    };
    let dir = PathBuf::from(String::from_utf8_lossy(&found.stdout).trim());
    found.status.success()
        && std::fs::read_dir(dir).is_ok_and(|mut files| {
            files.any(|f| f.is_ok_and(|f| f.file_name().to_string_lossy().starts_with("libstd-")))
        })
}

/// Writes the file only when its bytes change, so that an unchanged engine does not
/// make cargo rebuild the library that embeds it.
fn write(path: &Path, bytes: &[u8]) {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return;
    }
    std::fs::write(path, bytes)
        .unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", path.display())));
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1)
}
