//! The list of saved interviews: the archive as read on another thread, the
//! filter typed over it, the sort, and the selection.

use std::sync::Arc;

use crate::interview::record::Recommendation;
use crate::review::index::Summary;
use crate::review::query::fold;
use crate::review::{Archive, Query};

/// What the list is sorted by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Newest first.
    #[default]
    Date,
    /// Candidate A to Z, then newest first.
    Candidate,
    /// Role A to Z, then newest first.
    Role,
    /// Strongest recommendation first (none last), then newest first.
    Recommendation,
}

impl Sort {
    /// The next sort of the cycle.
    pub fn next(self) -> Self {
        match self {
            Sort::Date => Sort::Candidate,
            Sort::Candidate => Sort::Role,
            Sort::Role => Sort::Recommendation,
            Sort::Recommendation => Sort::Date,
        }
    }

    /// How the header names it.
    pub fn label(self) -> &'static str {
        match self {
            Sort::Date => "newest first",
            Sort::Candidate => "by candidate",
            Sort::Role => "by role",
            Sort::Recommendation => "by recommendation",
        }
    }
}

/// Strongest first; none last.
fn rank(recommendation: Option<Recommendation>) -> u8 {
    match recommendation {
        Some(Recommendation::StrongYes) => 0,
        Some(Recommendation::Yes) => 1,
        Some(Recommendation::NoDecision) => 2,
        Some(Recommendation::No) => 3,
        Some(Recommendation::StrongNo) => 4,
        None => 5,
    }
}

/// The list's state.
#[derive(Debug, Default)]
pub struct List {
    /// The archive, once read.
    pub archive: Option<Arc<Archive>>,
    /// Files read of those to read, while the archive is being read.
    pub progress: Option<(usize, usize)>,
    /// What was typed.
    pub filter: String,
    /// The filter's words.
    pub query: Query,
    /// Archive indexes of the interviews that match, in the order shown.
    pub matches: Vec<usize>,
    /// Archive indexes of damaged files, shown below them when no filter is typed.
    pub damaged: Vec<usize>,
    /// The order.
    pub sort: Sort,
    /// The selected row.
    pub selected: usize,
    /// The first row on screen, decided by [`List::fit`] after each change.
    pub offset: usize,
    /// How many rows fit on screen.
    pub page: usize,
}

/// The first row to show of `rows` when `fit` fit and the first was
/// `offset`: as little scrolling as keeps `selected` in view.
pub fn window(offset: usize, selected: usize, rows: usize, fit: usize) -> usize {
    let top = offset.min(rows.saturating_sub(fit));
    if selected < top {
        selected
    } else if selected >= top + fit {
        selected + 1 - fit
    } else {
        top
    }
}

impl List {
    /// Rows: the matches, then (with no filter) the damaged files.
    pub fn rows(&self) -> usize {
        self.matches.len()
            + if self.query.is_empty() {
                self.damaged.len()
            } else {
                0
            }
    }

    /// The archive index of the interview on `row`.
    pub fn item(&self, row: usize) -> Option<usize> {
        match self.matches.get(row) {
            Some(&i) => Some(i),
            None if self.query.is_empty() => self
                .damaged
                .get(row.checked_sub(self.matches.len())?)
                .copied(),
            None => None,
        }
    }

    /// The archive index of the selected interview.
    pub fn selected_item(&self) -> Option<usize> {
        self.item(self.selected)
    }

    /// The summary of the interview at archive index `i`, if it could be read.
    pub fn summary(&self, i: usize) -> Option<&Summary> {
        self.archive.as_ref()?.items.get(i)?.summary.as_ref().ok()
    }

    fn selected_id(&self) -> Option<String> {
        let i = self.selected_item()?;
        Some(self.archive.as_ref()?.items.get(i)?.id.clone())
    }

    fn select_id(&mut self, id: Option<String>) {
        let found = id.and_then(|id| {
            let archive = self.archive.as_ref()?;
            (0..self.rows()).find(|&row| {
                self.item(row)
                    .and_then(|i| archive.items.get(i))
                    .is_some_and(|item| item.id == id)
            })
        });
        self.selected = found.unwrap_or(0);
    }

    /// Takes in a newly read archive, keeping the filter, the sort and the
    /// selected interview.
    pub fn set_archive(&mut self, archive: Arc<Archive>) {
        let id = self.selected_id();
        self.damaged = (0..archive.items.len())
            .filter(|&i| archive.items[i].summary.is_err())
            .collect();
        self.archive = Some(archive);
        self.progress = None;
        self.matches = self.full_filter();
        self.select_id(id);
    }

    /// Every match of the query in the archive, sorted.
    fn full_filter(&self) -> Vec<usize> {
        let Some(archive) = &self.archive else {
            return Vec::new();
        };
        let mut matches = archive.filter(&self.query, None);
        self.sort_rows(&mut matches);
        matches
    }

