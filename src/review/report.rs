//! For the hiring team tuning its bank: how long each section really takes
//! against its plan, and how each question fares (asked, skipped, not
//! reached, the spread of its ratings).
//!
//! Only completed interviews count: in one still going, a question not yet
//! reached says nothing about the bank.
//!
//! `report --json` writes the same figures for scripts: [`json`], its
//! layout versioned by [`REPORT_FORMAT`] and described by
//! `phonescreen schema report`.

use serde::ser::{Serialize, SerializeStruct, Serializer};
use serde_json::Value;

use super::facts::Facts;
use super::table::{self, one_line};
use crate::interview::record::{QuestionState, Status};

/// Version of `report --json`'s layout: `{report_format, reports}`, each
/// report as [`Report`] serializes. Fields are only added within a
/// version; it is raised when one changes meaning or goes away.
pub(crate) const REPORT_FORMAT: u32 = 1;

/// The reports for scripts, with the layout's version.
pub(crate) fn json(reports: &[Report]) -> Value {
    serde_json::json!({ "report_format": REPORT_FORMAT, "reports": reports })
}

/// One section's time across interviews.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SectionLine {
    /// The section's id.
    pub(crate) id: String,
    /// Its plan in the newest interview, in seconds.
    pub(crate) planned_seconds: u64,
    /// Time spent in each interview that had it, in seconds.
    pub(crate) spent: Vec<u64>,
}

impl SectionLine {
    /// The median time spent (the mean of the middle two for an even count).
    pub(crate) fn median(&self) -> u64 {
        let mut spent = self.spent.clone();
        spent.sort_unstable();
        match spent.len() {
            0 => 0,
            n if n % 2 == 1 => spent[n / 2],
            n => (spent[n / 2 - 1] + spent[n / 2]) / 2,
        }
    }

    /// How many interviews ran over the plan.
    pub(crate) fn over_plan(&self) -> usize {
        self.spent
            .iter()
            .filter(|s| **s > self.planned_seconds)
            .count()
    }
}

// In JSON with the figures the text shows (the median, how many ran over),
// so a script need not compute them again, and in seconds by name.
impl Serialize for SectionLine {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("SectionLine", 5)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("planned_seconds", &self.planned_seconds)?;
        s.serialize_field("spent_seconds", &self.spent)?;
        s.serialize_field("median_seconds", &self.median())?;
        s.serialize_field("over_plan", &self.over_plan())?;
        s.end()
    }
}

/// One question across interviews.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct QuestionLine {
    /// The question's id.
    pub(crate) id: String,
    /// Interviews that asked it.
    pub(crate) asked: usize,
    /// Interviews that skipped it.
    pub(crate) skipped: usize,
    /// Interviews that never reached it.
    pub(crate) not_reached: usize,
    /// How often each rating label was given, in the bank's order.
    pub(crate) ratings: Vec<usize>,
}

/// The report for one bank.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Report {
    /// The bank's key.
    pub bank: String,
    /// The bank's name.
    pub(crate) bank_name: String,
    /// Completed interviews counted.
    #[serde(rename = "completed_interviews")]
    pub(crate) interviews: usize,
    /// No-shows of the bank: left out of every figure (a call that never
    /// happened says nothing about time or questions), only counted.
    pub(crate) no_shows: usize,
    /// The rating labels, worst first (the newest interview's).
    pub(crate) rating_scale: Vec<String>,
    /// Sections in the newest interview's order.
    pub(crate) sections: Vec<SectionLine>,
    /// Questions in the newest interview's order, then older-only ones.
    pub(crate) questions: Vec<QuestionLine>,
    /// The different versions of the bank (saved hashes) among them.
    #[serde(rename = "bank_hashes")]
    pub(crate) versions: Vec<String>,
}

impl Report {
    /// One report per bank (by key) over the completed interviews in
    /// `records`, banks with the newest interview first.
    #[cfg(test)]
    pub(crate) fn by_bank(records: &[crate::interview::record::Record]) -> Vec<Report> {
        Report::by_bank_of(&records.iter().map(Facts::of).collect::<Vec<_>>())
    }

    /// [`Report::by_bank`] from the facts the archive index keeps (see
    /// [`Facts`]), so that no interview file is read; given in the order
    /// the files are listed (newest first by name), which breaks ties.
    pub(crate) fn by_bank_of(records: &[Facts]) -> Vec<Report> {
        let mut done: Vec<&Facts> = records
            .iter()
            .filter(|r| r.status == Status::Completed)
            .collect();
        done.sort_by_key(|r| std::cmp::Reverse(r.started_at));
        let mut reports: Vec<Report> = Vec::new();
        for record in done {
            let index = match reports.iter().position(|r| *r.bank == *record.bank.key) {
                Some(i) => i,
                None => {
                    reports.push(Report {
                        bank: record.bank.key.to_string(),
                        bank_name: record.bank.name.to_string(),
                        interviews: 0,
                        no_shows: 0,
                        rating_scale: record.rating_scale.iter().map(|l| l.to_string()).collect(),
                        sections: Vec::new(),
                        questions: Vec::new(),
                        versions: Vec::new(),
                    });
                    reports.len() - 1
                }
            };
            reports[index].add(record);
        }
        for record in records.iter().filter(|r| r.status == Status::NoShow) {
            if let Some(report) = reports.iter_mut().find(|r| *r.bank == *record.bank.key) {
                report.no_shows += 1;
            }
        }
        reports
    }

