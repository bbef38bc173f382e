//! The review archive at scale: `cargo bench --bench archive`.
//!
//! Generates 10,000 saved interviews of ~10 KB each (and 100 and 1,000) in a
//! temporary folder, then measures: building the index cold (every file
//! read), refreshing it warm (the list on screen: every file's size and time
//! checked, nothing read), each keystroke of a 21-character query typed into
//! the filter (each narrowing what the previous matched) with the context
//! of the 40 rows a screen shows, and peak memory of a warm refresh (in a
//! child process, so generating the files does not count). `ARCHIVE_SIZES=100,1000`
//! picks the sizes.

use std::path::Path;
use std::time::{Duration, Instant};

use phonescreen::review::{Archive, Query};
use phonescreen::store::testing::sample_record;

const QUERY: &str = "fencing tokens quorum"; // 21 characters

fn generate(dir: &Path, count: usize) {
    let words = [
        "retry",
        "budget",
        "idempotency",
        "keys",
        "backoff",
        "jitter",
        "queue",
        "lease",
        "schema",
        "migration",
        "index",
        "cache",
        "latency",
        "tail",
        "tracing",
        "rollout",
    ];
    let mut base = sample_record(13, 0);
    base.status = phonescreen::interview::record::Status::Completed;
    for i in 0..count {
        let mut r = base.clone();
        r.candidate = format!("Candidate {i:05}");
        r.started_at += chrono::Duration::minutes(i as i64);
        for (q, question) in r
            .sections
            .iter_mut()
            .flat_map(|s| &mut s.questions)
            .enumerate()
        {
            // ~300 characters of notes per question, different per interview.
            let mut notes = String::new();
            let mut x = (i * 31 + q * 7) as u64 | 1;
            while notes.len() < 300 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                notes.push_str(words[(x % words.len() as u64) as usize]);
                notes.push(if x.is_multiple_of(11) { '\n' } else { ' ' });
            }
            // One interview in 50 mentions the whole query.
            if i.is_multiple_of(50) && q == 3 {
                notes.push_str(" a quorum with fencing tokens");
            }
            question.notes = notes;
        }
        let path = dir.join(format!("2025{i:08}-candidate.yaml"));
        phonescreen::store::write_record(&path, &r).expect("writes");
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn main() {
    // Child mode: one warm refresh, then report peak memory.
    if let Ok(dir) = std::env::var("ARCHIVE_CHILD_DIR") {
        let repeat: usize = std::env::var("ARCHIVE_REPEAT")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(1);
        for _ in 1..repeat {
            std::hint::black_box(Archive::refresh(Path::new(&dir), |_, _| {}));
        }
        let (archive, _) = Archive::refresh(Path::new(&dir), |_, _| {});
        let hits = archive.filter(&Query::parse("idempotency"), None).len();
        println!("{} {hits}", peak_rss_kb());
        return;
    }
    let sizes: Vec<usize> = std::env::var("ARCHIVE_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100, 1_000, 10_000]);
    println!(
        "| interviews | cold index | warm refresh (list) | filter key median / max | whole query | peak RSS (warm) | files |"
    );
    println!("|---|---|---|---|---|---|---|");
    for count in sizes {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path();
        if std::env::var_os("ARCHIVE_KEEP").is_some() {
            eprintln!("keeping {}", dir.display());
        }
        let t = Instant::now();
        generate(dir, count);
        let generated = t.elapsed();
        let bytes: u64 = std::fs::read_dir(dir)
            .expect("lists")
            .filter_map(|e| e.ok()?.metadata().ok())
            .map(|m| m.len())
            .sum();

        let t = Instant::now();
        let (_, report) = Archive::refresh(dir, |_, _| {});
        let cold = t.elapsed();
        assert_eq!(report.read, count);

        let t = Instant::now();
        let (archive, report) = Archive::refresh(dir, |_, _| {});
        let warm = t.elapsed();
        assert_eq!(report.reused, count);

        let mut keys = Vec::new();
        let whole = Instant::now();
        let mut previous: Option<(Query, Vec<usize>)> = None;
        for end in 1..=QUERY.len() {
            let t = Instant::now();
            let query = Query::parse(&QUERY[..end]);
            let within = previous
                .as_ref()
                .filter(|(q, _)| query.narrows(q))
                .map(|(_, hits)| hits.as_slice());
            let hits = archive.filter(&query, within);
            for &i in hits.iter().take(40) {
                std::hint::black_box(archive.context(i, &query, 30));
            }
            keys.push(t.elapsed());
            previous = Some((query, hits));
        }
        let whole = whole.elapsed();
        let hits = previous.map_or(0, |(_, h)| h.len());
        keys.sort();

        let child = std::process::Command::new(std::env::current_exe().expect("exe"))
            .env("ARCHIVE_CHILD_DIR", dir)
            .output()
            .expect("child runs");
        let rss_kb: u64 = String::from_utf8_lossy(&child.stdout)
            .split_whitespace()
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);

        if std::env::var_os("ARCHIVE_KEEP").is_some() {
            std::mem::forget(tmp);
        }
        println!(
            "| {count} | {} | {} | {} / {} | {} ({hits} match) | {:.1} MB | {:.1} MB, generated in {:.1} s |",
            ms(cold),
            ms(warm),
            ms(keys[keys.len() / 2]),
            ms(*keys.last().expect("keys")),
            ms(whole),
            rss_kb as f64 / 1024.0,
            bytes as f64 / 1e6,
            generated.as_secs_f64(),
        );
    }
}
