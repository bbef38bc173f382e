//! The interview clock: a countdown that can pause, and the time spent per
//! section. Pure: every method takes the current `Instant`, so tests never sleep.

use std::time::{Duration, Instant};

/// How the countdown looks right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    /// More than five minutes left.
    OnTime,
    /// Five minutes or less left.
    Warning,
    /// Past the planned end.
    Overtime,
}

/// Time left before the warning style starts.
pub(crate) const WARNING_AT: Duration = Duration::from_secs(5 * 60);

/// The running count of active interview time, pauses, and time per section.
#[derive(Debug, Clone)]
pub struct Clock {
    planned: Duration,
    elapsed_base: Duration,
    paused_base: Duration,
    section_base: Vec<Duration>,
    current_section: usize,
    /// When the current stretch of running (or pausing) began.
    since: Instant,
    paused: bool,
    /// Finished: time no longer counts, and it is not a pause either.
    stopped: bool,
    /// Waiting for the call to start: nothing counts yet, not even as a pause.
    waiting: bool,
}

impl Clock {
    /// A clock that has already run `elapsed` (zero for a new interview) and is running from `now`.
    pub(crate) fn new(
        planned: Duration,
        elapsed: Duration,
        paused: Duration,
        section_spent: Vec<Duration>,
        current_section: usize,
        now: Instant,
    ) -> Self {
        let sections = section_spent.len().max(1);
        let mut section_base = section_spent;
        section_base.resize(sections, Duration::ZERO);
        Self {
            planned,
            elapsed_base: elapsed,
            paused_base: paused,
            section_base,
            current_section: current_section.min(sections - 1),
            since: now,
            paused: false,
            stopped: false,
            waiting: false,
        }
    }

    /// The same clock, not started: it counts nothing until [`Clock::start`].
    pub(crate) fn waiting(mut self) -> Self {
        self.waiting = true;
        self
    }

    /// Starts counting from `now` (the call started); a clock already
    /// running is left as it is.
    pub(crate) fn start(&mut self, now: Instant) {
        if self.waiting {
            self.waiting = false;
            self.since = now;
        }
    }

    /// Whether the call has not started yet.
    pub(crate) fn is_waiting(&self) -> bool {
        self.waiting
    }

    /// Planned length.
    pub(crate) fn planned(&self) -> Duration {
        self.planned
    }

    fn stretch(&self, now: Instant) -> Duration {
        now.saturating_duration_since(self.since)
    }

    /// Folds the current stretch into the totals, so a change can start a new one.
    fn settle(&mut self, now: Instant) {
        let stretch = self.stretch(now);
        if self.stopped || self.waiting {
            // Nothing counts once finished.
        } else if self.paused {
            self.paused_base = self.paused_base.saturating_add(stretch);
        } else {
            self.elapsed_base = self.elapsed_base.saturating_add(stretch);
            let section = &mut self.section_base[self.current_section];
            *section = section.saturating_add(stretch);
        }
        self.since = now;
    }

    /// Stops the clock for good (the interview is finished).
    pub(crate) fn stop(&mut self, now: Instant) {
        self.settle(now);
        self.paused = true;
        self.stopped = true;
    }

    /// Adds time to the paused total (time away while paused).
    pub(crate) fn add_paused(&mut self, amount: Duration) {
        self.paused_base = self.paused_base.saturating_add(amount);
    }

    /// Active interview time (pauses excluded).
    pub fn elapsed(&self, now: Instant) -> Duration {
        if self.paused || self.waiting {
            self.elapsed_base
        } else {
            self.elapsed_base.saturating_add(self.stretch(now))
        }
    }

    /// Total paused time.
    pub(crate) fn paused_total(&self, now: Instant) -> Duration {
        if self.is_paused() {
            self.paused_base.saturating_add(self.stretch(now))
        } else {
            self.paused_base
        }
    }

    /// Length of the pause in progress, if paused (never once stopped).
    pub(crate) fn current_pause(&self, now: Instant) -> Option<Duration> {
        self.is_paused().then(|| self.stretch(now))
    }

    /// Seconds left (negative in overtime).
    pub(crate) fn remaining_secs(&self, now: Instant) -> i64 {
        let planned = i64::try_from(self.planned.as_secs()).unwrap_or(i64::MAX);
        let elapsed = i64::try_from(self.elapsed(now).as_secs()).unwrap_or(i64::MAX);
        planned.saturating_sub(elapsed)
    }

