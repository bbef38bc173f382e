//! Candidates side by side: one row per question, one column per interview.
//!
//! Questions are matched by their `id`. A bank edited between two
//! interviews (its saved SHA-256 differs) is said once above the grid, and
//! each question whose wording differs between the interviews, or that some
//! of them did not have, is flagged on its row: the reviewer compares like
//! with like, or knows where not.
//!
//! `compare --json` writes the same grids for scripts: [`json`], its
//! layout versioned by [`COMPARE_FORMAT`] and described by
//! `phonescreen schema compare`.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use serde_json::Value;

use super::facts::{Facts, QuestionFacts};
use super::table::{self, one_line};
use crate::interview::record::{QuestionState, Recommendation};

/// Version of `compare --json`'s layout: `{compare_format, grids}`, each
/// grid as [`Grid`] serializes. Fields are only added within a version; it
/// is raised when one changes meaning or goes away.
pub(crate) const COMPARE_FORMAT: u32 = 1;

/// The grids for scripts, with the layout's version.
pub(crate) fn json(grids: &[Grid]) -> Value {
    serde_json::json!({ "compare_format": COMPARE_FORMAT, "grids": grids })
}

/// One interview's column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    /// The candidate, with the date when two columns share a name.
    pub(crate) heading: String,
    /// The candidate, as saved (a script needs it apart from the heading).
    pub(crate) candidate: String,
    /// When the interview started: with the candidate, which interview.
    pub(crate) started_at: DateTime<FixedOffset>,
    /// The recommendation, if one was made.
    pub(crate) recommendation: Option<Recommendation>,
    /// The candidate did not come.
    pub(crate) no_show: bool,
}

impl Column {
    /// The last row's cell: the recommendation, `no-show`, or `-`.
    pub(crate) fn outcome(&self) -> &'static str {
        match (self.recommendation, self.no_show) {
            (Some(r), _) => r.label(),
            (None, true) => "no-show",
            (None, false) => "-",
        }
    }
}

/// What one interview holds for one question. In JSON, `null` when that
/// interview's bank did not have the question, else `{state, rating, notes}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub(crate) enum Cell {
    /// That interview's bank did not have the question.
    Absent,
    /// The question in that interview.
    Question {
        /// Asked, skipped or not reached.
        state: QuestionState,
        /// The rating given, if any.
        rating: Option<String>,
        /// Whether there are notes.
        notes: bool,
    },
}

/// One question across the interviews.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Row {
    /// The question's id.
    pub(crate) id: String,
    /// Its wording in the newest interview that had it.
    pub(crate) ask: String,
    /// One cell per column.
    pub(crate) cells: Vec<Cell>,
    /// The wording differs between interviews, or some did not have it.
    pub(crate) changed: bool,
}

/// Interviews of one bank, compared question by question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Grid {
    /// The bank's key (its file name or `software-engineer`).
    pub(crate) bank: String,
    /// The bank's name.
    pub(crate) bank_name: String,
    /// Whether the bank's saved hash differs between the interviews.
    pub bank_changed: bool,
    /// One per interview, oldest first.
    pub columns: Vec<Column>,
    /// Questions in the order the newest interview asked them, then any
    /// only older interviews had.
    pub(crate) rows: Vec<Row>,
}

impl Grid {
    /// Grids for `records`, one per bank (by key), banks in the order of
    /// their newest interview, newest first.
    #[cfg(test)]
    pub(crate) fn by_bank(records: &[crate::interview::record::Record]) -> Vec<Grid> {
        Grid::by_bank_of(&records.iter().map(Facts::of).collect::<Vec<_>>())
    }

