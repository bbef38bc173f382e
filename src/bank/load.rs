//! Reads a bank file and checks it against the format, collecting every problem.
//!
//! Parsing goes through [`crate::yaml`]; this module turns the parsed tree into a
//! [`Bank`], reporting each problem with its field path and, where the file's
//! layout shows it, its line and column.

use std::collections::{HashMap, HashSet};
use std::path::Path as FsPath;

use super::diagnostic::{Diagnostic, closest};
use super::locate::{Locator, Path, Segment, render};
use super::model::{
    Bank, DEFAULT_DURATION_MINUTES, DEFAULT_RATINGS, Piece, Question, Section, Variable,
    is_variable_name, pieces,
};
use crate::yaml::{self, Node, NumberValue};

/// Banks larger than this are refused: a real bank is a few kilobytes.
pub(crate) const MAX_BANK_BYTES: usize = 1024 * 1024;
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
/// What the validator and the JSON Schema both say about an id YAML reads
/// as a number (`id: 007`), so the editor and CI give the same advice.
pub const ID_IS_TEXT: &str = "an id is text";
/// The id rule, as a regular expression for the JSON Schema.
pub(crate) const ID_PATTERN: &str = "^[a-z0-9][a-z0-9-]*$";
/// The variable-name rule, as a regular expression for the JSON Schema.
pub(crate) const VARIABLE_PATTERN: &str = "^[a-z][a-z0-9_]*$";

/// The outcome of reading a bank: the bank if it has no errors, and every problem found.
#[derive(Debug, Clone)]
pub struct Report {
    /// The bank, present only when there are no errors.
    pub bank: Option<Bank>,
    /// Errors and warnings, in file order where known.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// A bank that could not be read at all, for the one reason given.
    pub(crate) fn failed(diagnostic: Diagnostic) -> Self {
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
    let document = match yaml::parse_document(&text) {
        Ok(document) => document,
        Err(err) => {
            let position = err.position;
            let message = format!("invalid YAML: {}", err.message);
            return Report::failed(Diagnostic::error("", message).at(position));
        }
    };
    let mut checker = Checker {
        text: &text,
        locator: None,
        diagnostics: Vec::new(),
        texts: Vec::new(),
        texts_complete: true,
    };
    for repeated in &document.repeated_keys {
        checker.repeated_key(repeated);
    }
    let bank = if document.root == Node::Null {
        let d = Diagnostic::error(
            "",
            "the file is empty; a bank needs at least `name:` and `sections:` (run `phonescreen bank new FILE` for a starter)",
        )
        .at(Some((1, 1)));
        checker.diagnostics.push(d);
        None
    } else {
        checker.bank(&document.root)
    };
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

/// Each section's `minutes:`, in order (`None` where it has none).
type Budgets = Vec<Option<u32>>;

struct Checker<'t> {
    text: &'t str,
    /// Positions of every key, built only when a diagnostic needs one: a
    /// valid bank has nothing to place, and building it for 10,000
    /// questions cost more than parsing them.
    locator: Option<Locator>,
    diagnostics: Vec<Diagnostic>,
    /// Every text that may hold `${name}` references and could be read,
    /// with its path, so references are checked even when other parts of
    /// the bank are broken: every problem in one run.
    texts: Vec<(Path, String)>,
    /// Whether every such text was read: a variable is only called unused
    /// when no unreadable text might have used it.
    texts_complete: bool,
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
        if path.is_empty() {
            // A problem with the whole bank (a missing `name:`) is placed
            // where its content starts, where the fix goes.
            return Some(content_start(text));
        }
        self.locator
            .get_or_insert_with(|| Locator::new(text))
            .find(path)
    }

    /// A key written twice in one mapping, placed at the second one.
    fn repeated_key(&mut self, repeated: &yaml::RepeatedKey) {
        let path: &Path = &repeated.path;
        let name = repeated.name();
        let message =
            format!("the key `{name}` appears more than once in the same mapping; keep only one");
        let position = repeated.position.or_else(|| self.position(path));
        self.diagnostics
            .push(Diagnostic::error(render(path), message).at(position));
    }

