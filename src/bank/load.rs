//! Reads a bank file and checks it against the format, collecting every problem.
//!
//! Parsing goes through [`crate::yaml`]; this module turns the parsed tree into a
//! [`Bank`], reporting each problem with its field path and, where the file's
//! layout shows it, its line and column.

use std::collections::{HashMap, HashSet};
use std::path::Path as FsPath;

use super::diagnostic::{Diagnostic, closest};
use super::locate::{Locator, Path, Segment, parse_path, render};
use super::model::{
    Bank, DEFAULT_DURATION_MINUTES, DEFAULT_RATINGS, Piece, Question, Section, Variable,
    is_variable_name, pieces,
};
use crate::yaml::{self, Node};

/// Banks larger than this are refused: a real bank is a few kilobytes.
pub const MAX_BANK_BYTES: usize = 1024 * 1024;
/// Keys allowed at the top of a bank.
pub const BANK_KEYS: &[&str] = &[
    "name",
    "description",
    "duration_minutes",
    "variables",
    "ratings",
    "sections",
];
/// Keys allowed in a variable.
pub const VARIABLE_KEYS: &[&str] = &["prompt", "default"];
/// Keys allowed in a section.
pub const SECTION_KEYS: &[&str] = &["id", "title", "minutes", "questions"];
/// Keys allowed in a question.
pub const QUESTION_KEYS: &[&str] = &["id", "ask", "listen_for", "follow_ups", "tags", "required"];
/// Range of `duration_minutes` and of section `minutes`.
pub const MINUTES_RANGE: std::ops::RangeInclusive<u32> = 1..=480;
/// How many rating labels a bank may have.
pub const RATINGS_RANGE: std::ops::RangeInclusive<usize> = 2..=9;
/// The id rule, as a regular expression for the JSON Schema.
pub const ID_PATTERN: &str = "^[a-z0-9][a-z0-9-]*$";
/// The variable-name rule, as a regular expression for the JSON Schema.
pub const VARIABLE_PATTERN: &str = "^[a-z][a-z0-9_]*$";

