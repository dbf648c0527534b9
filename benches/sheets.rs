//! Sheets per second on a generated corpus, and where a sheet's time goes.
//! Run with `cargo bench --bench sheets`; figures are medians over rounds.

#[path = "corpus.rs"]
mod corpus;

use std::time::{Duration, Instant};

use handout::content::load::SiteRoot;
use handout::content::validate::load_library;
use handout::pdf::fonts::FontSet;
use handout::pdf::layout::{ImageSizes, Typesetter};
use handout::pdf::{CONDITION_TEMPLATE, SheetCaches, jobs, markup, render_sheet, writer};
use handout::theme::Theme;

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values[values.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Exercises per condition: 4 by default; BENCH_PER_CONDITION=2 gives 2-page handouts.
    let per: usize = std::env::var("BENCH_PER_CONDITION")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4);
    corpus::generate(dir.path(), 200, 60, per, 7).expect("generate corpus");
    if std::env::var_os("BENCH_NO_QR").is_some() {
        // Without base_url the sheets carry no QR codes: shows what encoding them costs.
        let yaml = dir.path().join("content/site.yaml");
        let text = std::fs::read_to_string(&yaml)
            .expect("site.yaml")
            .replace("base_url: https://bench.example/\n", "");
        std::fs::write(yaml, text).expect("site.yaml");
    }
    let root = SiteRoot::new(dir.path()).expect("site root");
    let (library, _) = load_library(&root).expect("valid corpus");
    let theme = Theme::load(&root, "default", false, "en").expect("theme");
    let caches = SheetCaches::new(&library);
    let plan = handout::build::plan::Plan::new(&library, &theme, None);
    let handouts: Vec<_> = jobs(
        &library,
        &theme.strings,
        &plan,
        &mut handout::build::output::Output::default(),
    )
    .into_iter()
    .map(|(path, job, _)| (path, job))
    .filter(|(_, j)| j.template == CONDITION_TEMPLATE)
    .collect();

    // Warm up fonts, dictionaries and caches.
    for (_, job) in handouts.iter().take(3) {
        render_sheet(&theme, job, &caches).expect("sheet renders");
    }

    // One thread, stage by stage: CPU time per sheet.
    let rounds = 7;
    let (
        mut template,
        mut parse,
        mut layout,
        mut document,
        mut subset,
        mut compress,
        mut save,
        mut total,
    ) = (
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
    );
    let (mut pages, mut bytes) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        for (_, job) in &handouts {
            let start = Instant::now();
            let text = theme.render(job.template, &job.context).expect("template");
            let t1 = Instant::now();
            let sheet = markup::parse(&text).expect("markup");
            let t2 = Instant::now();
            let sizes = ImageSizes::new();
            let typeset = Typesetter::new(FontSet::dejavu(), job.geometry)
                .with_language(&job.meta.language)
                .with_images(&sizes)
                .with_qr_cache(&caches.qr)
                .typeset(&sheet);
            let t3 = Instant::now();
            let (pdf, timings) = writer::write_pdf_timed(
                &typeset.pages,
                job.geometry,
                &job.meta,
                &writer::Images::new(),
            );
            total.push(start.elapsed());
            template.push(t1 - start);
            parse.push(t2 - t1);
            layout.push(t3 - t2);
            document.push(timings.document);
            subset.push(timings.serialize_and_subset);
            compress.push(timings.compress);
            save.push(timings.save);
            pages.push(typeset.pages.len());
            bytes.push(pdf.len());
        }
    }
    pages.sort();
    bytes.sort();
    println!(
        "corpus: {} handouts of {per} exercises; median {} pages, {} KB",
        handouts.len(),
        pages[pages.len() / 2],
        bytes[bytes.len() / 2] / 1024
    );
    println!(
        "per sheet, one thread (median of {} sheets x {rounds} rounds):",
        handouts.len()
    );
    for (name, values) in [
        ("template (Tera)", template),
        ("markup parse", parse),
        ("layout", layout),
        ("PDF document", document),
        ("serialize + font subsetting", subset),
        ("compression", compress),
        ("save", save),
    ] {
        println!("  {name:<28} {}", ms(median(values)));
    }
    let single = median(total);
    println!(
        "  {:<28} {}  ({:.0} sheets/s on one core)",
        "total",
        ms(single),
        1.0 / single.as_secs_f64()
    );

    // All cores, as the build runs it.
    let mut walls = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        rayon_render(&theme, &handouts, &caches);
        walls.push(start.elapsed());
    }
    let wall = median(walls);
    println!(
        "all cores ({}): {} sheets in {} = {:.0} sheets/s",
        rayon::current_num_threads(),
        handouts.len(),
        ms(wall),
        handouts.len() as f64 / wall.as_secs_f64()
    );
}

fn rayon_render(
    theme: &Theme,
    handouts: &[(String, handout::pdf::SheetJob)],
    caches: &SheetCaches,
) {
    use rayon::prelude::*;
    handouts.par_iter().for_each(|(_, job)| {
        render_sheet(theme, job, caches).expect("sheet renders");
    });
}
