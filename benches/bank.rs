//! Parsing and checking a bank: `cargo bench --bench bank`.
//!
//! Banks of 30, 1,000 and 10,000 questions (the largest under the 1 MiB a
//! bank may be), each parsed and validated as `bank validate` and starting
//! an interview do. Target: under 100 ms at 10,000 questions.

use std::hint::black_box;
use std::time::{Duration, Instant};

fn bank(questions: usize) -> String {
    let sections = questions.div_ceil(1000).max(1);
    let mut text = String::from(
        "name: Generated bank\nratings: [Strong no, \"No\", \"Yes\", Strong yes]\nsections:\n",
    );
    let mut made = 0;
    for s in 0..sections {
        text.push_str(&format!(
            "  - id: s{s}\n    title: Section {s}\n    minutes: 3\n    questions:\n"
        ));
        let here = (questions - made).min(questions.div_ceil(sections));
        for q in 0..here {
            text.push_str(&format!(
                "      - id: q{s}-{q}\n        ask: Question {s}-{q} about retries?\n"
            ));
        }
        made += here;
    }
    text
}

fn main() {
    println!("| questions | bytes | parse + validate median | min |");
    println!("|---|---|---|---|");
    for questions in [30, 1_000, 10_000] {
        let text = bank(questions);
        let report = phonescreen::bank::load::parse(text.as_bytes());
        assert!(!report.has_errors(), "the generated bank is valid");
        let mut times = Vec::new();
        let start = Instant::now();
        while times.len() < 5 || (start.elapsed() < Duration::from_secs(2) && times.len() < 200) {
            let t = Instant::now();
            black_box(phonescreen::bank::load::parse(black_box(text.as_bytes())));
            times.push(t.elapsed());
        }
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        println!(
            "| {questions} | {} | {:.2} ms | {:.2} ms |",
            text.len(),
            ms(times[times.len() / 2]),
            ms(times[0])
        );
    }
}