/// The outcome of reading a bank: the bank if it has no errors, and every problem found.
#[derive(Debug, Clone)]
pub struct Report {
    /// The bank, present only when there are no errors.
    pub bank: Option<Bank>,
    /// Errors and warnings, in file order where known.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub(super) fn failed(diagnostic: Diagnostic) -> Self {
        Self {
            bank: None,
            diagnostics: vec![diagnostic],
        }
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Reads and checks the bank file at `path`.
pub fn read_file(path: &FsPath) -> Report {
    match super::read_bytes(path) {
        Ok(bytes) => parse(&bytes),
        Err(diagnostic) => Report::failed(diagnostic),
    }
}

pub(super) fn too_large(len: usize) -> Diagnostic {
    Diagnostic::error(
        "",
        format!(
            "the file is {len} bytes; banks are limited to {MAX_BANK_BYTES} bytes (1 MiB) — is this really a bank?"
        ),
    )
}

/// Checks bank text given as bytes (UTF-8, optionally with a byte-order mark and CRLF line ends).
pub fn parse(bytes: &[u8]) -> Report {
    if bytes.len() > MAX_BANK_BYTES {
        return Report::failed(too_large(bytes.len()));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            // Columns count characters, as elsewhere; the part before the bad byte is valid.
            let good = String::from_utf8_lossy(&bytes[..err.valid_up_to()]);
            let good = good.strip_prefix('\u{feff}').unwrap_or(&good);
            let line = good.matches('\n').count() + 1;
            let column = good.chars().rev().take_while(|c| *c != '\n').count() + 1;
            return Report::failed(
                Diagnostic::error(
                    "",
                    "the file is not valid UTF-8 text; save it as UTF-8 in your editor",
                )
                .at(Some((line, column))),
            );
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = text.replace("\r\n", "\n");
    let root = match yaml::parse(&text) {
        Ok(node) => node,
        Err(err) => return Report::failed(yaml_error(&text, err)),
    };
    if root == Node::Null {
        return Report::failed(Diagnostic::error(
            "",
            "the file is empty; a bank needs at least `name:` and `sections:` (run `phonescreen bank new FILE` for a starter)",
        ));
    }
    let mut checker = Checker {
        text: &text,
        locator: None,
        diagnostics: Vec::new(),
    };
    let bank = checker.bank(&root);
    let mut diagnostics = checker.diagnostics;
    // File order first, then whole-file problems.
    diagnostics.sort_by_key(|d| (d.position.is_none(), d.position, d.severity));
    let bank = if diagnostics.iter().any(Diagnostic::is_error) {
        None
    } else {
        bank
    };
    Report { bank, diagnostics }
}

/// A YAML error as a diagnostic. The YAML library places a duplicate key at the
/// start of its mapping, so that one is placed at the repeated key instead.
fn yaml_error(text: &str, err: yaml::SyntaxError) -> Diagnostic {
    if let Some((path, name)) = duplicate_key(&err.message) {
        let position = Locator::new(text).find(&path).or(err.position);
        let message =
            format!("the key `{name}` appears more than once in the same mapping; keep only one");
        return Diagnostic::error(render(&path), message).at(position);
    }
    Diagnostic::error("", format!("invalid YAML: {}", err.message)).at(err.position)
}

/// The path of the repeated key in the YAML library's `PATH: duplicate entry with key "NAME"`.
fn duplicate_key(message: &str) -> Option<(Path, &str)> {
    let (prefix, rest) = message.split_once("duplicate entry with key \"")?;
    let name = rest
        .strip_suffix('"')
        .filter(|n| !n.contains(['"', '\\']))?;
    let mut path = match prefix.strip_suffix(": ") {
        Some(parent) => parse_path(parent)?,
        None if prefix.is_empty() => Vec::new(),
        None => return None,
    };
    path.push(key(name));
    Some((path, name))
}

struct Checker<'t> {
    text: &'t str,
    /// Positions of every key, built only when a diagnostic needs one: a
    /// valid bank has nothing to place, and building it for 10,000
    /// questions cost more than parsing them.
    locator: Option<Locator>,
    diagnostics: Vec<Diagnostic>,
}

fn key(name: &str) -> Segment {
    Segment::Key(name.to_string())
}

fn child(path: &[Segment], segment: Segment) -> Path {
    let mut p = path.to_vec();
    p.push(segment);
    p
}

impl Checker<'_> {
    fn position(&mut self, path: &[Segment]) -> Option<(usize, usize)> {
        let text = self.text;
        self.locator
            .get_or_insert_with(|| Locator::new(text))
            .find(path)
    }

    fn error(&mut self, path: &[Segment], message: impl Into<String>) {
        let d = Diagnostic::error(render(path), message).at(self.position(path));
        self.diagnostics.push(d);
    }

    fn warning(&mut self, path: &[Segment], message: impl Into<String>) {
        let d = Diagnostic::warning(render(path), message).at(self.position(path));
        self.diagnostics.push(d);
    }

