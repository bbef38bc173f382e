use crate::cursor::{DataCursor, ScreenCursor};
use crate::textarea::TextArea;
use crate::util::{char_width, num_digits};
use crate::wrap::{WrapMode, WrappedLine, effective_wrap_width, wrapped_rows_from};
use std::ops::Range;

#[derive(Debug, Clone, Copy)]
pub(crate) struct ScreenLine {
    pub wrapped: WrappedLine,
    pub screen_width: usize,
    pub cursor_max_col: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DataLine {
    pub first_screen_line: usize,
    pub screen_line_count: usize,
    pub pure_ascii: bool,
}

fn is_pure_ascii(line: &str) -> bool {
    line.is_ascii() && !line.contains('\t')
}

fn char_display_width(c: char, col: usize, tab_len: u8, mask: Option<char>) -> usize {
    // A masked line is drawn as one mask character per char, so each char is as wide as the mask.
    if let Some(mask) = mask {
        char_width(mask)
    } else if c == '\t' {
        let tab = tab_len.max(1) as usize;
        let pad = tab - (col % tab);
        pad.max(1)
    } else {
        char_width(c)
    }
}

fn display_width(text: &str, tab_len: u8, mask: Option<char>) -> usize {
    let mut col = 0usize;
    for c in text.chars() {
        col += char_display_width(c, col, tab_len, mask);
    }
    col
}

fn screen_col_for_char_offset(
    text: &str,
    char_offset: usize,
    tab_len: u8,
    mask: Option<char>,
) -> usize {
    let mut col = 0usize;
    for c in text.chars().take(char_offset) {
        col += char_display_width(c, col, tab_len, mask);
    }
    col
}

fn char_offset_for_screen_col(
    text: &str,
    screen_col: usize,
    tab_len: u8,
    mask: Option<char>,
) -> usize {
    let mut col = 0usize;
    let mut chars = 0usize;
    for c in text.chars() {
        if col >= screen_col {
            break;
        }
        let width = char_display_width(c, col, tab_len, mask);
        if col + width > screen_col {
            break;
        }
        col += width;
        chars += 1;
    }
    chars
}

impl TextArea<'_> {
    fn fallback_rows(&self, rows: Range<usize>) -> Vec<WrappedLine> {
        self.lines[rows.clone()]
            .iter()
            .zip(rows)
            .map(|(line, row)| WrappedLine {
                row,
                start_byte: 0,
                end_byte: line.len(),
                start_col: 0,
                end_col: line.chars().count(),
                first_in_row: true,
                last_in_row: true,
            })
            .collect()
    }

    /// The width text is wrapped at, or `None` when it is not wrapped.
    fn wrap_width(&self) -> Option<usize> {
        if self.wrap_mode() == WrapMode::None {
            return None;
        }
        let width = self.area.get().width;
        if width == 0 {
            return None;
        }
        let line_number_len = self
            .line_number_style()
            .map(|_| num_digits(self.lines.len()));
        Some(effective_wrap_width(width, line_number_len))
    }

    /// The screen lines of the text rows `rows`, the first of them at screen line
    /// `first_screen_line`, and the data lines pointing at them.
    fn map_rows(
        &self,
        rows: Range<usize>,
        first_screen_line: usize,
    ) -> (Vec<ScreenLine>, Vec<DataLine>) {
        let first_row = rows.start;
        let wrapped_rows = match self.wrap_width() {
            Some(width) => wrapped_rows_from(
                &self.lines[rows.clone()],
                first_row,
                self.wrap_mode(),
                width,
                self.tab_length(),
                self.mask_char(),
            ),
            None => self.fallback_rows(rows.clone()),
        };

        let mut screen_lines = Vec::with_capacity(wrapped_rows.len());
        let mut data_pointers = vec![DataLine::default(); rows.len()];

        for (i, wrapped) in wrapped_rows.into_iter().enumerate() {
            let data_line = &mut data_pointers[wrapped.row - first_row];
            if data_line.screen_line_count == 0 {
                data_line.first_screen_line = first_screen_line + i;
                data_line.pure_ascii = is_pure_ascii(&self.lines[wrapped.row]);
            }
            data_line.screen_line_count += 1;

            let fragment = &self.lines[wrapped.row][wrapped.start_byte..wrapped.end_byte];
            let char_count = wrapped.end_col.saturating_sub(wrapped.start_col);
            let cursor_max_col = if wrapped.last_in_row {
                display_width(fragment, self.tab_length(), self.mask_char())
            } else {
                screen_col_for_char_offset(
                    fragment,
                    char_count.saturating_sub(1),
                    self.tab_length(),
                    self.mask_char(),
                )
            };
            screen_lines.push(ScreenLine {
                wrapped,
                screen_width: display_width(fragment, self.tab_length(), self.mask_char()),
                cursor_max_col,
            });
        }
        (screen_lines, data_pointers)
    }

