//! Text from files, made safe to print on a terminal, and laid out in columns.
//!
//! Everything printed that came from a file goes through [`escape`] (or
//! [`escape_lines`]): controls and invisible characters are shown as escapes
//! (`\e`, `\u{200b}`), never passed to the terminal nor dropped. Columns are
//! measured in terminal cells. The full rules: docs/ARCHITECTURE.md.

use std::borrow::Cow;
use std::fmt::Write as _;

use unicode_width::UnicodeWidthChar;

/// Whether `c` reorders the text around it in a bidi-aware terminal or
/// viewer: the embeddings, overrides and isolates, and the invisible marks.
/// Printed raw, they can make a table row read as something it is not.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` must not reach a terminal as it is: C0 controls, DEL, C1
/// controls (what `char::is_control` covers) and the bidi controls.
pub(crate) fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Whether `c` is a format character (Unicode category Cf): it draws
/// nothing where it stands, so text holding it reads as other text.
pub fn is_invisible(c: char) -> bool {
    // ASCII has none; most text is ASCII, and this runs on every cell drawn.
    !c.is_ascii()
        && unicode_general_category::get_general_category(c)
            == unicode_general_category::GeneralCategory::Format
}

/// Whether a joiner (`U+200C`, `U+200D`) between `before` and `after`
/// shapes the text: both neighbours outside ASCII, visible and not spaces,
/// as in Persian words and emoji sequences.
fn joins(before: Option<char>, after: Option<char>) -> bool {
    let shaped = |c: Option<char>| {
        c.is_some_and(|c| !c.is_ascii() && !c.is_whitespace() && !is_unsafe(c) && !is_invisible(c))
    };
    shaped(before) && shaped(after)
}

/// Whether `c`, between `before` and `after`, is shown as an escape: it
/// would drive the terminal, or it is invisible (see the module's notes).
fn hidden(before: Option<char>, c: char, after: Option<char>) -> bool {
    if is_unsafe(c) {
        return true;
    }
    is_invisible(c) && !(matches!(c, '\u{200c}' | '\u{200d}') && joins(before, after))
}

/// Whether any character of `text` might be shown as an escape.
fn suspect(text: &str) -> bool {
    text.chars().any(|c| is_unsafe(c) || is_invisible(c))
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        '\u{1b}' => out.push_str("\\e"),
        c if (c as u32) < 0x80 => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

fn escape_except<'t>(text: &'t str, keep: &[char]) -> Cow<'t, str> {
    if !suspect(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut before = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if hidden(before, c, chars.peek().copied()) && !keep.contains(&c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
        before = Some(c);
    }
    if out == text {
        // Only joiners where they shape the text: nothing was escaped.
        return Cow::Borrowed(text);
    }
    Cow::Owned(out)
}

/// `text` on one line with every control character shown as an escape
/// (`\e`, `\n`, `\x07`, `\u{9b}`, `\u{202e}`), and every invisible format
/// character too (`\u{200b}`, `\u{feff}`, `\u{ad}`); other text is unchanged.
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_except(text, &[])
}

/// Like [`escape`], but line breaks and tabs stay as they are: for messages
/// of several lines (errors, the goodbye after an interview, which may print
/// a whole interview to copy into a file, tabs in its notes included).
pub fn escape_lines(text: &str) -> Cow<'_, str> {
    escape_except(text, &['\n', '\t'])
}

