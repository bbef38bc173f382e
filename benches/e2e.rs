//! End-to-end benchmark: the release binary in a real pseudo-terminal.
//!
//! `cargo bench --bench e2e [-- keys startup idle rss]` (default: every
//! group; `E2E_QUICK=1` for fewer repetitions). Each figure is measured on
//! phonescreen and on references in the same run, alternating between them:
//! `vim -u NONE -N` and `sh -c 'echo ready; exec cat'`, whose echo comes from
//! the terminal's line discipline (the floor a terminal app cannot beat).
//!
//! - **keys**: keystroke to screen (type a printable character, time until
//!   the screen parsed from the pty output shows it), median and p99, and
//!   the CPU each key costs (process CPU clock, all threads; a 1.5 s wait
//!   after the last key counts the background flush).
//! - **startup**: spawn to first frame (the first question, the launcher
//!   form, vim's file name, cat's "ready").
//! - **idle**: CPU over 10 s while the interview timer runs.
//! - **rss**: peak resident memory (VmHWM); for the review screen on 10,000
//!   saved interviews, with the index warm (`sessions list` run first) and
//!   a word typed into the filter.
//!
//! Scenarios: (a) a new interview on the built-in bank; (b) a resumed
//! interview with 200 KB of notes in the current question; (c) 13 questions
//! with 2 KB of notes each, moving between them with PgDn; (d) a new
//! interview on a generated 10,000-question bank. Everything runs in
//! temporary folders: `HOME`, `PHONESCREEN_DATA_DIR` and
//! `PHONESCREEN_CONFIG_DIR` point into them.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use chrono::{DateTime, Duration as Span, FixedOffset};
use phonescreen::interview::record::{QuestionState, Recommendation, Status};
use phonescreen::store::testing::sample_record;

const COLS: u16 = 120;
const ROWS: u16 = 40;
/// How long anything may take before the scenario is reported as failed.
const TIMEOUT: Duration = Duration::from_secs(30);
/// The printable key typed in every keystroke measurement. The generated
/// notes never contain it, and no escape sequence a terminal app writes
/// ends in it.
const KEY: char = 'x';
/// The wait after the last key before the CPU is read: the background
/// flush runs at most a second after a change.
const FLUSH_WAIT: Duration = Duration::from_millis(1500);

type Res<T> = Result<T, String>;

// ---------------------------------------------------------------------------
// The pseudo-terminal harness: the tests' own, tests/it/pty.rs
// ---------------------------------------------------------------------------

#[path = "../tests/it/pty.rs"]
mod pty;

use pty::{Pty, Watch};

/// A program running in a 120x40 pseudo-terminal whose output is drained
/// continuously into a vt100 screen by the harness's reader thread, which
/// checks the installed watch right after each chunk.
struct Term {
    name: String,
    pty: Pty,
    spawned_at: Instant,
}

/// Environment and folders every program runs with.
struct Env {
    home: PathBuf,
    config: PathBuf,
}

impl Term {
    /// Starts `program args` in a fresh 120x40 terminal, in `cwd`.
    fn spawn(name: &str, env: &Env, data: &Path, program: &Path, args: &[&str]) -> Res<Term> {
        let pty = Pty::start(program, args, COLS, ROWS, |cmd| {
            pty::plain_terminal(cmd);
            cmd.env("HOME", &env.home);
            cmd.env("PHONESCREEN_DATA_DIR", data);
            cmd.env("PHONESCREEN_CONFIG_DIR", &env.config);
            cmd.cwd(&env.home);
        })
        .map_err(|e| format!("{name}: {e}"))?;
        Ok(Term {
            name: name.to_string(),
            spawned_at: pty.spawned_at(),
            pty,
        })
    }

    fn send(&mut self, bytes: &[u8]) -> Res<()> {
        self.pty
            .write(bytes)
            .map_err(|e| format!("{}: write to the pty: {e}", self.name))
    }

    fn screen(&self) -> String {
        self.pty.screen()
    }

    /// Installs `watch`, runs `act`, and waits until the watch holds after a
    /// chunk of output (or already holds on the current screen); returns
    /// when it first held.
    fn act_and_wait(
        &mut self,
        what: &str,
        watch: Watch,
        act: impl FnOnce(&mut Self) -> Res<()>,
    ) -> Res<Instant> {
        self.pty.watch(watch);
        act(self)?;
        self.pty
            .wait_watched(what, TIMEOUT)
            .map_err(|e| format!("{}: {e}", self.name))
    }

    /// Waits until the screen contains `needle`; returns when it first did.
    fn wait_for(&mut self, needle: &str) -> Res<Instant> {
        let n = needle.to_string();
        self.act_and_wait(
            &format!("the screen to show {needle:?}"),
            Box::new(move |s| s.contents().contains(&n)),
            |_| Ok(()),
        )
    }

    /// Waits until no output has come for `quiet` (at most `max`).
    fn quiet(&self, quiet: Duration, max: Duration) {
        self.pty.quiet(quiet, max);
    }

    /// Types [`KEY`] and returns how long until the screen shows one more of it.
    fn key_latency(&mut self) -> Res<Duration> {
        let before = count_key(&self.screen());
        let mut sent = Instant::now();
        let hit = self.act_and_wait(
            &format!("the typed {KEY:?} to appear"),
            Box::new(move |s| count_key(&s.contents()) > before),
            |t| {
                sent = Instant::now();
                let mut b = [0u8; 4];
                t.send(KEY.encode_utf8(&mut b).as_bytes())
            },
        )?;
        Ok(hit.saturating_duration_since(sent))
    }