    /// On time, warning or overtime.
    pub(crate) fn phase(&self, now: Instant) -> Phase {
        let elapsed = self.elapsed(now);
        if elapsed >= self.planned {
            Phase::Overtime
        } else if self.planned - elapsed <= WARNING_AT {
            Phase::Warning
        } else {
            Phase::OnTime
        }
    }

    /// Whether the clock is paused (a stopped clock is not paused).
    pub(crate) fn is_paused(&self) -> bool {
        self.paused && !self.stopped && !self.waiting
    }

    /// Whether the clock was stopped for good.
    pub(crate) fn is_stopped(&self) -> bool {
        self.stopped
    }

    /// Stops counting interview time.
    pub(crate) fn pause(&mut self, now: Instant) {
        if !self.paused && !self.stopped && !self.waiting {
            self.settle(now);
            self.paused = true;
        }
    }

    /// Starts counting again.
    pub(crate) fn resume(&mut self, now: Instant) {
        if self.paused && !self.stopped {
            self.settle(now);
            self.paused = false;
        }
    }

    /// Counts time from now on towards `section`.
    pub(crate) fn enter_section(&mut self, section: usize, now: Instant) {
        if section != self.current_section && section < self.section_base.len() {
            self.settle(now);
            self.current_section = section;
        }
    }

    /// The section time is counted towards.
    pub(crate) fn current_section(&self) -> usize {
        self.current_section
    }

    /// Active time spent in `section`.
    pub(crate) fn section_spent(&self, section: usize, now: Instant) -> Duration {
        let base = self.section_base.get(section).copied().unwrap_or_default();
        if section == self.current_section && !self.paused && !self.waiting {
            base.saturating_add(self.stretch(now))
        } else {
            base
        }
    }

    /// Moves `amount` between interview time (counted towards the section on
    /// screen) and paused time: `counted` adds it to the interview, otherwise
    /// it is taken back out and counted as paused.
    pub(crate) fn shift(&mut self, amount: Duration, counted: bool) {
        let section = &mut self.section_base[self.current_section];
        if counted {
            self.elapsed_base = self.elapsed_base.saturating_add(amount);
            *section = section.saturating_add(amount);
            self.paused_base = self.paused_base.saturating_sub(amount);
        } else {
            self.elapsed_base = self.elapsed_base.saturating_sub(amount);
            *section = section.saturating_sub(amount);
            self.paused_base = self.paused_base.saturating_add(amount);
        }
    }

    /// When the displayed state next changes (the next whole second), for the event loop's timeout.
    pub(crate) fn next_tick(&self, now: Instant) -> Duration {
        let ms = if self.stopped || self.waiting {
            return Duration::from_secs(1);
        } else if self.paused {
            self.stretch(now).as_millis()
        } else {
            self.elapsed(now).as_millis()
        };
        Duration::from_millis(1000 - (ms % 1000) as u64)
    }
}

/// Whether the interview is ahead of or behind its plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pacing {
    /// Within a minute of the plan.
    OnPace,
    /// Moved on earlier than planned, by this many seconds.
    Ahead(u64),
    /// Still in a section past its planned end, by this many seconds.
    Behind(u64),
    /// Past the interview's planned length, by this many seconds: how far
    /// over is what matters then, whatever the section.
    Over(u64),
}

impl Pacing {
    /// "on pace", "2 min ahead", "3 min behind".
    pub(crate) fn describe(self) -> String {
        match self {
            Pacing::OnPace => "on pace".to_string(),
            Pacing::Ahead(s) => format!("{} min ahead", s / 60),
            Pacing::Behind(s) => format!("{} min behind", s / 60),
            Pacing::Over(s) => format!("over by {}:{:02}", s / 60, s % 60),
        }
    }
}

/// Compares the elapsed time with the plan for the section on screen.
///
/// The plan is the sections' budgets laid end to end. Past the interview's
/// length (`total`) it is "over", by how much; otherwise, being in section
/// `k` after its planned end is "behind"; reaching it before its planned
/// start is "ahead"; anything within a minute counts as on pace.
pub(crate) fn pacing(
    planned: &[Duration],
    total: Duration,
    section: usize,
    elapsed: Duration,
) -> Pacing {
    if elapsed > total {
        return Pacing::Over((elapsed - total).as_secs());
    }
    let start: Duration = planned.iter().take(section).sum();
    let end = start + planned.get(section).copied().unwrap_or_default();
    let minute = Duration::from_secs(60);
    if elapsed > end && elapsed - end >= minute {
        Pacing::Behind((elapsed - end).as_secs())
    } else if elapsed < start && start - elapsed >= minute {
        Pacing::Ahead((start - elapsed).as_secs())
    } else {
        Pacing::OnPace
    }
}

