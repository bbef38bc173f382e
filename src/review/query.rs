//! What a reviewer types to find interviews: words that must all appear.

/// Words that must all appear (ignoring case) somewhere in an interview:
/// its candidate, role, bank, interviewer, summary, scratch note or any
/// question's notes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    words: Vec<String>,
}

impl Query {
    /// The words of `text`, split at whitespace; no words matches everything.
    pub fn parse(text: &str) -> Self {
        Self {
            words: text.split_whitespace().map(fold).collect(),
        }
    }

    /// Whether every text `self` matches is also matched by `shorter`:
    /// each of its words extends one of `shorter`'s. Typing narrows a list
    /// by filtering only what the shorter query matched.
    pub fn narrows(&self, shorter: &Query) -> bool {
        shorter
            .words
            .iter()
            .all(|w| self.words.iter().any(|mine| mine.contains(w.as_str())))
    }

    /// Whether every word appears in `folded` (text passed through [`fold`]).
    pub(crate) fn matches_folded(&self, folded: &str) -> bool {
        self.words.iter().all(|w| folded.contains(w.as_str()))
    }

    /// The byte range of the earliest occurrence of any word in `folded` at
    /// or after `from`, else the earliest anywhere; `None` with no words or
    /// no match. The same range holds in the unfolded text ([`fold`] keeps
    /// byte offsets).
    pub(crate) fn first_match(&self, folded: &str, from: usize) -> Option<(usize, usize)> {
        let earliest = |from: usize| {
            self.words
                .iter()
                .filter(|w| !w.is_empty())
                .filter_map(|w| {
                    folded
                        .get(from..)?
                        .find(w.as_str())
                        .map(|i| (from + i, from + i + w.len()))
                })
                .min()
        };
        earliest(from).or_else(|| earliest(0))
    }

    /// Whether the query has no words.
    pub(crate) fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// `text` in lower case where that keeps each character's length in bytes
/// (all of ASCII and most letters), so that byte offsets found in the folded
/// text hold in the original.
pub(crate) fn fold(text: &str) -> String {
    // Notes are mostly ASCII: that part is a byte-wise copy.
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.chars()
        .map(|c| {
            if c.is_ascii() {
                return c.to_ascii_lowercase();
            }
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                _ => c,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_byte_offsets_and_longer_words_narrow() {
        for text in ["ÅNGSTRÖM İstanbul ΣΑΣ Straße", "ABC", ""] {
            assert_eq!(fold(text).len(), text.len());
        }
        assert_eq!(fold("Ångström"), "ångström");
        assert!(Query::parse("idem keys").narrows(&Query::parse("ide key")));
        assert!(!Query::parse("idem").narrows(&Query::parse("idem keys")));
        let q = Query::parse("keys retry");
        assert_eq!(q.first_match("retry budget and keys", 0), Some((0, 5)));
        assert_eq!(q.first_match("retry budget and keys", 1), Some((17, 21)));
        assert_eq!(q.first_match("nothing here", 0), None);
    }
}