    /// CPU time used by the process and all its threads, in nanoseconds
    /// (the process CPU clock), and the same from `/proc/PID/stat`
    /// (utime + stime, clock ticks turned into nanoseconds).
    fn cpu(&self) -> Res<Cpu> {
        let mut clock: libc::clockid_t = 0;
        // SAFETY: plain calls that fill the values we pass.
        let clock_ns = unsafe {
            let mut ts = libc::timespec {
                tv_sec: 0,
                tv_nsec: 0,
            };
            if libc::clock_getcpuclockid(self.pty.pid(), &mut clock) == 0
                && libc::clock_gettime(clock, &mut ts) == 0
            {
                Some(ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64)
            } else {
                None
            }
        };
        let path = format!("/proc/{}/stat", self.pty.pid());
        let stat =
            fs::read_to_string(&path).map_err(|e| format!("{}: read {path}: {e}", self.name))?;
        let fields: Vec<&str> = stat[stat.rfind(')').map_or(0, |i| i + 1)..]
            .split_whitespace()
            .collect();
        // Field N of stat(5) is at index N - 3 after the name.
        let tick =
            |n: usize| -> u64 { fields.get(n - 3).and_then(|f| f.parse().ok()).unwrap_or(0) };
        // SAFETY: sysconf only reads a system constant.
        let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
        let stat_ns = (tick(14) + tick(15)) * 1_000_000_000 / hz;
        Ok(Cpu {
            ns: clock_ns.unwrap_or(stat_ns),
            stat_ns,
        })
    }

    /// Peak resident memory (VmHWM), in KiB.
    fn peak_rss_kib(&self) -> Res<u64> {
        let path = format!("/proc/{}/status", self.pty.pid());
        let status =
            fs::read_to_string(&path).map_err(|e| format!("{}: read {path}: {e}", self.name))?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .ok_or_else(|| format!("{}: no VmHWM in {path}", self.name))
    }

    fn exited(&mut self) -> bool {
        self.pty.exited()
    }

    /// Waits up to `limit` for the program to exit; kills it if it does not.
    fn wait_exit(&mut self, limit: Duration) -> Res<()> {
        let end = Instant::now() + limit;
        while Instant::now() < end {
            if self.exited() {
                return Ok(());
            }
            thread::sleep(Duration::from_millis(10));
        }
        let screen = self.screen();
        self.pty.kill();
        Err(format!(
            "{}: did not exit within {limit:?}; killed it; the screen:\n{screen}",
            self.name
        ))
    }

    /// Quits phonescreen: Ctrl+Q, then Ctrl+Q again once it asks (or at
    /// once where nothing asks, as on the launcher).
    fn quit_phonescreen(&mut self) -> Res<()> {
        self.send(b"\x11")?;
        let end = Instant::now() + TIMEOUT;
        while Instant::now() < end {
            if self.exited() {
                return Ok(());
            }
            if self.screen().contains("Quit phonescreen?") {
                self.send(b"\x11")?;
                return self.wait_exit(TIMEOUT);
            }
            thread::sleep(Duration::from_millis(10));
        }
        self.wait_exit(Duration::ZERO)
    }

    fn quit_vim(&mut self) -> Res<()> {
        self.send(b"\x1b:qa!\r")?;
        self.wait_exit(TIMEOUT)
    }

    fn quit_cat(&mut self) -> Res<()> {
        // Ctrl+D on an empty line ends cat; a line with text needs two.
        self.send(b"\x04\x04")?;
        self.wait_exit(TIMEOUT)
    }
}

#[derive(Clone, Copy, Default)]
struct Cpu {
    ns: u64,
    stat_ns: u64,
}

impl std::ops::Sub for Cpu {
    type Output = Cpu;
    fn sub(self, o: Cpu) -> Cpu {
        Cpu {
            ns: self.ns.saturating_sub(o.ns),
            stat_ns: self.stat_ns.saturating_sub(o.stat_ns),
        }
    }
}

impl std::ops::AddAssign for Cpu {
    fn add_assign(&mut self, o: Cpu) {
        self.ns += o.ns;
        self.stat_ns += o.stat_ns;
    }
}

fn count_key(screen: &str) -> usize {
    screen.chars().filter(|&c| c == KEY).count()
}

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

/// Note-like text of exactly `len` bytes: lines of lowercase words, never
/// containing [`KEY`].
fn filler(len: usize) -> String {
    const WORDS: [&str; 24] = [
        "talked", "about", "their", "last", "project", "payment", "service", "in", "rust", "tests",
        "first", "then", "review", "good", "answer", "on", "trade", "offs", "would", "hire",
        "asked", "why", "git", "rebase",
    ];
    let mut out = String::with_capacity(len + 16);
    let mut line = 0usize;
    let mut i = 0usize;
    while out.len() < len {
        let word = WORDS[(i * 7 + line * 3) % WORDS.len()];
        out.push_str(word);
        i += 1;
        if out.len() - out.rfind('\n').map_or(0, |p| p + 1) > 60 + line % 20 {
            out.push('\n');
            line += 1;
        } else {
            out.push(' ');
        }
    }
    out.truncate(len);
    debug_assert!(!out.contains(KEY));
    out
}

/// A valid bank with `n` questions in sections of 100, kept under the
/// 1 MiB bank limit: every question has an id and a text; every tenth
/// also what to listen for, follow-ups and tags.
fn big_bank(n: usize) -> String {
    let mut y = String::from(
        "name: Ten thousand questions\n\
         description: A generated bank for the end-to-end benchmark.\n\
         duration_minutes: 30\n\
         variables:\n  company:\n    prompt: Your company's name\n    default: our company\n\
         ratings: [Strong no, No, Yes, Strong yes]\nsections:\n",
    );
    for q in 0..n {
        if q % 100 == 0 {
            let s = q / 100 + 1;
            let _ = write!(
                y,
                "  - id: s{s:03}\n    title: Section {s}\n    questions:\n"
            );
        }
        let id = q + 1;
        let _ = write!(
            y,
            "      - id: q{id:05}\n        ask: Q{id:05} Tell me about your work at ${{company}}\n"
        );
        if id % 10 == 1 {
            y.push_str(
                "        listen_for: Their own part, the trade-offs, what they learned.\n\
                 \x20       follow_ups: [What went wrong first?, How did you test it?]\n\
                 \x20       tags: [generated, depth]\n\
                 \x20       required: true\n",
            );
        }
    }
    y
}

