//! Problems found in a bank file, each pointing at a place and saying what to do.

use std::fmt;

/// How bad a problem is: errors make a bank unusable, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Severity {
    /// The bank cannot be used until this is fixed.
    Error,
    /// The bank works, but something looks unintended.
    Warning,
}

/// One problem in a bank, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub(crate) severity: Severity,
    /// 1-based line and column, when the place is known.
    pub position: Option<(usize, usize)>,
    /// Field path such as `sections[2].questions[0].ask`; empty for the whole file.
    pub(crate) path: String,
    /// What is wrong and, where it helps, what to do.
    pub message: String,
}

impl Diagnostic {
    /// An error at `path`.
    pub(crate) fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            position: None,
            path: path.into(),
            message: message.into(),
        }
    }

    /// A warning at `path`.
    pub(crate) fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(path, message)
        }
    }

    /// The same problem, placed at a line and column.
    pub(crate) fn at(mut self, position: Option<(usize, usize)>) -> Self {
        self.position = position;
        self
    }

    /// Whether this problem makes the bank unusable.
    pub(crate) fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Formats the problem as `FILE:LINE:COLUMN: error: PATH: message`.
    pub fn display_for<'a>(&'a self, file: &'a str) -> impl fmt::Display + 'a {
        DisplayFor {
            diagnostic: self,
            file,
        }
    }
}

struct DisplayFor<'a> {
    diagnostic: &'a Diagnostic,
    file: &'a str,
}

impl fmt::Display for DisplayFor<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.diagnostic;
        write!(f, "{}", self.file)?;
        if let Some((line, column)) = d.position {
            write!(f, ":{line}:{column}")?;
        }
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {kind}: ")?;
        if !d.path.is_empty() {
            write!(f, "{}: ", d.path)?;
        }
        write!(f, "{}", d.message)
    }
}

/// Edit distance between two short strings, used for "did you mean" hints.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

/// The known name closest to `unknown`, if it is close enough to be a likely typo.
pub(crate) fn closest<'a>(unknown: &str, known: &[&'a str]) -> Option<&'a str> {
    let lowered = unknown.to_lowercase().replace(['-', ' '], "_");
    known
        .iter()
        .map(|k| (edit_distance(&lowered, k), *k))
        .filter(|(d, k)| *d <= (k.len() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_keys_only() {
        let known = ["ask", "listen_for", "follow_ups", "tags", "required"];
        assert_eq!(closest("listen_fr", &known), Some("listen_for"));
        assert_eq!(closest("Listen-For", &known), Some("listen_for"));
        assert_eq!(closest("followups", &known), Some("follow_ups"));
        assert_eq!(closest("banana", &known), None);
    }

    #[test]
    fn formats_with_and_without_position() {
        let d = Diagnostic::error("sections[0].title", "must not be empty").at(Some((3, 5)));
        assert_eq!(
            d.display_for("b.yaml").to_string(),
            "b.yaml:3:5: error: sections[0].title: must not be empty"
        );
        let w = Diagnostic::warning("", "budgets differ");
        assert_eq!(
            w.display_for("b.yaml").to_string(),
            "b.yaml: warning: budgets differ"
        );
    }
}
