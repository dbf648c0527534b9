//! Generates a synthetic site for benchmarks:
//! `cargo run --release --example corpus -- EXERCISES CONDITIONS DIR [PER_CONDITION]`.

#[path = "../benches/corpus.rs"]
mod corpus;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number =
        |i: usize, default: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let Some(dir) = args.get(2) else {
        eprintln!("usage: corpus EXERCISES CONDITIONS DIR [PER_CONDITION]");
        std::process::exit(2);
    };
    let (exercises, conditions, per) = (number(0, 1000), number(1, 50), number(3, 8));
    if let Err(e) = corpus::generate(std::path::Path::new(dir), exercises, conditions, per, 42) {
        eprintln!("error: {dir}: {e}");
        std::process::exit(1);
    }
    eprintln!("wrote {exercises} exercises and {conditions} conditions of {per} into {dir}");
}