    pub(crate) fn screen_map_load(&self) {
        let (screen_lines, data_pointers) = self.map_rows(0..self.lines.len(), 0);
        *self.screen_lines.borrow_mut() = screen_lines;
        *self.data_pointers.borrow_mut() = data_pointers;
    }

    // phonescreen: see `TextArea::refresh_edited_rows`; drop the vendored copy once upstream has this.
    /// Brings the screen map up to date after an edit that replaced `old_rows` text rows,
    /// starting at row `first`, with the `new_rows` rows now at `first` in `lines`; every
    /// other row must be as it was when the map was last brought up to date. Only the new
    /// rows are wrapped again: the screen lines of the rows after them are moved and
    /// renumbered, which costs a pass over integers rather than wrapping the whole text,
    /// so typing costs the same at any length of text.
    ///
    /// When the edit cannot be spliced in (the ranges do not fit the map, or the width of
    /// the line numbers changes with the number of rows) the whole map is built again.
    pub(crate) fn screen_map_splice(&self, first: usize, old_rows: usize, new_rows: usize) {
        let old_len = self.data_pointers.borrow().len();
        let digits_change = self.line_number_style().is_some()
            && num_digits(old_len) != num_digits(self.lines.len());
        let fits = first + old_rows <= old_len
            && first + new_rows <= self.lines.len()
            && old_len - old_rows + new_rows == self.lines.len();
        if !fits || digits_change {
            self.screen_map_load();
            return;
        }

        let mut screen_lines = self.screen_lines.borrow_mut();
        let mut data_pointers = self.data_pointers.borrow_mut();
        let screen_start = |row: usize| {
            data_pointers
                .get(row)
                .map_or(screen_lines.len(), |d| d.first_screen_line)
        };
        let old_screen = screen_start(first)..screen_start(first + old_rows);

        let (new_screen_lines, new_data_pointers) =
            self.map_rows(first..first + new_rows, old_screen.start);
        let new_screen_end = old_screen.start + new_screen_lines.len();
        let screen_shift = new_screen_end as isize - old_screen.end as isize;
        let row_shift = new_rows as isize - old_rows as isize;

        screen_lines.splice(old_screen, new_screen_lines);
        data_pointers.splice(first..first + old_rows, new_data_pointers);
        if screen_shift != 0 {
            for data_line in &mut data_pointers[first + new_rows..] {
                data_line.first_screen_line =
                    data_line.first_screen_line.wrapping_add_signed(screen_shift);
            }
        }
        if row_shift != 0 {
            for screen_line in &mut screen_lines[new_screen_end..] {
                screen_line.wrapped.row = screen_line.wrapped.row.wrapping_add_signed(row_shift);
            }
        }
    }

    pub(crate) fn screen_lines_count(&self) -> usize {
        self.screen_lines.borrow().len()
    }

    pub(crate) fn screen_line_width(&self, row: usize) -> usize {
        self.screen_lines.borrow()[row].screen_width
    }

    pub(crate) fn screen_line_max_cursor_col(&self, row: usize) -> usize {
        self.screen_lines.borrow()[row].cursor_max_col
    }

    pub(crate) fn screen_line(&self, row: usize) -> ScreenLine {
        self.screen_lines.borrow()[row]
    }

