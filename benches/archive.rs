//! The review archive at scale: `cargo bench --bench archive` (divan).
//!
//! Generates 100, 1,000 and 10,000 saved interviews of ~11.5 KB each in
//! temporary folders (once per size, untimed, shared by every benchmark),
//! then measures: building the index cold (every file read), refreshing it
//! warm (the list on screen: every file stamped, nothing read), one
//! keystroke of the 21-character query typed into the filter (each
//! narrowing what the previous matched, with the context of the 40 rows a
//! screen shows), the whole query typed key by key, and the archive-wide
//! commands as the binary runs them, warm: `compare` and `report` (through
//! the index) and `export --all` (every file parsed), their output
//! discarded.
//!
//! Divan does not measure memory: after its table, the peak memory of the
//! review list (a warm refresh, the query searched, the context of 40
//! rows), `compare`, `report` and `export --all` is printed for each size,
//! each measured in a child process (this program again, with
//! `ARCHIVE_CHILD_DIR` and `ARCHIVE_CHILD_DO` set) so that generating the
//! files and the benchmarks do not count.
//!
//! `ARCHIVE_SIZES=100,1000` picks the sizes; divan's own filter picks
//! benchmarks (a regular expression on `name::size`: `-- cold`, `-- '::1000$'`).
//! `ARCHIVE_KEEP=1` keeps the generated folders and says where.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use divan::Bencher;
use tempfile::TempDir;

use phonescreen::paths::Paths;
use phonescreen::review::index::INDEX_FILE;
use phonescreen::review::{Archive, Query};
use phonescreen::store::testing::sample_record;

const QUERY: &str = "fencing tokens quorum"; // 21 characters

/// Rows a screen shows, each with the context of its match.
const ROWS: usize = 40;

/// The generated folders, by size: made by the first benchmark that needs
/// one, kept until the memory figures are printed.
static FIXTURES: Mutex<BTreeMap<usize, Fixture>> = Mutex::new(BTreeMap::new());

struct Fixture {
    /// The data folder: the interviews are in its `sessions/`.
    dir: TempDir,
    bytes: u64,
    generated: Duration,
}

fn main() {
    if let Ok(dir) = std::env::var("ARCHIVE_CHILD_DIR") {
        let what = std::env::var("ARCHIVE_CHILD_DO").unwrap_or_default();
        child(Path::new(&dir), &what);
        return;
    }
    divan::main();
    peak_memory();
}

/// `ARCHIVE_SIZES`, else 100, 1,000 and 10,000 interviews.
fn sizes() -> Vec<usize> {
    std::env::var("ARCHIVE_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100, 1_000, 10_000])
}

/// The sessions folder of `count` interviews, generated the first time.
fn fixture(count: usize) -> PathBuf {
    let mut all = FIXTURES.lock().expect("fixtures");
    let fixture = all.entry(count).or_insert_with(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let sessions = dir.path().join("sessions");
        std::fs::create_dir(&sessions).expect("sessions folder");
        let t = Instant::now();
        generate(&sessions, count);
        let generated = t.elapsed();
        let bytes = std::fs::read_dir(&sessions)
            .expect("lists")
            .filter_map(|e| e.ok()?.metadata().ok())
            .map(|m| m.len())
            .sum();
        Fixture {
            dir,
            bytes,
            generated,
        }
    });
    fixture.dir.path().join("sessions")
}

/// The folders the commands take, for the sessions folder `sessions`.
fn paths(sessions: &Path) -> Paths {
    let data = sessions.parent().expect("in a data folder");
    Paths::resolve(Some(data.join("config")), Some(data.to_path_buf())).expect("paths")
}

/// `count` completed interviews of 13 questions with ~300 characters of notes
/// each, different per interview; one in 50 mentions the whole query.
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

/// One keystroke in the filter: the query so far (`end` characters) parsed,
/// matched within what the previous keystroke matched when it narrows it,
/// and the context of the first rows a screen shows.
fn keystroke(
    archive: &Archive,
    end: usize,
    previous: Option<&(Query, Vec<usize>)>,
) -> (Query, Vec<usize>) {
    let query = Query::parse(&QUERY[..end]);
    let within = previous
        .filter(|(q, _)| query.narrows(q))
        .map(|(_, hits)| hits.as_slice());
    let hits = archive.filter(&query, within);
    for &i in hits.iter().take(ROWS) {
        divan::black_box(archive.context(i, &query, 30));
    }
    (query, hits)
}

