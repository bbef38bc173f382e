//! JSON Schemas (draft 2020-12) of what phonescreen writes for scripts
//! (`export`, `sessions list --json`, `compare --json`, `report --json`),
//! printed by `phonescreen schema NAME`. Strict where the layout is ours
//! (closed objects, required fields), so a test that validates real output
//! catches a field added without its schema.

use serde_json::{Map, Value, json};

use super::compare::COMPARE_FORMAT;
use super::export::EXPORT_FORMAT;
use super::report::REPORT_FORMAT;
use crate::interview::record::{FORMAT_VERSION, QuestionState, Recommendation, Status};

const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

fn string(description: &str) -> Value {
    json!({ "type": "string", "description": description })
}

fn boolean(description: &str) -> Value {
    json!({ "type": "boolean", "description": description })
}

/// A whole number of something: seconds, interviews, questions.
fn count(description: &str) -> Value {
    json!({ "type": "integer", "minimum": 0, "description": description })
}

/// An RFC 3339 time with its offset, as chrono writes it.
fn time(description: &str) -> Value {
    json!({ "type": "string", "format": "date-time", "description": description })
}

/// `schema` or `null`.
fn nullable(schema: Value) -> Value {
    let mut schema = schema;
    let one = schema["type"].take();
    schema["type"] = json!([one, "null"]);
    if let Some(values) = schema.get_mut("enum").and_then(Value::as_array_mut) {
        values.push(Value::Null);
    }
    schema
}

fn list(items: Value, description: &str) -> Value {
    json!({ "type": "array", "items": items, "description": description })
}

/// A closed object: `properties` as `(name, schema)`, the ones named in
/// `optional` left out of `required` (they are written only when set).
fn object(description: &str, properties: Vec<(&str, Value)>, optional: &[&str]) -> Value {
    debug_assert!(
        optional
            .iter()
            .all(|o| properties.iter().any(|(name, _)| name == o)),
        "an optional field must be a property"
    );
    let required: Vec<&str> = properties
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| !optional.contains(name))
        .collect();
    let properties: Map<String, Value> = properties
        .into_iter()
        .map(|(name, schema)| (name.to_string(), schema))
        .collect();
    crate::bank::schema::closed_object(description, &required, Value::Object(properties))
}

/// The values a serde enum writes.
fn words<T: serde::Serialize>(values: &[T], description: &str) -> Value {
    let words: Vec<Value> = values
        .iter()
        .map(|v| serde_json::to_value(v).expect("a unit variant serializes"))
        .collect();
    json!({ "type": "string", "enum": words, "description": description })
}

fn status() -> Value {
    words(
        &[
            Status::Waiting,
            Status::InProgress,
            Status::Completed,
            Status::NoShow,
        ],
        "waiting (opened, the call not started), in_progress, completed or no_show",
    )
}

fn recommendation() -> Value {
    nullable(words(
        &Recommendation::ALL,
        "The interviewer's overall call; null until made",
    ))
}

fn question_state() -> Value {
    words(
        &[
            QuestionState::Asked,
            QuestionState::Skipped,
            QuestionState::NotReached,
        ],
        "asked, skipped or not_reached",
    )
}

/// A document: `body` with the draft and a title.
fn document(title: &str, mut body: Value) -> Value {
    let mut doc = Map::new();
    doc.insert("$schema".into(), json!(DRAFT));
    doc.insert("title".into(), json!(title));
    if let Value::Object(fields) = body.take() {
        doc.extend(fields);
    }
    Value::Object(doc)
}

