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

/// What an editor says when a text is blank (yaml-language-server shows
/// `patternErrorMessage` instead of `does not match the pattern "\S"`).
pub const BLANK_MESSAGE: &str = "must not be blank";
/// What an editor says when an id breaks [`ID_PATTERN`].
pub const ID_MESSAGE: &str =
    "ids use only lowercase letters, digits and '-', starting with a letter or digit";
/// What an editor says when an id is not text: `id: 007` is the number 7
/// to YAML (editors, PyYAML), as it is to `bank validate`, which gives the
/// same advice (both start with `load::ID_IS_TEXT`).
pub const ID_TYPE_MESSAGE: &str = "an id is text: write one, in quotes where YAML would read something else, such as \"007\" for 007 (a number unquoted)";
/// What an editor says when a variable name breaks [`VARIABLE_PATTERN`].
pub const VARIABLE_MESSAGE: &str =
    "variable names use only lowercase letters, digits and '_', starting with a letter";

/// Where `${name}` works, and how to write a literal `${`.
const VARIABLES_HINT: &str = "May use ${name} variables; write $${ for a literal ${.";

fn text(description: &str) -> Value {
    json!({ "type": "string", "description": description })
}

fn non_empty(description: &str) -> Value {
    json!({
        "type": "string",
        "minLength": 1,
        "pattern": "\\S",
        "patternErrorMessage": BLANK_MESSAGE,
        "description": description,
    })
}

fn id(description: &str) -> Value {
    json!({
        "type": "string",
        "pattern": ID_PATTERN,
        "patternErrorMessage": ID_MESSAGE,
        // What an editor says instead of `Incorrect type. Expected "string"`
        // when YAML reads the id as a number (`id: 007`): the advice `bank
        // validate` gives.
        "errorMessage": ID_TYPE_MESSAGE,
        "description": description,
    })
}

fn minutes(description: &str) -> Value {
    json!({
        "type": "integer",
        "minimum": MINUTES_RANGE.start(),
        "maximum": MINUTES_RANGE.end(),
        "description": description,
    })
}

fn list(items: Value, description: &str) -> Value {
    json!({ "type": "array", "items": items, "description": description })
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
///
/// Every property has a `description` (what an editor shows on hover) and
/// every `pattern` a `patternErrorMessage` (what it shows when the pattern
/// fails); `tests/it/schema.rs` checks both.
pub fn schema() -> Value {
    let question = object(
        json!({
            "id": id("Unique across the whole bank, not just the section: lowercase letters, digits and '-', starting with a letter or digit. Quote an id of digits alone (\"007\"): unquoted, YAML reads it as a number."),
            "ask": non_empty(&format!("The question, as the interviewer asks it. {VARIABLES_HINT}")),
            "listen_for": text(&format!("What a good answer shows: guidance for the interviewer. {VARIABLES_HINT}")),
            "follow_ups": list(
                non_empty("A follow-up question."),
                &format!("Follow-up questions to dig deeper. {VARIABLES_HINT}"),
            ),
            "tags": list(non_empty("A tag."), "Free-form labels such as communication or testing."),
            "required": {
                "type": "boolean",
                "default": false,
                "description": "When true, the finish screen warns if this question was not asked (default false).",
            },
        }),
        &["id", "ask"],
        QUESTION_KEYS,
        "One question the interviewer asks.",
    );
    let section = object(
        json!({
            "id": id("Unique among sections: lowercase letters, digits and '-', starting with a letter or digit. Quote an id of digits alone (\"007\"): unquoted, YAML reads it as a number."),
            "title": non_empty("The section's title, shown in the outline."),
            "minutes": minutes("Time budget for pacing, 1 to 480 minutes. Budgets that do not add up to duration_minutes get a warning."),
            "questions": {
                "type": "array",
                "minItems": 1,
                "items": question,
                "description": "The section's questions, in the order they are asked; at least one.",
            },
        }),
        &["id", "title", "questions"],
        SECTION_KEYS,
        "A group of questions with an optional time budget.",
    );
    let variable = object(
        json!({
            "prompt": non_empty("What the interviewer is asked for at the start of an interview."),
            "default": text("Value used when the interviewer gives none."),
        }),
        &["prompt"],
        VARIABLE_KEYS,
        "A ${name} placeholder filled in at the start of an interview.",
    );
    let bank = object(
        json!({
            "name": non_empty("The bank's name, shown when choosing a bank and saved with each interview."),
            "description": text("Shown before the call starts: advice for the interviewer."),
            "duration_minutes": {
                "type": "integer",
                "minimum": MINUTES_RANGE.start(),
                "maximum": MINUTES_RANGE.end(),
                "default": DEFAULT_DURATION_MINUTES,
                "description": "Planned length of the interview, 1 to 480 minutes (default 30).",
            },
            "variables": {
                // Empty (`variables:` with nothing under it) means none, as
                // for the validator.
                "type": ["object", "null"],
                "description": "Placeholders the interviewer fills in at the start, used as ${name} in ask, listen_for and follow_ups (write $${ for a literal ${). Names use lowercase letters, digits and '_', starting with a letter. Empty or left out: no variables.",
                "propertyNames": {
                    "pattern": VARIABLE_PATTERN,
                    "patternErrorMessage": VARIABLE_MESSAGE,
                },
                "additionalProperties": variable,
            },
            "ratings": {
                "type": "array",
                "minItems": RATINGS_RANGE.start(),
                "maxItems": RATINGS_RANGE.end(),
                "uniqueItems": true,
                "items": non_empty("A rating label. Quote \"No\" and \"Yes\": YAML 1.1 tools read them as booleans."),
                "default": DEFAULT_RATINGS,
                "description": "The labels for rating each answer, 2 to 9, unique, worst first (default: Strong no, No, Yes, Strong yes).",
            },
            "sections": {
                "type": "array",
                "minItems": 1,
                "items": section,
                "description": "The sections, in the order they are asked; at least one.",
            },
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_editor_and_the_validator_start_their_id_advice_alike() {
        assert!(ID_TYPE_MESSAGE.starts_with(super::super::load::ID_IS_TEXT));
    }
}