    fn sort_rows(&self, rows: &mut [usize]) {
        // Archive order is newest first: each key falls back to it.
        let key = |i: usize, f: fn(&Summary) -> &str| {
            (self.summary(i).map_or(String::new(), |s| fold(f(s))), i)
        };
        match self.sort {
            Sort::Date => rows.sort_unstable(),
            Sort::Candidate => rows.sort_by_cached_key(|&i| key(i, |s| &s.candidate)),
            Sort::Role => rows.sort_by_cached_key(|&i| key(i, |s| &s.role)),
            Sort::Recommendation => {
                rows.sort_by_cached_key(|&i| {
                    (rank(self.summary(i).and_then(|s| s.recommendation)), i)
                });
            }
        }
    }

    /// Filters by `text`: only the previous matches are looked at again when
    /// the new words extend the old ones (typing on narrows).
    pub fn set_filter(&mut self, text: String) {
        let id = self.selected_id();
        let query = Query::parse(&text);
        let narrows = query.narrows(&self.query);
        self.filter = text;
        self.query = query;
        // Once the archive is here, the matches are always the old query's.
        if let Some(archive) = &self.archive {
            self.matches = if narrows {
                archive.filter(&self.query, Some(&self.matches))
            } else {
                self.full_filter()
            };
        }
        self.select_id(id);
    }

    /// Types `text` (one line) into the filter.
    pub fn type_text(&mut self, text: &str) {
        let clean: String = text
            .lines()
            .next()
            .unwrap_or_default()
            .chars()
            .map(|c| if c == '\t' { ' ' } else { c })
            .filter(|c| !c.is_control())
            .collect();
        if !clean.is_empty() {
            let filter = format!("{}{clean}", self.filter);
            self.set_filter(filter);
        }
    }

    /// Deletes the last character of the filter.
    pub fn backspace(&mut self) {
        let mut filter = self.filter.clone();
        if filter.pop().is_some() {
            self.set_filter(filter);
        }
    }

    /// Sorts by the next key of the cycle.
    pub fn cycle_sort(&mut self) {
        let id = self.selected_id();
        self.sort = self.sort.next();
        let mut matches = std::mem::take(&mut self.matches);
        self.sort_rows(&mut matches);
        self.matches = matches;
        self.select_id(id);
    }

    /// Takes the interview `id` out of the list (it was deleted), keeping
    /// the filter and the sort; the selection stays on the same row, now
    /// the next interview. Whether it was there.
    pub fn remove(&mut self, id: &str) -> bool {
        let Some(archive) = self.archive.as_mut() else {
            return false;
        };
        let Some(gone) = archive.items.iter().position(|item| item.id == id) else {
            return false;
        };
        Arc::make_mut(archive).remove(gone);
        for rows in [&mut self.matches, &mut self.damaged] {
            rows.retain(|&i| i != gone);
            for i in rows.iter_mut() {
                if *i > gone {
                    *i -= 1;
                }
            }
        }
        self.selected = self.selected.min(self.rows().saturating_sub(1));
        true
    }