/// One interview as `export --format json` writes it (also each line of
/// `export --all`, and `--format yaml` read as JSON).
pub(crate) fn export() -> Value {
    let bank = object(
        "The bank the interview used",
        vec![
            ("name", string("The bank's name")),
            ("key", string("The short name used with --bank")),
            ("source", string("`built-in` or the bank file's path")),
            (
                "hash",
                string("SHA-256 of the bank file when the interview started"),
            ),
            (
                "description",
                string("The bank's advice for before the call; absent when it has none"),
            ),
        ],
        &["description"],
    );
    let pause = object(
        "One pause",
        vec![
            ("started_at", time("When it began")),
            ("seconds", count("How long it lasted")),
            (
                "reason",
                string("Why, when phonescreen rather than the interviewer paused"),
            ),
        ],
        &["reason"],
    );
    let question = object(
        "One question as asked, and what was recorded for it",
        vec![
            ("id", string("The bank's question id")),
            ("ask", string("The question exactly as asked")),
            ("listen_for", string("The guidance as shown")),
            (
                "follow_ups",
                list(json!({"type": "string"}), "Follow-ups as shown"),
            ),
            (
                "tags",
                list(json!({"type": "string"}), "Tags from the bank"),
            ),
            ("required", boolean("Whether the bank marks it required")),
            ("state", question_state()),
            (
                "rating",
                nullable(string("The rating label chosen; null when none")),
            ),
            (
                "first_note_seconds",
                nullable(count(
                    "Interview time when its first note was typed; null when none",
                )),
            ),
            ("notes", string("The notes, exactly as typed")),
        ],
        &["listen_for", "follow_ups", "tags"],
    );
    let section = object(
        "A section as it was run",
        vec![
            ("id", string("The bank's section id")),
            ("title", string("Its title as shown")),
            (
                "planned_seconds",
                count("Its plan, scaled to the interview's length"),
            ),
            (
                "spent_seconds",
                count("Interview time spent on its questions"),
            ),
            ("questions", list(question, "Its questions, in order")),
        ],
        &[],
    );
    let prep = object(
        "The candidate's prep file, when one was given",
        vec![
            ("file", string("The file's name as given")),
            ("text", string("Its text, as read")),
        ],
        &[],
    );
    let mut interview = object(
        "One saved interview with its id",
        vec![
            (
                "export_format",
                json!({"const": EXPORT_FORMAT, "description": "Version of this layout"}),
            ),
            (
                "id",
                string("The interview id (the file name without .yaml)"),
            ),
            (
                "format",
                json!({
                    "type": "integer",
                    "minimum": 1,
                    "maximum": FORMAT_VERSION,
                    "description": "Version of the saved file's layout",
                }),
            ),
            ("status", status()),
            ("candidate", string("The candidate's name")),
            ("role", string("The role interviewed for")),
            ("interviewer", string("The interviewer's name")),
            ("bank", bank),
            (
                "variables",
                json!({
                    "type": "object",
                    "additionalProperties": {"type": "string"},
                    "description": "Bank variable values, by name",
                }),
            ),
            (
                "rating_scale",
                list(json!({"type": "string"}), "The rating labels, worst first"),
            ),
            (
                "planned_minutes",
                json!({"type": "integer", "minimum": 1, "maximum": 480,
                       "description": "The interview's length"}),
            ),
            (
                "started_at",
                time("When the call started (while waiting, when it was opened)"),
            ),
            (
                "opened_at",
                time("When it was opened, waiting for the candidate"),
            ),
            ("updated_at", time("When it was last saved")),
            ("revision", count("How many changes the file holds")),
            (
                "ended_at",
                nullable(time(
                    "When it was finished or recorded as a no-show; null before",
                )),
            ),
            (
                "amended_at",
                time("When it was last amended after the call"),
            ),
            ("elapsed_seconds", count("Interview time, pauses left out")),
            ("paused_seconds", count("Time paused")),
            ("paused", boolean("Whether the timer was paused when saved")),
            ("pauses", list(pause, "Every pause")),
            (
                "current_question",
                count("Where the interview was (0-based, across sections)"),
            ),
            ("recommendation", recommendation()),
            (
                "sections",
                json!({"type": "array", "items": section, "minItems": 1,
                       "description": "The sections and their questions"}),
            ),
            ("scratch", string("Notes tied to no question")),
            ("summary", string("The summary")),
            ("prep", prep),
        ],
        &["opened_at", "amended_at", "prep"],
    );
    interview["description"] = json!(
        "One interview as `phonescreen export --format json` writes it: the saved record with `export_format` and `id` in front"
    );
    document("phonescreen export", interview)
}

/// `sessions list --json`: an array of rows.
pub(crate) fn sessions() -> Value {
    let row = object(
        "One saved interview",
        vec![
            (
                "id",
                string("The interview id, as `resume` and `export` take it"),
            ),
            ("path", string("Its file")),
            ("candidate", string("The candidate's name")),
            ("role", string("The role interviewed for")),
            ("interviewer", string("The interviewer's name")),
            ("bank", string("The bank's name")),
            ("started_at", time("When the call started")),
            ("updated_at", time("When it was last saved")),
            ("status", status()),
            ("recommendation", recommendation()),
            ("elapsed_seconds", count("Interview time")),
            (
                "question_count",
                nullable(count(
                    "Questions in all; null when only the file's header was read",
                )),
            ),
            (
                "asked_count",
                nullable(count(
                    "Questions asked; null when only the file's header was read",
                )),
            ),
        ],
        &[],
    );
    document(
        "phonescreen sessions list --json",
        json!({
            "type": "array",
            "items": row,
            "description": "The saved interviews, newest first",
        }),
    )
}

