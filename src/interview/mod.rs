//! The interview domain, free of any terminal code: the record being built,
//! the clock, and the rules for notes, ratings and question states.

mod check;
pub(crate) mod clock;
pub mod limits;
pub mod record;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, Timelike};

use crate::bank::{LoadedBank, fill_variables};
pub(crate) use clock::{Clock, Pacing, Phase, format_clock, pacing, plan};
pub use record::{
    BankRef, FORMAT_VERSION, Pause, Prep, QuestionRecord, QuestionState, Recommendation, Record,
    SectionRecord, Status,
};

/// The reason recorded on the pause that stands for the time phonescreen was not running.
pub(crate) const AWAY_REASON: &str = "phonescreen was not running";

/// Time away after which a resume does not count the gap as interview time:
/// a crash mid-call is back within minutes, a reopened laptop is not.
pub(crate) const COUNT_AWAY_UP_TO: Duration = Duration::from_secs(15 * 60);

/// The current time, as the monotonic clock and as a wall-clock label.
///
/// Passed into everything that needs the time, so tests choose it.
#[derive(Debug, Clone, Copy)]
pub struct Now {
    /// Monotonic: all durations come from this.
    pub instant: Instant,
    /// Wall clock: only labels what is saved.
    pub wall: DateTime<FixedOffset>,
}

impl Now {
    /// The real time.
    pub(crate) fn real() -> Self {
        let wall = chrono::Local::now().fixed_offset();
        Self {
            instant: Instant::now(),
            // Whole seconds: saved files are read by people.
            wall: wall.with_nanosecond(0).unwrap_or(wall),
        }
    }

    /// This moment plus `d` (for tests and simulations).
    pub fn plus(self, d: Duration) -> Self {
        Self {
            instant: self.instant + d,
            wall: self.wall + chrono::Duration::from_std(d).unwrap_or_default(),
        }
    }
}

/// How the time phonescreen was closed is counted after a resume.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Downtime {
    /// How long phonescreen was away.
    pub away: Duration,
    /// Whether that time counts as interview time.
    pub counted: bool,
}

impl Downtime {
    /// The default for a gap of `away`: counted when short (the call went on
    /// during a crash), a pause when long (reopened later).
    pub(crate) fn after(away: Duration) -> Self {
        Self {
            away,
            counted: away <= COUNT_AWAY_UP_TO,
        }
    }
}

/// What the interviewer fills in before starting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Setup {
    /// Candidate's name.
    pub candidate: String,
    /// Role interviewed for.
    pub role: String,
    /// Interviewer's name.
    pub interviewer: String,
    /// Values for the bank's variables (missing ones take the bank default).
    pub variables: BTreeMap<String, String>,
    /// Interview length, overriding the bank's.
    pub minutes: Option<u32>,
    /// The candidate's prep (resume notes, the job description), read from a file.
    pub prep: Option<Prep>,
}

/// An interview in progress: the record that is saved, plus the live clock.
#[derive(Debug, Clone)]
pub struct Interview {
    record: Record,
    clock: Clock,
    plan: Vec<Duration>,
    /// Seconds the open pause already lasted before this process (after a resume while paused).
    open_pause_base: u64,
    /// Questions (flat indexes) changed since [`Interview::take_changed`] was last called.
    changed: Vec<usize>,
}

/// Whole seconds, at most [`limits::MAX_SECONDS`]: every time saved goes
/// through here, so no gap, however long, writes a time the file check refuses.
fn secs(d: Duration) -> u64 {
    d.as_secs().min(limits::MAX_SECONDS)
}

/// `away`, at most [`limits::MAX_SECONDS`].
fn capped(away: Duration) -> Duration {
    away.min(Duration::from_secs(limits::MAX_SECONDS))
}

/// Whether an interview on `bank` with `setup` stays within what an
/// interview file holds (see [`limits`]); `Err` says why not, for the
/// interviewer, before anything is written.
pub fn check_start(bank: &LoadedBank, setup: &Setup) -> Result<(), String> {
    let wall = chrono::DateTime::UNIX_EPOCH.fixed_offset();
    let interview = Interview::start(bank, setup, Instant::now(), wall);
    // Short enough for the one line the launcher has for it.
    let frame = limits::frame_bound(&interview.record);
    if frame > limits::MAX_FRAME_BYTES {
        return Err(format!(
            "Too long to save ({}, {} fit): shorten the names and values",
            limits::size_words(frame),
            limits::size_words(limits::MAX_FRAME_BYTES)
        ));
    }
    interview
        .record
        .check()
        .map_err(|why| format!("Cannot start an interview on bank `{}`: {why}", bank.key))
}