    pub(crate) fn screen_to_array(&self, screen: ScreenCursor) -> DataCursor {
        if let Some(dc) = screen.dc {
            return dc;
        }

        let line = self.screen_line(screen.row);
        let fragment =
            &self.lines[line.wrapped.row][line.wrapped.start_byte..line.wrapped.end_byte];
        let char_offset =
            char_offset_for_screen_col(fragment, screen.col, self.tab_length(), self.mask_char());
        DataCursor(line.wrapped.row, line.wrapped.start_col + char_offset)
    }

    pub(crate) fn array_to_screen(&self, array: DataCursor) -> ScreenCursor {
        let data_line = &self.data_pointers.borrow()[array.0];
        let screen_lines = self.screen_lines.borrow();

        let mut screen_idx = data_line.first_screen_line;
        for idx in
            data_line.first_screen_line..data_line.first_screen_line + data_line.screen_line_count
        {
            let line = screen_lines[idx];
            let contains = if line.wrapped.last_in_row {
                line.wrapped.start_col <= array.1 && array.1 <= line.wrapped.end_col
            } else {
                line.wrapped.start_col <= array.1 && array.1 < line.wrapped.end_col
            };
            if contains {
                screen_idx = idx;
                break;
            }
        }

        let line = screen_lines[screen_idx];
        let fragment = &self.lines[array.0][line.wrapped.start_byte..line.wrapped.end_byte];
        let char_offset = array.1.saturating_sub(line.wrapped.start_col);
        let col =
            screen_col_for_char_offset(fragment, char_offset, self.tab_length(), self.mask_char());

        ScreenCursor {
            row: screen_idx,
            col,
            char: self.lines[array.0].chars().nth(array.1),
            dc: Some(array),
        }
    }

    pub(crate) fn data_cursor(&self, screen: ScreenCursor) -> DataCursor {
        screen.to_array_cursor(self)
    }

    pub(crate) fn increment_screen_cursor(&self, screen: ScreenCursor) -> ScreenCursor {
        let dc = self.data_cursor(screen);
        self.array_to_screen(DataCursor(dc.0, dc.1 + 1))
    }

