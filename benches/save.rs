//! How long saving an interview takes: `cargo bench --bench save`.
//!
//! A keystroke's save is one append to the crash journal, whatever the size
//! of the interview: measured with a 30-question interview with ~2,000
//! characters of notes per question (a full call's worth), with 200 KB in
//! the current question, and with a 10,000-question bank. The whole file is
//! written (and flushed) on the flusher thread at most once a second; its
//! costs are measured too.

use std::hint::black_box;
use std::time::{Duration, Instant};

use std::sync::Arc;

use phonescreen::store::Saver;
use phonescreen::store::testing::{sample_notes, sample_record};

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

/// Times one keystroke's save (`Saver::save`: one journal append) in the
/// question at `index` of `record`.
fn keystrokes(
    record: &mut phonescreen::interview::Record,
    index: usize,
    dir: &std::path::Path,
    budget: Duration,
) -> Vec<Duration> {
    let path = dir.join(format!("20250304-101500-keys-{index}.yaml"));
    let mut saver = Saver::new(&path, Arc::new(|| {}));
    let now = Instant::now();
    saver.start(record, now).expect("start");
    let times = measure(2000, budget, |i| {
        let q = record.question_mut(index).expect("question");
        q.notes.push(if i % 2 == 0 { 'a' } else { 'é' });
        // Keep the journal from growing without end, as the flusher would.
        if i % 200 == 0 {
            saver.flush_and_wait(record, now).expect("flush");
        }
        saver.save(record, &[index], now).expect("save");
    });
    saver.close();
    times
}

fn main() {
    let mut record = sample_record(30, 2000);
    let yaml = phonescreen::store::to_yaml(&record).expect("serializes");
    let tmp = tempfile::tempdir().expect("temp dir");
    let budget = Duration::from_secs(3);

    println!(
        "interview: 30 questions in 5 sections, {} KB of YAML, in {}",
        yaml.len() / 1024,
        tmp.path().display()
    );
    let mut rows = Vec::new();

    let times = measure(2000, budget, |_| {
        black_box(phonescreen::yaml::to_string(black_box(&record)).expect("serializes"));
    });
    rows.push(("to YAML, whole (flusher)", times));

    let bytes = yaml.as_bytes();
    let raw = tmp.path().join("raw.yaml");
    let times = measure(2000, budget, |_| {
        phonescreen::store::write_atomic(&raw, black_box(bytes), false).expect("write");
    });
    rows.push(("write + rename, whole file", times));

    rows.push((
        "key: 30 q x 2 KB notes",
        keystrokes(&mut record, 7, tmp.path(), budget),
    ));

    let mut long = sample_record(13, 2000);
    long.question_mut(5).expect("q6").notes = sample_notes(200_000, 3);
    rows.push((
        "key: 200 KB in the question",
        keystrokes(&mut long, 5, tmp.path(), budget),
    ));

    let mut big = sample_record(10_000, 0);
    rows.push((
        "key: 10,000-question bank",
        keystrokes(&mut big, 5000, tmp.path(), budget),
    ));

    let path = tmp.path().join("20250304-101500-flush.yaml");
    let mut saver = Saver::new(&path, Arc::new(|| {}));
    let now = Instant::now();
    saver.start(&record, now).expect("start");
    let times = measure(300, budget, |i| {
        let q = record.question_mut(12).expect("question 13");
        q.notes.push(if i % 2 == 0 { 'b' } else { '🙂' });
        saver.save(&record, &[12], now).expect("save");
        saver.flush_and_wait(&record, now).expect("flush");
    });
    rows.push(("flush: whole file + fsync", times));

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
