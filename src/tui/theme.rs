//! Styles, with a `NO_COLOR` variant where every state still reads by its
//! word or symbol, and emphasis uses bold, dim and reverse only.
//!
//! Readable on light and dark backgrounds alike: no text (box lines
//! included) is drawn on the terminal's own background in ANSI black,
//! white, gray, yellow, green or cyan, or their bright forms. Black
//! vanishes on a dark background and the others on a white one: in
//! xterm's palette gray and yellow on white are 1.3:1 to 1.7:1, green and
//! cyan about 2:1 (4.5:1 is the usual floor for text). What stands out does
//! so by the terminal's own foreground, which is made for its background:
//! bold for states, keys, labels and the focused pane's border, dim for
//! secondary text, reverse (or black on cyan, a background of its own) for
//! the selection. The one hue drawn as text is magenta, bold, for
//! attention: about 4.5:1 on white and on black alike. Red only comes as a
//! background, under white; blue is not used as text (the classic ANSI
//! blue is about 2:1 on black). Colours with a fixed foreground only ever
//! come with their own background.

use ratatui::style::{Color, Modifier, Style};

/// The styles every screen draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Whether colours are used at all.
    pub color: bool,
    /// Whether only the characters every console font carries are drawn
    /// (see [`to_console_glyphs`]).
    pub ascii: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Self {
            color: true,
            ascii: false,
        }
    }
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty (no-color.org);
    /// console glyphs for the Linux console and vt100-like or dumb
    /// terminals, or when `symbols` says so (`symbols:` in config.yaml).
    pub fn from_env(symbols: Symbols) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let term = std::env::var("TERM").ok();
        Self {
            color: !no_color,
            ascii: match symbols {
                Symbols::Ascii => true,
                Symbols::Unicode => false,
                Symbols::Auto => term_lacks_glyphs(term.as_deref()),
            },
        }
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    /// Ordinary text.
    pub fn text(&self) -> Style {
        Style::new()
    }

    /// Secondary text: guidance, hints, labels.
    pub fn dim(&self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    /// Titles and the question itself.
    pub fn strong(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// The highlighted row in lists and the focused field.
    pub fn selected(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(Color::Cyan)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// Borders of the focused pane: the terminal's own foreground, bold,
    /// against the other panes' dark gray. A hue would be faint on one
    /// background or the other, and magenta already means attention.
    pub fn focus_border(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// Borders of other panes.
    pub fn border(&self) -> Style {
        self.fg(Color::DarkGray)
    }

    /// Good state: asked, on pace, rated, saved. Bold in the terminal's
    /// own foreground, not green (faint on white); the word or symbol
    /// beside it (`✓`, `>`, `rated`) says which state it is.
    pub fn good(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// Attention: five minutes left, behind plan, skipped.
    pub fn warning(&self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }

    /// Trouble: overtime, save failures.
    pub fn danger(&self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)
        }
    }

    /// `text` with the arrows of key names (`↑ ↓ ← →`) as words when only
    /// console glyphs are drawn: their stand-ins `^` and `v` would read as
    /// Ctrl keys (`^Q`).
    pub fn key_names(&self, text: &str) -> String {
        if !self.ascii {
            return text.to_string();
        }
        text.replace('↑', "Up")
            .replace('↓', "Down")
            .replace('←', "Left")
            .replace('→', "Right")
    }

    /// Says that there is more text above, below, or both: with arrows,
    /// or in words where only console glyphs are drawn (their `^` and `v`
    /// would read as keys).
    pub fn more(&self, above: bool, below: bool) -> &'static str {
        match (above, below, self.ascii) {
            (false, false, _) => "",
            (true, true, false) => "↑↓ more",
            (true, false, false) => "↑ more",
            (false, true, false) => "↓ more",
            (true, true, true) => "more above and below",
            (true, false, true) => "more above",
            (false, true, true) => "more below",
        }
    }

    /// Key names in the footer and help, and labels: bold in the
    /// terminal's own foreground (cyan was faint on white).
    pub fn key(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
}

/// The colour rule: whether `color` vanishes as text on the terminal's own
/// background, light or dark. Black on dark; white, gray, yellow, green and
/// cyan (and their bright forms, indexes 0-15 as terminals receive them) on
/// white; a fixed RGB on one or the other. The theme never draws text in
/// one; the tests check drawn screens and the terminal's cells with it.
pub fn vanishes(color: Color) -> bool {
    matches!(
        color,
        Color::Black
            | Color::White
            | Color::Gray
            | Color::Yellow
            | Color::LightYellow
            | Color::Green
            | Color::LightGreen
            | Color::Cyan
            | Color::LightCyan
            | Color::Indexed(0 | 2 | 3 | 6 | 7 | 10 | 11 | 14 | 15)
            | Color::Rgb(..)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every style a screen can draw with.
    fn styles(theme: &Theme) -> Vec<(&'static str, Style)> {
        vec![
            ("text", theme.text()),
            ("dim", theme.dim()),
            ("strong", theme.strong()),
            ("selected", theme.selected()),
            ("focus_border", theme.focus_border()),
            ("border", theme.border()),
            ("good", theme.good()),
            ("warning", theme.warning()),
            ("danger", theme.danger()),
            ("key", theme.key()),
        ]
    }

    #[test]
    fn console_glyphs_name_keys_and_more_in_words_never_as_carets() {
        let ascii = Theme {
            color: true,
            ascii: true,
        };
        assert_eq!(
            ascii.key_names("↑/↓ move · Esc ↓"),
            "Up/Down move · Esc Down"
        );
        assert_eq!(ascii.more(true, true), "more above and below");
        assert_eq!(ascii.more(false, true), "more below");
        let unicode = Theme::default();
        assert_eq!(unicode.key_names("↑/↓ move"), "↑/↓ move");
        assert_eq!(unicode.more(false, true), "↓ more");
        assert_eq!(unicode.more(false, false), "");
    }

    #[test]
    fn the_rule_knows_faint_colours_from_readable_ones() {
        for faint in [
            Color::Green,
            Color::Cyan,
            Color::LightCyan,
            Color::Indexed(10),
        ] {
            assert!(vanishes(faint), "{faint:?}");
        }
        for readable in [Color::Reset, Color::Magenta, Color::DarkGray] {
            assert!(!vanishes(readable), "{readable:?}");
        }
    }

    #[test]
    fn no_text_colour_that_vanishes_on_a_light_or_dark_background() {
        for theme in [
            Theme::default(),
            Theme {
                color: false,
                ascii: false,
            },
        ] {
            for (name, style) in styles(&theme) {
                // A fixed foreground is fine on a background of its own.
                if style.bg.is_none()
                    && let Some(fg) = style.fg
                {
                    assert!(
                        !vanishes(fg),
                        "{name} draws in {fg:?} on the terminal's background"
                    );
                }
            }
        }
        for (name, style) in styles(&Theme {
            color: false,
            ascii: false,
        }) {
            assert!(
                style.fg.is_none() && style.bg.is_none(),
                "{name} has colour under NO_COLOR"
            );
        }
    }
}

/// Which symbols to draw: `symbols:` in config.yaml.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Symbols {
    /// Console glyphs where `TERM` says the font is a console's, else Unicode.
    #[default]
    Auto,
    /// Always `✓ ★ ✎ ▶ …`.
    Unicode,
    /// Only what every console font carries.
    Ascii,
}

/// Whether a terminal of this `TERM` draws with a console font that lacks
/// `✓ ★ ✎ ▶ ▸ • …`: the Linux console, vt100-likes, dumb terminals.
pub fn term_lacks_glyphs(term: Option<&str>) -> bool {
    let term = term.unwrap_or("");
    term.is_empty()
        || matches!(term, "linux" | "dumb" | "cons25" | "ansi" | "pcansi")
        || term.starts_with("vt")
}

/// The characters of code page 437 from 0x80 up: with ASCII, what every
/// console font carries (its glyphs below 0x20 are not mapped everywhere).
const CP437_HIGH: &str = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{a0}";

/// A console-font stand-in for a character that is not in it.
fn console_glyph(c: char) -> char {
    if c.is_ascii() || CP437_HIGH.contains(c) {
        return c;
    }
    match c {
        '✓' | '✔' => '+',
        '★' | '☆' => '*',
        '✎' => '#',
        '▶' | '▸' | '►' | '›' => '>',
        '◂' | '◀' | '◄' | '‹' => '<',
        '↑' | '▴' | '▲' => '^',
        '↓' | '▾' | '▼' => 'v',
        '←' => '<',
        '→' => '>',
        '▏' => '|',
        '•' | '◦' => '*',
        '…' => '~',
        '—' | '–' | '‐' | '−' => '-',
        '“' | '”' | '„' => '"',
        '‘' | '’' | '‚' => '\'',
        '×' => 'x',
        _ => '?',
    }
}

/// Replaces, in a drawn frame, every character a console font lacks with
/// a stand-in of the same width (`✓` `+`, `★` `*`, `✎` `#`, `▶` `>`, `…`
/// `~`, anything else `?`). Done once over the whole frame so no screen
/// needs to know; box-drawing lines are in every console font and stay.
pub fn to_console_glyphs(buffer: &mut ratatui::buffer::Buffer) {
    let width = usize::from(buffer.area.width);
    let cells = buffer.content.len();
    for i in 0..cells {
        let symbol = buffer.content[i].symbol();
        if symbol.is_ascii() {
            continue;
        }
        let cols = unicode_width::UnicodeWidthStr::width(symbol);
        let mut chars = symbol.chars();
        let glyph = match (chars.next(), chars.next()) {
            (Some(c), None) => console_glyph(c),
            _ => '?',
        };
        buffer.content[i].set_char(glyph);
        // A wide character's second cell becomes a blank of its own.
        if cols > 1 && (i + 1) % width != 0 && i + 1 < cells {
            buffer.content[i + 1].set_char(' ');
        }
    }
}