impl Interview {
    /// Starts a new interview on `bank`, with the clock running from `now`.
    pub fn start(
        bank: &LoadedBank,
        setup: &Setup,
        now: Instant,
        wall: DateTime<FixedOffset>,
    ) -> Self {
        let b = &bank.bank;
        let mut variables = BTreeMap::new();
        for v in &b.variables {
            let value = setup
                .variables
                .get(&v.name)
                .filter(|s| !s.trim().is_empty())
                .cloned()
                .or_else(|| v.default.clone())
                .unwrap_or_else(|| v.name.clone());
            variables.insert(v.name.clone(), value);
        }
        let fill = |text: &str| fill_variables(text, |n| variables.get(n).map(String::as_str));
        let minutes = setup.minutes.unwrap_or(b.duration_minutes);
        let planned = Duration::from_secs(u64::from(minutes) * 60);
        let budgets: Vec<Option<u32>> = b.sections.iter().map(|s| s.minutes).collect();
        let bank_length = Duration::from_secs(u64::from(b.duration_minutes) * 60);
        let plan = plan(&budgets, bank_length, planned);
        let sections = b
            .sections
            .iter()
            .zip(&plan)
            .map(|(s, p)| SectionRecord {
                id: s.id.clone(),
                title: s.title.clone(),
                planned_seconds: p.as_secs(),
                spent_seconds: 0,
                questions: s
                    .questions
                    .iter()
                    .map(|q| QuestionRecord {
                        id: q.id.clone(),
                        ask: fill(&q.ask),
                        listen_for: q.listen_for.as_deref().map(fill),
                        follow_ups: q.follow_ups.iter().map(|f| fill(f)).collect(),
                        tags: q.tags.clone(),
                        required: q.required,
                        state: QuestionState::NotReached,
                        rating: None,
                        first_note_seconds: None,
                        notes: String::new(),
                    })
                    .collect(),
            })
            .collect();
        let record = Record {
            format: FORMAT_VERSION,
            status: Status::Waiting,
            candidate: setup.candidate.trim().to_string(),
            role: setup.role.trim().to_string(),
            interviewer: setup.interviewer.trim().to_string(),
            bank: BankRef {
                name: b.name.clone(),
                key: bank.key.clone(),
                source: bank.origin.to_string(),
                hash: bank.content_hash.clone(),
                description: b
                    .description
                    .as_deref()
                    .map(fill)
                    .filter(|d| !d.trim().is_empty()),
            },
            variables: variables.clone(),
            rating_scale: b.ratings.clone(),
            planned_minutes: minutes,
            started_at: wall,
            opened_at: Some(wall),
            updated_at: wall,
            revision: 0,
            ended_at: None,
            amended_at: None,
            elapsed_seconds: 0,
            paused_seconds: 0,
            paused: false,
            pauses: Vec::new(),
            current_question: 0,
            sections,
            scratch: String::new(),
            recommendation: None,
            summary: String::new(),
            prep: setup.prep.clone(),
        };
        // A new interview is a saved one with nothing done yet.
        Self::resume(record, Duration::ZERO, now)
    }

    /// Carries on with a saved interview after phonescreen was away for `away`.
    /// When `counted`, that time counts as interview time in the section that
    /// was on screen (a crash mid-call: the call went on); otherwise it is
    /// recorded as a pause (reopened the next day: it did not).
    pub(crate) fn resume_after(
        record: Record,
        away: Duration,
        counted: bool,
        now: Instant,
    ) -> Self {
        let away = capped(away);
        if record.status == Status::Waiting {
            // Still waiting for the candidate: no time has counted yet.
            return Self::resume(record, Duration::ZERO, now);
        }
        if record.paused {
            // Paused when it stopped: the time away simply extends that pause.
            let mut interview = Self::resume(record, Duration::ZERO, now);
            interview.clock.pause(now);
            interview.clock.add_paused(away);
            // The open pause goes on from where the file left it.
            let open = interview.record.pauses.last().map_or(0, |p| p.seconds);
            interview.open_pause_base = open.saturating_add(secs(away));
            return interview;
        }
        let mut interview = Self::resume(record, away, now);
        if !counted {
            // With no room for one more pause, the time stays counted.
            interview.adjust_elapsed(away, false, now);
        }
        interview
    }

