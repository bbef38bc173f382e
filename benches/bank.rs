//! Parsing and checking a bank: `cargo bench --bench bank` (divan).
//!
//! Banks of 30, 1,000 and 10,000 questions (the largest under the 1 MiB a
//! bank may be), each parsed and validated as `bank validate` and starting
//! an interview do. Target: under 100 ms at 10,000 questions. Divan prints
//! each size's fastest, slowest, median and mean, and the bank's bytes per
//! second.

use divan::Bencher;
use divan::counter::BytesCount;

fn main() {
    divan::main();
}

/// A valid bank of `questions` questions, in sections of up to 1,000.
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

/// Parse + validate, the whole of `bank::load::parse`. The 10,000-question
/// bank takes ~30 ms a run: `max_time` keeps the set to a few seconds.
#[divan::bench(args = [30, 1_000, 10_000], max_time = 3)]
fn parse_validate(bencher: Bencher, questions: usize) {
    let text = bank(questions);
    let report = phonescreen::bank::load::parse(text.as_bytes());
    assert!(!report.has_errors(), "the generated bank is valid");
    bencher
        .counter(BytesCount::of_str(&text))
        .bench_local(|| phonescreen::bank::load::parse(divan::black_box(text.as_bytes())));
}
