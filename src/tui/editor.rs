//! The notes editor: `ratatui-textarea` with word wrap, plus the paste
//! handling the widget leaves to its host.
//!
//! The widget is drawn as it is, never cloned: it remembers its wrapped lines
//! between frames (in interior cells), so an idle frame costs only the rows
//! on screen. Its styles are set when the focus changes, not while drawing.
//!
//! # Long notes
//!
//! ratatui-textarea 0.9.4 rebuilt its whole screen map (the wrapped rows of
//! every line) after every edit, so a key cost about 21 µs per KB of notes
//! (4.3 ms at 200 KB). phonescreen uses a copy of the crate with the map
//! brought up to date per edit (`vendor/ratatui-textarea`, through
//! `[patch.crates-io]` in `Cargo.toml`): only the rows an edit touched are
//! wrapped again, so a key costs the same at any length of notes. Undo and
//! redo, and a change of width, still rebuild the whole map. The copy goes
//! once upstream has the change.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
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

    /// The length of the text in bytes, as [`Self::text`] would give it,
    /// without building it.
    pub fn len(&self) -> usize {
        let lines = self.area.lines();
        lines.iter().map(String::len).sum::<usize>() + lines.len().saturating_sub(1)
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// [`Self::paste`], unless the text would grow by more than `room`
    /// bytes: then nothing at all is inserted, and `Err` has the bytes the
    /// paste would have added.
    pub fn paste_within(&mut self, text: &str, room: usize) -> Result<bool, usize> {
        // Line ends only ever shrink when normalised; a selection the paste
        // replaces is not counted, so this errs on the side of room.
        if text.len() > room {
            return Err(text.len());
        }
        Ok(self.paste(text))
    }

    /// [`Self::key`], unless it would grow the text by more than `room`
    /// bytes (the editor's own paste of what was cut, an undo or redo of a
    /// big change, a line break): then the text is left as it was, and
    /// `Err` has the bytes the key would have added.
    pub fn key_within(&mut self, key: KeyEvent, room: usize) -> Result<bool, usize> {
        let ctrl = |c| key.code == KeyCode::Char(c) && key.modifiers == KeyModifiers::CONTROL;
        if ctrl('y') {
            // Checked before: undoing it afterwards would keep a selection it replaced deleted.
            let yank = self.area.yank_text().len();
            if yank > room {
                return Err(yank);
            }
        }
        let before = self.len();
        let changed = self.area.input(key);
        let grown = self.len().saturating_sub(before);
        if grown > room {
            // One step of the editor's history undoes exactly one key.
            if ctrl('u') {
                self.area.redo();
            } else {
                self.area.undo();
            }
            return Err(grown);
        }
        Ok(changed)
    }

    /// The widget, for drawing.
    pub fn widget(&self) -> &TextArea<'static> {
        &self.area
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    #[test]
    fn len_counts_bytes_as_text_has_them() {
        let e = NotesEditor::new("one\ntwo é\n", "", Style::new());
        assert_eq!(e.len(), e.text().len());
        assert!(NotesEditor::new("", "", Style::new()).is_empty());
    }

    #[test]
    fn a_paste_without_room_changes_nothing() {
        let mut e = NotesEditor::new("kept", "", Style::new());
        assert_eq!(e.paste_within("0123456789", 9), Err(10));
        assert_eq!(e.text(), "kept");
        assert_eq!(e.paste_within("0123456789", 10), Ok(true));
        assert_eq!(e.text(), "kept0123456789");
    }

    #[test]
    fn keys_that_would_grow_past_the_room_are_taken_back() {
        let mut e = NotesEditor::new("", "", Style::new());
        e.paste("a long paste");
        // Cut it all (Ctrl+A would select; the widget's own cut of a line is Ctrl+K).
        e.area.move_cursor(CursorMove::Head);
        assert_eq!(e.key_within(ctrl('k'), 0), Ok(true));
        assert_eq!(e.text(), "");
        // Pasting it back, twice, through the widget's own paste.
        assert_eq!(e.key_within(ctrl('y'), 100), Ok(true));
        assert_eq!(e.key_within(ctrl('y'), 5), Err(12));
        assert_eq!(e.text(), "a long paste");
        // Undo takes the paste away; redo would bring back more than there is room for.
        assert_eq!(e.key_within(ctrl('u'), 0), Ok(true));
        assert_eq!(e.text(), "");
        assert_eq!(e.key_within(ctrl('r'), 3), Err(12));
        assert_eq!(e.text(), "");
        assert_eq!(e.key_within(ctrl('r'), 12), Ok(true));
        assert_eq!(e.text(), "a long paste");
        // A line break is a byte like any other.
        let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(e.key_within(enter, 0), Err(1));
        assert_eq!(e.text(), "a long paste");
        assert_eq!(e.key_within(enter, 1), Ok(true));
        assert_eq!(e.len(), 13);
        // An undo that brings back deleted text is a growth like any other.
        let mut e = NotesEditor::new("", "", Style::new());
        e.paste("abc");
        e.area.move_cursor(CursorMove::Head);
        assert_eq!(e.key_within(ctrl('k'), 0), Ok(true));
        assert_eq!(e.key_within(ctrl('u'), 2), Err(3));
        assert_eq!(e.text(), "");
        assert_eq!(e.key_within(ctrl('u'), 3), Ok(true));
        assert_eq!(e.text(), "abc");
    }

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