    /// Counts (or stops counting) `away` as interview time; see
    /// [`Self::resume_after`]. Returns false, changing nothing, when the
    /// time cannot be made a pause because the interview already has
    /// [`limits::MAX_PAUSES`]: it then stays counted.
    pub(crate) fn adjust_elapsed(&mut self, away: Duration, counted: bool, _now: Instant) -> bool {
        let away = capped(away);
        let pause_at = self
            .record
            .pauses
            .iter()
            .rposition(|p| p.reason.as_deref() == Some(AWAY_REASON));
        match (counted, pause_at) {
            (true, Some(i)) => {
                self.record.pauses.remove(i);
                self.clock.shift(away, true);
            }
            (false, None) if self.record.pauses.len() >= limits::MAX_PAUSES => return false,
            (false, None) => {
                self.record.pauses.push(Pause {
                    started_at: self.record.updated_at,
                    seconds: secs(away),
                    reason: Some(AWAY_REASON.to_string()),
                });
                self.clock.shift(away, false);
            }
            _ => {}
        }
        true
    }

    /// Carries on with a saved interview. `downtime` is the time since it was
    /// last saved that should count as interview time.
    pub(crate) fn resume(record: Record, downtime: Duration, now: Instant) -> Self {
        let planned = Duration::from_secs(u64::from(record.planned_minutes) * 60);
        let plan = record
            .sections
            .iter()
            .map(|s| Duration::from_secs(s.planned_seconds))
            .collect();
        let mut spent: Vec<Duration> = record
            .sections
            .iter()
            .map(|s| Duration::from_secs(s.spent_seconds))
            .collect();
        let current_section = record
            .question(record.current_question)
            .map_or(0, |(s, _)| s);
        if let Some(s) = spent.get_mut(current_section) {
            *s += downtime;
        }
        let clock = Clock::new(
            planned,
            Duration::from_secs(record.elapsed_seconds) + downtime,
            Duration::from_secs(record.paused_seconds),
            spent,
            current_section,
            now,
        );
        let clock = if record.status == Status::Waiting {
            clock.waiting()
        } else {
            clock
        };
        Self {
            record,
            clock,
            plan,
            open_pause_base: 0,
            changed: Vec::new(),
        }
    }

    /// The record with its time fields brought up to `now`, ready to save.
    pub(crate) fn snapshot(&mut self, now: Instant, wall: DateTime<FixedOffset>) -> &Record {
        self.record.elapsed_seconds = secs(self.clock.elapsed(now));
        self.record.paused_seconds = secs(self.clock.paused_total(now));
        for (i, s) in self.record.sections.iter_mut().enumerate() {
            s.spent_seconds = secs(self.clock.section_spent(i, now));
        }
        self.count_open_pause(now);
        self.record.updated_at = wall;
        self.record.paused = self.clock.is_paused();
        &self.record
    }

    /// The record as last updated (time fields may lag; use [`Self::snapshot`] to save).
    pub fn record(&self) -> &Record {
        &self.record
    }

    /// The live clock.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Whether the interview is waiting for the candidate: the call has
    /// not started and the timer does not run.
    pub fn is_waiting(&self) -> bool {
        self.record.status == Status::Waiting
    }

    /// Starts the call: the timer runs from `now`, and this is the
    /// interview's start. Does nothing once the call has started.
    pub fn start_call(&mut self, now: Instant, wall: DateTime<FixedOffset>) {
        if self.is_waiting() {
            self.record.status = Status::InProgress;
            self.record.started_at = wall;
            self.clock.start(now);
        }
    }

    /// Records that the candidate did not come (or the call never got
    /// going): the interview ends, and it cannot be resumed as a call.
    pub(crate) fn no_show(&mut self, now: Instant, wall: DateTime<FixedOffset>) {
        self.unpause(now);
        self.clock.stop(now);
        self.record.status = Status::NoShow;
        self.record.ended_at = Some(wall);
    }

    /// Flat index of the question on screen.
    pub fn position(&self) -> usize {
        self.record.current_question
    }

    /// The section and question on screen.
    pub(crate) fn current(&self) -> (usize, &QuestionRecord) {
        self.record
            .question(self.record.current_question)
            .expect("current_question is always in range")
    }

