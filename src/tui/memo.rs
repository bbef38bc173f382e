//! Remembering what a pane drew, so a keystroke in the notes does not lay
//! out the question card and the outline again.
//!
//! ratatui redraws every widget into a fresh buffer on every frame and then
//! diffs it with the last one. Word-wrapping the question card and
//! truncating the outline rows were about half of a keystroke's drawing
//! time, yet neither changes while the interviewer types. A [`Memo`] keeps
//! the cells a pane drew last time together with a hash of everything that
//! went into them (the text, the styles, the area); when the hash matches it
//! copies those cells instead of drawing again. Because the key is the
//! pane's whole input, a stale picture cannot be shown: any change to what
//! the pane would draw changes the key.
//!
//! [`Heights`] remembers how many rows text takes wrapped, for the same
//! reason. Both are caches owned by a screen, filled while drawing; they
//! hold no state of the interview and drawing still only reads that.

use std::cell::RefCell;
use std::hash::{DefaultHasher, Hash, Hasher};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

/// The hash of a pane's inputs.
pub fn key_of(input: &impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    input.hash(&mut hasher);
    hasher.finish()
}

/// The last picture of one pane, and the key it was drawn from.
#[derive(Debug, Default)]
pub struct Memo {
    last: RefCell<Option<(u64, Buffer)>>,
}

impl Memo {
    /// Puts into `buf` at `area` what `draw` draws there, drawing only when
    /// `key` or `area` differs from the last call. `draw` is given a blank
    /// buffer covering exactly `area`; it must draw only from the inputs
    /// hashed into `key`.
    pub fn render(&self, key: u64, area: Rect, buf: &mut Buffer, draw: impl FnOnce(&mut Buffer)) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let mut last = self.last.borrow_mut();
        let hit = matches!(&*last, Some((k, b)) if *k == key && b.area == area);
        if !hit {
            let mut fresh = Buffer::empty(area);
            draw(&mut fresh);
            *last = Some((key, fresh));
        }
        if let Some((_, picture)) = &*last {
            copy(picture, buf);
        }
    }
}

/// Wrapped heights of the last few texts: the key of some lines and a
/// width, and the height.
#[derive(Debug, Default)]
pub struct Heights {
    last: RefCell<Vec<(u64, u16)>>,
}

impl Heights {
    /// How many rows `lines` take word-wrapped at `width`.
    pub fn of(&self, lines: &[Line], width: u16) -> u16 {
        let key = key_of(&(lines, width));
        let mut last = self.last.borrow_mut();
        if let Some((_, rows)) = last.iter().find(|(k, _)| *k == key) {
            return *rows;
        }
        let rows = Paragraph::new(lines.to_vec())
            .wrap(Wrap { trim: false })
            .line_count(width);
        let rows = u16::try_from(rows).unwrap_or(u16::MAX);
        if last.len() >= 8 {
            last.remove(0);
        }
        last.push((key, rows));
        rows
    }
}

/// Copies every cell of `from` into `to` at the same positions, a row at a
/// time. `from` lies inside `to` (see [`Memo::render`]).
fn copy(from: &Buffer, to: &mut Buffer) {
    let area = from.area.intersection(to.area);
    let width = usize::from(area.width);
    for y in area.top()..area.bottom() {
        let start = |b: &Buffer| {
            usize::from(y - b.area.y) * usize::from(b.area.width) + usize::from(area.x - b.area.x)
        };
        let (src, dst) = (start(from), start(to));
        to.content[dst..dst + width].clone_from_slice(&from.content[src..src + width]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Style};
    use ratatui::text::Line;
    use ratatui::widgets::{Paragraph, Widget, Wrap};

    fn paragraph(text: &str, area: Rect, buf: &mut Buffer) {
        Paragraph::new(Line::styled(text, Style::new().fg(Color::Blue)))
            .wrap(Wrap { trim: false })
            .render(area, buf);
    }

    /// What drawing straight into the buffer gives.
    fn direct(text: &str, area: Rect, size: Rect) -> Buffer {
        let mut buf = Buffer::empty(size);
        paragraph(text, area, &mut buf);
        buf
    }

    #[test]
    fn a_hit_copies_the_same_cells_a_miss_draws_anew() {
        let size = Rect::new(0, 0, 30, 6);
        let area = Rect::new(3, 1, 12, 4);
        let memo = Memo::default();
        let mut draws = 0;
        for text in [
            "the first text, wrapped",
            "the first text, wrapped",
            "another",
        ] {
            let mut buf = Buffer::empty(size);
            memo.render(key_of(&text), area, &mut buf, |b| {
                draws += 1;
                paragraph(text, area, b);
            });
            assert_eq!(buf, direct(text, area, size), "{text}");
        }
        assert_eq!(draws, 2, "the repeated text is copied, not drawn");
    }

    #[test]
    fn a_new_area_draws_again_even_with_the_same_key() {
        let size = Rect::new(0, 0, 30, 6);
        let memo = Memo::default();
        let mut draws = 0;
        for area in [Rect::new(0, 0, 10, 3), Rect::new(0, 0, 20, 3)] {
            let mut buf = Buffer::empty(size);
            memo.render(1, area, &mut buf, |b| {
                draws += 1;
                paragraph("some words to wrap here", area, b);
            });
            assert_eq!(buf, direct("some words to wrap here", area, size));
        }
        assert_eq!(draws, 2);
    }

    #[test]
    fn an_area_outside_the_buffer_is_cut_to_it() {
        let memo = Memo::default();
        let mut buf = Buffer::empty(Rect::new(0, 0, 5, 2));
        memo.render(7, Rect::new(3, 1, 10, 10), &mut buf, |b| {
            assert_eq!(b.area, Rect::new(3, 1, 2, 1));
        });
    }
}