/// `compare --json`.
pub(crate) fn compare() -> Value {
    let column = object(
        "One interview, oldest first",
        vec![
            (
                "heading",
                string("The candidate, with the date when two columns share a name"),
            ),
            ("candidate", string("The candidate's name")),
            ("started_at", time("When the interview started")),
            ("recommendation", recommendation()),
            ("no_show", boolean("Whether the candidate did not come")),
        ],
        &[],
    );
    let cell = object(
        "The question in that interview",
        vec![
            ("state", question_state()),
            (
                "rating",
                nullable(string("The rating given; null when none")),
            ),
            ("notes", boolean("Whether it has notes")),
        ],
        &[],
    );
    let row = object(
        "One question across the interviews",
        vec![
            ("id", string("The question's id")),
            (
                "ask",
                string("Its wording in the newest interview that had it"),
            ),
            (
                "cells",
                list(
                    json!({"anyOf": [{"type": "null"}, cell]}),
                    "One per column: null when that interview's bank did not have the question",
                ),
            ),
            (
                "changed",
                boolean("Worded differently in some interview, or missing from one"),
            ),
        ],
        &[],
    );
    let grid = object(
        "The interviews of one bank, question by question",
        vec![
            ("bank", string("The bank's key")),
            ("bank_name", string("The bank's name")),
            (
                "bank_changed",
                boolean("Whether the bank was edited between the interviews"),
            ),
            ("columns", list(column, "One per interview, oldest first")),
            ("rows", list(row, "One per question")),
        ],
        &[],
    );
    document(
        "phonescreen compare --json",
        object(
            "Candidates side by side, one grid per bank",
            vec![
                (
                    "compare_format",
                    json!({"const": COMPARE_FORMAT, "description": "Version of this layout"}),
                ),
                (
                    "grids",
                    list(grid, "One per bank, the bank of the newest interview first"),
                ),
            ],
            &[],
        ),
    )
}

/// `report --json`.
pub(crate) fn report() -> Value {
    let section = object(
        "One section's time across the interviews",
        vec![
            ("id", string("The section's id")),
            ("planned_seconds", count("Its plan in the newest interview")),
            (
                "spent_seconds",
                list(count("Time"), "Time spent in each interview that had it"),
            ),
            (
                "median_seconds",
                count("The median time spent (the mean of the middle two for an even count)"),
            ),
            ("over_plan", count("How many interviews ran over the plan")),
        ],
        &[],
    );
    let question = object(
        "One question across the interviews",
        vec![
            ("id", string("The question's id")),
            ("asked", count("Interviews that asked it")),
            ("skipped", count("Interviews that skipped it")),
            ("not_reached", count("Interviews that never reached it")),
            (
                "ratings",
                list(
                    count("Times given"),
                    "How often each label of rating_scale was given, in its order",
                ),
            ),
        ],
        &[],
    );
    let report = object(
        "The completed interviews of one bank",
        vec![
            ("bank", string("The bank's key")),
            ("bank_name", string("The bank's name")),
            (
                "completed_interviews",
                count("Completed interviews counted"),
            ),
            (
                "no_shows",
                count("No-shows of the bank: left out of every figure, only counted"),
            ),
            (
                "rating_scale",
                list(
                    json!({"type": "string"}),
                    "The rating labels, worst first (the newest interview's)",
                ),
            ),
            ("sections", list(section, "In the newest interview's order")),
            (
                "questions",
                list(
                    question,
                    "In the newest interview's order, then any only older ones had",
                ),
            ),
            (
                "bank_hashes",
                list(
                    json!({"type": "string"}),
                    "The versions of the bank (SHA-256) among the interviews",
                ),
            ),
        ],
        &[],
    );
    document(
        "phonescreen report --json",
        object(
            "How a bank's questions fare, one report per bank",
            vec![
                (
                    "report_format",
                    json!({"const": REPORT_FORMAT, "description": "Version of this layout"}),
                ),
                (
                    "reports",
                    list(
                        report,
                        "One per bank, the bank of the newest interview first",
                    ),
                ),
            ],
            &[],
        ),
    )
}

/// `schema` as the command prints it: indented, with a final line break.
pub(crate) fn text(schema: &Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).expect("a schema serializes");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_declares_its_draft_and_is_closed() {
        for (name, schema) in [
            ("export", export()),
            ("sessions", sessions()),
            ("compare", compare()),
            ("report", report()),
        ] {
            assert_eq!(schema["$schema"], DRAFT, "{name}");
            // Every object that lists properties allows no others.
            fn closed(v: &Value, name: &str) {
                match v {
                    Value::Object(map) => {
                        if map.contains_key("properties") {
                            assert_eq!(map["additionalProperties"], false, "{name}: {v}");
                        }
                        map.values().for_each(|v| closed(v, name));
                    }
                    Value::Array(items) => items.iter().for_each(|v| closed(v, name)),
                    _ => {}
                }
            }
            closed(&schema, name);
        }
    }

    #[test]
    fn nullable_adds_null_to_the_type_and_the_values() {
        assert_eq!(
            nullable(json!({"type": "string", "enum": ["a"]})),
            json!({"type": ["string", "null"], "enum": ["a", null]})
        );
    }
}