/// The first question's text in [`big_bank`].
const BIG_BANK_FIRST: &str = "Q00001 Tell me about";
/// The first question's text in the built-in bank.
const BUILTIN_FIRST: &str = "On your most recent project";
/// The launcher's first frame.
const LAUNCHER_FORM: &str = " New interview ";
/// The review screen's first frame (its title), and its list once read.
const REVIEW_FIRST: &str = " saved interviews";
const REVIEW_LISTED: &str = " 10000 interviews ";
/// A word the generated notes hold (`sample_notes`), and the review
/// screen's title once it has filtered the list by it.
const REVIEW_WORD: &str = "payment";
const REVIEW_FILTERED: &str = " of 10000 match";
/// The first question of the interrupted interview among the 10k saved.
const SAVED_RESUME_FIRST: &str = "Question 1: tell me";

fn write_private(path: &Path, text: &str) -> Res<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| format!("create {}: {e}", path.display()))?;
    f.write_all(text.as_bytes())
        .map_err(|e| format!("write {}: {e}", path.display()))
}

fn private_dir(path: &Path) -> Res<()> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(path)
        .map_err(|e| format!("create {}: {e}", path.display()))
}

/// Writes `n` saved interviews of about 10 KB each into `data/sessions`:
/// the newest in progress (what `resume` and the launcher offer), the rest
/// completed, one an hour back in time. Returns the file names and the
/// total size.
fn saved_interviews(data: &Path, n: usize) -> Res<(HashSet<String>, u64)> {
    let sessions = data.join("sessions");
    private_dir(&sessions)?;
    // Recent enough that resuming never turns weeks away into a pause.
    let newest: DateTime<FixedOffset> = chrono::Local::now().fixed_offset() - Span::minutes(20);
    let template = sample_record(13, 260);
    let mut names = HashSet::new();
    let mut bytes = 0u64;
    for i in 0..n {
        let mut r = template.clone();
        let started = newest - Span::hours(i as i64);
        r.candidate = format!("Candidate {:05} Example", n - i);
        r.started_at = started;
        r.updated_at = started + Span::minutes(31);
        r.current_question = 0;
        if i == 0 {
            r.status = Status::InProgress;
            r.updated_at = started + Span::minutes(12);
            r.pauses.clear();
            r.paused_seconds = 0;
        } else {
            r.status = Status::Completed;
            r.ended_at = Some(started + Span::minutes(31));
            r.recommendation = Some(Recommendation::ALL[i % 5]);
            r.summary = "Solid on testing, vague on git; a second call.".to_string();
        }
        r.check()
            .map_err(|e| format!("a generated interview is invalid: {e}"))?;
        let text = phonescreen::store::to_yaml(&r).map_err(|e| format!("to_yaml: {e}"))?;
        let name = phonescreen::store::session_file_name(started, &r.candidate);
        bytes += text.len() as u64;
        write_private(&sessions.join(&name), &text)?;
        names.insert(name);
    }
    Ok((names, bytes))
}