    /// Moves to the question at `index` (clamped), counting time to its section from now.
    pub(crate) fn go_to(&mut self, index: usize, now: Instant) {
        let last = self.record.question_count().saturating_sub(1);
        self.record.current_question = index.min(last);
        let (section, _) = self.current();
        self.clock.enter_section(section, now);
    }

    /// Next question; stays on the last one.
    pub(crate) fn next(&mut self, now: Instant) {
        self.go_to(self.position() + 1, now);
    }

    /// Previous question; stays on the first one.
    pub(crate) fn previous(&mut self, now: Instant) {
        self.go_to(self.position().saturating_sub(1), now);
    }

    /// Jumps to the first question of `section`.
    pub(crate) fn go_to_section(&mut self, section: usize, now: Instant) {
        if section < self.record.sections.len() {
            self.go_to(self.record.section_start(section), now);
        }
    }

    /// The questions changed since the last call, each once, so a save can
    /// write just those (see the store's journal).
    pub(crate) fn take_changed(&mut self) -> Vec<usize> {
        let mut changed = std::mem::take(&mut self.changed);
        changed.sort_unstable();
        changed.dedup();
        changed
    }

    fn current_mut(&mut self) -> &mut QuestionRecord {
        let index = self.record.current_question;
        self.changed.push(index);
        self.record
            .question_mut(index)
            .expect("current_question is always in range")
    }

    /// Replaces the current question's notes. The first character typed stamps
    /// the interview time, and notes make a question "asked".
    pub fn set_notes(&mut self, notes: String, now: Instant) {
        let elapsed = secs(self.clock.elapsed(now));
        let q = self.current_mut();
        if q.first_note_seconds.is_none() && !notes.is_empty() {
            q.first_note_seconds = Some(elapsed);
        }
        if !notes.trim().is_empty() && q.state == QuestionState::NotReached {
            q.state = QuestionState::Asked;
        }
        q.notes = notes;
    }

    /// Replaces the scratch notes (not tied to a question).
    pub(crate) fn set_scratch(&mut self, scratch: String) {
        self.record.scratch = scratch;
    }

    /// Rates the current question with label `n` (1-based); the same rating again clears it.
    /// Returns false when `n` is not on the scale.
    pub(crate) fn rate(&mut self, n: usize) -> bool {
        let Some(label) = n
            .checked_sub(1)
            .and_then(|i| self.record.rating_scale.get(i))
            .cloned()
        else {
            return false;
        };
        let q = self.current_mut();
        if q.rating.as_deref() == Some(label.as_str()) {
            q.rating = None;
        } else {
            q.rating = Some(label);
            q.state = QuestionState::Asked;
        }
        true
    }

    /// Marks the current question asked, or back to not reached when it was marked by hand.
    pub(crate) fn toggle_asked(&mut self) {
        let q = self.current_mut();
        // Unmarking only undoes a mark by hand: notes or a rating keep it asked.
        let marked_by_hand = q.notes.trim().is_empty() && q.rating.is_none();
        q.state = if q.state == QuestionState::Asked && marked_by_hand {
            QuestionState::NotReached
        } else {
            QuestionState::Asked
        };
    }

    /// Marks the current question skipped, or un-skips it.
    pub(crate) fn toggle_skipped(&mut self) {
        let q = self.current_mut();
        q.state = match q.state {
            QuestionState::Skipped if !q.notes.trim().is_empty() || q.rating.is_some() => {
                QuestionState::Asked
            }
            QuestionState::Skipped => QuestionState::NotReached,
            _ => QuestionState::Skipped,
        };
    }

    /// Whether one more pause can be recorded (see [`limits::MAX_PAUSES`]).
    pub(crate) fn can_pause(&self) -> bool {
        self.record.pauses.len() < limits::MAX_PAUSES
    }

    /// Pauses the clock; `reason` says why when phonescreen paused rather
    /// than the interviewer. Does nothing when [`Self::can_pause`] is false.
    pub(crate) fn pause(
        &mut self,
        now: Instant,
        wall: DateTime<FixedOffset>,
        reason: Option<String>,
    ) {
        let running = !self.clock.is_paused() && !self.clock.is_stopped();
        if running && !self.clock.is_waiting() && self.can_pause() {
            self.open_pause_base = 0;
            self.clock.pause(now);
            self.record.pauses.push(Pause {
                started_at: wall,
                seconds: 0,
                reason,
            });
        }
    }