    pub(crate) fn decrement_screen_cursor(&self, screen: ScreenCursor) -> ScreenCursor {
        let dc = self.data_cursor(screen);
        self.array_to_screen(DataCursor(dc.0, dc.1 - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui_core::layout::Rect;

    fn make_textarea(lines: &[&str], wrap_mode: WrapMode, width: u16) -> TextArea<'static> {
        let mut textarea = TextArea::from(lines.iter().copied());
        textarea.set_wrap_mode(wrap_mode);
        textarea.area.set(Rect {
            x: 0,
            y: 0,
            width,
            height: 40,
        });
        textarea.screen_map_load();
        textarea
    }

    fn assert_round_trips(textarea: &TextArea<'_>) {
        for (row, line) in textarea.lines.iter().enumerate() {
            for col in 0..=line.chars().count() {
                let dc = DataCursor(row, col);
                let sc = textarea.array_to_screen(dc);
                assert_eq!(textarea.screen_to_array(sc), dc);

                let detached = ScreenCursor { dc: None, ..sc };
                assert_eq!(textarea.screen_to_array(detached), dc);
                assert_eq!(
                    textarea.array_to_screen(textarea.screen_to_array(detached)),
                    sc
                );
            }
        }
    }

    #[test]
    fn screen_map_round_trips_ascii_word_wrap() {
        let textarea = make_textarea(
            &[
                "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
                "Sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.",
            ],
            WrapMode::Word,
            24,
        );

        assert!(textarea.screen_lines_count() > textarea.lines.len());
        assert_round_trips(&textarea);
    }

    #[test]
    fn screen_map_round_trips_cjk_glyph_wrap() {
        let textarea = make_textarea(
            &["混合中文字符和ASCIIabc来验证屏幕坐标与数据坐标的往返转换。"],
            WrapMode::Glyph,
            12,
        );

        assert!(textarea.screen_lines_count() > textarea.lines.len());
        assert_round_trips(&textarea);
    }

    #[test]
    fn screen_map_round_trips_multilingual_word_or_glyph_wrap() {
        let textarea = make_textarea(
            &[
                "ASCII and русский текст can share one buffer.",
                "第二行 mixed-width 内容 with English words.",
            ],
            WrapMode::WordOrGlyph,
            18,
        );

        assert!(textarea.screen_lines_count() > textarea.lines.len());
        assert_round_trips(&textarea);
    }

    /// The screen map as text, to compare two maps.
    fn map_of(textarea: &TextArea<'_>) -> String {
        format!(
            "{:?}\n{:?}",
            textarea.screen_lines.borrow(),
            textarea.data_pointers.borrow()
        )
    }

    /// The map as [`TextArea::screen_map_load`] builds it from scratch.
    fn fresh_map_of(textarea: &TextArea<'_>) -> String {
        let fresh = textarea.clone();
        fresh.screen_map_load();
        map_of(&fresh)
    }

    #[test]
    fn typing_re_wraps_only_the_edited_row() {
        let mut textarea = make_textarea(
            &["first row stays", "the row typed in wraps", "last row stays"],
            WrapMode::Word,
            10,
        );
        textarea.move_cursor(crate::CursorMove::Jump(1, 0));
        textarea.move_cursor(crate::CursorMove::End);
        // A sentinel in a row the edit does not touch: only a full rebuild would reset it.
        textarea.data_pointers.borrow_mut()[0].pure_ascii = false;
        textarea.insert_str(" and wraps further");
        assert!(!textarea.data_pointers.borrow()[0].pure_ascii);
        textarea.data_pointers.borrow_mut()[0].pure_ascii = true;
        assert_eq!(map_of(&textarea), fresh_map_of(&textarea));
    }

    #[test]
    fn edits_keep_the_map_as_a_rebuild_would_make_it() {
        // A small deterministic generator: every kind of edit at every kind of place.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        const PIECES: [&str; 8] = [
            "word ",
            "a longer run of words to wrap ",
            "\n",
            "two\nrows",
            "\u{7b2c}\u{4e8c}\u{884c}",
            "\t",
            "x",
            "many\nmore\nrows\nhere ",
        ];
        for mode in [WrapMode::Word, WrapMode::Glyph, WrapMode::WordOrGlyph, WrapMode::None] {
            for numbers in [false, true] {
                let mut textarea =
                    make_textarea(&["start", "of the", "text to edit"], mode, 12);
                if numbers {
                    textarea.set_line_number_style(ratatui_core::style::Style::default());
                }
                for step in 0..600 {
                    match next(14) {
                        0 | 1 => textarea.insert_char(['a', ' ', '\u{e9}', '\u{5b57}'][next(4)]),
                        2 | 3 => {
                            textarea.insert_str(PIECES[next(PIECES.len())]);
                        }
                        4 => textarea.insert_newline(),
                        5 => {
                            textarea.delete_char();
                        }
                        6 => {
                            textarea.delete_next_char();
                        }
                        7 => {
                            textarea.delete_str(next(30));
                        }
                        8 => {
                            textarea.start_selection();
                            for _ in 0..next(4) {
                                textarea.move_cursor(crate::CursorMove::Down);
                            }
                            textarea.move_cursor(crate::CursorMove::Forward);
                            textarea.cut();
                        }
                        9 => {
                            // Not `paste`: its debug assertion trips on some yanked selections.
                            let yanked = textarea.yank_text();
                            textarea.insert_str(yanked);
                        }
                        10 => {
                            if next(2) == 0 {
                                textarea.undo();
                            } else {
                                textarea.redo();
                            }
                        }
                        11 => {
                            textarea.delete_word();
                        }
                        _ => {
                            let moves = [
                                crate::CursorMove::Up,
                                crate::CursorMove::Down,
                                crate::CursorMove::Top,
                                crate::CursorMove::Bottom,
                                crate::CursorMove::Head,
                                crate::CursorMove::End,
                                crate::CursorMove::WordForward,
                            ];
                            textarea.move_cursor(moves[next(moves.len())]);
                        }
                    }
                    assert_eq!(
                        map_of(&textarea),
                        fresh_map_of(&textarea),
                        "step {step}, {mode:?}, line numbers {numbers}: {:?}",
                        textarea.lines()
                    );
                }
                assert_round_trips(&textarea);
            }
        }
    }
}