    /// [`Grid::by_bank`] from the facts the archive index keeps (see
    /// [`Facts`]), so that no interview file is read; given in the order
    /// the files are listed (newest first by name), which breaks ties.
    pub(crate) fn by_bank_of(records: &[Facts]) -> Vec<Grid> {
        let mut banks: Vec<(&str, Vec<&Facts>)> = Vec::new();
        let mut newest_first: Vec<&Facts> = records.iter().collect();
        newest_first.sort_by_key(|r| std::cmp::Reverse(r.started_at));
        for record in newest_first {
            match banks.iter_mut().find(|(key, _)| *key == &*record.bank.key) {
                Some((_, group)) => group.push(record),
                None => banks.push((&*record.bank.key, vec![record])),
            }
        }
        banks
            .into_iter()
            .map(|(_, group)| Grid::build(&group))
            .collect()
    }

    /// The grid of `records`, which share a bank; given in any order.
    pub(crate) fn build(records: &[&Facts]) -> Grid {
        let mut ordered: Vec<&Facts> = records.to_vec();
        ordered.sort_by_key(|r| r.started_at);
        let newest = ordered.last().copied();
        let bank_changed = ordered.windows(2).any(|w| w[0].bank.hash != w[1].bank.hash);

        // Row order: the newest interview's questions, then older-only ones.
        let mut ids: Vec<&str> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        for record in ordered.iter().rev() {
            for q in record.sections.iter().flat_map(|s| &s.questions) {
                if seen.insert(&q.id) {
                    ids.push(&q.id);
                }
            }
        }

        let lookups: Vec<HashMap<&str, &QuestionFacts>> = ordered
            .iter()
            .map(|r| {
                r.sections
                    .iter()
                    .flat_map(|s| &s.questions)
                    .map(|q| (&*q.id, q))
                    .collect()
            })
            .collect();

        let rows = ids
            .into_iter()
            .map(|id| {
                let found: Vec<_> = lookups.iter().map(|l| l.get(id).copied()).collect();
                let ask = found
                    .iter()
                    .rev()
                    .flatten()
                    .next()
                    .map(|q| q.ask.to_string())
                    .unwrap_or_default();
                let changed = found.iter().any(|q| q.is_none_or(|q| *q.ask != *ask));
                let cells = found
                    .into_iter()
                    .map(|q| match q {
                        None => Cell::Absent,
                        Some(q) => Cell::Question {
                            state: q.state,
                            rating: q.rating.as_deref().map(String::from),
                            notes: q.has_notes,
                        },
                    })
                    .collect();
                Row {
                    id: id.to_string(),
                    ask,
                    cells,
                    changed,
                }
            })
            .collect();

        // Counted once: comparing every column's name with every other's
        // took seconds at 10,000 interviews.
        let mut named: HashMap<&str, usize> = HashMap::new();
        for r in &ordered {
            *named.entry(r.candidate.as_str()).or_default() += 1;
        }
        let columns = ordered
            .iter()
            .map(|r| {
                let shared = named.get(r.candidate.as_str()).is_some_and(|&n| n > 1);
                let heading = if shared {
                    format!("{} ({})", r.candidate, r.started_at.format("%Y-%m-%d"))
                } else {
                    r.candidate.clone()
                };
                Column {
                    heading,
                    candidate: r.candidate.clone(),
                    started_at: r.started_at,
                    recommendation: r.recommendation,
                    no_show: r.status == crate::interview::Status::NoShow,
                }
            })
            .collect();

        Grid {
            bank: newest.map(|r| r.bank.key.to_string()).unwrap_or_default(),
            bank_name: newest.map(|r| r.bank.name.to_string()).unwrap_or_default(),
            bank_changed,
            columns,
            rows,
        }
    }

