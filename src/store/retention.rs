//! How old a saved interview is, for deleting by age (`sessions purge`, the
//! launcher's retention). A start date the clock could not have meant (in
//! the future, before 2000) is suspect: the file's time dates it instead, and
//! when that is suspect too the interview is never deleted by age.

use std::time::SystemTime;

use chrono::{DateTime, FixedOffset, TimeZone, Utc};

/// The earliest start date taken at its word: phonescreen was written long
/// after, and a clock reset to 1970 (a dead clock battery, a fresh virtual
/// machine) writes dates before it.
pub(crate) fn earliest() -> DateTime<Utc> {
    // A valid date: `single` cannot fail on it.
    Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// Whether `time` is one a clock could not have meant at `now`: in the
/// future, or before [`earliest`].
pub(crate) fn is_suspect(time: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    time > now || time < earliest()
}

/// What dates an interview for deleting by age.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dated {
    /// Its start date, which is not suspect.
    Started(DateTime<FixedOffset>),
    /// Its file's modification time, since its start date (if it has one
    /// that could be read) is suspect.
    ByFile {
        /// The suspect start date; none for a damaged file.
        started: Option<DateTime<FixedOffset>>,
        /// When the file was last written.
        modified: DateTime<Utc>,
    },
    /// Nothing: the start date is suspect (or unknown) and so is the file's
    /// time (or it has none). Never deleted by age.
    Undated {
        /// The suspect start date; none for a damaged file.
        started: Option<DateTime<FixedOffset>>,
    },
}

impl Dated {
    /// Dates an interview that started at `started` (none for a damaged
    /// file) and whose file was last written at `modified`, at `now`.
    pub(crate) fn new(
        started: Option<DateTime<FixedOffset>>,
        modified: Option<SystemTime>,
        now: DateTime<Utc>,
    ) -> Dated {
        if let Some(s) = started.filter(|s| !is_suspect(s.to_utc(), now)) {
            return Dated::Started(s);
        }
        match modified.map(DateTime::<Utc>::from) {
            Some(modified) if !is_suspect(modified, now) => Dated::ByFile { started, modified },
            _ => Dated::Undated { started },
        }
    }

    /// The moment it is dated by; none when nothing dates it.
    pub(crate) fn at(&self) -> Option<DateTime<Utc>> {
        match self {
            Dated::Started(s) => Some(s.to_utc()),
            Dated::ByFile { modified, .. } => Some(*modified),
            Dated::Undated { .. } => None,
        }
    }

    /// Whether it is dated at or before `cutoff`: old enough to delete.
    /// Never when nothing dates it.
    pub(crate) fn is_before(&self, cutoff: DateTime<Utc>) -> bool {
        self.at().is_some_and(|at| at <= cutoff)
    }

    /// Whether its start date is suspect (or unknown).
    pub(crate) fn is_suspect(&self) -> bool {
        !matches!(self, Dated::Started(_))
    }

    /// What a list of interviews to delete by age says of one that is not
    /// dated by its start date; none for one that is.
    pub(crate) fn note(&self) -> Option<String> {
        let started = |s: &Option<DateTime<FixedOffset>>| match s {
            Some(s) => format!("start date {} is suspect", s.format("%Y-%m-%d")),
            None => "no start date".to_string(),
        };
        match self {
            Dated::Started(_) => None,
            Dated::ByFile {
                started: s,
                modified,
            } => Some(format!(
                "{}; dated by its file, last written {}",
                started(s),
                modified.format("%Y-%m-%d")
            )),
            Dated::Undated { started: s } => Some(format!(
                "{}, and so is its file's time: never deleted by age; delete it by id if it should go",
                started(s)
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn system(text: &str) -> SystemTime {
        at(text).to_utc().into()
    }

    #[test]
    fn ordinary_dates_decide_and_suspect_ones_never_alone() {
        let now = at("2026-11-21T10:00:00+01:00").to_utc();
        let written = Some(system("2026-11-20T09:00:00Z"));
        // A year or two back, or a minute ago: the start date.
        for started in ["2024-12-01T09:00:00+01:00", "2026-11-21T09:59:00+01:00"] {
            let d = Dated::new(Some(at(started)), written, now);
            assert_eq!(d, Dated::Started(at(started)));
            assert_eq!(d.note(), None);
        }
        // 1970, 1999, next week: the file's time.
        for started in [
            "1970-01-01T00:00:00Z",
            "1999-12-31T23:59:59Z",
            "2026-11-28T10:00:00+01:00",
        ] {
            let d = Dated::new(Some(at(started)), written, now);
            assert_eq!(
                d.at(),
                Some(at("2026-11-20T09:00:00Z").to_utc()),
                "{started}"
            );
            assert!(d.is_suspect());
            assert!(d.note().unwrap().contains("dated by its file"), "{d:?}");
        }
        // Both suspect, or no time at all: nothing dates it.
        for modified in [
            Some(system("1970-01-02T00:00:00Z")),
            Some(system("2030-01-01T00:00:00Z")),
            None,
        ] {
            let d = Dated::new(Some(at("1970-01-01T00:00:00Z")), modified, now);
            assert!(matches!(d, Dated::Undated { .. }), "{d:?}");
            assert!(!d.is_before(now), "never deleted by age");
            assert!(d.note().unwrap().contains("never deleted by age"));
        }
        // A damaged file: its file's time, unless that is suspect.
        let d = Dated::new(None, written, now);
        assert_eq!(
            d.note().unwrap(),
            "no start date; dated by its file, last written 2026-11-20"
        );
        assert!(d.is_before(now));
    }

    #[test]
    fn the_cutoff_is_inclusive() {
        let now = at("2026-11-21T10:00:00+01:00").to_utc();
        let d = Dated::new(Some(at("2026-05-25T10:00:00+01:00")), None, now);
        assert!(d.is_before(at("2026-05-25T10:00:00+01:00").to_utc()));
        assert!(!d.is_before(at("2026-05-25T09:59:59+01:00").to_utc()));
    }
}