    /// The pause under way, counted up to `now` on its record.
    fn count_open_pause(&mut self, now: Instant) {
        if let (Some(pause), Some(open)) =
            (self.record.pauses.last_mut(), self.clock.current_pause(now))
        {
            pause.seconds = self
                .open_pause_base
                .saturating_add(secs(open))
                .min(limits::MAX_SECONDS);
        }
    }

    /// Resumes the clock after a pause.
    pub(crate) fn unpause(&mut self, now: Instant) {
        self.count_open_pause(now);
        self.open_pause_base = 0;
        self.clock.resume(now);
    }

    /// Pauses or resumes.
    pub(crate) fn toggle_pause(&mut self, now: Instant, wall: DateTime<FixedOffset>) {
        if self.clock.is_paused() {
            self.unpause(now);
        } else {
            self.pause(now, wall, None);
        }
    }

    /// Keeps a draft recommendation and summary while the finish form is open.
    pub(crate) fn set_draft_outcome(
        &mut self,
        recommendation: Option<Recommendation>,
        summary: String,
    ) {
        self.record.recommendation = recommendation;
        self.record.summary = summary;
    }

    /// Records the outcome and marks the interview completed.
    pub(crate) fn finish(
        &mut self,
        recommendation: Recommendation,
        summary: String,
        now: Instant,
        wall: DateTime<FixedOffset>,
    ) {
        self.unpause(now);
        self.clock.stop(now);
        self.record.recommendation = Some(recommendation);
        self.record.summary = summary;
        self.record.status = Status::Completed;
        self.record.ended_at = Some(wall);
    }

