//! What an interview file may hold: one set of limits for the side that
//! writes interviews and the side that reads them back, so phonescreen never
//! writes a file it then refuses to open.

use super::record::Record;

/// The most of an interview file that is read. A 30-minute call is about
/// 100 KB; a 10,000-question bank makes a 1.75 MB file.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The most typed text an interview keeps: the notes of all its questions,
/// its scratch note and its summary together. About a thousand pages; a log
/// pasted by accident is what goes past it.
pub const MAX_TEXT_BYTES: usize = 4 * 1024 * 1024;

/// Environment variable that lowers [`MAX_TEXT_BYTES`] for a process run by
/// a test (builds with the `test-hooks` feature only), so that the limit
/// tests reach the limit in kilobytes rather than megabytes. It only lowers.
#[cfg(feature = "test-hooks")]
pub const TEXT_LIMIT_ENV: &str = "PHONESCREEN_TEST_MAX_TEXT_BYTES";

/// The most typed text an interview keeps: [`MAX_TEXT_BYTES`], or in test
/// builds less if [`TEXT_LIMIT_ENV`] says so (read once per process).
pub fn max_text_bytes() -> usize {
    #[cfg(feature = "test-hooks")]
    {
        static LIMIT: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
        *LIMIT.get_or_init(|| {
            std::env::var(TEXT_LIMIT_ENV)
                .ok()
                .and_then(|v| v.parse::<usize>().ok())
                .map_or(MAX_TEXT_BYTES, |n| n.min(MAX_TEXT_BYTES))
        })
    }
    #[cfg(not(feature = "test-hooks"))]
    MAX_TEXT_BYTES
}

/// The most pauses an interview records.
pub(crate) const MAX_PAUSES: usize = 1000;

/// The most seconds any time in a saved interview may count: a hundred years.
pub const MAX_SECONDS: u64 = 100 * 36525 * 24 * 36;

/// The bound on everything in the file but the typed text; see [`frame_bound`].
pub(crate) const MAX_FRAME_BYTES: u64 = 36 * 1024 * 1024;

/// The most bytes the file's YAML takes for one byte of text: a line of one
/// character in a `|` block at the deepest indent (12 spaces) takes 14 bytes
/// for 2; a control character escaped in quotes (`\x01`) takes 4 for 1.
pub(crate) const BYTES_PER_BYTE: u64 = 7;

/// What one piece of text can cost beyond [`BYTES_PER_BYTE`] per byte: its
/// quotes or `|2-` header and line end.
const PER_TEXT: u64 = 16;

/// The top-level keys and every value of bounded size (dates, numbers,
/// status, recommendation), with room to spare.
const HEAD_BYTES: u64 = 2048;
/// A section's keys and numbers.
const SECTION_BYTES: u64 = 160;
/// A question's keys and fixed-size values (state, times, `required`).
const QUESTION_BYTES: u64 = 320;
/// A pause's keys, date and number.
const PAUSE_BYTES: u64 = 160;
/// The list item and line end of a follow-up, a tag, a rating label.
const ITEM_BYTES: u64 = 16;

/// The most a piece of text of `len` bytes takes in the file.
pub(crate) fn text_bound(len: usize) -> u64 {
    (len as u64)
        .saturating_mul(BYTES_PER_BYTE)
        .saturating_add(PER_TEXT)
}

/// The typed text of `record`, in bytes: notes, scratch note and summary.
pub fn typed_bytes(record: &Record) -> usize {
    record
        .sections
        .iter()
        .flat_map(|s| &s.questions)
        .map(|q| q.notes.len())
        .sum::<usize>()
        + record.scratch.len()
        + record.summary.len()
}

/// A bound on the size in the file of everything in `record` but its typed
/// text, counting room for [`MAX_PAUSES`] pauses, so that later pauses
/// never take it past what was checked at the start.
pub(crate) fn frame_bound(record: &Record) -> u64 {
    let text = |s: &str| text_bound(s.len());
    let mut total = HEAD_BYTES;
    for s in [
        &record.candidate,
        &record.role,
        &record.interviewer,
        &record.bank.name,
        &record.bank.key,
        &record.bank.source,
        &record.bank.hash,
    ] {
        total += text(s);
    }
    if let Some(description) = &record.bank.description {
        total += text(description);
    }
    if let Some(prep) = &record.prep {
        total += text(&prep.file) + text(&prep.text);
    }
    for (name, value) in &record.variables {
        total += text(name) + text(value);
    }
    let longest_label = record.rating_scale.iter().map(String::len).max();
    for label in &record.rating_scale {
        total += ITEM_BYTES + text(label);
    }
    for s in &record.sections {
        total += SECTION_BYTES + text(&s.id) + text(&s.title);
        for q in &s.questions {
            total += QUESTION_BYTES + text(&q.id) + text(&q.ask);
            total += q.listen_for.as_deref().map_or(0, text);
            for item in q.follow_ups.iter().chain(&q.tags) {
                total += ITEM_BYTES + text(item);
            }
            // Any label of the scale may be chosen later.
            let rating = q.rating.as_deref().map(str::len).max(longest_label);
            total += text_bound(rating.unwrap_or(0));
        }
    }
    for p in &record.pauses {
        total += PAUSE_BYTES + p.reason.as_deref().map_or(0, text);
    }
    let slots = MAX_PAUSES.saturating_sub(record.pauses.len()) as u64;
    total + slots * (PAUSE_BYTES + text(super::AWAY_REASON))
}

/// A bound on the size of the file `record` is written as.
pub fn file_bound(record: &Record) -> u64 {
    frame_bound(record) + BYTES_PER_BYTE * typed_bytes(record) as u64
}

// A record within the limits is always written under the read cap.
const _: () = assert!(
    MAX_FRAME_BYTES + BYTES_PER_BYTE * MAX_TEXT_BYTES as u64 <= MAX_FILE_BYTES,
    "the limits must leave every file phonescreen writes readable"
);

/// A size in words: `812 bytes`, `14.2 KB`, `5.1 MB`.
pub fn size_words(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else if b < KB * KB {
        format!("{:.1} KB", b / KB)
    } else {
        format!("{:.1} MB", b / (KB * KB))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hundred_years_in_seconds() {
        assert_eq!(MAX_SECONDS, 3_155_760_000);
    }

    /// The limits are the ones the README gives, and nothing in a unit
    /// test lowers the one on text.
    #[test]
    fn the_limits_are_the_ones_the_readme_gives() {
        assert_eq!(MAX_TEXT_BYTES, 4 * 1024 * 1024);
        assert_eq!(max_text_bytes(), MAX_TEXT_BYTES);
        assert_eq!(MAX_FILE_BYTES, 64 * 1024 * 1024);
        assert_eq!(MAX_PAUSES, 1000);
        let readme = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"));
        let readme = readme.split_whitespace().collect::<Vec<_>>().join(" ");
        for said in [
            "4 MB of typed text, 1,000 pauses, times of up to a hundred years",
            "the 64 MB an interview file is read up to",
        ] {
            assert!(readme.contains(said), "the README no longer says {said:?}");
        }
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size_words(812), "812 bytes");
        assert_eq!(size_words(14 * 1024 + 205), "14.2 KB");
        assert_eq!(size_words(MAX_TEXT_BYTES as u64), "4.0 MB");
    }
}