    /// Moves the selection by `delta` rows, staying in the list.
    pub fn move_by(&mut self, delta: isize) {
        let last = self.rows().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// How many rows fit in `height` screen rows: two each with a filter
    /// (the match in context below each).
    pub fn fits(&self, height: u16) -> usize {
        let per_row = if self.query.is_empty() { 1 } else { 2 };
        (usize::from(height) / per_row).max(1)
    }

    /// Scrolls so the selection shows in `height` screen rows.
    pub fn fit(&mut self, height: u16) {
        self.page = self.fits(height);
        self.offset = window(self.offset, self.selected, self.rows(), self.page);
    }

    /// Moves a page up (`-1`) or down (`1`).
    pub fn page_by(&mut self, pages: isize) {
        let page = self.page.max(1) as isize;
        self.move_by(page.saturating_sub(1).max(1) * pages);
    }

    /// To the first row, or the last.
    pub fn jump(&mut self, end: bool) {
        self.selected = if end {
            self.rows().saturating_sub(1)
        } else {
            0
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interview::record::Status;
    use crate::store::{self, testing::sample_record};
    use chrono::DateTime;

    fn archive(dir: &std::path::Path) -> Arc<Archive> {
        let people = [
            ("Grace", "SRE", 3, Some(Recommendation::No), "retry budget"),
            (
                "Ada",
                "Backend",
                2,
                Some(Recommendation::StrongYes),
                "idempotency keys",
            ),
            ("Linus", "Kernel", 4, None, "retry storms and idempotency"),
        ];
        for (name, role, day, rec, notes) in people {
            let mut r = sample_record(3, 0);
            r.candidate = name.into();
            r.role = role.into();
            r.recommendation = rec;
            r.status = if rec.is_some() {
                Status::Completed
            } else {
                Status::InProgress
            };
            r.started_at =
                DateTime::parse_from_rfc3339(&format!("2025-03-{day:02}T10:00:00+01:00")).unwrap();
            r.question_mut(1).unwrap().notes = notes.into();
            store::write_record(&dir.join(format!("{name}.yaml")), &r).unwrap();
        }
        std::fs::write(dir.join("broken.yaml"), "not: [an interview").unwrap();
        Arc::new(Archive::refresh(dir, |_, _| {}).0)
    }

    fn names(list: &List) -> Vec<String> {
        (0..list.rows())
            .map(|row| {
                let i = list.item(row).unwrap();
                match list.summary(i) {
                    Some(s) => s.candidate.clone(),
                    None => "damaged".to_string(),
                }
            })
            .collect()
    }

    #[test]
    fn sorts_cycle_and_the_selection_follows_its_interview() {
        let tmp = tempfile::tempdir().unwrap();
        let mut list = List::default();
        list.set_archive(archive(tmp.path()));
        assert_eq!(names(&list), ["Linus", "Grace", "Ada", "damaged"]);
        list.move_by(1);
        list.cycle_sort();
        assert_eq!(list.sort, Sort::Candidate);
        assert_eq!(names(&list), ["Ada", "Grace", "Linus", "damaged"]);
        assert_eq!(list.selected, 1, "Grace stays selected");
        list.cycle_sort();
        assert_eq!(names(&list), ["Ada", "Linus", "Grace", "damaged"]);
        list.cycle_sort();
        assert_eq!(list.sort, Sort::Recommendation);
        assert_eq!(names(&list), ["Ada", "Grace", "Linus", "damaged"]);
        list.cycle_sort();
        assert_eq!(list.sort, Sort::Date);
        list.jump(true);
        list.move_by(5);
        assert_eq!(list.selected, 3);
        list.move_by(-9);
        assert_eq!(list.selected, 0);
    }

    #[test]
    fn a_deleted_interview_leaves_the_list_and_the_rest_stay_in_order() {
        let tmp = tempfile::tempdir().unwrap();
        let mut list = List::default();
        list.set_archive(archive(tmp.path()));
        list.cycle_sort();
        assert_eq!(names(&list), ["Ada", "Grace", "Linus", "damaged"]);
        list.jump(false);
        list.move_by(1);
        assert!(list.remove("Grace"));
        assert!(!list.remove("Grace"));
        assert_eq!(names(&list), ["Ada", "Linus", "damaged"]);
        assert_eq!(list.selected, 1, "the next one is selected");
        // Filtering again later never brings it back.
        list.type_text("retry");
        assert_eq!(names(&list), ["Linus"]);
        list.set_filter(String::new());
        list.jump(true);
        assert!(list.remove("broken"));
        assert_eq!(names(&list), ["Ada", "Linus"]);
        assert_eq!(list.selected, 1);
    }

    #[test]
    fn the_selection_stays_in_view_with_as_little_scrolling_as_can_be() {
        assert_eq!(window(0, 1, 10, 3), 0, "in view: no scrolling");
        assert_eq!(window(0, 5, 10, 3), 3, "below: it becomes the last row");
        assert_eq!(window(4, 1, 10, 3), 1, "above: it becomes the first row");
        assert_eq!(window(9, 9, 10, 3), 7, "no blank rows after the last");
        assert_eq!(window(5, 0, 2, 3), 0, "all fit: from the top");
    }

    #[test]
    fn the_list_scrolls_and_pages_by_what_fits_at_the_size_it_was_given() {
        let tmp = tempfile::tempdir().unwrap();
        let mut list = List::default();
        list.set_archive(archive(tmp.path()));
        list.fit(3);
        assert_eq!((list.page, list.offset), (3, 0));
        list.jump(true);
        list.fit(3);
        assert_eq!(list.offset, 1, "the last row shows at the bottom");
        list.page_by(-1);
        assert_eq!(list.selected, 1, "a page is what fits, less one row");
        list.fit(3);
        assert_eq!(list.offset, 1);
        // With a filter each interview takes two rows: its match below it.
        list.type_text("retry");
        list.fit(3);
        assert_eq!(list.page, 1);
        assert_eq!(list.fits(4), 2);
    }

    #[test]
    fn typing_narrows_and_backspace_widens() {
        let tmp = tempfile::tempdir().unwrap();
        let mut list = List::default();
        list.set_archive(archive(tmp.path()));
        list.type_text("ret");
        assert_eq!(
            names(&list),
            ["Linus", "Grace"],
            "damaged files only without a filter"
        );
        list.type_text("ry IDEM");
        assert_eq!(names(&list), ["Linus"]);
        list.backspace();
        list.backspace();
        list.backspace();
        list.backspace();
        list.backspace();
        assert_eq!(list.filter, "retry");
        assert_eq!(names(&list), ["Linus", "Grace"]);
        list.set_filter(String::new());
        assert_eq!(list.rows(), 4);
        list.type_text("zebra\nignored");
        assert_eq!(list.rows(), 0);
        assert_eq!(list.selected_item(), None);
    }
}