    /// Whether `written` stands as a token on the line where `path` is:
    /// then it is what the author typed, and a hint may quote it.
    fn written_at(&mut self, path: &[Segment], written: &str) -> bool {
        let Some((line, _)) = self.position(path) else {
            return false;
        };
        self.text.lines().nth(line - 1).is_some_and(|l| {
            l.split(|c: char| c.is_whitespace() || matches!(c, ',' | '[' | ']' | '{' | '}'))
                .any(|token| token == written || token.strip_suffix(':') == Some(written))
        })
    }

    /// How to quote the number `n` as text: as written when it is known.
    fn quoted(&mut self, path: &[Segment], n: &str) -> String {
        if self.written_at(path, n) {
            format!("write it in quotes (\"{n}\")")
        } else {
            "write it in quotes, exactly as written,".to_string()
        }
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
                let quote = self.quoted(path, n);
                self.error(
                    path,
                    format!("expected text, found the number {n}; {quote} if it is meant as text"),
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
        let whole_in_range = |f: f64| {
            f.fract() == 0.0 && (f64::from(*range.start())..=f64::from(*range.end())).contains(&f)
        };
        // Read as every YAML reader reads it: `0x1E` is 30, `007` is 7.
        match yaml::number_value(n) {
            Some(NumberValue::Integer(m))
                if (*range.start() as i128..=*range.end() as i128).contains(&m) =>
            {
                u32::try_from(m).ok()
            }
            // `5.0`: a whole number to an editor (JSON has one number type),
            // so say how to write it rather than only that it is wrong.
            Some(NumberValue::Float(f)) if whole_in_range(f) => {
                self.error(
                    path,
                    format!(
                        "write whole minutes without a decimal point: {}, not {n}",
                        f as u32
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
        // `id: 007` is the number 7 to YAML editors and PyYAML, so the
        // schema an editor checks against refuses it too, with the same
        // advice (`schema::ID_TYPE_MESSAGE`).
        let (found, written) = match node {
            Node::Number(n) => (format!("the number {n}"), n.clone()),
            Node::Bool(b) => (format!("the boolean {b}"), b.to_string()),
            Node::Null => {
                self.error(
                    path,
                    format!("is empty; {ID_IS_TEXT}: give one, such as `opening`"),
                );
                return None;
            }
            _ => (String::new(), String::new()),
        };
        if !found.is_empty() {
            let quoted = if self.written_at(path, &written) {
                format!("\"{written}\" for {written}")
            } else {
                "exactly as you wrote it".to_string()
            };
            self.error(
                path,
                format!("found {found} where an id goes; {ID_IS_TEXT}: write it in quotes, {quoted} (unquoted, YAML reads it as something else)"),
            );
            return None;
        }
        let id = self.non_empty_text(path, node)?;
        let mut chars = id.chars();
        let first_ok = chars
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !(first_ok && rest_ok) {
            // Each run of other characters becomes one `-`: `Team / Culture`
            // suggests `team-culture`, not `team---culture`.
            let suggestion = id
                .to_lowercase()
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join("-");
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
        let (variables, declared) = match fields.get("variables") {
            Some(n) => self.variables(n),
            None => (Some(Vec::new()), Some(Vec::new())),
        };
        let ratings = match fields.get("ratings") {
            Some(n) => self.ratings(n),
            None => Some(DEFAULT_RATINGS.iter().map(|s| s.to_string()).collect()),
        };
        let sections = self
            .required(&top, &fields, "sections", "the bank")
            .map(|n| self.sections(n));
        if sections.is_none() {
            self.texts_complete = false;
        }
        // Checked whatever else is broken, so one run reports every problem.
        self.check_references(declared.as_deref());
        if let (Some(duration), Some((_, Some(minutes)))) = (duration_minutes, &sections) {
            self.check_budgets(duration, minutes);
        }
        Some(Bank {
            name: name?,
            description,
            duration_minutes: duration_minutes?,
            variables: variables?,
            ratings: ratings?,
            sections: sections?.0?,
        })
    }

    /// The variables when they are all valid, and the names declared
    /// (known even when some variable is broken; `None` when `variables:`
    /// is not a mapping at all).
    fn variables(&mut self, node: &Node) -> (Option<Vec<Variable>>, Option<Vec<String>>) {
        let path = vec![key("variables")];
        let Some(untagged) = self.untag(&path, node) else {
            return (None, None);
        };
        let Node::Map(entries) = untagged else {
            if *node == Node::Null {
                return (Some(Vec::new()), Some(Vec::new()));
            }
            self.error(
                &path,
                format!(
                    "expected a mapping from variable names to `prompt:`/`default:`, found {}",
                    node.describe()
                ),
            );
            return (None, None);
        };
        let mut variables = Vec::new();
        let mut declared = Vec::new();
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
            declared.push(name.clone());
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
        (ok.then_some(variables), Some(declared))
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

    /// The sections when they are all valid, and each section's budget
    /// when every section could be read (for the budget warnings, which
    /// are given even when something else is broken).
    fn sections(&mut self, node: &Node) -> (Option<Vec<Section>>, Option<Budgets>) {
        let path = vec![key("sections")];
        let Some(items) = self.list(&path, node, "sections") else {
            self.texts_complete = false;
            return (None, None);
        };
        if items.is_empty() {
            self.error(&path, "needs at least one section");
            return (None, None);
        }
        let mut sections = Vec::new();
        let mut budgets = Some(Vec::new());
        let mut ok = true;
        let mut section_ids: HashMap<String, usize> = HashMap::new();
        let mut question_ids: HashMap<String, String> = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            let sp = child(&path, Segment::Index(i));
            let Some(fields) = self.fields(&sp, item, SECTION_KEYS, "a section") else {
                ok = false;
                budgets = None;
                self.texts_complete = false;
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
                        budgets = None;
                        None
                    }
                },
                None => None,
            };
            if let Some(budgets) = &mut budgets {
                budgets.push(minutes);
            }
            let questions = match self.required(&sp, &fields, "questions", "the section") {
                Some(n) => self.questions(&sp, n, &mut question_ids),
                None => {
                    self.texts_complete = false;
                    None
                }
            };
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
        (ok.then_some(sections), budgets)
    }

    fn questions(
        &mut self,
        section_path: &[Segment],
        node: &Node,
        seen_ids: &mut HashMap<String, String>,
    ) -> Option<Vec<Question>> {
        let path = child(section_path, key("questions"));
        let Some(items) = self.list(&path, node, "questions") else {
            self.texts_complete = false;
            return None;
        };
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
                self.texts_complete = false;
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
            let ask_path = child(&qp, key("ask"));
            let ask = self
                .required(&qp, &fields, "ask", "the question")
                .and_then(|n| self.non_empty_text(&ask_path, n));
            self.keep_text(&ask_path, ask.as_deref(), fields.get("ask").copied());
            let listen_path = child(&qp, key("listen_for"));
            let listen_for = fields
                .get("listen_for")
                .and_then(|n| self.text(&listen_path, n));
            self.keep_text(
                &listen_path,
                listen_for.as_deref(),
                fields.get("listen_for").copied(),
            );
            let listen_for = listen_for.filter(|t| !t.trim().is_empty());
            let follow_ups_path = child(&qp, key("follow_ups"));
            let follow_ups = match fields.get("follow_ups") {
                Some(n) => self.follow_ups(&follow_ups_path, n),
                None => Vec::new(),
            };
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

    /// Follow-up questions, each kept for the reference check as it is read.
    fn follow_ups(&mut self, path: &[Segment], node: &Node) -> Vec<String> {
        let Some(items) = self.list(path, node, "follow-up questions") else {
            self.texts_complete = false;
            return Vec::new();
        };
        let mut follow_ups = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let item_path = child(path, Segment::Index(i));
            let text = self.non_empty_text(&item_path, item);
            self.keep_text(&item_path, text.as_deref(), Some(item));
            follow_ups.extend(text);
        }
        follow_ups
    }

    /// Keeps a text that may hold references; one that was written and
    /// could not be read leaves the reference check incomplete, unless it
    /// holds no text at all (a number cannot use a variable).
    fn keep_text(&mut self, path: &[Segment], text: Option<&str>, written: Option<&Node>) {
        match (text, written) {
            // Only text with `${` can reference anything: most text is
            // kept for nothing, and a 10,000-question bank would pay for it.
            (Some(text), _) if text.contains("${") => {
                self.texts.push((path.to_vec(), text.to_string()));
            }
            (Some(_), _) => {}
            (None, Some(node)) if holds_text(node) => self.texts_complete = false,
            (None, _) => {}
        }
    }

    /// Every `${name}` must be declared; every declared variable should be
    /// used. `declared` is `None` when `variables:` could not be read: then
    /// only references that are not well formed are reported.
    fn check_references(&mut self, declared: Option<&[String]>) {
        let names: Vec<&str> = declared
            .unwrap_or_default()
            .iter()
            .map(String::as_str)
            .collect();
        let mut used = HashSet::new();
        let texts = std::mem::take(&mut self.texts);
        for (path, text) in &texts {
            for reference in references(text) {
                match reference {
                    Ok(name) if names.contains(&name) => {
                        used.insert(name.to_string());
                    }
                    Ok(_) if declared.is_none() => {}
                    Ok(name) => {
                        let hint = match closest(name, &names) {
                            Some(k) => format!("did you mean `${{{k}}}`? "),
                            None => String::new(),
                        };
                        self.error(
                            path,
                            format!("`${{{name}}}` is not a declared variable; {hint}declare it under `variables:` or fix the spelling"),
                        );
                    }
                    Err(fragment) if !fragment.ends_with('}') => self.error(
                        path,
                        format!("`{fragment}` has no closing `}}`; write `${{name}}` with a declared variable name, or `$${{` for a literal `${{`"),
                    ),
                    Err(fragment) => self.error(
                        path,
                        format!("`{fragment}` is not a valid variable reference; variable names use lowercase letters, digits and '_', starting with a letter (write `$${{` for a literal `${{`)"),
                    ),
                }
            }
        }
        if !self.texts_complete {
            return;
        }
        for name in names {
            if !used.contains(name) && is_variable_name(name) {
                self.warning(
                    &[key("variables"), key(name)],
                    format!("variable `{name}` is declared but no question uses `${{{name}}}`"),
                );
            }
        }
    }

    fn check_budgets(&mut self, duration: u32, minutes: &[Option<u32>]) {
        let budgeted: u32 = minutes.iter().flatten().sum();
        let all_budgeted = minutes.iter().all(Option::is_some);
        let any_budgeted = minutes.iter().any(Option::is_some);
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

/// Whether `node` has text anywhere in it.
fn holds_text(node: &Node) -> bool {
    match node {
        Node::String(_) => true,
        Node::List(items) => items.iter().any(holds_text),
        Node::Map(entries) => entries.iter().any(|(k, v)| holds_text(k) || holds_text(v)),
        Node::Tagged(_, inner) => holds_text(inner),
        Node::Null | Node::Bool(_) | Node::Number(_) => false,
    }
}

/// Where a document's content starts: its first line that is not blank,
/// a comment or a `---`, at its first character; the first line when
/// there is none.
fn content_start(text: &str) -> (usize, usize) {
    text.lines()
        .enumerate()
        .find_map(|(i, line)| {
            let trimmed = line.trim_start();
            let content = !trimmed.is_empty() && !trimmed.starts_with('#') && trimmed != "---";
            content.then(|| (i + 1, line.chars().count() - trimmed.chars().count() + 1))
        })
        .unwrap_or((1, 1))
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
