//! An interview as text for other tools: Markdown laid out to paste into a
//! hiring system's scorecard, and JSON or YAML of the whole record for
//! scripts and spreadsheets.
//!
//! No hiring system (Greenhouse, Lever, Ashby) lets a tool write a
//! scorecard, so the Markdown is shaped to be pasted: the take-aways first,
//! then every section with its questions, ratings and notes. It reads as
//! plain text too, and carries no terminal escapes: control characters
//! from the file are dropped.

use serde_json::Value;

use crate::interview::record::{QuestionState, Record, Status};

/// Version of the JSON and YAML export layout: the saved record's fields
/// plus `id`, documented in the README. Bumped when a field changes meaning
/// or goes away.
pub const EXPORT_FORMAT: u32 = 1;

/// `m:ss`.
fn clock(seconds: u64) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// `text` without control characters other than line breaks and tabs (a
/// lone carriage return becomes a line break).
fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .map(|c| if c == '\r' { '\n' } else { c })
        .filter(|c| matches!(c, '\n' | '\t') || !c.is_control())
        .filter(|c| !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .collect()
}

/// `text` on one line.
fn line(text: &str) -> String {
    clean(text).replace(['\n', '\t'], " ")
}

/// The interview as Markdown for a scorecard.
pub fn markdown(record: &Record) -> String {
    let mut out = String::new();
    let push = |out: &mut String, s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    push(
        &mut out,
        &format!("# {} — {}", line(&record.candidate), line(&record.role)),
    );
    push(&mut out, "");
    let mut facts = vec![format!(
        "{} · {}",
        record.started_at.format("%Y-%m-%d %H:%M"),
        record.status.label()
    )];
    if !record.interviewer.trim().is_empty() {
        facts.push(format!("interviewer: {}", line(&record.interviewer)));
    }
    facts.push(format!(
        "bank: {} · {} of {} min",
        line(&record.bank.name),
        clock(record.elapsed_seconds),
        record.planned_minutes
    ));
    push(&mut out, &facts.join(" · "));
    push(&mut out, "");
    push(&mut out, "## Key take-aways");
    push(&mut out, "");
    let outcome = if record.status == Status::NoShow {
        "**No-show:** the candidate did not come.".to_string()
    } else {
        format!(
            "**Recommendation:** {}",
            record.recommendation.map_or("none yet", |r| r.label())
        )
    };
    push(&mut out, &outcome);
    let summary = clean(record.summary.trim());
    if !summary.is_empty() {
        push(&mut out, "");
        push(&mut out, &summary);
    }
    for section in &record.sections {
        push(&mut out, "");
        push(
            &mut out,
            &format!(
                "## {} ({} of {} planned)",
                line(&section.title),
                clock(section.spent_seconds),
                clock(section.planned_seconds)
            ),
        );
        for q in &section.questions {
            push(&mut out, "");
            push(&mut out, &format!("### {}", line(&q.ask)));
            let mut facts = vec![match q.state {
                QuestionState::Asked => "asked".to_string(),
                other => other.label().to_string(),
            }];
            if let Some(rating) = &q.rating {
                facts.push(format!("rating: **{}**", line(rating)));
            }
            if let Some(at) = q.first_note_seconds {
                facts.push(format!("first note at {}", clock(at)));
            }
            push(&mut out, "");
            push(&mut out, &format!("*{}*", facts.join(" · ")));
            let notes = clean(q.notes.trim_end());
            if !notes.trim().is_empty() {
                push(&mut out, "");
                push(&mut out, &notes);
            }
        }
    }
    let scratch = clean(record.scratch.trim());
    if !scratch.is_empty() {
        push(&mut out, "");
        push(&mut out, "## Other notes");
        push(&mut out, "");
        push(&mut out, &scratch);
    }
    out
}

/// The whole record with its `id` (the file name without `.yaml`) and the
/// [`EXPORT_FORMAT`] as `export_format`.
pub fn json(record: &Record, id: &str) -> Value {
    let mut map = serde_json::Map::new();
    map.insert("export_format".into(), Value::from(EXPORT_FORMAT));
    map.insert("id".into(), Value::String(id.to_string()));
    if let Ok(Value::Object(fields)) = serde_json::to_value(record) {
        map.extend(fields);
    }
    Value::Object(map)
}

/// The same as [`json`], as YAML every reader reads right.
pub fn yaml(record: &Record, id: &str) -> Result<String, crate::yaml::SyntaxError> {
    crate::yaml::to_string(&json(record, id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::sample_record;

    #[test]
    fn markdown_puts_the_take_aways_first_and_drops_escapes() {
        let mut r = sample_record(3, 0);
        r.recommendation = Some(crate::interview::record::Recommendation::Yes);
        r.summary = "Solid.\u{1b}]52;c;aGk=\u{7}".into();
        r.question_mut(0).unwrap().notes = "line one\r\nline two".into();
        let md = markdown(&r);
        let take = md.find("## Key take-aways").unwrap();
        assert!(take < md.find("## Section 1").unwrap(), "{md}");
        assert!(md.contains("**Recommendation:** Yes"));
        assert!(!md.contains('\u{1b}') && !md.contains('\u{7}') && !md.contains('\r'));
        assert!(md.contains("line one\nline two"));
    }

    #[test]
    fn json_and_yaml_carry_the_id_and_read_back() {
        let r = sample_record(2, 10);
        let value = json(&r, "20250304-101500-ada");
        assert_eq!(value["id"], "20250304-101500-ada");
        assert_eq!(value["export_format"], 1);
        assert_eq!(value["sections"][0]["questions"][0]["id"], "q-1");
        let text = yaml(&r, "x").unwrap();
        let back: Value = crate::yaml::from_str(&text).unwrap();
        assert_eq!(back, json(&r, "x"));
    }
}
