//! The reference program of the e2e bench's notes comparison: the least a
//! ratatui app with phonescreen's notes box can be — a header line, a
//! bordered, word-wrapped `ratatui-textarea`, a footer — drawn after every
//! key. The bench runs it as `e2e --minimal-notes`; Ctrl+Q quits.

use std::io;

use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::DefaultTerminal;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::Style;
use ratatui::widgets::{Block, Paragraph};
use ratatui_textarea::{TextArea, WrapMode};

/// What the header shows: the bench waits for it before typing.
pub const READY: &str = "minimal notes";

/// Runs the program in the terminal until Ctrl+Q.
pub fn run() -> io::Result<()> {
    let mut terminal = ratatui::init();
    let result = run_in(&mut terminal);
    ratatui::restore();
    result
}

fn run_in(terminal: &mut DefaultTerminal) -> io::Result<()> {
    let mut notes = TextArea::default();
    notes.set_wrap_mode(WrapMode::WordOrGlyph);
    notes.set_block(Block::bordered().title(" Notes "));
    notes.set_cursor_line_style(Style::new());
    loop {
        terminal.draw(|frame| {
            let [header, body, footer] = Layout::vertical([
                Constraint::Length(1),
                Constraint::Min(3),
                Constraint::Length(1),
            ])
            .areas(frame.area());
            frame.render_widget(Paragraph::new(READY), header);
            frame.render_widget(&notes, body);
            frame.render_widget(Paragraph::new("Ctrl+Q quits"), footer);
        })?;
        match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                if key.code == KeyCode::Char('q') && key.modifiers.contains(KeyModifiers::CONTROL) {
                    return Ok(());
                }
                notes.input(key);
            }
            _ => {}
        }
    }
}