/// Removes from `data/sessions` every entry not in `keep` (the interviews
/// a run started), so each run sees the same folder. The review index
/// stays, as it stays between two runs of phonescreen: only what a run
/// changed is read again.
fn reset_sessions(data: &Path, keep: &HashSet<String>) -> Res<()> {
    let dir = data.join("sessions");
    let entries = fs::read_dir(&dir).map_err(|e| format!("read {}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !keep.contains(&name) && !name.starts_with(".review-index.") {
            let _ = fs::remove_file(entry.path());
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Scenarios
// ---------------------------------------------------------------------------

/// Everything the scenarios need: the binary, the folders and the files.
struct World {
    bin: PathBuf,
    vim: PathBuf,
    sh: PathBuf,
    env: Env,
    root: PathBuf,
    /// Where new interviews of (a) and (d) go.
    data_new: PathBuf,
    data_200k: PathBuf,
    data_13x2k: PathBuf,
    data_10k: PathBuf,
    /// The in-progress interview of `data_10k` alone.
    data_1: PathBuf,
    keep_10k: HashSet<String>,
    bank_10k: PathBuf,
    notes_empty: PathBuf,
    notes_200k: PathBuf,
    fresh: std::cell::Cell<usize>,
    _tmp: tempfile::TempDir,
}

/// What is run, and how to tell it is ready.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Subject {
    /// (a) `interview` on the built-in bank; `true`: with a fresh empty data folder.
    NewBuiltin { empty: bool },
    /// `interview` on the built-in bank with 10,000 saved interviews.
    New10kSaved,
    /// (b) `resume` of an interview with 200 KB of notes in the current question.
    Resume200k,
    /// (c) `resume` of 13 questions with 2 KB of notes each.
    Resume13x2k,
    /// `resume` with 10,000 saved interviews.
    Resume10kSaved,
    /// `resume` of the same interview with no other saved.
    Resume1Saved,
    /// (d) `interview` on the 10,000-question bank.
    NewBigBank,
    /// `phonescreen` with no command; `true`: with 10,000 saved.
    Launcher { saved: bool },
    /// `phonescreen review` with 10,000 saved.
    Review10kSaved,
    /// `vim -u NONE -N` on an empty file; `true`: on the 200 KB file.
    Vim { big: bool },
    /// `sh -c 'echo ready; exec cat'`.
    Cat,
}

impl Subject {
    fn label(self) -> &'static str {
        match self {
            Subject::NewBuiltin { empty: true } => "new interview (a), empty data",
            Subject::NewBuiltin { empty: false } => "(a) new interview, built-in bank",
            Subject::New10kSaved => "new interview, 10k saved",
            Subject::Resume200k => "(b) resume, 200 KB notes",
            Subject::Resume13x2k => "(c) resume, 13 x 2 KB notes",
            Subject::Resume10kSaved => "resume, 10k saved",
            Subject::Resume1Saved => "resume, 1 saved",
            Subject::NewBigBank => "(d) new interview, 10k-question bank",
            Subject::Launcher { saved: false } => "launcher, 0 saved",
            Subject::Launcher { saved: true } => "launcher, 10k saved",
            Subject::Review10kSaved => "review, 10k saved",
            Subject::Vim { big: false } => "vim, empty file",
            Subject::Vim { big: true } => "vim, 200 KB file",
            Subject::Cat => "cat",
        }
    }
}

impl World {
    fn fresh_dir(&self) -> Res<PathBuf> {
        let n = self.fresh.get();
        self.fresh.set(n + 1);
        let dir = self.root.join(format!("fresh-{n}"));
        private_dir(&dir)?;
        Ok(dir)
    }

    fn interview_args<'a>(data: &'a str, config: &'a str, bank: &'a str) -> Vec<&'a str> {
        vec![
            "--data-dir",
            data,
            "--config-dir",
            config,
            "interview",
            "--candidate",
            "Ada",
            "--role",
            "SRE",
            "--interviewer",
            "Me",
            "--bank",
            bank,
        ]
    }

    /// Starts `subject` and returns it with the text its first frame shows.
    fn spawn(&self, subject: Subject) -> Res<(Term, &'static str)> {
        let config = self.env.config.to_string_lossy().into_owned();
        let name = subject.label();
        let ps = |data: &Path, args: &[&str]| {
            let d = data.to_string_lossy().into_owned();
            let mut all = vec!["--data-dir", d.as_str(), "--config-dir", config.as_str()];
            all.extend_from_slice(args);
            Term::spawn(name, &self.env, data, &self.bin, &all)
        };
        let interview = |data: &Path, bank: &str| {
            let d = data.to_string_lossy().into_owned();
            Term::spawn(
                name,
                &self.env,
                data,
                &self.bin,
                &Self::interview_args(&d, &config, bank),
            )
        };
        let big_bank = self.bank_10k.to_string_lossy().into_owned();
        Ok(match subject {
            Subject::NewBuiltin { empty } => {
                let data = if empty {
                    self.fresh_dir()?
                } else {
                    self.data_new.clone()
                };
                (interview(&data, "software-engineer")?, BUILTIN_FIRST)
            }
            Subject::New10kSaved => (
                interview(&self.data_10k, "software-engineer")?,
                BUILTIN_FIRST,
            ),
            Subject::NewBigBank => (interview(&self.data_new, &big_bank)?, BIG_BANK_FIRST),
            Subject::Resume200k => (ps(&self.data_200k, &["resume"])?, BUILTIN_FIRST),
            // Resumed where the last round left it: any of the 13 questions.
            Subject::Resume13x2k => (ps(&self.data_13x2k, &["resume"])?, "/13 · "),
            Subject::Resume10kSaved => (ps(&self.data_10k, &["resume"])?, SAVED_RESUME_FIRST),
            Subject::Resume1Saved => (ps(&self.data_1, &["resume"])?, SAVED_RESUME_FIRST),
            Subject::Launcher { saved } => {
                let data = if saved {
                    self.data_10k.clone()
                } else {
                    self.fresh_dir()?
                };
                (ps(&data, &[])?, LAUNCHER_FORM)
            }
            Subject::Review10kSaved => (ps(&self.data_10k, &["review"])?, REVIEW_FIRST),
            Subject::Vim { big } => {
                let file = if big {
                    &self.notes_200k
                } else {
                    &self.notes_empty
                };
                let f = file.to_string_lossy().into_owned();
                let t = Term::spawn(
                    name,
                    &self.env,
                    &self.root,
                    &self.vim,
                    &["-u", "NONE", "-N", &f],
                )?;
                let shown = if big {
                    "notes-200k.md\""
                } else {
                    "/notes.md\""
                };
                (t, shown)
            }
            Subject::Cat => (
                Term::spawn(
                    name,
                    &self.env,
                    &self.root,
                    &self.sh,
                    &["-c", "echo ready; exec cat"],
                )?,
                "ready",
            ),
        })
    }

    /// Brings the review index of the 10,000 saved interviews up to date
    /// (`sessions list`), so what is measured next is the index warm.
    fn warm_index(&self) -> Res<()> {
        let out = std::process::Command::new(&self.bin)
            .args(["sessions", "list", "--json"])
            .env("HOME", &self.env.home)
            .env("PHONESCREEN_CONFIG_DIR", &self.env.config)
            .env("PHONESCREEN_DATA_DIR", &self.data_10k)
            .output()
            .map_err(|e| format!("run sessions list: {e}"))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(format!(
                "sessions list failed: {}",
                String::from_utf8_lossy(&out.stderr)
            ))
        }
    }

    /// Starts `subject`, waits for its first frame and returns it with the
    /// time from spawn to that frame.
    fn start(&self, subject: Subject) -> Res<(Term, Duration)> {
        let (mut t, ready) = self.spawn(subject)?;
        let at = t.wait_for(ready)?;
        let took = at.saturating_duration_since(t.spawned_at);
        Ok((t, took))
    }

    /// Starts `subject` and gets it ready for typing: the notes of the
    /// question on screen, vim in insert mode (at the end of the file), cat
    /// echoing.
    fn start_typing(&self, subject: Subject) -> Res<Term> {
        let (mut t, _) = self.start(subject)?;
        if t.screen().contains("WAITING") {
            // A new interview waits for the candidate: start the call
            // (Esc c, here as Alt+c), so the keys measured are typing.
            t.send(b"\x1bc")?;
            t.wait_for(" left ")?;
        }
        if let Subject::Vim { big } = subject {
            let keys: &[u8] = if big { b"GA" } else { b"i" };
            t.send(keys)?;
            t.wait_for("-- INSERT --")?;
        }
        t.quiet(Duration::from_millis(300), Duration::from_secs(5));
        Ok(t)
    }

    fn stop(&self, mut t: Term, subject: Subject) -> Res<()> {
        let r = match subject {
            Subject::Vim { .. } => t.quit_vim(),
            Subject::Cat => t.quit_cat(),
            _ => t.quit_phonescreen(),
        };
        drop(t);
        if matches!(
            subject,
            Subject::New10kSaved
                | Subject::Resume10kSaved
                | Subject::Launcher { saved: true }
                | Subject::Review10kSaved
        ) {
            reset_sessions(&self.data_10k, &self.keep_10k)?;
        }
        r
    }
}

