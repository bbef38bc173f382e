//! The question bank as the rest of phonescreen sees it: plain, already validated data.
//!
//! Nothing here knows about YAML; `load` builds these from a file and `validate`
//! guarantees the invariants documented on each field.

/// The rating labels a bank gets when it does not list its own.
pub(crate) const DEFAULT_RATINGS: [&str; 4] = ["Strong no", "No", "Yes", "Strong yes"];

/// The interview length a bank gets when it does not say.
pub(crate) const DEFAULT_DURATION_MINUTES: u32 = 30;

/// A validated question bank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bank {
    /// Human name, never empty.
    pub name: String,
    /// Free text shown before the call starts (pre-call advice).
    pub(crate) description: Option<String>,
    /// Planned length of the interview, 1..=480.
    pub duration_minutes: u32,
    /// Variables in the order they were declared.
    pub variables: Vec<Variable>,
    /// Rating labels, from worst to best, 2..=9 of them.
    pub ratings: Vec<String>,
    /// At least one section.
    pub sections: Vec<Section>,
}

/// A `${name}` placeholder the interviewer fills in at the start of an interview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variable {
    /// The name used in `${name}`: lowercase letters, digits and `_`, starting with a letter.
    pub name: String,
    /// What the interviewer is asked for.
    pub(crate) prompt: String,
    /// Value used when the interviewer gives none.
    pub(crate) default: Option<String>,
}

/// A group of questions with an optional time budget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Unique within the bank: lowercase letters, digits and `-`.
    pub id: String,
    /// Title shown in the outline.
    pub title: String,
    /// Planned minutes for this section, if the bank gives a budget.
    pub minutes: Option<u32>,
    /// At least one question.
    pub questions: Vec<Question>,
}

/// One question the interviewer asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// Unique within the bank: lowercase letters, digits and `-`.
    pub id: String,
    /// The question, possibly with `${variable}` placeholders.
    pub ask: String,
    /// What a good answer shows: guidance for the interviewer.
    pub listen_for: Option<String>,
    /// Follow-up questions to dig deeper.
    pub follow_ups: Vec<String>,
    /// Free-form tags (e.g. `communication`).
    pub tags: Vec<String>,
    /// Whether the finish screen warns when this question was not asked.
    pub(crate) required: bool,
}

impl Bank {
    /// Number of questions across all sections.
    pub(crate) fn question_count(&self) -> usize {
        self.sections.iter().map(|s| s.questions.len()).sum()
    }
}

/// One piece of a text that may hold `${name}` references.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Piece<'a> {
    /// Text shown as it is; the escape `$${` comes out as the text `${`.
    Text(&'a str),
    /// A well-formed `${name}`: the name.
    Reference(&'a str),
    /// A `${` that is not a well-formed reference, as written: `${Bad}`,
    /// or an unclosed `${` with the rest of the text.
    Malformed(&'a str),
}

/// Whether `name` may be a variable name: lowercase letters, digits and
/// `_`, starting with a letter.
pub(crate) fn is_variable_name(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Splits `text` into plain text, `${name}` references and malformed ones.
///
/// `$${` is the escape for a literal `${`: it is never a reference, so
/// `$${name}` reads `${name}`. As in Terraform, only the `$` just before
/// `${` counts: `$$${name}` reads `$${name}`. This is the one definition
/// the validator and the interview both use.
pub(crate) fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        if start > 0 && rest.as_bytes()[start - 1] == b'$' {
            if start > 1 {
                found.push(Piece::Text(&rest[..start - 1]));
            }
            found.push(Piece::Text(&rest[start..start + 2]));
            rest = &rest[start + 2..];
            continue;
        }
        if start > 0 {
            found.push(Piece::Text(&rest[..start]));
        }
        let after = &rest[start + 2..];
        match after.find('}') {
            Some(end) => {
                let name = &after[..end];
                if is_variable_name(name) {
                    found.push(Piece::Reference(name));
                } else {
                    found.push(Piece::Malformed(&rest[start..start + 2 + end + 1]));
                }
                rest = &after[end + 1..];
            }
            None => {
                found.push(Piece::Malformed(&rest[start..]));
                rest = "";
            }
        }
    }
    if !rest.is_empty() {
        found.push(Piece::Text(rest));
    }
    found
}

/// Replaces every `${name}` in `text` with its value from `lookup`, and
/// every escaped `$${` with `${`.
///
/// A reference with no value is left as written, so nothing is silently dropped;
/// validation guarantees every reference in a loaded bank is declared.
pub fn fill_variables<'a>(text: &str, lookup: impl Fn(&str) -> Option<&'a str>) -> String {
    let mut out = String::with_capacity(text.len());
    for piece in pieces(text) {
        match piece {
            Piece::Text(t) | Piece::Malformed(t) => out.push_str(t),
            Piece::Reference(name) => match lookup(name) {
                Some(value) => out.push_str(value),
                None => {
                    out.push_str("${");
                    out.push_str(name);
                    out.push('}');
                }
            },
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_known_and_keeps_unknown_references() {
        let filled = fill_variables("Why ${company}? ${nope} ${", |n| {
            (n == "company").then_some("Acme")
        });
        assert_eq!(filled, "Why Acme? ${nope} ${");
    }

    fn acme(text: &str) -> String {
        fill_variables(text, |n| (n == "company").then_some("Acme"))
    }

    #[test]
    fn a_doubled_dollar_before_a_brace_is_a_literal() {
        assert_eq!(acme("$${company}"), "${company}");
        assert_eq!(
            acme("Write $${name} for ${company}"),
            "Write ${name} for Acme"
        );
        assert_eq!(acme("$${"), "${");
        assert_eq!(acme("$${ unclosed"), "${ unclosed");
        assert_eq!(acme("$${Not A Name}"), "${Not A Name}");
        assert_eq!(acme("${company}$${company}"), "Acme${company}");
        // Only the `$` just before `${` is the escape, as in Terraform.
        assert_eq!(acme("$$${company}"), "$${company}");
        assert_eq!(acme("$$$${company}"), "$$${company}");
        // A `$` anywhere else is just a dollar.
        assert_eq!(
            acme("$5 or $$ or $ {company} or $"),
            "$5 or $$ or $ {company} or $"
        );
        assert_eq!(acme("€${company}€"), "€Acme€");
    }

    #[test]
    fn pieces_name_references_escapes_and_malformed_ones() {
        use Piece::*;
        assert_eq!(
            pieces("a$${x}b${company}c${Bad}d${open"),
            vec![
                Text("a"),
                Text("${"),
                Text("x}b"),
                Reference("company"),
                Text("c"),
                Malformed("${Bad}"),
                Text("d"),
                Malformed("${open"),
            ]
        );
        assert_eq!(pieces(""), vec![]);
        assert_eq!(pieces("$${"), vec![Text("${")]);
    }
}
