//! The committed JSON Schema matches the code, is valid draft-07, agrees with the
//! validator on the fixture banks, and names exactly the keys the validator knows.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use phonescreen::bank::BUILTIN_TEXT;
use phonescreen::bank::load::{self, BANK_KEYS, QUESTION_KEYS, SECTION_KEYS, VARIABLE_KEYS};
use phonescreen::bank::schema::{schema, schema_text};
use phonescreen::yaml::{self, Node, NumberValue};
use serde_json::{Map, Value};

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");
const REGENERATE: &str = "cargo run -- bank schema > question_banks/bank.schema.json";

fn committed_schema_path() -> PathBuf {
    Path::new(MANIFEST_DIR).join("question_banks/bank.schema.json")
}

fn fixture(kind: &str, name: &str) -> PathBuf {
    Path::new(MANIFEST_DIR)
        .join("tests/fixtures/banks")
        .join(kind)
        .join(name)
}

/// A YAML tree as JSON, the way an editor's YAML language server hands it to the schema.
fn to_json(node: &Node) -> Value {
    match node {
        Node::Null => Value::Null,
        Node::Bool(b) => Value::Bool(*b),
        Node::Number(n) => match yaml::number_value(n) {
            Some(NumberValue::Integer(i)) => i64::try_from(i)
                .map(Value::from)
                .or_else(|_| u64::try_from(i).map(Value::from))
                .unwrap_or_else(|_| Value::from(i as f64)),
            Some(NumberValue::Float(f)) => serde_json::Number::from_f64(f)
                .map(Value::Number)
                .unwrap_or_else(|| Value::String(n.clone())),
            None => Value::String(n.clone()),
        },
        Node::String(s) => Value::String(s.clone()),
        Node::List(items) => Value::Array(items.iter().map(to_json).collect()),
        Node::Map(entries) => Value::Object(
            entries
                .iter()
                .map(|(k, v)| {
                    let key = match k {
                        Node::String(s) => s.clone(),
                        other => to_json(other).to_string(),
                    };
                    (key, to_json(v))
                })
                .collect::<Map<String, Value>>(),
        ),
        Node::Tagged(_, inner) => to_json(inner),
    }
}

/// Reads a bank file the way the validator does (BOM and CRLF allowed) and converts it to JSON.
fn bank_json(path: &Path) -> Value {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = String::from_utf8(bytes).expect("fixture is UTF-8");
    let text = text
        .strip_prefix('\u{feff}')
        .unwrap_or(&text)
        .replace("\r\n", "\n");
    let node = yaml::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    to_json(&node)
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft7::new(&schema()).expect("the schema compiles as draft-07")
}

fn schema_errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn the_committed_schema_matches_the_code() {
    let committed = std::fs::read_to_string(committed_schema_path()).unwrap_or_else(|e| {
        panic!("cannot read question_banks/bank.schema.json ({e}); run: {REGENERATE}")
    });
    assert!(
        committed == schema_text(),
        "question_banks/bank.schema.json is out of date with src/bank/schema.rs; regenerate it with:\n    {REGENERATE}"
    );
}

#[test]
fn the_binary_prints_the_same_schema() {
    let tmp = tempfile::tempdir().unwrap();
    let out = crate::cli::phonescreen(["bank", "schema"])
        .folders(tmp.path())
        .output();
    assert!(out.code == 0, "{}", out.stderr);
    assert_eq!(out.stdout, schema_text());
}

#[test]
fn the_schema_is_valid_draft_07() {
    let schema = schema();
    assert_eq!(
        schema["$schema"], "http://json-schema.org/draft-07/schema#",
        "the schema must declare draft-07"
    );
    if let Err(err) = jsonschema::draft7::meta::validate(&schema) {
        panic!(
            "the schema is not valid draft-07: {err} at {}",
            err.instance_path()
        );
    }
    // The committed text is the same document, not just the same bytes by accident.
    let committed: Value =
        serde_json::from_str(&std::fs::read_to_string(committed_schema_path()).unwrap())
            .expect("the committed schema is JSON");
    assert_eq!(committed, schema);
}