    /// Checks that `node` is a mapping with only `known` keys; returns its fields by name.
    fn fields<'a>(
        &mut self,
        path: &[Segment],
        node: &'a Node,
        known: &[&str],
        what: &str,
    ) -> Option<HashMap<String, &'a Node>> {
        let Node::Map(entries) = self.untag(path, node)? else {
            self.error(
                path,
                format!(
                    "expected {what} (a mapping with keys such as `{}:`), found {}",
                    known[0],
                    node.describe()
                ),
            );
            return None;
        };
        let mut fields = HashMap::new();
        for (k, v) in entries {
            let Node::String(name) = k else {
                self.error(path, format!("keys must be text, found {}", k.describe()));
                continue;
            };
            if known.contains(&name.as_str()) {
                fields.insert(name.clone(), v);
            } else {
                let hint = match closest(name, known) {
                    Some(k) => format!("did you mean `{k}`?"),
                    None => format!("expected one of: {}", known.join(", ")),
                };
                self.error(
                    &child(path, key(name)),
                    format!("unknown key `{name}` in {what}; {hint}"),
                );
            }
        }
        Some(fields)
    }

    fn untag<'a>(&mut self, path: &[Segment], node: &'a Node) -> Option<&'a Node> {
        if let Node::Tagged(tag, _) = node {
            self.error(
                path,
                format!("YAML tags such as `{tag}` are not part of the bank format; remove it"),
            );
            return None;
        }
        Some(node)
    }

    fn required<'a>(
        &mut self,
        path: &[Segment],
        fields: &HashMap<String, &'a Node>,
        name: &str,
        what: &str,
    ) -> Option<&'a Node> {
        let found = fields.get(name).copied();
        if found.is_none() {
            self.error(
                path,
                format!("{what} is missing the required key `{name}:`"),
            );
        }
        found
    }

    /// Text, possibly empty; numbers and booleans are refused so nothing is silently converted.
    fn text(&mut self, path: &[Segment], node: &Node) -> Option<String> {
        match self.untag(path, node)? {
            Node::String(s) => Some(s.clone()),
            Node::Number(n) => {
                self.error(
                    path,
                    format!("expected text, found the number {n}; write it in quotes (\"{n}\") if it is meant as text"),
                );
                None
            }
            Node::Bool(b) => {
                self.error(
                    path,
                    format!("expected text, found the boolean {b}; write it in quotes if it is meant as text"),
                );
                None
            }
            Node::Null => {
                self.error(path, "is empty; give it some text or remove the key");
                None
            }
            other => {
                self.error(path, format!("expected text, found {}", other.describe()));
                None
            }
        }
    }

    fn non_empty_text(&mut self, path: &[Segment], node: &Node) -> Option<String> {
        if *node == Node::Null {
            // Unlike an optional field, this one cannot just be removed.
            self.error(path, "is empty; it needs some text");
            return None;
        }
        let text = self.text(path, node)?;
        if text.trim().is_empty() {
            self.error(path, "must not be empty");
            return None;
        }
        Some(text)
    }

    fn minutes(&mut self, path: &[Segment], node: &Node) -> Option<u32> {
        let range = MINUTES_RANGE;
        let Node::Number(n) = self.untag(path, node)? else {
            self.error(
                path,
                format!(
                    "expected a whole number of minutes, found {}",
                    node.describe()
                ),
            );
            return None;
        };
        match n.parse::<u32>() {
            Ok(m) if range.contains(&m) => Some(m),
            // `5.0`: a whole number to an editor (JSON has one number type),
            // so say how to write it rather than only that it is wrong.
            _ if n.parse::<f64>().is_ok_and(|f| {
                f.fract() == 0.0
                    && (f64::from(*range.start())..=f64::from(*range.end())).contains(&f)
            }) =>
            {
                self.error(
                    path,
                    format!(
                        "write whole minutes without a decimal point: {}, not {n}",
                        n.parse::<f64>().unwrap_or_default() as u32
                    ),
                );
                None
            }
            _ => {
                self.error(
                    path,
                    format!(
                        "must be a whole number of minutes from {} to {}, found {n}",
                        range.start(),
                        range.end()
                    ),
                );
                None
            }
        }
    }

    fn list<'a>(&mut self, path: &[Segment], node: &'a Node, what: &str) -> Option<&'a [Node]> {
        match self.untag(path, node)? {
            Node::List(items) => Some(items),
            other => {
                self.error(
                    path,
                    format!("expected a list of {what}, found {}", other.describe()),
                );
                None
            }
        }
    }

    fn text_list(&mut self, path: &[Segment], node: &Node, what: &str) -> Vec<String> {
        let Some(items) = self.list(path, node, what) else {
            return Vec::new();
        };
        items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| self.non_empty_text(&child(path, Segment::Index(i)), item))
            .collect()
    }

    fn id(&mut self, path: &[Segment], node: &Node) -> Option<String> {
        let id = self.non_empty_text(path, node)?;
        let mut chars = id.chars();
        let first_ok = chars
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !(first_ok && rest_ok) {
            let suggestion: String = id
                .to_lowercase()
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                .collect::<String>()
                .trim_matches('-')
                .to_string();
            let hint = if suggestion.is_empty() {
                String::new()
            } else {
                format!(" such as `{suggestion}`")
            };
            self.error(
                path,
                format!(
                    "id `{id}` may use only lowercase letters, digits and '-', starting with a letter or digit; try one{hint}"
                ),
            );
            return None;
        }
        Some(id)
    }

    fn bank(&mut self, root: &Node) -> Option<Bank> {
        let top: Path = Vec::new();
        let fields = self.fields(&top, root, BANK_KEYS, "a bank")?;
        let name = self
            .required(&top, &fields, "name", "the bank")
            .and_then(|n| self.non_empty_text(&[key("name")], n));
        let description = fields
            .get("description")
            .and_then(|n| self.text(&[key("description")], n))
            .filter(|d| !d.trim().is_empty());
        let duration_minutes = match fields.get("duration_minutes") {
            Some(n) => self.minutes(&[key("duration_minutes")], n),
            None => Some(DEFAULT_DURATION_MINUTES),
        };
        let variables = match fields.get("variables") {
            Some(n) => self.variables(n),
            None => Some(Vec::new()),
        };
        let ratings = match fields.get("ratings") {
            Some(n) => self.ratings(n),
            None => Some(DEFAULT_RATINGS.iter().map(|s| s.to_string()).collect()),
        };
        let sections = self
            .required(&top, &fields, "sections", "the bank")
            .and_then(|n| self.sections(n));
        let bank = Bank {
            name: name?,
            description,
            duration_minutes: duration_minutes?,
            variables: variables?,
            ratings: ratings?,
            sections: sections?,
        };
        self.check_references(&bank);
        self.check_budgets(&bank);
        Some(bank)
    }

    fn variables(&mut self, node: &Node) -> Option<Vec<Variable>> {
        let path = vec![key("variables")];
        let Node::Map(entries) = self.untag(&path, node)? else {
            if *node == Node::Null {
                return Some(Vec::new());
            }
            self.error(
                &path,
                format!(
                    "expected a mapping from variable names to `prompt:`/`default:`, found {}",
                    node.describe()
                ),
            );
            return None;
        };
        let mut variables = Vec::new();
        let mut ok = true;
        for (k, v) in entries {
            let Node::String(name) = k else {
                self.error(
                    &path,
                    format!("variable names must be text, found {}", k.describe()),
                );
                ok = false;
                continue;
            };
            let var_path = child(&path, key(name));
            if !is_variable_name(name) {
                self.error(
                    &var_path,
                    format!("variable name `{name}` may use only lowercase letters, digits and '_', starting with a letter"),
                );
                ok = false;
            }
            let Some(fields) = self.fields(&var_path, v, VARIABLE_KEYS, "a variable") else {
                ok = false;
                continue;
            };
            let prompt = self
                .required(&var_path, &fields, "prompt", "the variable")
                .and_then(|n| self.non_empty_text(&child(&var_path, key("prompt")), n));
            let default = match fields.get("default") {
                Some(n) => {
                    let d = self.text(&child(&var_path, key("default")), n);
                    ok &= d.is_some();
                    d
                }
                None => None,
            };
            match prompt {
                Some(prompt) => variables.push(Variable {
                    name: name.clone(),
                    prompt,
                    default,
                }),
                None => ok = false,
            }
        }
        ok.then_some(variables)
    }

    fn ratings(&mut self, node: &Node) -> Option<Vec<String>> {
        let path = vec![key("ratings")];
        let items = self.list(&path, node, "rating labels")?;
        let errors_before = self.diagnostics.len();
        let labels = self.text_list(&path, node, "rating labels");
        if !RATINGS_RANGE.contains(&items.len()) {
            self.error(
                &path,
                format!(
                    "needs {} to {} rating labels, found {}",
                    RATINGS_RANGE.start(),
                    RATINGS_RANGE.end(),
                    items.len()
                ),
            );
        }
        let mut seen = HashSet::new();
        for (i, label) in labels.iter().enumerate() {
            if !seen.insert(label.to_lowercase()) {
                self.error(
                    &child(&path, Segment::Index(i)),
                    format!("rating label `{label}` appears twice; labels must differ"),
                );
            }
        }
        (self.diagnostics.len() == errors_before).then_some(labels)
    }

    fn sections(&mut self, node: &Node) -> Option<Vec<Section>> {
        let path = vec![key("sections")];
        let items = self.list(&path, node, "sections")?;
        if items.is_empty() {
            self.error(&path, "needs at least one section");
            return None;
        }
        let mut sections = Vec::new();
        let mut ok = true;
        let mut section_ids: HashMap<String, usize> = HashMap::new();
        let mut question_ids: HashMap<String, String> = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            let sp = child(&path, Segment::Index(i));
            let Some(fields) = self.fields(&sp, item, SECTION_KEYS, "a section") else {
                ok = false;
                continue;
            };
            let id = self
                .required(&sp, &fields, "id", "the section")
                .and_then(|n| self.id(&child(&sp, key("id")), n));
            if let Some(id) = &id {
                if let Some(first) = section_ids.get(id) {
                    self.error(
                        &child(&sp, key("id")),
                        format!("section id `{id}` is already used by sections[{first}]; ids must be unique"),
                    );
                    ok = false;
                } else {
                    section_ids.insert(id.clone(), i);
                }
            }
            let title = self
                .required(&sp, &fields, "title", "the section")
                .and_then(|n| self.non_empty_text(&child(&sp, key("title")), n));
            let minutes = match fields.get("minutes") {
                Some(n) => match self.minutes(&child(&sp, key("minutes")), n) {
                    Some(m) => Some(m),
                    None => {
                        ok = false;
                        None
                    }
                },
                None => None,
            };
            let questions = self
                .required(&sp, &fields, "questions", "the section")
                .and_then(|n| self.questions(&sp, n, &mut question_ids));
            match (id, title, questions) {
                (Some(id), Some(title), Some(questions)) => sections.push(Section {
                    id,
                    title,
                    minutes,
                    questions,
                }),
                _ => ok = false,
            }
        }
        ok.then_some(sections)
    }

    fn questions(
        &mut self,
        section_path: &[Segment],
        node: &Node,
        seen_ids: &mut HashMap<String, String>,
    ) -> Option<Vec<Question>> {
        let path = child(section_path, key("questions"));
        let items = self.list(&path, node, "questions")?;
        if items.is_empty() {
            self.error(&path, "needs at least one question");
            return None;
        }
        let mut questions = Vec::new();
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let qp = child(&path, Segment::Index(i));
            let before = self.diagnostics.len();
            let Some(fields) = self.fields(&qp, item, QUESTION_KEYS, "a question") else {
                ok = false;
                continue;
            };
            let id = self
                .required(&qp, &fields, "id", "the question")
                .and_then(|n| self.id(&child(&qp, key("id")), n));
            if let Some(id) = &id {
                let here = render(&qp);
                if let Some(first) = seen_ids.get(id) {
                    self.error(
                        &child(&qp, key("id")),
                        format!("question id `{id}` is already used by {first}; question ids must be unique across the bank"),
                    );
                } else {
                    seen_ids.insert(id.clone(), here);
                }
            }
            let ask = self
                .required(&qp, &fields, "ask", "the question")
                .and_then(|n| self.non_empty_text(&child(&qp, key("ask")), n));
            let listen_for = fields
                .get("listen_for")
                .and_then(|n| self.text(&child(&qp, key("listen_for")), n))
                .filter(|t| !t.trim().is_empty());
            let follow_ups = fields
                .get("follow_ups")
                .map(|n| self.text_list(&child(&qp, key("follow_ups")), n, "follow-up questions"))
                .unwrap_or_default();
            let tags = fields
                .get("tags")
                .map(|n| self.text_list(&child(&qp, key("tags")), n, "tags"))
                .unwrap_or_default();
            let required = match fields.get("required") {
                Some(Node::Bool(b)) => *b,
                Some(other) => {
                    self.error(
                        &child(&qp, key("required")),
                        format!("expected true or false, found {}", other.describe()),
                    );
                    false
                }
                None => false,
            };
            if self.diagnostics[before..].iter().any(Diagnostic::is_error) {
                ok = false;
            }
            if let (Some(id), Some(ask)) = (id, ask) {
                questions.push(Question {
                    id,
                    ask,
                    listen_for,
                    follow_ups,
                    tags,
                    required,
                });
            }
        }
        ok.then_some(questions)
    }

    /// Every `${name}` must be declared; every declared variable should be used.
    fn check_references(&mut self, bank: &Bank) {
        let declared: Vec<&str> = bank.variables.iter().map(|v| v.name.as_str()).collect();
        let mut used = HashSet::new();
        for (si, section) in bank.sections.iter().enumerate() {
            for (qi, q) in section.questions.iter().enumerate() {
                let qp = vec![
                    key("sections"),
                    Segment::Index(si),
                    key("questions"),
                    Segment::Index(qi),
                ];
                let mut texts = vec![(child(&qp, key("ask")), q.ask.as_str())];
                if let Some(l) = &q.listen_for {
                    texts.push((child(&qp, key("listen_for")), l.as_str()));
                }
                for (fi, f) in q.follow_ups.iter().enumerate() {
                    texts.push((
                        child(&child(&qp, key("follow_ups")), Segment::Index(fi)),
                        f.as_str(),
                    ));
                }
                for (path, text) in texts {
                    for reference in references(text) {
                        match reference {
                            Ok(name) if declared.contains(&name) => {
                                used.insert(name.to_string());
                            }
                            Ok(name) => {
                                let hint = match closest(name, &declared) {
                                    Some(k) => format!("did you mean `${{{k}}}`? "),
                                    None => String::new(),
                                };
                                self.error(
                                    &path,
                                    format!("`${{{name}}}` is not a declared variable; {hint}declare it under `variables:` or fix the spelling"),
                                );
                            }
                            Err(fragment) if !fragment.ends_with('}') => self.error(
                                &path,
                                format!("`{fragment}` has no closing `}}`; write `${{name}}` with a declared variable name, or `$${{` for a literal `${{`"),
                            ),
                            Err(fragment) => self.error(
                                &path,
                                format!("`{fragment}` is not a valid variable reference; variable names use lowercase letters, digits and '_', starting with a letter (write `$${{` for a literal `${{`)"),
                            ),
                        }
                    }
                }
            }
        }
        for v in &bank.variables {
            if !used.contains(&v.name) {
                self.warning(
                    &[key("variables"), key(&v.name)],
                    format!(
                        "variable `{}` is declared but no question uses `${{{}}}`",
                        v.name, v.name
                    ),
                );
            }
        }
    }

    fn check_budgets(&mut self, bank: &Bank) {
        let budgeted: u32 = bank.sections.iter().filter_map(|s| s.minutes).sum();
        let all_budgeted = bank.sections.iter().all(|s| s.minutes.is_some());
        let any_budgeted = bank.sections.iter().any(|s| s.minutes.is_some());
        let duration = bank.duration_minutes;
        if all_budgeted && budgeted != duration {
            self.warning(
                &[key("sections")],
                format!("section budgets add up to {budgeted} minutes but duration_minutes is {duration}; pacing will follow the section budgets"),
            );
        } else if any_budgeted && !all_budgeted && budgeted >= duration {
            self.warning(
                &[key("sections")],
                format!("budgeted sections already take {budgeted} of {duration} minutes, leaving no time for the sections without `minutes:`"),
            );
        }
    }
}

/// The `${...}` references in `text`: `Ok(name)` when well formed, `Err(fragment)` when not.
///
/// An escaped `$${` is no reference (see [`pieces`]); an unclosed `${` is
/// quoted with at most the next ten characters.
pub fn references(text: &str) -> Vec<Result<&str, &str>> {
    pieces(text)
        .into_iter()
        .filter_map(|piece| match piece {
            Piece::Text(_) => None,
            Piece::Reference(name) => Some(Ok(name)),
            Piece::Malformed(fragment) if fragment.ends_with('}') => Some(Err(fragment)),
            Piece::Malformed(fragment) => {
                let end = fragment
                    .char_indices()
                    .nth(12)
                    .map_or(fragment.len(), |(i, _)| i);
                Some(Err(&fragment[..end]))
            }
        })
        .collect()
}