/// Creates an interview on the built-in bank through the app, quits, and
/// fills its notes through the library: `notes(question index)` gives the
/// notes of each question (`None` leaves it empty).
fn prepared_interview(
    world: &World,
    data: &Path,
    notes: impl Fn(usize) -> Option<String>,
) -> Res<()> {
    let d = data.to_string_lossy().into_owned();
    let c = world.env.config.to_string_lossy().into_owned();
    let mut t = Term::spawn(
        "preparing an interview",
        &world.env,
        data,
        &world.bin,
        &World::interview_args(&d, &c, "software-engineer"),
    )?;
    t.wait_for(BUILTIN_FIRST)?;
    t.quit_phonescreen()?;
    drop(t);
    let sessions = data.join("sessions");
    let file = fs::read_dir(&sessions)
        .map_err(|e| format!("read {}: {e}", sessions.display()))?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "yaml"))
        .ok_or_else(|| format!("no interview was saved in {}", sessions.display()))?;
    let mut record = phonescreen::store::load(&file).map_err(|e| e.to_string())?;
    for i in 0..record.question_count() {
        if let Some(text) = notes(i) {
            let q = record.question_mut(i).expect("a question");
            q.notes = text;
            q.state = QuestionState::Asked;
            q.first_note_seconds = Some(i as u64 * 60);
        }
    }
    record.current_question = 0;
    let text = phonescreen::store::to_yaml(&record).map_err(|e| e.to_string())?;
    write_private(&file, &text)?;
    // It must load back as written.
    let back = phonescreen::store::load(&file).map_err(|e| e.to_string())?;
    if back.question(0).map(|(_, q)| q.notes.len())
        != record.question(0).map(|(_, q)| q.notes.len())
    {
        return Err(format!("{} did not load back as written", file.display()));
    }
    Ok(())
}

fn which(program: &str) -> Res<PathBuf> {
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|d| d.join(program))
        .find(|p| p.is_file())
        .ok_or_else(|| format!("{program} is not on PATH; it is a reference of this benchmark"))
}

/// The release binary: `E2E_BIN` (another build, to compare), the one
/// cargo built for this bench, or built now.
fn binary() -> Res<PathBuf> {
    if let Some(p) = std::env::var_os("E2E_BIN").map(PathBuf::from) {
        return if p.is_file() {
            Ok(p)
        } else {
            Err(format!("E2E_BIN: {} is not a file", p.display()))
        };
    }
    if let Some(p) = option_env!("CARGO_BIN_EXE_phonescreen").map(PathBuf::from)
        && p.is_file()
    {
        return Ok(p);
    }
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("target"));
    eprintln!("building the release binary (cargo build --release --bin phonescreen)…");
    let status =
        std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["build", "--release", "--bin", "phonescreen"])
            .current_dir(&manifest)
            .status()
            .map_err(|e| format!("run cargo build: {e}"))?;
    let bin = target.join("release").join("phonescreen");
    if !status.success() || !bin.is_file() {
        return Err(format!(
            "cargo build --release failed ({status}); no {}",
            bin.display()
        ));
    }
    Ok(bin)
}