/// Terminal cells `c` takes (0 for combining marks; controls never get here).
fn cells(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Terminal cells `text` takes once escaped.
pub fn width(text: &str) -> usize {
    escape(text).chars().map(cells).sum()
}

/// `text`, escaped, cut to at most `max` cells: a cut text ends in `…`.
pub(crate) fn truncate(text: &str, max: usize) -> String {
    let text = escape(text);
    let total: usize = text.chars().map(cells).sum();
    if total <= max {
        return text.into_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = cells(c);
        // Keep one cell for the ellipsis.
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// `text`, escaped, cut to `cells` cells if wider, and padded with spaces
/// to exactly `cells` cells: one column of a table.
pub(crate) fn column(text: &str, cells: usize) -> String {
    pad(&truncate(text, cells), cells)
}

/// `text` (already safe) padded with spaces to at least `cells` cells.
pub(crate) fn pad(text: &str, cells: usize) -> String {
    let w: usize = text.chars().map(self::cells).sum();
    let mut out = text.to_string();
    out.extend(std::iter::repeat_n(' ', cells.saturating_sub(w)));
    out
}

/// JSON text with the characters JSON may carry raw but a terminal must not
/// see — DEL, C1 controls, bidi controls — written as `\uXXXX` escapes.
/// `serde_json` already escapes C0 controls; the value read back is the same.
pub(crate) fn json_safe(json: &str) -> Cow<'_, str> {
    // C0 controls are escaped inside strings already; outside them they are
    // the layout's line breaks.
    let unescaped = |c: char| c >= ' ' && is_unsafe(c);
    if !json.chars().any(unescaped) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 8);
    for c in json.chars() {
        if unescaped(c) {
            // Every control and bidi control is in the Basic Multilingual
            // Plane, so one \uXXXX escape is enough.
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `n` and the word, in the plural unless `n` is 1: "1 file", "2 files".
pub(crate) fn plural(n: usize, one: &str) -> String {
    format!("{n} {one}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        for text in ["Ada Lovelace", "Zoë “Ada” C:\\path", "山田太郎", "🙂", ""] {
            assert!(matches!(escape(text), Cow::Borrowed(t) if t == text));
            assert!(matches!(json_safe(text), Cow::Borrowed(_)));
        }
    }

    #[test]
    fn controls_are_shown_as_escapes() {
        assert_eq!(
            escape("Eve\u{1b}]2;pwned\u{7}\u{1b}]52;c;aGk=\u{7}"),
            "Eve\\e]2;pwned\\x07\\e]52;c;aGk=\\x07"
        );
        assert_eq!(escape("a\nb\tc\rd\u{0}\u{7f}"), "a\\nb\\tc\\rd\\x00\\x7f");
        assert_eq!(escape("\u{9b}31m\u{85}"), "\\u{9b}31m\\u{85}");
        assert_eq!(escape("abc\u{202e}fed\u{2066}"), "abc\\u{202e}fed\\u{2066}");
        assert_eq!(escape_lines("one\ntwo\u{1b}[2J"), "one\ntwo\\e[2J");
    }

    #[test]
    fn invisible_characters_are_shown_and_counted_as_shown() {
        assert_eq!(escape("A\u{200b}da"), "A\\u{200b}da");
        assert_eq!(
            escape("\u{feff}Ada\u{2060}\u{ad}x\u{200c}y\u{200d}"),
            "\\u{feff}Ada\\u{2060}\\u{ad}x\\u{200c}y\\u{200d}"
        );
        // Outside the Basic Multilingual Plane too: a tag, a musical format mark.
        assert_eq!(escape("a\u{e0041}\u{1d173}"), "a\\u{e0041}\\u{1d173}");
        // What is shown is what is measured and padded: the row lines up
        // with the plain name's, one escape wider.
        assert_eq!(width("A\u{200b}da"), "A\\u{200b}da".len());
        assert_eq!(column("A\u{200b}da", 12), "A\\u{200b}da ");
        assert_eq!(column("\u{200b}\u{200b}", 12), "\\u{200b}\\u{…");
        assert_eq!(escape_lines("a\u{200b}\nb"), "a\\u{200b}\nb");
    }

    #[test]
    fn joiners_that_shape_the_text_stay() {
        // A Persian name with a zero-width non-joiner, an emoji family.
        for text in ["\u{645}\u{6cc}\u{200c}\u{646}\u{627}", "👩\u{200d}👧"] {
            assert!(
                matches!(escape(text), Cow::Borrowed(t) if t == text),
                "{text}"
            );
        }
        // At an edge, next to ASCII or a space, they shape nothing.
        for (text, shown) in [
            ("\u{200d}👧", "\\u{200d}👧"),
            ("👩\u{200d}", "👩\\u{200d}"),
            ("Zo\u{200d}ë", "Zo\\u{200d}ë"),
            ("ë\u{200c} ë", "ë\\u{200c} ë"),
            ("ë\u{200c}\u{200c}ë", "ë\\u{200c}\\u{200c}ë"),
        ] {
            assert_eq!(escape(text), shown, "{text:?}");
        }
    }

    #[test]
    fn json_keeps_invisible_characters_as_the_text_holds_them() {
        // JSON is for scripts: the exact text, which reads back the same.
        let json = serde_json::to_string("A\u{200b}da").unwrap();
        assert_eq!(json_safe(&json), json);
    }

    #[test]
    fn nothing_unsafe_survives_any_character() {
        for c in (0..0x3000)
            .chain(0xfe00..0x11000)
            .chain(0xe0000..0xe0100)
            .filter_map(char::from_u32)
        {
            let s = c.to_string();
            assert!(!escape(&s).chars().any(is_unsafe), "{c:?}");
            assert!(!escape(&s).chars().any(is_invisible), "{c:?}");
            let json = serde_json::to_string(&s).unwrap();
            assert!(!json_safe(&json).chars().any(is_unsafe), "{c:?}");
        }
    }

    #[test]
    fn columns_count_cells_not_characters() {
        assert_eq!(width("山田"), 4);
        assert_eq!(column("山田", 6), "山田  ");
        assert_eq!(column("Ada", 6), "Ada   ");
        // Cut at a cell boundary: a wide character never straddles the edge.
        assert_eq!(column("山田太郎", 6), "山田… ");
        assert_eq!(column("山田太郎", 7), "山田太…");
        assert_eq!(column("Ada Lovelace", 6), "Ada L…");
        for text in ["山田太郎山田太郎", "Ada Lovelace", "a\u{1b}b", "é\u{301}x"] {
            for n in 1..12 {
                let col = column(text, n);
                assert_eq!(col.chars().map(cells).sum::<usize>(), n, "{text:?} in {n}");
            }
        }
        // Escapes count towards the width, and are cut like any text.
        assert_eq!(column("\u{1b}]2;x", 6), "\\e]2;x");
    }

    #[test]
    fn json_stays_json_with_the_same_value() {
        let value = serde_json::json!({ "candidate": "a\u{1b}\u{7}\u{7f}\u{9b}\u{202e}z" });
        let text = serde_json::to_string_pretty(&value).unwrap();
        let safe = json_safe(&text);
        assert!(!safe.chars().any(|c| c != '\n' && is_unsafe(c)), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }
}