    /// How the interview stands against the plan.
    pub(crate) fn pacing(&self, now: Instant) -> Pacing {
        pacing(
            &self.plan,
            self.clock.planned(),
            self.clock.current_section(),
            self.clock.elapsed(now),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bank() -> LoadedBank {
        crate::bank::builtin().expect("built-in bank")
    }

    fn wall() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-21T10:00:00+01:00").unwrap()
    }

    fn start(t0: Instant) -> Interview {
        let mut setup = Setup {
            candidate: "Ada Lovelace".into(),
            role: "Backend engineer".into(),
            ..Setup::default()
        };
        setup.variables.insert("company".into(), "Acme".into());
        let mut interview = Interview::start(&bank(), &setup, t0, wall());
        interview.start_call(t0, wall());
        interview
    }

    /// A new interview opened at `t0`, waiting for the candidate.
    fn waiting(t0: Instant) -> Interview {
        let setup = Setup {
            candidate: "Ada".into(),
            role: "Backend".into(),
            ..Setup::default()
        };
        Interview::start(&bank(), &setup, t0, wall())
    }

    #[test]
    fn a_new_interview_waits_for_the_candidate_and_the_call_is_its_start() {
        let t0 = Instant::now();
        let mut i = waiting(t0);
        assert!(i.is_waiting());
        assert_eq!(i.record().status, Status::Waiting);
        assert_eq!(i.record().opened_at, Some(wall()));
        // Two minutes late: nothing counted meanwhile, whatever was done.
        let late = t0 + Duration::from_secs(120);
        i.next(late);
        i.toggle_pause(late, wall());
        assert!(!i.clock().is_paused());
        assert_eq!(i.snapshot(late, wall()).elapsed_seconds, 0);
        assert!(i.record().pauses.is_empty());
        let joined = wall() + chrono::Duration::seconds(150);
        i.start_call(t0 + Duration::from_secs(150), joined);
        assert!(!i.is_waiting());
        assert_eq!(i.record().started_at, joined);
        assert_eq!(i.record().opened_at, Some(wall()));
        let r = i.snapshot(t0 + Duration::from_secs(210), joined).clone();
        assert_eq!(r.elapsed_seconds, 60);
        assert_eq!(r.sections[0].spent_seconds, 60);
        // Saved while waiting and resumed: still waiting, nothing counted.
        let record = waiting(t0).record().clone();
        let back = Interview::resume_after(record, Duration::from_secs(600), true, late);
        assert!(back.is_waiting());
        assert_eq!(
            back.clock().elapsed(late + Duration::from_secs(60)),
            Duration::ZERO
        );
    }

    #[test]
    fn a_no_show_ends_the_interview_whenever_it_is_recorded() {
        let t0 = Instant::now();
        let mut i = waiting(t0);
        i.no_show(t0 + Duration::from_secs(600), wall());
        assert_eq!(i.record().status, Status::NoShow);
        assert_eq!(i.record().ended_at, Some(wall()));
        assert_eq!(
            i.snapshot(t0 + Duration::from_secs(700), wall())
                .elapsed_seconds,
            0
        );
        assert!(!i.record().status.is_open());
        // After a call that never got going: the minute it ran is kept.
        let mut i = start(t0);
        i.no_show(t0 + Duration::from_secs(60), wall());
        let r = i.snapshot(t0 + Duration::from_secs(300), wall()).clone();
        assert_eq!(r.elapsed_seconds, 60);
        assert_eq!(r.status, Status::NoShow);
    }

    #[test]
    fn fills_variables_and_defaults_into_questions() {
        let i = start(Instant::now());
        let why = i.record().question(1).unwrap().1;
        assert!(why.ask.contains("Acme"), "{}", why.ask);
        assert!(
            !i.record()
                .sections
                .iter()
                .flat_map(|s| &s.questions)
                .any(|q| q.ask.contains("${"))
        );
        assert_eq!(i.record().variables["hiring_language"], "our main stack");
    }

    #[test]
    fn first_note_time_and_states() {
        let t0 = Instant::now();
        let mut i = start(t0);
        i.set_notes("x".into(), t0 + Duration::from_secs(75));
        i.set_notes("xy".into(), t0 + Duration::from_secs(90));
        let (_, q) = i.current();
        assert_eq!(q.first_note_seconds, Some(75));
        assert_eq!(q.state, QuestionState::Asked);
        i.next(t0 + Duration::from_secs(100));
        assert!(i.rate(4));
        assert_eq!(i.current().1.rating.as_deref(), Some("Strong yes"));
        assert!(i.rate(4));
        assert_eq!(i.current().1.rating, None);
        assert!(!i.rate(5));
        i.next(t0);
        i.toggle_skipped();
        assert_eq!(i.current().1.state, QuestionState::Skipped);
        i.toggle_skipped();
        assert_eq!(i.current().1.state, QuestionState::NotReached);
    }

    #[test]
    fn section_time_follows_the_question_on_screen() {
        let t0 = Instant::now();
        let mut i = start(t0);
        i.go_to_section(2, t0 + Duration::from_secs(120));
        let now = t0 + Duration::from_secs(180);
        let r = i.snapshot(now, wall()).clone();
        assert_eq!(r.sections[0].spent_seconds, 120);
        assert_eq!(r.sections[2].spent_seconds, 60);
        assert_eq!(r.elapsed_seconds, 180);
        assert_eq!(i.pacing(now), Pacing::Ahead(13 * 60 - 180));
    }

    #[test]
    fn pauses_are_recorded_and_resume_restores_everything() {
        let t0 = Instant::now();
        let mut i = start(t0);
        i.set_notes("hello".into(), t0 + Duration::from_secs(10));
        i.toggle_pause(t0 + Duration::from_secs(60), wall());
        i.toggle_pause(t0 + Duration::from_secs(90), wall());
        let saved = i.snapshot(t0 + Duration::from_secs(100), wall()).clone();
        assert_eq!(saved.pauses.len(), 1);
        assert_eq!(saved.pauses[0].seconds, 30);
        assert_eq!(saved.paused_seconds, 30);
        assert_eq!(saved.elapsed_seconds, 70);

        let t1 = Instant::now();
        let resumed = Interview::resume(saved.clone(), Duration::from_secs(20), t1);
        assert_eq!(resumed.clock().elapsed(t1), Duration::from_secs(90));
        assert_eq!(resumed.current().1.notes, "hello");
        assert_eq!(resumed.record().pauses, saved.pauses);
    }

    #[test]
    fn time_away_can_be_counted_or_not() {
        let t0 = Instant::now();
        let mut i = start(t0);
        let saved = i.snapshot(t0 + Duration::from_secs(300), wall()).clone();
        let away = Duration::from_secs(120);
        let t1 = Instant::now();
        let mut r = Interview::resume_after(saved.clone(), away, true, t1);
        assert_eq!(r.clock().elapsed(t1), Duration::from_secs(420));
        assert!(r.record().pauses.is_empty());
        r.adjust_elapsed(away, false, t1);
        assert_eq!(r.clock().elapsed(t1), Duration::from_secs(300));
        assert_eq!(r.clock().paused_total(t1), away);
        assert_eq!(r.record().pauses[0].reason.as_deref(), Some(AWAY_REASON));
        let not_counted = Interview::resume_after(saved, away, false, t1);
        assert_eq!(not_counted.clock().elapsed(t1), Duration::from_secs(300));
        assert_eq!(not_counted.record().pauses.len(), 1);
    }

    #[test]
    fn an_interview_resumed_weeks_later_still_reads_back() {
        let t0 = Instant::now();
        let mut i = start(t0);
        let saved = i.snapshot(t0 + Duration::from_secs(300), wall()).clone();
        // Reopened nine days later: the time away is a pause, not interview time.
        let away = Duration::from_secs(9 * 24 * 3600);
        let t1 = Instant::now();
        let mut r = Interview::resume_after(saved, away, false, t1);
        let again = r.snapshot(t1 + Duration::from_secs(1), wall()).clone();
        assert_eq!(again.pauses[0].seconds, away.as_secs());
        again.check().unwrap();
        // Esc t: the nine days counted as interview time after all.
        assert!(r.adjust_elapsed(away, true, t1));
        let counted = r.snapshot(t1 + Duration::from_secs(2), wall()).clone();
        assert_eq!(counted.elapsed_seconds, 300 + 9 * 24 * 3600 + 2);
        counted.check().unwrap();
        // Only what phonescreen never writes is refused.
        let mut absurd = counted;
        absurd.paused_seconds = limits::MAX_SECONDS + 1;
        assert!(
            absurd
                .check()
                .unwrap_err()
                .contains("more than a hundred years")
        );
    }

    #[test]
    fn no_gap_however_long_writes_a_time_the_check_refuses() {
        let t0 = Instant::now();
        let mut i = start(t0);
        let saved = i.snapshot(t0 + Duration::from_secs(300), wall()).clone();
        let centuries = Duration::from_secs(3 * limits::MAX_SECONDS);
        for counted in [true, false] {
            let t1 = Instant::now();
            let mut r = Interview::resume_after(saved.clone(), centuries, counted, t1);
            let again = r.snapshot(t1 + Duration::from_secs(1), wall()).clone();
            again.check().unwrap();
            assert!(again.elapsed_seconds.max(again.paused_seconds) == limits::MAX_SECONDS);
        }
    }

    #[test]
    fn resuming_while_paused_keeps_the_time_and_extends_the_pause() {
        let t0 = Instant::now();
        let mut i = start(t0);
        i.toggle_pause(t0 + Duration::from_secs(15), wall());
        let saved = i.snapshot(t0 + Duration::from_secs(19), wall()).clone();
        assert!(saved.paused);
        assert_eq!(saved.pauses[0].seconds, 4);
        let t1 = Instant::now();
        let mut r = Interview::resume_after(saved, Duration::from_secs(20), true, t1);
        assert!(r.clock().is_paused());
        let again = r.snapshot(t1 + Duration::from_secs(1), wall()).clone();
        assert_eq!(again.elapsed_seconds, 15);
        assert_eq!(again.sections[0].spent_seconds, 15);
        assert_eq!(again.pauses.len(), 1);
        assert_eq!(again.pauses[0].seconds, 25);
        assert_eq!(again.paused_seconds, 25);
    }

    #[test]
    fn finishing_keeps_pause_lengths() {
        let t0 = Instant::now();
        let mut i = start(t0);
        i.toggle_pause(t0 + Duration::from_secs(10), wall());
        i.toggle_pause(t0 + Duration::from_secs(14), wall());
        i.finish(
            Recommendation::Yes,
            String::new(),
            t0 + Duration::from_secs(30),
            wall(),
        );
        let r = i.snapshot(t0 + Duration::from_secs(90), wall()).clone();
        assert_eq!(r.pauses[0].seconds, 4);
        assert_eq!(r.paused_seconds, 4);
        assert_eq!(r.elapsed_seconds, 26);
        assert!(!r.paused);
    }

    #[test]
    fn finish_completes_and_lists_unasked_required() {
        let t0 = Instant::now();
        let mut i = start(t0);
        let required_before = i.record().unasked_required().len();
        assert!(required_before >= 1);
        i.set_notes("detail".into(), t0);
        i.finish(Recommendation::Yes, "Solid".into(), t0, wall());
        let r = i.record();
        assert_eq!(r.status, Status::Completed);
        assert_eq!(r.recommendation, Some(Recommendation::Yes));
        assert!(r.unasked_required().len() < required_before);
    }
}