    fn add(&mut self, record: &Facts) {
        self.interviews += 1;
        if !self.versions.iter().any(|v| **v == *record.bank.hash) {
            self.versions.push(record.bank.hash.to_string());
        }
        for section in &record.sections {
            let line = match self.sections.iter_mut().position(|s| *s.id == *section.id) {
                Some(i) => &mut self.sections[i],
                None => {
                    self.sections.push(SectionLine {
                        id: section.id.to_string(),
                        planned_seconds: section.planned_seconds,
                        spent: Vec::new(),
                    });
                    self.sections.last_mut().expect("just pushed")
                }
            };
            line.spent.push(section.spent_seconds);
            for q in &section.questions {
                let scale = self.rating_scale.len();
                let line = match self.questions.iter_mut().position(|l| *l.id == *q.id) {
                    Some(i) => &mut self.questions[i],
                    None => {
                        self.questions.push(QuestionLine {
                            id: q.id.to_string(),
                            asked: 0,
                            skipped: 0,
                            not_reached: 0,
                            ratings: vec![0; scale],
                        });
                        self.questions.last_mut().expect("just pushed")
                    }
                };
                match q.state {
                    QuestionState::Asked => line.asked += 1,
                    QuestionState::Skipped => line.skipped += 1,
                    QuestionState::NotReached => line.not_reached += 1,
                }
                if let Some(i) = q
                    .rating
                    .as_ref()
                    .and_then(|r| self.rating_scale.iter().position(|l| **l == **r))
                {
                    line.ratings[i] += 1;
                }
            }
        }
    }

    /// The report as plain text.
    pub(crate) fn to_text(&self) -> String {
        let no_shows = match self.no_shows {
            0 => String::new(),
            1 => " (and 1 no-show, left out)".to_string(),
            n => format!(" (and {n} no-shows, left out)"),
        };
        let mut out = format!(
            "bank: {} ({}), {} completed interview{}{no_shows}\n\n",
            one_line(&self.bank_name),
            one_line(&self.bank),
            self.interviews,
            if self.interviews == 1 { "" } else { "s" }
        );
        if self.versions.len() > 1 {
            out.push_str(&format!(
                "The bank changed between these interviews ({} versions); questions are matched by id.\n\n",
                self.versions.len()
            ));
        }
        let mut rows = vec![vec![
            "section".to_string(),
            "plan".to_string(),
            "median".to_string(),
            "over plan".to_string(),
        ]];
        for s in &self.sections {
            rows.push(vec![
                one_line(&s.id),
                clock(s.planned_seconds),
                clock(s.median()),
                format!("{} of {}", s.over_plan(), s.spent.len()),
            ]);
        }
        out.push_str(&table::render(&rows, 40));
        out.push('\n');
        let scale: Vec<String> = self.rating_scale.iter().map(|l| one_line(l)).collect();
        let mut rows = vec![vec![
            "question".to_string(),
            "asked".to_string(),
            "skipped".to_string(),
            "not reached".to_string(),
            format!("ratings ({})", scale.join(" / ")),
        ]];
        for q in &self.questions {
            rows.push(vec![
                one_line(&q.id),
                q.asked.to_string(),
                q.skipped.to_string(),
                q.not_reached.to_string(),
                q.ratings
                    .iter()
                    .map(usize::to_string)
                    .collect::<Vec<_>>()
                    .join(" / "),
            ]);
        }
        out.push_str(&table::render(&rows, 80));
        out
    }
}

/// `m:ss`.
fn clock(seconds: u64) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::sample_record;

    #[test]
    fn counts_completed_interviews_only_and_takes_the_median() {
        let mut records = Vec::new();
        for (i, spent) in [300u64, 500, 400, 450].into_iter().enumerate() {
            let mut r = sample_record(3, 0);
            r.status = Status::Completed;
            r.sections[0].spent_seconds = spent;
            r.question_mut(0).unwrap().rating = Some(r.rating_scale[i].clone());
            records.push(r);
        }
        records.push(sample_record(3, 0)); // in progress: not counted
        // A no-show with a long section time it never had: counted apart.
        let mut no_show = sample_record(3, 0);
        no_show.status = Status::NoShow;
        no_show.sections[0].spent_seconds = 9000;
        no_show.question_mut(0).unwrap().state = QuestionState::Skipped;
        records.push(no_show);
        let reports = Report::by_bank(&records);
        assert_eq!(reports.len(), 1);
        let report = &reports[0];
        assert_eq!(report.interviews, 4);
        assert_eq!(report.no_shows, 1);
        assert_eq!(report.questions[0].skipped, 0);
        assert_eq!(report.sections[0].median(), 425);
        assert_eq!(report.sections[0].over_plan(), 3);
        assert_eq!(report.questions[0].ratings, vec![1, 1, 1, 1]);
        assert_eq!(report.questions[0].asked, 4);
        let text = report.to_text();
        assert!(text.contains("7:05"), "{text}");
        assert!(
            text.contains("4 completed interviews (and 1 no-show, left out)"),
            "{text}"
        );
        records.truncate(3);
        assert_eq!(Report::by_bank(&records)[0].sections[0].median(), 400);
    }
}
