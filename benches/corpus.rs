//! A synthetic exercise library for benchmarks: N exercises and M conditions with
//! realistic bodies (120–200 words, numbered steps, a list, a link, Unicode).
//! Deterministic: the same N, M and seed give the same files.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

use handout::content::library::{KINDS, POSITIONS, REGIONS};

/// A small, stable pseudo-random sequence (no dependency needed for made-up text).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
    fn range(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }
}

const VERBS: &[&str] = &[
    "Lift",
    "Lower",
    "Bend",
    "Straighten",
    "Turn",
    "Press",
    "Slide",
    "Hold",
    "Reach",
    "Squeeze",
    "Relax",
    "Breathe out as you raise",
];
const PARTS: &[&str] = &[
    "your left knee",
    "your right leg",
    "both arms",
    "your hips",
    "your heels",
    "your shoulders",
    "the small of your back",
    "your chin",
    "your stomach muscles",
    "the ball of your foot",
];
const HOW: &[&str] = &[
    "slowly",
    "gently",
    "as far as is comfortable",
    "without bouncing",
    "until you feel a mild stretch",
    "while you keep your back flat",
    "and count to five",
    "— about ½ of the way —",
];
const HOLDS: &[&str] = &["10 s", "20-30 sec", "1 min", "½ min", "3 breaths", "5 s"];
const FREQUENCIES: &[&str] = &[
    "once daily",
    "2x daily",
    "3x per week",
    "every other day",
    "5 days per week",
];

fn sentence(rng: &mut Lcg) -> String {
    format!("{} {} {}.", rng.pick(VERBS), rng.pick(PARTS), rng.pick(HOW))
}

fn body(rng: &mut Lcg, i: usize) -> String {
    let mut text = String::new();
    let target = rng.range(120, 200) as usize;
    let steps = rng.range(4, 7);
    for n in 1..=steps {
        let _ = writeln!(text, "{n}. {} {}", sentence(rng), sentence(rng));
    }
    text.push_str("\nYou should feel it in the **muscles**, not the joint. Café-style chairs with arms are fine.\n\n");
    for _ in 0..rng.range(2, 3) {
        let _ = writeln!(text, "- {}", sentence(rng));
    }
    let _ = writeln!(
        text,
        "\nMore help: [exercise {i} video](https://videos.example/{i}).\n"
    );
    while text.split_whitespace().count() < target {
        text.push_str(&sentence(rng));
        text.push(' ');
    }
    text.push('\n');
    text
}

/// Writes a site with `exercises` exercises and `conditions` conditions of `per_condition` each.
pub fn generate(
    root: &Path,
    exercises: usize,
    conditions: usize,
    per_condition: usize,
    seed: u64,
) -> std::io::Result<()> {
    let mut rng = Lcg(seed);
    let content = root.join("content");
    std::fs::create_dir_all(content.join("exercises/generated"))?;
    std::fs::create_dir_all(content.join("conditions"))?;
    std::fs::write(
        content.join("site.yaml"),
        "title: Benchmark clinic\nclinic:\n  name: Benchmark Physical Therapy\n  phone: \"555-0100\"\nbase_url: https://bench.example/\nlanguage: en\ndisclaimer: Stop if it hurts. Call us with questions.\n",
    )?;
    // BENCH_POSES=false leaves out the poses, to measure what drawing figures costs.
    let poses = std::env::var("BENCH_POSES").map_or(true, |v| v != "false");
    for i in 0..exercises {
        let r1 = rng.pick(&REGIONS);
        let r2 = rng.pick(&REGIONS);
        let regions = if r1 == r2 {
            r1.to_string()
        } else {
            format!("{r1}, {r2}")
        };
        let position = rng.pick(&POSITIONS);
        // A start at the position's base, and an end that bends a hip and a knee.
        let pose = if poses {
            format!(
                "pose:\n  start: {{ base: {position} }}\n  end: {{ left_hip_bend: {}, left_knee: {} }}\n  props: [mat]\n  moving: [left-leg]\n",
                rng.range(10, 60),
                rng.range(10, 80)
            )
        } else {
            String::new()
        };
        let text = format!(
            "---\ntitle: \"{} {} {i}\"\nsummary: \"{}\"\nkind: {}\nregions: [{regions}]\nposition: {}\nequipment: [exercise mat]\ndosage:\n  hold: \"{}\"\n  reps: \"{}-{}\"\n  sets: {}\n  per_side: {}\n  frequency: {}\ncautions:\n  - \"{}\"\n{pose}---\n\n{}",
            rng.pick(VERBS),
            rng.pick(PARTS),
            sentence(&mut rng),
            rng.pick(&KINDS),
            position,
            rng.pick(HOLDS),
            rng.range(5, 8),
            rng.range(9, 12),
            rng.range(1, 3),
            rng.next().is_multiple_of(2),
            rng.pick(FREQUENCIES),
            sentence(&mut rng),
            body(&mut rng, i),
        );
        std::fs::write(
            content.join(format!("exercises/generated/ex-{i:05}.md")),
            text,
        )?;
    }
    for c in 0..conditions {
        let mut list = String::new();
        for k in 0..per_condition {
            let e = (c * 7 + k * 13) % exercises.max(1);
            if k == 0 {
                let _ = writeln!(
                    list,
                    "  - exercise: ex-{e:05}\n    dosage: {{ reps: 10, frequency: twice daily }}\n    note: Start gently."
                );
            } else {
                let _ = writeln!(list, "  - ex-{e:05}");
            }
        }
        let text = format!(
            "---\ntitle: \"Condition {c}\"\nsummary: \"{}\"\nexercises:\n{list}---\n\n{}\n\n## Safety\n\n{}\n\n## When to seek help\n\n{}\n",
            sentence(&mut rng),
            sentence(&mut rng),
            sentence(&mut rng),
            sentence(&mut rng)
        );
        std::fs::write(
            content.join(format!("conditions/condition-{c:04}.md")),
            text,
        )?;
    }
    Ok(())
}