/// Spreads the interview over its sections.
///
/// Sections without a budget share what the budgeted ones leave of the
/// bank's own length (`bank_total`); the whole plan is then scaled to the
/// interview's length (`total`, which `--minutes` may change), so a shorter
/// interview shortens every section in proportion.
pub(crate) fn plan(
    budgets: &[Option<u32>],
    bank_total: Duration,
    total: Duration,
) -> Vec<Duration> {
    let budgeted: u64 = budgets.iter().flatten().map(|m| u64::from(*m) * 60).sum();
    let unbudgeted = budgets.iter().filter(|b| b.is_none()).count() as u64;
    let share = bank_total
        .as_secs()
        .saturating_sub(budgeted)
        .checked_div(unbudgeted)
        .unwrap_or(0);
    let at_bank_length: Vec<u64> = budgets
        .iter()
        .map(|b| b.map_or(share, |m| u64::from(m) * 60))
        .collect();
    let sum: u64 = at_bank_length.iter().sum();
    if sum == 0 {
        return vec![Duration::ZERO; budgets.len()];
    }
    at_bank_length
        .iter()
        .map(|s| Duration::from_secs(s * total.as_secs() / sum))
        .collect()
}

/// `MM:SS`, or `H:MM:SS` past an hour.
pub(crate) fn format_clock(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, (secs % 3600) / 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    fn clock(t0: Instant) -> Clock {
        Clock::new(
            secs(30 * 60),
            Duration::ZERO,
            Duration::ZERO,
            vec![Duration::ZERO; 3],
            0,
            t0,
        )
    }

    #[test]
    fn counts_down_and_changes_phase() {
        let t0 = Instant::now();
        let c = clock(t0);
        assert_eq!(c.remaining_secs(t0), 1800);
        assert_eq!(c.phase(t0 + secs(24 * 60)), Phase::OnTime);
        assert_eq!(c.phase(t0 + secs(25 * 60)), Phase::Warning);
        assert_eq!(c.phase(t0 + secs(30 * 60)), Phase::Overtime);
        assert_eq!(c.remaining_secs(t0 + secs(32 * 60 + 13)), -133);
    }

    #[test]
    fn pauses_stop_interview_time_and_are_totalled() {
        let t0 = Instant::now();
        let mut c = clock(t0);
        c.pause(t0 + secs(60));
        assert!(c.is_paused());
        assert_eq!(c.elapsed(t0 + secs(500)), secs(60));
        assert_eq!(c.current_pause(t0 + secs(90)), Some(secs(30)));
        c.resume(t0 + secs(120));
        assert_eq!(c.elapsed(t0 + secs(180)), secs(120));
        assert_eq!(c.paused_total(t0 + secs(180)), secs(60));
        // Pausing twice or resuming while running changes nothing.
        c.resume(t0 + secs(200));
        assert_eq!(c.paused_total(t0 + secs(300)), secs(60));
    }

    #[test]
    fn time_counts_towards_the_section_on_screen() {
        let t0 = Instant::now();
        let mut c = clock(t0);
        c.enter_section(1, t0 + secs(100));
        c.pause(t0 + secs(150));
        c.resume(t0 + secs(400));
        c.enter_section(2, t0 + secs(420));
        let now = t0 + secs(430);
        assert_eq!(c.section_spent(0, now), secs(100));
        assert_eq!(c.section_spent(1, now), secs(70));
        assert_eq!(c.section_spent(2, now), secs(10));
        assert_eq!(c.elapsed(now), secs(180));
    }

    #[test]
    fn resumed_clock_continues_from_saved_totals() {
        let t0 = Instant::now();
        let c = Clock::new(
            secs(1800),
            secs(600),
            secs(30),
            vec![secs(400), secs(200)],
            1,
            t0,
        );
        assert_eq!(c.elapsed(t0 + secs(5)), secs(605));
        assert_eq!(c.section_spent(1, t0 + secs(5)), secs(205));
        assert_eq!(c.paused_total(t0), secs(30));
    }

    #[test]
    fn a_stopped_clock_counts_nothing_more() {
        let t0 = Instant::now();
        let mut c = clock(t0);
        c.pause(t0 + secs(10));
        c.resume(t0 + secs(14));
        c.stop(t0 + secs(20));
        let later = t0 + secs(500);
        assert_eq!(c.elapsed(later), secs(16));
        assert_eq!(c.paused_total(later), secs(4));
        assert_eq!(c.current_pause(later), None);
        assert!(!c.is_paused());
    }

    #[test]
    fn absurd_saved_totals_do_not_overflow() {
        let t0 = Instant::now();
        let c = Clock::new(
            secs(60),
            Duration::MAX,
            Duration::MAX,
            vec![Duration::MAX],
            0,
            t0,
        );
        assert_eq!(c.elapsed(t0 + secs(5)), Duration::MAX);
        assert!(c.remaining_secs(t0) < 0);
        assert_eq!(c.phase(t0), Phase::Overtime);
    }

    #[test]
    fn next_tick_lands_on_the_next_whole_second() {
        let t0 = Instant::now();
        let c = clock(t0);
        assert_eq!(
            c.next_tick(t0 + Duration::from_millis(2300)),
            Duration::from_millis(700)
        );
        assert_eq!(c.next_tick(t0), secs(1));
    }

    #[test]
    fn pacing_says_ahead_or_behind() {
        let plan = [secs(360), secs(420), secs(480)];
        let total = secs(1260);
        assert_eq!(pacing(&plan, total, 0, secs(300)), Pacing::OnPace);
        assert_eq!(
            pacing(&plan, total, 0, secs(360 + 150)),
            Pacing::Behind(150)
        );
        assert_eq!(
            pacing(&plan, total, 0, secs(360 + 150)).describe(),
            "2 min behind"
        );
        assert_eq!(pacing(&plan, total, 2, secs(600)), Pacing::Ahead(180));
        assert_eq!(pacing(&plan, total, 1, secs(359)), Pacing::OnPace);
        assert_eq!(pacing(&plan, total, 1, secs(800)), Pacing::OnPace);
    }

    #[test]
    fn past_the_end_pacing_says_how_far_over_in_any_section() {
        let plan = [secs(360), secs(420), secs(480)];
        let total = secs(1260);
        // In the last section, at the very end: still on pace.
        assert_eq!(pacing(&plan, total, 2, total), Pacing::OnPace);
        for section in 0..3 {
            let over = pacing(&plan, total, section, total + secs(20));
            assert_eq!(over, Pacing::Over(20));
            assert_eq!(over.describe(), "over by 0:20");
        }
        assert_eq!(
            pacing(&plan, total, 2, total + secs(133)).describe(),
            "over by 2:13"
        );
    }

    #[test]
    fn a_waiting_clock_counts_nothing_until_it_starts() {
        let t0 = Instant::now();
        let mut c = clock(t0).waiting();
        assert!(c.is_waiting());
        let later = t0 + secs(300);
        assert_eq!(c.elapsed(later), Duration::ZERO);
        assert_eq!(c.paused_total(later), Duration::ZERO);
        assert_eq!(c.section_spent(0, later), Duration::ZERO);
        assert_eq!(c.current_pause(later), None);
        assert!(!c.is_paused());
        // Neither a pause nor a section change starts it.
        c.pause(later);
        c.enter_section(1, later);
        assert_eq!(c.elapsed(t0 + secs(400)), Duration::ZERO);
        assert_eq!(c.remaining_secs(t0 + secs(400)), 1800);
        c.start(t0 + secs(400));
        assert!(!c.is_waiting());
        assert_eq!(c.elapsed(t0 + secs(430)), secs(30));
        assert_eq!(c.section_spent(1, t0 + secs(430)), secs(30));
        assert_eq!(c.section_spent(0, t0 + secs(430)), Duration::ZERO);
        // Starting again changes nothing.
        c.start(t0 + secs(500));
        assert_eq!(c.elapsed(t0 + secs(530)), secs(130));
    }

    #[test]
    fn plan_scales_budgets_and_shares_the_rest() {
        let thirty = secs(30 * 60);
        let scaled = plan(&[Some(10), Some(20)], thirty, secs(60 * 60));
        assert_eq!(scaled, vec![secs(20 * 60), secs(40 * 60)]);
        let shared = plan(&[Some(10), None, None], thirty, thirty);
        assert_eq!(shared, vec![secs(600), secs(600), secs(600)]);
        assert_eq!(
            plan(&[None, None], secs(600), secs(600)),
            vec![secs(300), secs(300)]
        );
        // --minutes 10 on a 30-minute bank: everything shrinks by a third.
        let shorter = plan(&[Some(20), None], thirty, secs(600));
        assert_eq!(shorter, vec![secs(400), secs(200)]);
        // Budgets that overrun the bank leave nothing for the rest.
        assert_eq!(
            plan(&[Some(40), None], thirty, thirty),
            vec![thirty, secs(0)]
        );
    }

    #[test]
    fn formats_clock_text() {
        assert_eq!(format_clock(133), "02:13");
        assert_eq!(format_clock(3725), "1:02:05");
    }
}