    /// The grid as plain text for a hiring-committee document: a line naming
    /// the bank, one header row naming each candidate, one row per question
    /// id, a `recommendation` row, and a legend.
    pub(crate) fn to_text(&self) -> String {
        let mut out = format!(
            "bank: {} ({}), {} interview{}\n",
            one_line(&self.bank_name),
            one_line(&self.bank),
            self.columns.len(),
            if self.columns.len() == 1 { "" } else { "s" }
        );
        if self.bank_changed {
            out.push_str(
                "The bank changed between these interviews: rows marked ! were worded differently or missing in some.\n",
            );
        }
        out.push('\n');
        let mut rows = vec![
            std::iter::once("question".to_string())
                .chain(self.columns.iter().map(|c| one_line(&c.heading)))
                .collect::<Vec<_>>(),
        ];
        for row in &self.rows {
            let mut line = vec![format!(
                "{}{}",
                one_line(&row.id),
                if row.changed { " !" } else { "" }
            )];
            line.extend(row.cells.iter().map(cell_text));
            rows.push(line);
        }
        rows.push(
            std::iter::once("recommendation".to_string())
                .chain(self.columns.iter().map(|c| c.outcome().to_string()))
                .collect(),
        );
        out.push_str(&table::render(&rows, 32));
        out.push_str(
            "\n* has notes · - not rated · skipped / not reached as marked · (none) not in that interview's bank\n",
        );
        out
    }
}

impl Cell {
    /// The cell as the grid shows it: the rating (`*` where there are
    /// notes), `-` when asked and not rated, `skipped`, `not reached`, or
    /// `(none)` when that interview's bank did not have the question.
    pub(crate) fn text(&self) -> String {
        cell_text(self)
    }
}

fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Absent => "(none)".to_string(),
        Cell::Question {
            state,
            rating,
            notes,
        } => {
            let mut text = match (rating, state) {
                (Some(r), _) => one_line(r),
                (None, QuestionState::Asked) => "-".to_string(),
                (None, other) => other.label().to_string(),
            };
            if *notes {
                text.push_str(" *");
            }
            text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interview::record::Record;
    use crate::store::testing::sample_record;

    fn interview(candidate: &str, day: u32, hash: &str) -> Record {
        let mut r = sample_record(4, 0);
        r.candidate = candidate.into();
        r.started_at =
            chrono::DateTime::parse_from_rfc3339(&format!("2025-03-{day:02}T10:00:00+01:00"))
                .unwrap();
        r.bank.hash = hash.into();
        r
    }

    #[test]
    fn questions_are_matched_by_id_and_a_changed_bank_is_flagged() {
        let mut ada = interview("Ada", 2, "h1");
        ada.question_mut(0).unwrap().rating = Some("Strong yes".into());
        ada.question_mut(0).unwrap().notes = "great".into();
        ada.recommendation = Some(Recommendation::StrongYes);
        let mut grace = interview("Grace", 3, "h2");
        grace.question_mut(1).unwrap().ask = "Reworded?".into();
        grace.sections[0].questions[0].id = "new-question".into();
        let grids = Grid::by_bank(&[grace.clone(), ada.clone()]);
        assert_eq!(grids.len(), 1);
        let grid = &grids[0];
        assert!(grid.bank_changed);
        assert_eq!(grid.columns[0].heading, "Ada");
        let ids: Vec<&str> = grid.rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["new-question", "q-2", "q-3", "q-4", "q-1"]);
        let q1 = grid.rows.iter().find(|r| r.id == "q-1").unwrap();
        assert!(q1.changed);
        assert_eq!(q1.cells[1], Cell::Absent);
        assert!(grid.rows.iter().find(|r| r.id == "q-2").unwrap().changed);
        assert!(!grid.rows.iter().find(|r| r.id == "q-3").unwrap().changed);
        let text = grid.to_text();
        assert!(text.contains("q-1 !"), "{text}");
        assert!(text.contains("Strong yes *"), "{text}");
    }

    #[test]
    fn a_candidate_seen_twice_is_told_apart_by_the_date() {
        let grids = Grid::by_bank(&[
            interview("Ada", 2, "h"),
            interview("Grace", 3, "h"),
            interview("Ada", 4, "h"),
        ]);
        let headings: Vec<&str> = grids[0]
            .columns
            .iter()
            .map(|c| c.heading.as_str())
            .collect();
        assert_eq!(headings, ["Ada (2025-03-02)", "Grace", "Ada (2025-03-04)"]);
    }
}