/// The index built from nothing: every file read and parsed, and the index
/// written (7 MB of JSON and 63 MB of text and facts at 10,000). ~2 s a run
/// at 10,000: `max_time` keeps that to a few samples. The index is removed,
/// untimed, before each run.
#[divan::bench(args = sizes(), sample_count = 20, sample_size = 1, max_time = 5)]
fn index_cold(bencher: Bencher, count: usize) {
    let dir = fixture(count);
    let index = dir.join(INDEX_FILE);
    bencher
        .with_inputs(|| match std::fs::remove_file(&index) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => panic!("removing {}: {e}", index.display()),
        })
        .bench_local_values(|()| {
            let (archive, report) = Archive::refresh(&dir, |_, _| {});
            assert_eq!(report.read, count, "every file read");
            archive
        });
}

/// The list on screen: the index read, every file stamped (size, times,
/// inode), nothing else read.
#[divan::bench(args = sizes(), sample_count = 30, sample_size = 1, max_time = 5)]
fn refresh_warm(bencher: Bencher, count: usize) {
    let dir = fixture(count);
    // Brings the index up to date, if a cold run has not.
    Archive::refresh(&dir, |_, _| {});
    bencher.bench_local(|| {
        let (archive, report) = Archive::refresh(&dir, |_, _| {});
        assert_eq!(report.reused, count, "nothing read again");
        archive
    });
}

/// One keystroke of the query, each of its 21 in turn (210 samples: 10 of
/// each), after the keystrokes before it.
#[divan::bench(args = sizes(), sample_count = 210, sample_size = 1)]
fn filter_key(bencher: Bencher, count: usize) {
    let dir = fixture(count);
    let (archive, _) = Archive::refresh(&dir, |_, _| {});
    // What each prefix of the query matched, for the keystroke after it.
    let mut typed: Vec<(Query, Vec<usize>)> = Vec::new();
    for end in 1..=QUERY.len() {
        let next = keystroke(&archive, end, typed.last());
        typed.push(next);
    }
    let mut end = 0;
    bencher
        .with_inputs(|| {
            end = end % QUERY.len() + 1;
            end
        })
        .bench_local_values(|end| keystroke(&archive, end, end.checked_sub(2).map(|i| &typed[i])));
}

/// The whole query typed key by key, each key narrowing the one before.
#[divan::bench(args = sizes(), sample_count = 100, sample_size = 1)]
fn whole_query(bencher: Bencher, count: usize) {
    let dir = fixture(count);
    let (archive, _) = Archive::refresh(&dir, |_, _| {});
    bencher.bench_local(|| {
        let mut previous = None;
        for end in 1..=QUERY.len() {
            previous = Some(keystroke(&archive, end, previous.as_ref()));
        }
        previous
    });
}

/// `phonescreen compare` with no words: every interview, one grid per
/// bank, through the index (brought up to date first: nothing to read).
#[divan::bench(args = sizes(), sample_count = 20, sample_size = 1, max_time = 10)]
fn compare(bencher: Bencher, count: usize) {
    let sessions = fixture(count);
    let paths = paths(&sessions);
    Archive::refresh(&sessions, |_, _| {});
    bencher.bench_local(|| {
        let found = phonescreen::commands::review::compare(
            &paths,
            "",
            None,
            false,
            &mut std::io::sink(),
            &mut std::io::sink(),
        );
        assert!(found.expect("compares"), "something to compare");
    });
}

/// `phonescreen report`: every completed interview, through the index.
#[divan::bench(args = sizes(), sample_count = 20, sample_size = 1, max_time = 10)]
fn report(bencher: Bencher, count: usize) {
    let sessions = fixture(count);
    let paths = paths(&sessions);
    Archive::refresh(&sessions, |_, _| {});
    bencher.bench_local(|| {
        let found = phonescreen::commands::review::report(
            &paths,
            None,
            false,
            &mut std::io::sink(),
            &mut std::io::sink(),
        );
        assert!(found.expect("reports"), "something to report");
    });
}

/// `phonescreen export --all`: every file read, parsed and written as a
/// line of JSON (the files are in the page cache, as on a second run).
#[divan::bench(args = sizes(), sample_count = 10, sample_size = 1, max_time = 10)]
fn export_all(bencher: Bencher, count: usize) {
    let sessions = fixture(count);
    bencher.bench_local(|| {
        let skipped = phonescreen::commands::export::all_as_json_lines(
            &sessions,
            &mut std::io::sink(),
            &mut std::io::sink(),
        );
        assert_eq!(skipped.expect("exports"), 0);
    });
}