#[test]
fn the_builtin_bank_and_every_valid_fixture_satisfy_the_schema() {
    let validator = validator();
    let builtin = to_json(&yaml::parse(BUILTIN_TEXT).unwrap());
    let errors = schema_errors(&validator, &builtin);
    assert!(errors.is_empty(), "built-in bank: {errors:#?}");

    let dir = Path::new(MANIFEST_DIR).join("tests/fixtures/banks/valid");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let errors = schema_errors(&validator, &bank_json(&path));
            assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
            checked += 1;
        }
    }
    assert!(checked >= 5, "only {checked} valid fixtures found");
}

#[test]
fn the_schema_rejects_what_it_can_express() {
    // Each of these breaks a rule JSON Schema can state; the schema must catch it as the
    // validator does. (Uniqueness of ids and declared ${variables} are beyond it.)
    let rejected = [
        ("unknown-top-level-key.yaml", ""),
        ("unknown-question-key.yaml", "/sections/0/questions/0"),
        ("unknown-section-key.yaml", "/sections/0"),
        ("unknown-variable-key.yaml", "/variables/company"),
        ("missing-name.yaml", ""),
        ("missing-sections.yaml", ""),
        ("missing-ask.yaml", "/sections/0/questions/0"),
        ("missing-question-id.yaml", "/sections/0/questions/1"),
        ("empty-sections.yaml", "/sections"),
        ("section-without-questions.yaml", "/sections/1/questions"),
        ("id-uppercase.yaml", "/sections/0/id"),
        ("id-underscore.yaml", "/sections/0/questions/0/id"),
        ("id-spaces.yaml", "/sections/0/questions/0/id"),
        ("bad-variable-name.yaml", "/variables"),
        ("duration-zero.yaml", "/duration_minutes"),
        ("duration-481.yaml", "/duration_minutes"),
        ("type-duration-is-text.yaml", "/duration_minutes"),
        ("section-minutes-negative.yaml", "/sections/0/minutes"),
        ("section-minutes-fraction.yaml", "/sections/0/minutes"),
        ("ratings-one-label.yaml", "/ratings"),
        ("ratings-ten-labels.yaml", "/ratings"),
        ("required-maybe.yaml", "/sections/0/questions/0/required"),
        ("title-is-number.yaml", "/sections/0/title"),
        ("ask-is-boolean.yaml", "/sections/0/questions/0/ask"),
        ("type-ask-is-list.yaml", "/sections/0/questions/0/ask"),
        ("type-sections-is-mapping.yaml", "/sections"),
        ("empty-ask.yaml", "/sections/0/questions/0/ask"),
        (
            "empty-follow-up.yaml",
            "/sections/0/questions/0/follow_ups/1",
        ),
        ("top-level-list.yaml", ""),
    ];
    let validator = validator();
    let mut failures = Vec::new();
    for (name, where_) in rejected {
        let instance = bank_json(&fixture("invalid", name));
        let errors: Vec<_> = validator.iter_errors(&instance).collect();
        if errors.is_empty() {
            failures.push(format!("{name}: the schema accepts it"));
        } else if !errors
            .iter()
            .any(|e| e.instance_path().to_string() == where_)
        {
            let found: Vec<String> = errors
                .iter()
                .map(|e| format!("{} at {:?}", e, e.instance_path().to_string()))
                .collect();
            failures.push(format!("{name}: no error at {where_:?}; found {found:#?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn property_names(object: &Value) -> BTreeSet<String> {
    object["properties"]
        .as_object()
        .unwrap_or_else(|| panic!("no properties in {object}"))
        .keys()
        .cloned()
        .collect()
}

fn names(keys: &[&str]) -> BTreeSet<String> {
    keys.iter().map(|k| k.to_string()).collect()
}

#[test]
fn the_schema_names_exactly_the_validators_keys() {
    let bank = schema();
    let section = &bank["properties"]["sections"]["items"];
    let question = &section["properties"]["questions"]["items"];
    let variable = &bank["properties"]["variables"]["additionalProperties"];
    let levels = [
        ("bank", &bank, BANK_KEYS),
        ("section", section, SECTION_KEYS),
        ("question", question, QUESTION_KEYS),
        ("variable", variable, VARIABLE_KEYS),
    ];
    for (what, object, keys) in levels {
        let in_schema = property_names(object);
        let in_validator = names(keys);
        assert_eq!(
            in_schema, in_validator,
            "{what}: schema properties (left) and validator keys (right) differ"
        );
        assert_eq!(
            object["additionalProperties"],
            Value::Bool(false),
            "{what}: the schema must refuse unknown keys as the validator does"
        );
        let required: BTreeSet<String> = object["required"]
            .as_array()
            .unwrap_or_else(|| panic!("{what}: no required list"))
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        assert!(
            required.is_subset(&in_validator),
            "{what}: required {required:?} names keys the validator does not know"
        );
    }
}

/// Why JSON Schema cannot say what `bank validate` says, for each kind of
/// fixture the two judge differently.
const UNIQUE_IDS: &str = "ids unique across sections, or across the whole bank: JSON Schema's uniqueItems compares whole items, not one field";
const REFERENCES: &str = "`${name}` references: whether they are declared, well formed and closed is a rule across fields, beyond JSON Schema";
const CASELESS: &str = "rating labels differing only in case: uniqueItems is case-sensitive";
const TAGS: &str =
    "a YAML tag: the schema sees the value under it; the editor reports the unknown tag itself";
const NUMBER_SPELLING: &str =
    "`5.0` for 5: JSON has one number type, so to an editor 5.0 is a whole number";

/// Every fixture the schema (what an editor shows) and the validator (what
/// CI says) judge differently, with the reason. Every fixture not listed
/// must get the same verdict from both, so a new disagreement fails here
/// until it is fixed or listed with its reason.
const DISAGREEMENTS: &[(&str, &str)] = &[
    ("invalid/duplicate-question-id.yaml", UNIQUE_IDS),
    ("invalid/duplicate-section-id.yaml", UNIQUE_IDS),
    ("invalid/undeclared-variable.yaml", REFERENCES),
    ("invalid/malformed-variable-reference.yaml", REFERENCES),
    ("invalid/uppercase-variable-reference.yaml", REFERENCES),
    ("invalid/variables-empty-reference.yaml", REFERENCES),
    ("invalid/escape-then-unclosed.yaml", REFERENCES),
    ("invalid/ratings-duplicate.yaml", CASELESS),
    ("invalid/yaml-tag.yaml", TAGS),
    ("invalid/section-minutes-whole-float.yaml", NUMBER_SPELLING),
];

/// The schema's verdict on a file: `None` when it is not YAML an editor can
/// hand to the schema at all (bad syntax, not UTF-8, too deep), which the
/// editor reports itself.
fn schema_accepts(validator: &jsonschema::Validator, path: &Path) -> Option<bool> {
    let text = String::from_utf8(std::fs::read(path).ok()?).ok()?;
    let text = text
        .strip_prefix('\u{feff}')
        .unwrap_or(&text)
        .replace("\r\n", "\n");
    let node = yaml::parse(&text).ok()?;
    Some(validator.is_valid(&to_json(&node)))
}

#[test]
fn every_fixture_gets_the_same_verdict_from_schema_and_validator_but_the_listed_ones() {
    let validator = validator();
    let mut differ = Vec::new();
    let mut unseen_by_schema = Vec::new();
    let mut wrong_verdict = Vec::new();
    let mut fixtures = 0;
    for kind in ["valid", "invalid"] {
        let dir = Path::new(MANIFEST_DIR)
            .join("tests/fixtures/banks")
            .join(kind);
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".yaml"))
            .collect();
        names.sort();
        for name in names {
            fixtures += 1;
            let path = dir.join(&name);
            let id = format!("{kind}/{name}");
            let validator_accepts = !load::read_file(&path).has_errors();
            if validator_accepts != (kind == "valid") {
                wrong_verdict.push(id.clone());
            }
            match schema_accepts(&validator, &path) {
                None => unseen_by_schema.push(id),
                Some(schema) if schema != validator_accepts => {
                    let says = |ok: bool| if ok { "accepts" } else { "rejects" };
                    differ.push((
                        id,
                        format!(
                            "the schema {}, the validator {}",
                            says(schema),
                            says(validator_accepts)
                        ),
                    ));
                }
                Some(_) => {}
            }
        }
    }
    assert!(
        wrong_verdict.is_empty(),
        "fixtures in the wrong folder: {wrong_verdict:?}"
    );
    // What the YAML reader refuses, every editor flags without the schema.
    for id in &unseen_by_schema {
        assert!(
            id.starts_with("invalid/"),
            "{id}: a valid fixture the schema cannot read"
        );
    }
    let listed: BTreeSet<&str> = DISAGREEMENTS.iter().map(|(name, _)| *name).collect();
    assert_eq!(
        listed.len(),
        DISAGREEMENTS.len(),
        "a fixture is listed twice in DISAGREEMENTS"
    );
    let new: Vec<String> = differ
        .iter()
        .filter(|(id, _)| !listed.contains(id.as_str()))
        .map(|(id, what)| format!("{id}: {what}"))
        .collect();
    assert!(
        new.is_empty(),
        "the schema and the validator disagree on these fixtures; make them agree, or list \
         them in DISAGREEMENTS with the reason JSON Schema cannot:\n{}",
        new.join("\n")
    );
    let stale: Vec<&str> = listed
        .iter()
        .filter(|name| !differ.iter().any(|(id, _)| id == *name))
        .copied()
        .collect();
    assert!(
        stale.is_empty(),
        "listed in DISAGREEMENTS but the schema and the validator agree (or no such fixture): {stale:?}"
    );
    assert!(fixtures >= 60, "only {fixtures} fixtures");
}

/// Every subschema under `value`, with its JSON pointer.
fn subschemas<'a>(value: &'a Value, at: String, out: &mut Vec<(String, &'a Value)>) {
    out.push((at.clone(), value));
    let Some(object) = value.as_object() else {
        return;
    };
    if let Some(properties) = object.get("properties").and_then(Value::as_object) {
        for (name, property) in properties {
            subschemas(property, format!("{at}/properties/{name}"), out);
        }
    }
    for keyword in ["items", "additionalProperties", "propertyNames"] {
        if let Some(inner) = object.get(keyword).filter(|v| v.is_object()) {
            subschemas(inner, format!("{at}/{keyword}"), out);
        }
    }
}

#[test]
fn every_property_has_a_description_and_every_pattern_a_message() {
    let schema = schema();
    let mut all = Vec::new();
    subschemas(&schema, String::new(), &mut all);
    let mut missing = Vec::new();
    for (at, sub) in &all {
        let is_property = at.rsplit('/').nth(1) == Some("properties")
            || at.ends_with("/items")
            || at.ends_with("/additionalProperties");
        let described = sub["description"].as_str().is_some_and(|d| d.len() > 5);
        if is_property && !described {
            missing.push(format!(
                "{at}: no description (a blank hover in the editor)"
            ));
        }
        if sub.get("pattern").is_some() && !sub["patternErrorMessage"].is_string() {
            missing.push(format!(
                "{at}: a pattern without patternErrorMessage (the editor would quote the regex)"
            ));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
    assert!(all.len() > 25, "only {} subschemas walked", all.len());
    for at in [
        "/properties/sections",
        "/properties/sections/items/properties/questions",
    ] {
        let (_, sub) = all.iter().find(|(p, _)| p == at).expect(at);
        assert!(sub["description"].is_string(), "{at}");
    }
}

#[test]
fn empty_variables_mean_none_to_the_schema_too() {
    let validator = validator();
    let bank = |variables: Value| {
        serde_json::json!({
            "name": "B",
            "variables": variables,
            "sections": [{ "id": "a", "title": "A", "questions": [{ "id": "q", "ask": "Why?" }] }],
        })
    };
    assert!(validator.is_valid(&bank(Value::Null)));
    assert!(validator.is_valid(&bank(serde_json::json!({}))));
    assert!(!validator.is_valid(&bank(serde_json::json!([]))));
    assert!(!validator.is_valid(&bank(serde_json::json!("none"))));
}

/// How YAML 1.2's core schema, which editors' YAML language servers use,
/// reads an id written as `written` after `id: `: a quoted scalar is text,
/// a plain one is whatever the core schema's patterns make it. Written
/// here apart from phonescreen's own reader, so the two can disagree.
fn as_an_editor_reads(written: &str) -> Value {
    if let Some(inner) = written
        .strip_prefix('"')
        .and_then(|w| w.strip_suffix('"'))
        .or_else(|| {
            written
                .strip_prefix('\'')
                .and_then(|w| w.strip_suffix('\''))
        })
    {
        return Value::String(inner.to_string());
    }
    let matches = |pattern: &str| regex::Regex::new(pattern).unwrap().is_match(written);
    if matches(r"^(?:null|Null|NULL|~)$") {
        Value::Null
    } else if matches(r"^(?:true|True|TRUE|false|False|FALSE)$") {
        Value::Bool(written.eq_ignore_ascii_case("true"))
    } else if matches(r"^[-+]?[0-9]+$") {
        Value::from(written.parse::<i64>().unwrap())
    } else if let Some(hex) = written
        .strip_prefix("0x")
        .filter(|_| matches(r"^0x[0-9a-fA-F]+$"))
    {
        Value::from(i64::from_str_radix(hex, 16).unwrap())
    } else if let Some(oct) = written
        .strip_prefix("0o")
        .filter(|_| matches(r"^0o[0-7]+$"))
    {
        Value::from(i64::from_str_radix(oct, 8).unwrap())
    } else if matches(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$") {
        Value::from(written.parse::<f64>().unwrap())
    } else if matches(r"^[-+]?\.(?:inf|Inf|INF)$") {
        // JSON has no infinity; any number shows the schema's verdict.
        Value::from(f64::MAX)
    } else {
        Value::String(written.to_string())
    }
}

/// Ids the validator and an editor's schema check judge differently, with
/// the reason.
const ID_DISAGREEMENTS: &[(&str, &str)] = &[(
    "0b101",
    "binary numbers are YAML 1.1 (PyYAML reads 5) and not YAML 1.2 (editors read text); the validator reads a number, as the YAML library does, and asks for quotes",
)];

#[test]
fn the_schema_and_the_validator_agree_on_ids_with_the_same_advice() {
    let tmp = tempfile::tempdir().unwrap();
    let out = crate::cli::phonescreen(["bank", "schema"])
        .folders(tmp.path())
        .output();
    let schema: Value = serde_json::from_str(&out.stdout).expect("`bank schema` prints JSON");
    let checker = jsonschema::draft7::new(&schema).expect("the schema compiles");
    let question_id = &schema["properties"]["sections"]["items"]["properties"]["questions"]["items"]
        ["properties"]["id"];
    let ids = [
        "007", "\"007\"", "'007'", "-007", "08", "00", "7", "42", "0", "-1", "+1", "1e3",
        "\"1e3\"", "1.5", "1.", ".5", ".inf", "0x1F", "0o17", "0b101", "1_000", "1:30", "true",
        "yes", "no", "~", "null", "abc", "a-b", "q2", "2q", "Abc", "q_1", "\"a b\"", "-a",
    ];
    let mut disagree = Vec::new();
    let mut advice = Vec::new();
    for written in ids {
        let text = format!(
            "name: B\nsections:\n  - id: s\n    title: S\n    questions:\n      - id: {written}\n        ask: Why?\n"
        );
        let report = load::parse(text.as_bytes());
        let validator_accepts = !report.has_errors();
        let mut bank = to_json(&yaml::parse("name: B\nsections:\n  - id: s\n    title: S\n    questions:\n      - id: x\n        ask: Why?\n").unwrap());
        bank["sections"][0]["questions"][0]["id"] = as_an_editor_reads(written);
        let schema_accepts = checker.is_valid(&bank);
        if validator_accepts != schema_accepts {
            disagree.push(written);
            continue;
        }
        if validator_accepts {
            continue;
        }
        let message = &report.diagnostics[0].message;
        let editor_says = match &bank["sections"][0]["questions"][0]["id"] {
            // Not text: an editor shows the schema's `errorMessage`.
            Value::String(_) => question_id["patternErrorMessage"].as_str().unwrap(),
            _ => question_id["errorMessage"].as_str().unwrap(),
        };
        let same_advice = if editor_says.starts_with(load::ID_IS_TEXT) {
            message.contains(load::ID_IS_TEXT)
        } else {
            message.contains("lowercase letters, digits and '-'")
                && editor_says.contains("lowercase letters, digits and '-'")
        };
        if !same_advice {
            advice.push(format!(
                "{written}: the validator says {message:?}, an editor {editor_says:?}"
            ));
        }
    }
    let known: Vec<&str> = ID_DISAGREEMENTS.iter().map(|(id, _)| *id).collect();
    assert_eq!(
        disagree, known,
        "ids the schema and the validator judge differently (make them agree, or list them in ID_DISAGREEMENTS with the reason)"
    );
    assert!(
        advice.is_empty(),
        "different advice:\n{}",
        advice.join("\n")
    );
}
