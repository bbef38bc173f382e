//! The notes editor: `ratatui-textarea` with word wrap, plus the paste
//! handling the widget leaves to its host.

use crossterm::event::KeyEvent;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

/// A multi-line editor for notes.
#[derive(Debug, Clone)]
pub struct NotesEditor {
    area: TextArea<'static>,
}

impl NotesEditor {
    /// An editor holding `text`, cursor at the end.
    pub fn new(text: &str, placeholder: &str) -> Self {
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.set_placeholder_text(placeholder);
        area.set_cursor_line_style(ratatui::style::Style::new());
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        Self { area }
    }

    /// The text, lines joined with `\n`.
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    /// Applies a key; returns whether the text changed.
    pub fn key(&mut self, key: KeyEvent) -> bool {
        self.area.input(key)
    }

    /// Inserts pasted text at the cursor (line ends normalised); returns whether anything changed.
    pub fn paste(&mut self, text: &str) -> bool {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        self.area.insert_str(text)
    }

    /// The widget, for drawing.
    pub fn widget(&self) -> &TextArea<'static> {
        &self.area
    }

    /// Mutable widget access, for styling before drawing.
    pub fn widget_mut(&mut self) -> &mut TextArea<'static> {
        &mut self.area
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    #[test]
    fn typing_and_paste_reach_the_text() {
        let mut e = NotesEditor::new("one", "");
        assert!(e.key(KeyEvent::new(KeyCode::Char('!'), KeyModifiers::NONE)));
        assert!(e.paste("\r\ntwo\r\nthree"));
        assert_eq!(e.text(), "one!\ntwo\nthree");
        assert!(e.key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)));
        assert_eq!(e.text(), "one!\ntwo\nthre");
    }
}