/// Peak memory (`VmHWM`) of this process so far, in KB.
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

/// What the children measure, in the order the table shows them.
const CHILD_JOBS: [(&str, &str); 4] = [
    ("review", "review list"),
    ("compare", "`compare`"),
    ("report", "`report`"),
    ("export", "`export --all`"),
];

/// In the child: `what` on the sessions folder `dir` (its index up to
/// date), then prints the peak memory in KB and how many interviews the
/// query matched (0 where none is searched).
///
/// `review` is what the review list holds and does: a warm refresh
/// (`ARCHIVE_REPEAT` of them), the query searched, and the context of the
/// rows a screen shows. The others are the commands, their output
/// discarded.
fn child(dir: &Path, what: &str) {
    let mut hits = 0;
    match what {
        "compare" => {
            let found = phonescreen::commands::review::compare(
                &paths(dir),
                "",
                None,
                false,
                &mut std::io::sink(),
                &mut std::io::sink(),
            );
            assert!(found.expect("compares"));
        }
        "report" => {
            let found = phonescreen::commands::review::report(
                &paths(dir),
                None,
                false,
                &mut std::io::sink(),
                &mut std::io::sink(),
            );
            assert!(found.expect("reports"));
        }
        "export" => {
            phonescreen::commands::export::all_as_json_lines(
                dir,
                &mut std::io::sink(),
                &mut std::io::sink(),
            )
            .expect("exports");
        }
        _ => {
            let repeat: usize = std::env::var("ARCHIVE_REPEAT")
                .ok()
                .and_then(|n| n.parse().ok())
                .unwrap_or(1);
            for _ in 1..repeat {
                divan::black_box(Archive::refresh(dir, |_, _| {}));
            }
            let (archive, _) = Archive::refresh(dir, |_, _| {});
            divan::black_box(archive.filter(&Query::parse("idempotency"), None));
            let mut previous = None;
            for end in 1..=QUERY.len() {
                previous = Some(keystroke(&archive, end, previous.as_ref()));
            }
            hits = previous.map_or(0, |(_, matched)| matched.len());
        }
    }
    println!("{} {hits}", peak_rss_kb());
}

/// After divan's table: for each size the benchmarks generated, the peak
/// memory of the review list and of each archive-wide command, each in a
/// child process.
fn peak_memory() {
    let fixtures = std::mem::take(&mut *FIXTURES.lock().expect("fixtures"));
    if fixtures.is_empty() {
        return;
    }
    // Divan ends its table with a blank line.
    println!("peak RSS (VmHWM) of each in a child process, index warm, and the folders:");
    let jobs: Vec<&str> = CHILD_JOBS.iter().map(|(_, name)| *name).collect();
    println!(
        "| interviews | {} | `{QUERY}` matches | files | generated in |",
        jobs.join(" | ")
    );
    println!("|---|{}---|---|---|", "---|".repeat(jobs.len()));
    for (count, fixture) in fixtures {
        let dir = fixture.dir.path().join("sessions");
        // The children's index is warm: brought up to date first.
        Archive::refresh(&dir, |_, _| {});
        let mut cells = Vec::new();
        let mut matched = 0;
        for (job, _) in CHILD_JOBS {
            let child = std::process::Command::new(std::env::current_exe().expect("exe"))
                .env("ARCHIVE_CHILD_DIR", &dir)
                .env("ARCHIVE_CHILD_DO", job)
                .output()
                .expect("child runs");
            assert!(child.status.success(), "the child failed: {child:?}");
            let out = String::from_utf8_lossy(&child.stdout);
            let mut fields = out
                .split_whitespace()
                .map(|n| n.parse::<u64>().unwrap_or(0));
            let (rss_kb, hits) = (fields.next().unwrap_or(0), fields.next().unwrap_or(0));
            matched = matched.max(hits);
            cells.push(format!("{:.1} MB", rss_kb as f64 / 1024.0));
        }
        println!(
            "| {count} | {} | {matched} | {:.1} MB | {:.1} s |",
            cells.join(" | "),
            fixture.bytes as f64 / 1e6,
            fixture.generated.as_secs_f64(),
        );
        if std::env::var_os("ARCHIVE_KEEP").is_some() {
            println!("kept {}", fixture.dir.keep().display());
        }
    }
}
