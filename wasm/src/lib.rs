//! The program builder's WebAssembly module: a thin wrapper that hands bytes between
//! the builder page's script (`themes/default/static/builder/builder.js`) and
//! [`handout::builder::engine`], which does all the work, as it does for
//! `handout sheet`.
//!
//! The interface is plain numbers, so that no glue code is generated: the script
//! asks for an input buffer of the size it needs (`input_buffer`), fills it, calls
//! one function, and reads that call's answer from `output_ptr`/`output_len`. Each
//! function returns 0 when its answer is what was asked for, and 1 when the answer
//! is a JSON list of messages saying what is wrong.

use std::cell::RefCell;

use handout::builder::engine::{self, Engine};
use handout::diagnostic::Diagnostic;

thread_local! {
    static ENGINE: RefCell<Option<Engine>> = const { RefCell::new(None) };
    static INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    static OUTPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

const OK: u32 = 0;
const PROBLEMS: u32 = 1;

/// Makes room for `len` bytes of input and returns where the script writes them.
#[unsafe(no_mangle)]
pub extern "C" fn input_buffer(len: usize) -> *mut u8 {
    INPUT.with_borrow_mut(|input| {
        input.clear();
        input.resize(len, 0);
        input.as_mut_ptr()
    })
}

/// Where the last call's answer starts.
#[unsafe(no_mangle)]
pub extern "C" fn output_ptr() -> *const u8 {
    OUTPUT.with_borrow(|output| output.as_ptr())
}

/// How long the last call's answer is, in bytes.
#[unsafe(no_mangle)]
pub extern "C" fn output_len() -> usize {
    OUTPUT.with_borrow(|output| output.len())
}

fn answer(code: u32, bytes: Vec<u8>) -> u32 {
    OUTPUT.set(bytes);
    code
}

fn problems(messages: &[Diagnostic]) -> u32 {
    let lines: Vec<String> = messages.iter().map(|d| d.to_string()).collect();
    answer(PROBLEMS, serde_json::to_vec(&lines).unwrap_or_default())
}

fn input_text() -> Result<String, u32> {
    let bytes = INPUT.take();
    String::from_utf8(bytes).map_err(|_| {
        problems(&[Diagnostic::command_line(
            "the program is not UTF-8 text; save it as UTF-8",
        )])
    })
}

fn json(value: &impl serde::Serialize) -> u32 {
    match serde_json::to_vec(value) {
        Ok(bytes) => answer(OK, bytes),
        Err(e) => problems(&[Diagnostic::command_line(e.to_string())]),
    }
}

/// Input: the site bundle. Answer: the catalog (exercises, conditions, defaults) as JSON.
#[unsafe(no_mangle)]
pub extern "C" fn open_site() -> u32 {
    let bundle = INPUT.take();
    match Engine::open(&bundle) {
        Ok(engine) => {
            let code = json(&engine.catalog());
            ENGINE.set(Some(engine));
            code
        }
        Err(messages) => problems(&messages),
    }
}

fn with_engine(work: impl FnOnce(&mut Engine, String) -> u32) -> u32 {
    let text = match input_text() {
        Ok(text) => text,
        Err(code) => return code,
    };
    ENGINE.with_borrow_mut(|engine| match engine {
        Some(engine) => work(engine, text),
        None => problems(&[Diagnostic::command_line("the site is not open yet")]),
    })
}

/// Input: a program file's text. Answer: the sheet's PDF.
#[unsafe(no_mangle)]
pub extern "C" fn print_program() -> u32 {
    with_engine(|engine, text| match engine.print(&text) {
        Ok(printed) => answer(OK, printed.pdf),
        Err(messages) => problems(&messages),
    })
}

/// Input: a program file's text. Answer: the form's fields as JSON.
#[unsafe(no_mangle)]
pub extern "C" fn read_program() -> u32 {
    with_engine(|engine, text| match engine.form(&text) {
        Ok(form) => json(&form),
        Err(messages) => problems(&messages),
    })
}

/// Input: a dose field's name, a newline, and the value typed. Answer: nothing, or
/// the message `check` gives for that value.
#[unsafe(no_mangle)]
pub extern "C" fn check_dose() -> u32 {
    let text = match input_text() {
        Ok(text) => text,
        Err(code) => return code,
    };
    let (key, value) = text.split_once('\n').unwrap_or((&text, ""));
    match engine::check_dose(key, value) {
        Ok(()) => answer(OK, Vec::new()),
        Err(message) => answer(PROBLEMS, serde_json::to_vec(&[message]).unwrap_or_default()),
    }
}
