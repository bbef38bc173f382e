//! The scorecard as plain text, for the plain-text boxes of hiring systems
//! (Greenhouse's and Lever's scorecard fields show `###` and `**` as they
//! are): no markup at all, lines no wider than a given width, and only the
//! questions that were asked, with a line saying how many were not.

use super::{clean, clock, line};
use crate::display;
use crate::interview::record::{QuestionState, Record, Status};

/// Lines at most `width` columns wide (by display width: a CJK character
/// takes two). Typed lines are kept; a longer one is wrapped between
/// words, continuing at its indentation, and a word wider than the line is
/// cut (a long address or a stack trace would otherwise overflow).
struct Wrapped {
    width: usize,
    out: String,
}

impl Wrapped {
    fn blank(&mut self) {
        self.out.push('\n');
    }

    /// `text`, any number of lines, each wrapped on its own; tabs become
    /// four spaces (a plain-text box has no tab stops to agree on).
    fn text(&mut self, text: &str) {
        for typed in clean(text).replace('\t', "    ").lines() {
            self.line(typed.trim_end());
        }
    }

    fn line(&mut self, text: &str) {
        let body = text.trim_start_matches(' ');
        // An indentation as wide as the line would leave no room to wrap in.
        let indent = " ".repeat((text.len() - body.len()).min(self.width / 2));
        let room = self.width - indent.len();
        let mut current = String::new();
        let flush = |current: &mut String, out: &mut String| {
            out.push_str(&indent);
            out.push_str(current.trim_end());
            out.push('\n');
            current.clear();
        };
        if body.is_empty() {
            self.out.push('\n');
            return;
        }
        for word in body.split(' ') {
            let gap = usize::from(!current.is_empty());
            if display::width(&current) + gap + display::width(word) <= room {
                if gap == 1 {
                    current.push(' ');
                }
                current.push_str(word);
                continue;
            }
            if !current.is_empty() {
                flush(&mut current, &mut self.out);
            }
            // A word wider than the room is cut into pieces that fit.
            let mut piece = String::new();
            for c in word.chars() {
                if display::width(&piece) + display::width(&c.to_string()) > room {
                    flush(&mut piece, &mut self.out);
                }
                piece.push(c);
            }
            current = piece;
        }
        if !current.is_empty() {
            flush(&mut current, &mut self.out);
        }
    }
}

/// The scorecard as plain text, `width` columns wide.
pub(super) fn scorecard(record: &Record, width: usize) -> String {
    let mut w = Wrapped {
        width: width.max(20),
        out: String::new(),
    };
    let mut title = line(&record.candidate).trim().to_string();
    if !record.role.trim().is_empty() {
        title.push_str(" — ");
        title.push_str(line(&record.role).trim());
    }
    w.line(&title);
    let mut facts = vec![
        record.started_at.format("%Y-%m-%d %H:%M").to_string(),
        record.status.label().to_string(),
    ];
    if !record.interviewer.trim().is_empty() {
        facts.push(format!("interviewer: {}", line(&record.interviewer).trim()));
    }
    w.line(&facts.join(" · "));
    w.line(&format!(
        "bank: {} · {} of {} min",
        line(&record.bank.name).trim(),
        clock(record.elapsed_seconds),
        record.planned_minutes
    ));
    w.blank();
    if record.status == Status::NoShow {
        w.line("No-show: the candidate did not come.");
    } else {
        w.line(&format!(
            "Recommendation: {}",
            record.recommendation.map_or("none yet", |r| r.label())
        ));
    }
    if !record.summary.trim().is_empty() {
        w.blank();
        w.text(record.summary.trim_matches('\n'));
    }
    if let Some(left_out) = super::left_out(record) {
        w.blank();
        w.line(&format!("{left_out}."));
    }
    let mut number = 0;
    for section in &record.sections {
        let mut asked = Vec::new();
        for q in &section.questions {
            number += 1;
            if q.state == QuestionState::Asked {
                asked.push((number, q));
            }
        }
        if asked.is_empty() {
            continue;
        }
        w.blank();
        w.line(&format!(
            "{} ({} of {} planned)",
            line(&section.title).trim(),
            clock(section.spent_seconds),
            clock(section.planned_seconds)
        ));
        for (number, q) in asked {
            w.blank();
            w.line(&format!("Q{number}. {}", line(&q.ask).trim()));
            let mut facts = Vec::new();
            let rating = q.rating.as_deref().map(|r| line(r).trim().to_string());
            match rating.filter(|r| !r.is_empty()) {
                Some(rating) => facts.push(format!("Rating: {rating}")),
                None => facts.push("Not rated".to_string()),
            }
            if let Some(at) = q.first_note_seconds {
                facts.push(format!("first note at {}", clock(at)));
            }
            w.line(&facts.join(" · "));
            if !q.notes.trim().is_empty() {
                w.text(q.notes.trim_matches('\n'));
            }
        }
    }
    if !record.scratch.trim().is_empty() {
        w.blank();
        w.line("Other notes:");
        w.text(record.scratch.trim_matches('\n'));
    }
    w.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(text: &str, width: usize) -> String {
        let mut w = Wrapped {
            width,
            out: String::new(),
        };
        w.text(text);
        w.out
    }

    #[test]
    fn lines_wrap_between_words_and_keep_their_indentation() {
        assert_eq!(wrapped("one two three four", 9), "one two\nthree\nfour\n");
        assert_eq!(
            wrapped("  - one two three", 10),
            "  - one\n  two\n  three\n"
        );
        assert_eq!(wrapped("short\n\nlines", 20), "short\n\nlines\n");
        assert_eq!(wrapped("\tx", 20), "    x\n");
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut_and_wide_characters_count_twice() {
        assert_eq!(wrapped("abcdefghij k", 4), "abcd\nefgh\nij k\n");
        assert_eq!(wrapped("李雷李雷李", 4), "李雷\n李雷\n李\n");
    }
}
