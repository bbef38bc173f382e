//! The scorecard as Markdown that renders exactly what was typed, in
//! CommonMark and Python-Markdown renderers alike: typed text is escaped so
//! that neither reads it as a heading, a list, emphasis or HTML. Which
//! characters get which escape, and why: docs/ARCHITECTURE.md.

use super::{Questions, clean, clock, line};
use crate::interview::record::{QuestionState, Record, Status};

/// `text`, one line, for use anywhere inside a Markdown line.
pub(super) fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '~' => out.push_str("&#126;"),
            '|' => out.push_str("&#124;"),
            '$' => out.push_str("&#36;"),
            '^' => out.push_str("&#94;"),
            c => out.push(c),
        }
    }
    out
}

/// One typed line as the start of a Markdown line: its indentation kept
/// as non-breaking spaces (a tab as four), and whatever would open a block
/// there (`-`, `+`, `=`, `:`, `1.`, `1)`) escaped.
fn block_line(text: &str) -> String {
    let body = text.trim_start_matches([' ', '\t']);
    let indent = &text[..text.len() - body.len()];
    let mut out = String::new();
    for c in indent.chars() {
        out.push_str(if c == '\t' {
            "&nbsp;&nbsp;&nbsp;&nbsp;"
        } else {
            "&nbsp;"
        });
    }
    let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let (lead, rest) = match body.chars().next() {
        Some('-' | '+') => (format!("\\{}", &body[..1]), &body[1..]),
        Some('=') => ("&#61;".to_string(), &body[1..]),
        Some(':') => ("&#58;".to_string(), &body[1..]),
        _ if digits > 0 && body[digits..].starts_with(['.', ')']) => (
            format!("{}\\{}", &body[..digits], &body[digits..digits + 1]),
            &body[digits + 1..],
        ),
        _ => (String::new(), body),
    };
    out.push_str(&lead);
    out.push_str(&inline(rest));
    out
}

/// Typed text of any number of lines as Markdown paragraphs: each typed
/// line a line of its own, blank lines between paragraphs, control
/// characters dropped, trailing blanks (invisible, and they would make
/// line breaks of their own) trimmed.
pub(super) fn block(text: &str) -> String {
    let cleaned = clean(text);
    let mut paragraphs: Vec<Vec<String>> = vec![Vec::new()];
    for typed in cleaned.lines() {
        let typed = typed.trim_end();
        if typed.is_empty() {
            if paragraphs.last().is_some_and(|p| !p.is_empty()) {
                paragraphs.push(Vec::new());
            }
        } else if let Some(p) = paragraphs.last_mut() {
            p.push(block_line(typed));
        }
    }
    paragraphs
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.join("  \n"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The scorecard in Markdown: the take-aways first, then each section
/// with its questions (all, or only those asked), then the scratch note.
pub(super) fn scorecard(record: &Record, questions: Questions) -> String {
    let mut out = String::new();
    let mut push = |s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    push(&format!(
        "# {} — {}",
        inline(line(&record.candidate).trim()),
        inline(line(&record.role).trim())
    ));
    push("");
    let mut facts = vec![format!(
        "{} · {}",
        record.started_at.format("%Y-%m-%d %H:%M"),
        record.status.label()
    )];
    if !record.interviewer.trim().is_empty() {
        facts.push(format!(
            "interviewer: {}",
            inline(line(&record.interviewer).trim())
        ));
    }
    facts.push(format!(
        "bank: {} · {} of {} min",
        inline(line(&record.bank.name).trim()),
        clock(record.elapsed_seconds),
        record.planned_minutes
    ));
    push(&facts.join(" · "));
    push("");
    push("## Key take-aways");
    push("");
    if record.status == Status::NoShow {
        push("**No-show:** the candidate did not come.");
    } else {
        push(&format!(
            "**Recommendation:** {}",
            record.recommendation.map_or("none yet", |r| r.label())
        ));
    }
    let summary = block(&record.summary);
    if !summary.is_empty() {
        push("");
        push(&summary);
    }
    if questions == Questions::AskedOnly
        && let Some(left_out) = super::left_out(record)
    {
        push("");
        push(&format!("{left_out}."));
    }
    for section in &record.sections {
        let shown: Vec<_> = section
            .questions
            .iter()
            .filter(|q| questions == Questions::All || q.state == QuestionState::Asked)
            .collect();
        if shown.is_empty() && questions == Questions::AskedOnly {
            continue;
        }
        push("");
        push(&format!(
            "## {} ({} of {} planned)",
            inline(line(&section.title).trim()),
            clock(section.spent_seconds),
            clock(section.planned_seconds)
        ));
        for q in shown {
            push("");
            push(&format!("### {}", inline(line(&q.ask).trim())));
            let mut facts = Vec::new();
            let rating = q.rating.as_deref().map(|r| line(r).trim().to_string());
            if let Some(rating) = rating.filter(|r| !r.is_empty()) {
                facts.push(format!("**Rating:** {}", inline(&rating)));
            }
            facts.push(q.state.label().to_string());
            if let Some(at) = q.first_note_seconds {
                facts.push(format!("first note at {}", clock(at)));
            }
            push("");
            push(&facts.join(" · "));
            let notes = block(&q.notes);
            if !notes.is_empty() {
                push("");
                push(&notes);
            }
        }
    }
    let scratch = block(&record.scratch);
    if !scratch.is_empty() {
        push("");
        push("## Other notes");
        push("");
        push(&scratch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_escapes_what_either_renderer_reads_as_markup() {
        assert_eq!(inline("__init__"), "\\_\\_init\\_\\_");
        assert_eq!(inline("O<Brien>"), "O&lt;Brien&gt;");
        assert_eq!(inline("a & b"), "a &amp; b");
        assert_eq!(inline("<script>"), "&lt;script&gt;");
        assert_eq!(inline("~~x~~ | y"), "&#126;&#126;x&#126;&#126; &#124; y");
        assert_eq!(inline("C# [x](y) `z`"), "C\\# \\[x\\](y) \\`z\\`");
        assert_eq!(inline("$200k-$300k, 2^10"), "&#36;200k-&#36;300k, 2&#94;10");
        assert_eq!(inline("plain, words: 1. 2)"), "plain, words: 1. 2)");
    }

    #[test]
    fn a_block_keeps_each_typed_line_and_opens_nothing() {
        assert_eq!(block("# of services"), "\\# of services");
        assert_eq!(block("one\ntwo\nthree"), "one  \ntwo  \nthree");
        assert_eq!(block("a\n\n\n b \n"), "a\n\n&nbsp;b");
        assert_eq!(
            block("- x\n+ y\n= z\n: d"),
            "\\- x  \n\\+ y  \n&#61; z  \n&#58; d"
        );
        assert_eq!(block("1986. A year\n2) b"), "1986\\. A year  \n2\\) b");
        assert_eq!(
            block("\tcode\n    more"),
            "&nbsp;&nbsp;&nbsp;&nbsp;code  \n&nbsp;&nbsp;&nbsp;&nbsp;more"
        );
        assert_eq!(block("ok\u{1b}[2J\r\nnext"), "ok\\[2J  \nnext");
        assert_eq!(block(" \n\t\n"), "");
    }
}
