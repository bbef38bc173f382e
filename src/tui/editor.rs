//! The notes editor: `ratatui-textarea` with word wrap, plus the paste
//! handling the widget leaves to its host.
//!
//! The widget is drawn as it is, never cloned: it remembers its wrapped lines
//! between frames (in interior cells), so an idle frame costs only the rows
//! on screen. Its styles are set when the focus changes, not while drawing.
//!
//! # What long notes still cost, and the fix that belongs upstream
//!
//! ratatui-textarea 0.9.4 recomputes its whole screen map (the wrapped rows
//! of every line) after every edit: `push_history` calls
//! `refresh_screen_map`, which runs `screen_map_load` over all of `lines`.
//! Measured on the 2-core development machine, one `insert_char` costs about
//! 21 µs per KB of notes: 0.43 ms at 20 KB, 4.3 ms at 200 KB (0.84 ms at
//! 200 KB even with `WrapMode::None`, since the map is rebuilt all the same).
//! That, not our drawing, is what separates a keystroke with 200 KB in the
//! current question (~8.5 ms to the screen) from vim on the same text
//! (~0.35 ms); with notes of a normal call (a few KB) a keystroke reaches the
//! screen in under a millisecond. We keep the widget rather than fork it.
//!
//! The upstream-shaped fix: make the screen map incremental. An edit touches
//! a known range of logical rows (`before.row..=after.row` in
//! `push_history`); re-wrap only those rows, splice their screen lines into
//! `screen_lines`, and shift `first_screen_line` of every following
//! `DataLine` by the difference in screen lines (an O(rows) integer pass, or
//! O(1) with offsets stored relative to a block). Inserting or joining lines
//! splices `data_pointers` the same way. A width change still rebuilds the
//! whole map, as now.

use crossterm::event::KeyEvent;
use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

/// A multi-line editor for notes.
#[derive(Debug)]
pub struct NotesEditor {
    area: TextArea<'static>,
}

impl NotesEditor {
    /// An editor holding `text`, cursor at the end; `placeholder` shows
    /// (in `placeholder_style`) while it is empty.
    pub fn new(text: &str, placeholder: &str, placeholder_style: Style) -> Self {
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.set_placeholder_text(placeholder);
        area.set_placeholder_style(placeholder_style);
        area.set_cursor_line_style(Style::new());
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        Self { area }
    }

    /// The text, lines joined with `\n`.
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    /// Shows the cursor when the editor has focus, hides it when not.
    pub fn set_focused(&mut self, focused: bool) {
        self.area.set_cursor_style(if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        });
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    #[test]
    fn typing_and_paste_reach_the_text() {
        let mut e = NotesEditor::new("one", "", Style::new());
        assert!(e.key(KeyEvent::new(KeyCode::Char('!'), KeyModifiers::NONE)));
        assert!(e.paste("\r\ntwo\r\nthree"));
        assert_eq!(e.text(), "one!\ntwo\nthree");
        assert!(e.key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)));
        assert_eq!(e.text(), "one!\ntwo\nthre");
        assert!(e.paste("\ttabbed"));
        assert_eq!(e.text(), "one!\ntwo\nthre\ttabbed");
    }
}
