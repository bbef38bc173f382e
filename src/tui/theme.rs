//! Styles, with a `NO_COLOR` variant where every state still reads by its
//! word or symbol, and emphasis uses bold, dim and reverse only.
//!
//! Readable on light and dark backgrounds alike: no text is drawn in ANSI
//! white, bright white, gray, yellow or black on the terminal's own
//! background (gray or yellow on white is 1.3:1 to 1.7:1, invisible).
//! Secondary text is the default colour, dimmed; attention is magenta, bold;
//! colours with a fixed foreground only ever come with their own background.

use ratatui::style::{Color, Modifier, Style};

/// The styles every screen draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Whether colours are used at all.
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty (no-color.org).
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Self { color: !no_color }
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

    /// Borders of the focused pane.
    pub fn focus_border(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// Borders of other panes.
    pub fn border(&self) -> Style {
        self.fg(Color::DarkGray)
    }

    /// Good state: asked, on pace.
    pub fn good(&self) -> Style {
        self.fg(Color::Green)
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

    /// Key names in the footer and help.
    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
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
    fn no_text_colour_that_vanishes_on_a_light_or_dark_background() {
        let unreadable = [
            Color::White,
            Color::Gray,
            Color::Yellow,
            Color::LightYellow,
            Color::Black,
        ];
        for theme in [Theme { color: true }, Theme { color: false }] {
            for (name, style) in styles(&theme) {
                // A fixed foreground is fine on a background of its own.
                if style.bg.is_none()
                    && let Some(fg) = style.fg
                {
                    assert!(
                        !unreadable.contains(&fg),
                        "{name} draws in {fg:?} on the terminal's background"
                    );
                }
            }
        }
        for (name, style) in styles(&Theme { color: false }) {
            assert!(
                style.fg.is_none() && style.bg.is_none(),
                "{name} has colour under NO_COLOR"
            );
        }
    }
}
