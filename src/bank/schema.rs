//! The JSON Schema (draft-07) of the bank format, for editors and CI.
//!
//! Built from the same key lists and limits the validator uses, so the two
//! cannot drift; `question_banks/bank.schema.json` is this output, committed.

use serde_json::{Value, json};

use super::load::{
    BANK_KEYS, ID_PATTERN, MINUTES_RANGE, QUESTION_KEYS, RATINGS_RANGE, SECTION_KEYS,
    VARIABLE_KEYS, VARIABLE_PATTERN,
};
use super::model::{DEFAULT_DURATION_MINUTES, DEFAULT_RATINGS};

fn text(description: &str) -> Value {
    json!({ "type": "string", "description": description })
}

fn non_empty(description: &str) -> Value {
    json!({ "type": "string", "minLength": 1, "pattern": "\\S", "description": description })
}

fn minutes(description: &str) -> Value {
    json!({
        "type": "integer",
        "minimum": MINUTES_RANGE.start(),
        "maximum": MINUTES_RANGE.end(),
        "description": description,
    })
}

fn object(properties: Value, required: &[&str], keys: &[&str], description: &str) -> Value {
    debug_assert_eq!(
        properties.as_object().map(|o| o.len()),
        Some(keys.len()),
        "schema properties must match the validator's keys"
    );
    json!({
        "type": "object",
        "description": description,
        "additionalProperties": false,
        "required": required,
        "properties": properties,
    })
}

/// The schema as a JSON value.
pub fn schema() -> Value {
    let question = object(
        json!({
            "id": { "type": "string", "pattern": ID_PATTERN, "description": "Unique across the bank: lowercase letters, digits and '-'." },
            "ask": non_empty("The question, as the interviewer asks it. May use ${variable} references."),
            "listen_for": text("What a good answer shows: guidance for the interviewer. May use ${variable} references."),
            "follow_ups": { "type": "array", "items": non_empty("A follow-up question."), "description": "Follow-up questions to dig deeper." },
            "tags": { "type": "array", "items": non_empty("A tag."), "description": "Free-form tags, e.g. communication." },
            "required": { "type": "boolean", "default": false, "description": "Warn at finish when this question was not asked." },
        }),
        &["id", "ask"],
        QUESTION_KEYS,
        "One question.",
    );
    let section = object(
        json!({
            "id": { "type": "string", "pattern": ID_PATTERN, "description": "Unique section id: lowercase letters, digits and '-'." },
            "title": non_empty("Section title shown in the outline."),
            "minutes": minutes("Time budget for pacing."),
            "questions": { "type": "array", "minItems": 1, "items": question },
        }),
        &["id", "title", "questions"],
        SECTION_KEYS,
        "A group of questions with an optional time budget.",
    );
    let variable = object(
        json!({
            "prompt": non_empty("What the interviewer is asked at the start."),
            "default": text("Value used when the interviewer gives none."),
        }),
        &["prompt"],
        VARIABLE_KEYS,
        "A ${name} placeholder filled in at the start of an interview.",
    );
    let bank = object(
        json!({
            "name": non_empty("The bank's name."),
            "description": text("Shown before the call: advice for the interviewer."),
            "duration_minutes": {
                "type": "integer",
                "minimum": MINUTES_RANGE.start(),
                "maximum": MINUTES_RANGE.end(),
                "default": DEFAULT_DURATION_MINUTES,
                "description": "Planned length of the interview.",
            },
            "variables": {
                "type": "object",
                "description": "Placeholders referenced as ${name} in ask, listen_for and follow_ups.",
                "propertyNames": { "pattern": VARIABLE_PATTERN },
                "additionalProperties": variable,
            },
            "ratings": {
                "type": "array",
                "minItems": RATINGS_RANGE.start(),
                "maxItems": RATINGS_RANGE.end(),
                "uniqueItems": true,
                "items": non_empty("A rating label, worst first."),
                "default": DEFAULT_RATINGS,
                "description": "Per-question rating labels, worst first.",
            },
            "sections": { "type": "array", "minItems": 1, "items": section },
        }),
        &["name", "sections"],
        BANK_KEYS,
        "A phonescreen question bank.",
    );
    let mut bank = bank;
    if let Some(obj) = bank.as_object_mut() {
        obj.insert(
            "$schema".into(),
            json!("http://json-schema.org/draft-07/schema#"),
        );
        obj.insert("title".into(), json!("phonescreen question bank"));
    }
    bank
}

/// The schema as pretty-printed JSON text, ending in a newline.
pub fn schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    text.push('\n');
    text
}
