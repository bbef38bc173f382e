//! How long saving an interview takes: `cargo bench --bench save`.
//!
//! A 30-question interview in 5 sections with ~2,000 characters of notes per
//! question (about a full call's worth). The app saves on every keystroke, so
//! a plain save (write + rename, no fsync) should stay well under 1 ms.

use std::hint::black_box;
use std::time::{Duration, Instant};

use phonescreen::store::{Saver, testing::sample_record};

/// Runs `f` until `max_iters` runs or `budget` time, after a short warm-up,
/// and returns each run's duration.
fn measure(max_iters: usize, budget: Duration, mut f: impl FnMut(usize)) -> Vec<Duration> {
    for i in 0..max_iters.min(20) {
        f(i);
    }
    let start = Instant::now();
    let mut times = Vec::with_capacity(max_iters);
    for i in 0..max_iters {
        let t = Instant::now();
        f(i);
        times.push(t.elapsed());
        if start.elapsed() > budget && times.len() >= 10 {
            break;
        }
    }
    times.sort();
    times
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i].as_secs_f64() * 1e6
}

fn main() {
    let mut record = sample_record(30, 2000);
    let yaml = phonescreen::store::to_yaml(&record).expect("serializes");
    let tmp = tempfile::tempdir().expect("temp dir");
    let path = tmp.path().join("20250304-101500-ada.yaml");
    let mut saver = Saver::new(&path);
    let budget = Duration::from_secs(4);

    println!(
        "interview: 30 questions in 5 sections, {} KB of YAML, in {}",
        yaml.len() / 1024,
        tmp.path().display()
    );
    let mut rows = Vec::new();

    let times = measure(2000, budget, |_| {
        black_box(phonescreen::yaml::to_string(black_box(&record)).expect("serializes"));
    });
    rows.push(("yaml::to_string (serialize)", times));

    let bytes = yaml.as_bytes();
    let raw = tmp.path().join("raw.yaml");
    let times = measure(2000, budget, |_| {
        phonescreen::store::write_atomic(&raw, black_box(bytes), false).expect("write");
    });
    rows.push(("write_atomic (no serialize)", times));

    let now = Instant::now();
    let times = measure(2000, budget, |i| {
        // A keystroke in one question's notes, as on a live call.
        let q = record.question_mut(7).expect("question 8");
        q.notes.push(if i % 2 == 0 { 'a' } else { 'é' });
        saver.save(&record, now).expect("save");
    });
    rows.push(("Saver::save (write + rename)", times));

    let times = measure(300, budget, |i| {
        let q = record.question_mut(12).expect("question 13");
        q.notes.push(if i % 2 == 0 { 'b' } else { '🙂' });
        saver.save_now(&record, now).expect("save_now");
    });
    rows.push(("Saver::save_now (+ fsync)", times));

    println!();
    println!(
        "{:<30} {:>7} {:>12} {:>12}",
        "operation", "runs", "median µs", "p99 µs"
    );
    println!("{}", "-".repeat(64));
    for (name, times) in &rows {
        println!(
            "{:<30} {:>7} {:>12.1} {:>12.1}",
            name,
            times.len(),
            percentile(times, 0.5),
            percentile(times, 0.99)
        );
    }
}