fn setup(need_saved: bool) -> Res<World> {
    let tmp = tempfile::tempdir().map_err(|e| format!("a temp dir: {e}"))?;
    let root = tmp.path().to_path_buf();
    let env = Env {
        home: root.join("home"),
        config: root.join("config"),
    };
    for d in [&env.home, &env.config] {
        private_dir(d)?;
    }
    let bin = binary()?;
    let world = World {
        bin,
        vim: which("vim")?,
        sh: which("sh")?,
        data_new: root.join("data-new"),
        data_200k: root.join("data-200k"),
        data_13x2k: root.join("data-13x2k"),
        data_10k: root.join("data-10k"),
        data_1: root.join("data-1"),
        keep_10k: HashSet::new(),
        bank_10k: root.join("bank-10k.yaml"),
        notes_empty: env.home.join("notes.md"),
        notes_200k: env.home.join("notes-200k.md"),
        env,
        root,
        fresh: std::cell::Cell::new(0),
        _tmp: tmp,
    };
    let mut world = world;
    eprintln!("binary: {}", world.bin.display());
    eprintln!("work folder: {}", world.root.display());

    // References' files: the same 200 KB of text as (b).
    let notes_200k = filler(200 * 1024);
    fs::write(&world.notes_empty, "").map_err(|e| e.to_string())?;
    fs::write(&world.notes_200k, &notes_200k).map_err(|e| e.to_string())?;

    // The 10,000-question bank, checked with `bank validate`.
    fs::write(&world.bank_10k, big_bank(10_000)).map_err(|e| e.to_string())?;
    let out = std::process::Command::new(&world.bin)
        .arg("bank")
        .arg("validate")
        .arg(&world.bank_10k)
        .env("HOME", &world.env.home)
        .env("PHONESCREEN_CONFIG_DIR", &world.env.config)
        .env("PHONESCREEN_DATA_DIR", &world.data_new)
        .output()
        .map_err(|e| format!("run bank validate: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "the generated 10,000-question bank does not validate:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    eprintln!(
        "10,000-question bank: {} KB, validates",
        fs::metadata(&world.bank_10k).map_or(0, |m| m.len() / 1024)
    );

    // (b) and (c): interviews started by the app, notes filled in.
    for d in [&world.data_new, &world.data_200k, &world.data_13x2k] {
        private_dir(d)?;
    }
    prepared_interview(&world, &world.data_200k, |i| {
        (i == 0).then(|| notes_200k.clone())
    })?;
    prepared_interview(&world, &world.data_13x2k, |_| Some(filler(2048)))?;

    if need_saved {
        let t = Instant::now();
        let (names, bytes) = saved_interviews(&world.data_10k, 10_000)?;
        eprintln!(
            "10,000 saved interviews: {} MB, {:.1} KB each, written in {:.1} s",
            bytes / (1024 * 1024),
            bytes as f64 / 10_000.0 / 1024.0,
            t.elapsed().as_secs_f64()
        );
        world.keep_10k = names;
        saved_interviews(&world.data_1, 1)?;
    }
    Ok(world)
}

// ---------------------------------------------------------------------------
// Measurements
// ---------------------------------------------------------------------------

struct Settings {
    key_rounds: usize,
    keys_per_round: usize,
    startup_runs: usize,
    idle: Duration,
    /// How long the idle rate is watched before each round of keys, to
    /// give the CPU per key net of the timer's own work too.
    idle_probe: Duration,
}

fn quick() -> bool {
    std::env::var_os("E2E_QUICK").is_some_and(|v| !v.is_empty() && v != "0")
}

fn settings() -> Settings {
    if quick() {
        Settings {
            key_rounds: 2,
            keys_per_round: 25,
            startup_runs: 3,
            idle: Duration::from_secs(3),
            idle_probe: Duration::from_secs(1),
        }
    } else {
        Settings {
            key_rounds: 4,
            keys_per_round: 50,
            startup_runs: 10,
            idle: Duration::from_secs(10),
            idle_probe: Duration::from_secs(2),
        }
    }
}

/// One line of the table.
struct Row {
    figure: String,
    phonescreen: String,
    references: String,
    ratio: String,
}

fn row(figure: &str, ps: String, refs: String, ratio: String) -> Row {
    Row {
        figure: figure.to_string(),
        phonescreen: ps,
        references: refs,
        ratio,
    }
}

fn median(v: &[f64]) -> f64 {
    percentile(v, 0.5)
}

fn percentile(v: &[f64], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    let mut s = v.to_vec();
    s.sort_by(|a, b| a.total_cmp(b));
    s[((s.len() - 1) as f64 * p).round() as usize]
}

fn ms(x: f64) -> String {
    if x.is_nan() {
        "—".into()
    } else if x < 1.0 {
        format!("{:.3} ms", x)
    } else if x < 100.0 {
        format!("{:.2} ms", x)
    } else {
        format!("{:.0} ms", x)
    }
}

fn ratio(a: f64, b: f64) -> String {
    if a.is_nan() || b.is_nan() || b <= 0.0 {
        "—".into()
    } else {
        format!("{:.2}x", a / b)
    }
}

/// Per-subject results of the keys group.
#[derive(Default)]
struct KeyStats {
    latencies_ms: Vec<f64>,
    cpu: Cpu,
    /// CPU over the same stretches less what the process used idle at the
    /// rate measured just before, in nanoseconds.
    net_ns: f64,
    keys: usize,
}

impl KeyStats {
    fn cpu_us(&self) -> f64 {
        self.cpu.ns as f64 / 1e3 / self.keys.max(1) as f64
    }
    fn net_us(&self) -> f64 {
        self.net_ns.max(0.0) / 1e3 / self.keys.max(1) as f64
    }
    fn stat_us(&self) -> f64 {
        self.cpu.stat_ns as f64 / 1e3 / self.keys.max(1) as f64
    }
}

/// Types `n` keys one at a time, draining the output between them.
fn type_keys(
    t: &mut Term,
    subject: Subject,
    n: usize,
    first: usize,
    stats: &mut KeyStats,
) -> Res<()> {
    for k in 0..n {
        // (c): move to the next question every 16 keys, then wait for the
        // screen to settle before timing the next key.
        if subject == Subject::Resume13x2k && (first + k) % 16 == 15 {
            t.send(b"\x1b[6~")?;
            t.quiet(Duration::from_millis(100), Duration::from_secs(5));
        }
        t.quiet(Duration::from_millis(20), Duration::from_secs(2));
        let d = t.key_latency()?;
        stats.latencies_ms.push(d.as_secs_f64() * 1e3);
    }
    Ok(())
}

fn keys_group(world: &World, s: &Settings, rows: &mut Vec<Row>) -> Res<()> {
    let subjects = [
        Subject::NewBuiltin { empty: false },
        Subject::Vim { big: false },
        Subject::Resume200k,
        Subject::Vim { big: true },
        Subject::Resume13x2k,
        Subject::Cat,
        Subject::NewBigBank,
    ];
    let mut stats: Vec<KeyStats> = subjects.iter().map(|_| KeyStats::default()).collect();
    for round in 0..s.key_rounds {
        for (i, &subject) in subjects.iter().enumerate() {
            eprintln!(
                "keys: round {}/{} {} ({} keys)",
                round + 1,
                s.key_rounds,
                subject.label(),
                s.keys_per_round
            );
            let mut t = world.start_typing(subject)?;
            let (c0, w0) = (t.cpu()?, Instant::now());
            thread::sleep(s.idle_probe);
            let (before, w1) = (t.cpu()?, Instant::now());
            let idle_rate = (before - c0).ns as f64 / (w1 - w0).as_secs_f64();
            type_keys(
                &mut t,
                subject,
                s.keys_per_round,
                round * s.keys_per_round,
                &mut stats[i],
            )?;
            thread::sleep(FLUSH_WAIT);
            let after = t.cpu()?;
            let used = after - before;
            stats[i].cpu += used;
            stats[i].net_ns += used.ns as f64 - idle_rate * w1.elapsed().as_secs_f64();
            stats[i].keys += s.keys_per_round;
            world.stop(t, subject)?;
        }
    }
    let get = |subject: Subject| &stats[subjects.iter().position(|&x| x == subject).unwrap()];
    let (vim, vim_big, cat) = (
        get(Subject::Vim { big: false }),
        get(Subject::Vim { big: true }),
        get(Subject::Cat),
    );
    let n = s.key_rounds * s.keys_per_round;
    for (subject, vref, vname) in [
        (Subject::NewBuiltin { empty: false }, vim, "vim"),
        (Subject::Resume200k, vim_big, "vim 200 KB"),
        (Subject::Resume13x2k, vim, "vim"),
        (Subject::NewBigBank, vim, "vim"),
    ] {
        let p = get(subject);
        for (what, q) in [("median", 0.5), ("p99", 0.99)] {
            let (a, b, c) = (
                percentile(&p.latencies_ms, q),
                percentile(&vref.latencies_ms, q),
                percentile(&cat.latencies_ms, q),
            );
            rows.push(row(
                &format!("key→screen {what}, {} ({n} keys)", subject.label()),
                ms(a),
                format!("{vname} {} · cat {}", ms(b), ms(c)),
                ratio(a, b),
            ));
        }
    }
    let (a, d) = (
        get(Subject::NewBuiltin { empty: false }),
        get(Subject::NewBigBank),
    );
    let us = |k: &KeyStats| {
        format!(
            "{:.0} µs (net of idle {:.0}; stat {:.0})",
            k.cpu_us(),
            k.net_us(),
            k.stat_us()
        )
    };
    rows.push(row(
        "CPU per key, (a) built-in bank",
        us(a),
        format!("vim {} · cat {}", us(vim), us(cat)),
        ratio(a.cpu_us(), vim.cpu_us()),
    ));
    rows.push(row(
        "CPU per key, (d) 10k-question bank",
        us(d),
        format!("(a) built-in {}", us(a)),
        ratio(d.cpu_us(), a.cpu_us()),
    ));
    rows.push(row(
        "CPU per key, (b) 200 KB notes",
        us(get(Subject::Resume200k)),
        format!("vim 200 KB {}", us(vim_big)),
        ratio(get(Subject::Resume200k).cpu_us(), vim_big.cpu_us()),
    ));
    Ok(())
}

fn startup_group(world: &World, s: &Settings, rows: &mut Vec<Row>) -> Res<()> {
    let subjects = [
        Subject::NewBuiltin { empty: true },
        Subject::Vim { big: false },
        Subject::New10kSaved,
        Subject::Cat,
        Subject::Resume10kSaved,
        Subject::Resume1Saved,
        Subject::Launcher { saved: false },
        Subject::Launcher { saved: true },
        Subject::Review10kSaved,
        Subject::NewBigBank,
    ];
    let mut times: Vec<Vec<f64>> = subjects.iter().map(|_| Vec::new()).collect();
    let mut interrupted = Vec::new();
    let mut listed = Vec::new();
    let mut reviewed = Vec::new();
    for run in 0..s.startup_runs {
        eprintln!("startup: run {}/{}", run + 1, s.startup_runs);
        for (i, &subject) in subjects.iter().enumerate() {
            let (mut t, took) = world.start(subject)?;
            times[i].push(took.as_secs_f64() * 1e3);
            if subject == (Subject::Launcher { saved: true }) {
                let at = t.wait_for(" Interrupted interview ")?;
                interrupted.push(at.saturating_duration_since(t.spawned_at).as_secs_f64() * 1e3);
                let at = t.wait_for(" Saved interviews (10000) ")?;
                listed.push(at.saturating_duration_since(t.spawned_at).as_secs_f64() * 1e3);
            }
            if subject == Subject::Review10kSaved {
                let at = t.wait_for(REVIEW_LISTED)?;
                reviewed.push(at.saturating_duration_since(t.spawned_at).as_secs_f64() * 1e3);
            }
            world.stop(t, subject)?;
        }
    }
    let get =
        |subject: Subject| median(&times[subjects.iter().position(|&x| x == subject).unwrap()]);
    let (vim, cat) = (get(Subject::Vim { big: false }), get(Subject::Cat));
    let refs = format!("vim {} · cat {}", ms(vim), ms(cat));
    let n = s.startup_runs;
    let a = get(Subject::NewBuiltin { empty: true });
    let l0 = get(Subject::Launcher { saved: false });
    for (figure, value, refs, r) in [
        (
            "first question, new interview (a), empty data",
            a,
            refs.clone(),
            ratio(a, vim),
        ),
        (
            "first question, new interview, 10k saved",
            get(Subject::New10kSaved),
            format!("empty data {}", ms(a)),
            ratio(get(Subject::New10kSaved), a),
        ),
        (
            "first question, resume, 10k saved",
            get(Subject::Resume10kSaved),
            format!("1 saved {} · {refs}", ms(get(Subject::Resume1Saved))),
            ratio(get(Subject::Resume10kSaved), get(Subject::Resume1Saved)),
        ),
        (
            "launcher first frame, 0 saved",
            l0,
            refs.clone(),
            ratio(l0, vim),
        ),
        (
            "launcher first frame, 10k saved",
            get(Subject::Launcher { saved: true }),
            format!("0 saved {}", ms(l0)),
            ratio(get(Subject::Launcher { saved: true }), l0),
        ),
        (
            "launcher 10k saved: interrupted one shown",
            median(&interrupted),
            format!("0 saved first frame {}", ms(l0)),
            ratio(median(&interrupted), l0),
        ),
        (
            "launcher 10k saved: list complete (10000)",
            median(&listed),
            format!("0 saved first frame {}", ms(l0)),
            ratio(median(&listed), l0),
        ),
        (
            "review 10k saved: list complete (10000)",
            median(&reviewed),
            format!("first frame {}", ms(get(Subject::Review10kSaved))),
            ratio(median(&reviewed), get(Subject::Review10kSaved)),
        ),
        (
            "first question, 10k-question bank",
            get(Subject::NewBigBank),
            format!("built-in {} · vim {}", ms(a), ms(vim)),
            ratio(get(Subject::NewBigBank), a),
        ),
    ] {
        rows.push(row(
            &format!("startup median of {n}: {figure}"),
            ms(value),
            refs,
            r,
        ));
    }
    Ok(())
}

fn idle_group(world: &World, s: &Settings, rows: &mut Vec<Row>) -> Res<()> {
    let mut results = Vec::new();
    for subject in [
        Subject::NewBuiltin { empty: false },
        Subject::Vim { big: true },
        Subject::Resume200k,
        Subject::Cat,
    ] {
        eprintln!("idle: {} for {:?}", subject.label(), s.idle);
        let t = world.start_typing(subject)?;
        // Past the first save and the settling of the first frames.
        thread::sleep(Duration::from_secs(2));
        let (c0, w0) = (t.cpu()?, Instant::now());
        thread::sleep(s.idle);
        let (c1, wall) = (t.cpu()?, w0.elapsed().as_secs_f64());
        let used = c1 - c0;
        results.push((
            subject,
            used.ns as f64 / 1e9 / wall * 100.0,
            used.stat_ns as f64 / 1e9 / wall * 100.0,
        ));
        world.stop(t, subject)?;
    }
    let get = |subject: Subject| *results.iter().find(|r| r.0 == subject).unwrap();
    let pct = |(_, a, b): (Subject, f64, f64)| format!("{a:.3}% (stat {b:.2}%)");
    let (vim, cat) = (get(Subject::Vim { big: true }), get(Subject::Cat));
    let secs = s.idle.as_secs();
    for subject in [Subject::NewBuiltin { empty: false }, Subject::Resume200k] {
        rows.push(row(
            &format!("idle CPU over {secs} s, timer running, {}", subject.label()),
            pct(get(subject)),
            format!("vim 200 KB {} · cat {}", pct(vim), pct(cat)),
            ratio(get(subject).1, vim.1),
        ));
    }
    Ok(())
}

fn rss_group(world: &World, rows: &mut Vec<Row>) -> Res<()> {
    let mut results = Vec::new();
    for subject in [
        Subject::NewBuiltin { empty: false },
        Subject::Vim { big: false },
        Subject::Resume200k,
        Subject::Vim { big: true },
        Subject::NewBigBank,
        Subject::Launcher { saved: false },
        Subject::Launcher { saved: true },
        Subject::Review10kSaved,
    ] {
        eprintln!("rss: {}", subject.label());
        if subject == Subject::Review10kSaved {
            world.warm_index()?;
        }
        let mut t = world.start_typing(subject)?;
        if matches!(subject, Subject::Launcher { saved: true }) {
            t.wait_for(" Saved interviews (10000) ")?;
            t.quiet(Duration::from_millis(500), Duration::from_secs(5));
        } else if subject == Subject::Review10kSaved {
            t.wait_for(REVIEW_LISTED)?;
            t.send(REVIEW_WORD.as_bytes())?;
            t.wait_for(REVIEW_FILTERED)?;
            t.quiet(Duration::from_millis(500), Duration::from_secs(5));
        } else if !matches!(subject, Subject::Launcher { .. }) {
            let mut stats = KeyStats::default();
            type_keys(&mut t, subject, 20, 0, &mut stats)?;
            thread::sleep(FLUSH_WAIT);
        }
        results.push((subject, t.peak_rss_kib()? as f64 / 1024.0));
        world.stop(t, subject)?;
    }
    let get = |subject: Subject| results.iter().find(|r| r.0 == subject).unwrap().1;
    let mb = |x: f64| format!("{x:.1} MB");
    for (subject, refname, reference) in [
        (
            Subject::NewBuiltin { empty: false },
            "vim",
            Subject::Vim { big: false },
        ),
        (
            Subject::Resume200k,
            "vim 200 KB",
            Subject::Vim { big: true },
        ),
        (
            Subject::NewBigBank,
            "(a) built-in",
            Subject::NewBuiltin { empty: false },
        ),
        (
            Subject::Launcher { saved: true },
            "launcher 0 saved",
            Subject::Launcher { saved: false },
        ),
        (
            Subject::Review10kSaved,
            "launcher 10k saved",
            Subject::Launcher { saved: true },
        ),
    ] {
        rows.push(row(
            &format!("peak RSS (VmHWM), {}", subject.label()),
            mb(get(subject)),
            format!("{refname} {}", mb(get(reference))),
            ratio(get(subject), get(reference)),
        ));
    }
    Ok(())
}

fn print_table(rows: &[Row]) {
    let head = ["figure", "phonescreen", "reference(s)", "ratio"];
    let width = |i: usize, f: &dyn Fn(&Row) -> &str| {
        rows.iter()
            .map(|r| f(r).chars().count())
            .chain([head[i].len()])
            .max()
            .unwrap_or(0)
    };
    let w = [
        width(0, &|r| &r.figure),
        width(1, &|r| &r.phonescreen),
        width(2, &|r| &r.references),
        width(3, &|r| &r.ratio),
    ];
    let pad = |s: &str, n: usize| format!("{s}{}", " ".repeat(n.saturating_sub(s.chars().count())));
    let line = |c: [&str; 4]| {
        format!(
            "| {} | {} | {} | {} |",
            pad(c[0], w[0]),
            pad(c[1], w[1]),
            pad(c[2], w[2]),
            pad(c[3], w[3])
        )
    };
    println!("{}", line(head));
    println!(
        "|{}|{}|{}|{}|",
        "-".repeat(w[0] + 2),
        "-".repeat(w[1] + 2),
        "-".repeat(w[2] + 2),
        "-".repeat(w[3] + 2)
    );
    for r in rows {
        println!(
            "{}",
            line([&r.figure, &r.phonescreen, &r.references, &r.ratio])
        );
    }
}

fn main() {
    const GROUPS: [&str; 4] = ["keys", "startup", "idle", "rss"];
    // cargo bench passes `--bench`; everything else names a group.
    let mut groups: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    if let Some(bad) = groups.iter().find(|g| !GROUPS.contains(&g.as_str())) {
        eprintln!(
            "unknown group {bad:?}; the groups are {}",
            GROUPS.join(", ")
        );
        std::process::exit(2);
    }
    if groups.is_empty() {
        groups = GROUPS.iter().map(|g| g.to_string()).collect();
    }
    let on = |g: &str| groups.iter().any(|x| x == g);
    let s = settings();
    let started = Instant::now();
    let world = match setup(on("startup") || on("rss")) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("e2e bench: setting up failed: {e}");
            std::process::exit(1);
        }
    };
    let mut rows = Vec::new();
    let mut failed: Vec<String> = Vec::new();
    type Group<'a> = (&'a str, Box<dyn Fn(&mut Vec<Row>) -> Res<()> + 'a>);
    let all: [Group; 4] = [
        (
            "keys",
            Box::new(|r: &mut Vec<Row>| keys_group(&world, &s, r)),
        ),
        (
            "startup",
            Box::new(|r: &mut Vec<Row>| startup_group(&world, &s, r)),
        ),
        (
            "idle",
            Box::new(|r: &mut Vec<Row>| idle_group(&world, &s, r)),
        ),
        ("rss", Box::new(|r: &mut Vec<Row>| rss_group(&world, r))),
    ];
    for (name, run) in all.iter() {
        if !on(name) {
            continue;
        }
        if let Err(e) = run(&mut rows) {
            eprintln!("e2e bench: the {name} group failed: {e}");
            failed.push(name.to_string());
        }
    }
    println!(
        "\nphonescreen end-to-end, {COLS}x{ROWS} pty, {} cores{}; {:.0} s",
        thread::available_parallelism().map_or(0, |n| n.get()),
        if quick() { ", E2E_QUICK" } else { "" },
        started.elapsed().as_secs_f64()
    );
    print_table(&rows);
    // Removes the temporary folders before any exit below.
    drop(all);
    drop(world);
    if !failed.is_empty() {
        eprintln!("failed groups: {}", failed.join(", "));
        std::process::exit(1);
    }
}
