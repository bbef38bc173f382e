//! The terminal matrix: the real binary, in a pseudo-terminal, under each
//! `TERM` people run it in (and `NO_COLOR`), at the usual sizes and one too
//! small. Each run starts a new interview, looks at the first screen, quits
//! with the chord the README gives, and checks:
//!
//! - it exits with status 0 and never prints "panicked";
//! - the screen shows what it should: the candidate and the first question,
//!   or, below 60x16, the "Terminal too small" message with both sizes;
//! - the glyphs: under `TERM=linux`, `vt100` and `dumb` every character on
//!   screen is one a console font carries (printable ASCII or code page 437);
//!   under the others the Unicode symbols are really drawn, so a broken
//!   detection fails here in either direction;
//! - the colours: under `NO_COLOR=1` no cell has a colour of its own (bold,
//!   dim and reverse are allowed) and the selection is drawn reversed;
//!   otherwise some cell has a colour, and no text on the terminal's own
//!   background is in one that vanishes on a light or dark background;
//! - the terminal is handed back (alternate screen left, cursor shown,
//!   bracketed paste off) and the farewell is printed.
//!
//! One test per terminal, each looping over the sizes; every message names
//! the combination (`TERM=… NO_COLOR=… COLSxROWS`).

use crate::pty;

use pty::{Dirs, Pty, keys, restore_problems};

/// Code page 437 from 0x80 to 0xFF, as Unicode: the upper half of the IBM PC
/// character set, which the Linux console's default fonts carry and which the
/// app keeps to on console-like terminals. Source: the Unicode Consortium's mapping table
/// <https://www.unicode.org/Public/MAPPINGS/VENDORS/MICSFT/PC/CP437.TXT>
/// (also Python's `cp437` codec, `bytes(range(0x80, 0x100)).decode("cp437")`).
/// Written out here, not taken from `src/tui/theme.rs`, so a wrong table in
/// the app cannot make its own check pass.
const CP437_HIGH: [char; 128] = [
    // 0x80
    'Ç', 'ü', 'é', 'â', 'ä', 'à', 'å', 'ç', 'ê', 'ë', 'è', 'ï', 'î', 'ì', 'Ä', 'Å',
    // 0x90
    'É', 'æ', 'Æ', 'ô', 'ö', 'ò', 'û', 'ù', 'ÿ', 'Ö', 'Ü', '¢', '£', '¥', '₧', 'ƒ',
    // 0xA0
    'á', 'í', 'ó', 'ú', 'ñ', 'Ñ', 'ª', 'º', '¿', '⌐', '¬', '½', '¼', '¡', '«', '»',
    // 0xB0
    '░', '▒', '▓', '│', '┤', '╡', '╢', '╖', '╕', '╣', '║', '╗', '╝', '╜', '╛', '┐',
    // 0xC0
    '└', '┴', '┬', '├', '─', '┼', '╞', '╟', '╚', '╔', '╩', '╦', '╠', '═', '╬', '╧',
    // 0xD0
    '╨', '╤', '╥', '╙', '╘', '╒', '╓', '╫', '╪', '┘', '┌', '█', '▄', '▌', '▐', '▀',
    // 0xE0
    'α', 'ß', 'Γ', 'π', 'Σ', 'σ', 'µ', 'τ', 'Φ', 'Θ', 'Ω', 'δ', '∞', 'φ', 'ε', '∩',
    // 0xF0
    '≡', '±', '≥', '≤', '⌠', '⌡', '÷', '≈', '°', '∙', '·', '√', 'ⁿ', '²', '■', '\u{a0}',
];

/// Whether a console font draws `c`: printable ASCII or the CP437 upper half.
fn in_console_font(c: char) -> bool {
    (' '..='~').contains(&c) || CP437_HIGH.contains(&c)
}

/// The sizes every terminal is tried at: the smallest the screens are laid
/// out for, two larger, and one below the minimum.
/// An 80x24 terminal, one running tmux (80x23), a split beside the video call
/// (60x16) and one column and row less, big ones, and a tiny one.
const SIZES: [(u16, u16); 7] = [
    (80, 24),
    (80, 23),
    (60, 16),
    (59, 15),
    (120, 40),
    (250, 70),
    (40, 10),
];

/// The smallest size the screens are laid out for (`src/tui/screens/mod.rs`).
const MIN: (u16, u16) = (60, 16);

/// Which glyphs a terminal must get.
#[derive(Clone, Copy, PartialEq)]
enum Glyphs {
    /// `✓ ▶ ▸ • …` as they are.
    Unicode,
    /// Only what a console font carries.
    Console,
}

/// One terminal of the matrix.
#[derive(Clone, Copy)]
struct Term {
    name: &'static str,
    no_color: bool,
    glyphs: Glyphs,
}

/// One run: a terminal at a size.
struct Combo {
    term: Term,
    cols: u16,
    rows: u16,
}

impl std::fmt::Display for Combo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let no_color = if self.term.no_color { "1" } else { "unset" };
        write!(
            f,
            "TERM={} NO_COLOR={no_color} {}x{}",
            self.term.name, self.cols, self.rows
        )
    }
}

impl Combo {
    fn too_small(&self) -> bool {
        self.cols < MIN.0 || self.rows < MIN.1
    }

    /// The interview's compact layout: no outline beside the question.
    fn compact(&self) -> bool {
        self.cols < 80 || self.rows < 23
    }
}

/// Every character on `screen` with its row and column.
fn cells(screen: &vt100::Screen) -> Vec<(u16, u16, &vt100::Cell)> {
    let (rows, cols) = screen.size();
    let mut all = Vec::new();
    for row in 0..rows {
        for col in 0..cols {
            if let Some(cell) = screen.cell(row, col) {
                all.push((row, col, cell));
            }
        }
    }
    all
}

/// The words of `text`, one space apart: a wrapped line reads as one.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Waits for what the first screen of this combination must show.
fn wait_for_first_screen(p: &mut Pty, combo: &Combo) {
    let expected: Vec<String> = if combo.too_small() {
        // `too_small` in src/tui/screens/mod.rs, all of it: the last line
        // wraps, so it is looked for in the words on screen.
        vec![
            "Terminal too small".into(),
            format!(
                "need {}x{}, have {}x{}",
                MIN.0, MIN.1, combo.cols, combo.rows
            ),
            "Enlarge the window; notes are safe and the timer runs on.".into(),
        ]
    } else {
        // The candidate in the header, the first question of the built-in bank.
        vec![
            "Ada Lovelace".into(),
            "Q1/13".into(),
            "On your most recent project".into(),
        ]
    };
    for text in &expected {
        let shows = |p: &Pty| words(&p.screen()).contains(text.as_str());
        // Stop waiting early if the app is gone, to say why.
        pty::eventually(pty::timeout(), || shows(p) || !p.is_running());
        if shows(p) {
            continue;
        }
        if !p.is_running() {
            let status = p.wait_exit();
            assert_no_panic(p, combo);
            panic!(
                "{combo}: phonescreen exited ({status:?}) before the screen showed {text:?}; \
                 screen:\n{}",
                p.screen()
            );
        }
        panic!(
            "{combo}: the screen never showed {text:?}; screen:\n{}",
            p.screen()
        );
    }
}

/// Fails, quoting the message, if the app's output says it panicked.
fn assert_no_panic(p: &Pty, combo: &Combo) {
    let output = String::from_utf8_lossy(&p.raw()).into_owned();
    if let Some(at) = output.find("panicked") {
        let message: String = output[at..].chars().take(300).collect();
        panic!(
            "{combo}: phonescreen panicked: {message:?}; screen:\n{}",
            p.screen()
        );
    }
}

/// The glyph checks on a settled first screen.
fn check_glyphs(screen: &vt100::Screen, combo: &Combo) {
    let text = screen.contents();
    match combo.term.glyphs {
        Glyphs::Console => {
            let unsafe_glyphs: Vec<String> = cells(screen)
                .into_iter()
                .filter(|(_, _, cell)| !cell.contents().chars().all(in_console_font))
                .map(|(row, col, cell)| format!("{:?} at row {row} col {col}", cell.contents()))
                .collect();
            assert!(
                unsafe_glyphs.is_empty(),
                "{combo}: characters a console font lacks: {}; screen:\n{text}",
                unsafe_glyphs.join(", ")
            );
        }
        Glyphs::Unicode => {
            // The too-small message is plain ASCII whatever the terminal.
            if combo.too_small() {
                return;
            }
            // The outline's markers for the current section and question,
            // which console glyphs would turn into '>'; the compact layout
            // has no outline, but its card's "↓ more" and a name cut with
            // '…' (console glyphs: 'v' and '~').
            let markers = if combo.compact() {
                ['↓', '…']
            } else {
                ['▸', '▶']
            };
            let missing: Vec<char> = markers.into_iter().filter(|&c| !text.contains(c)).collect();
            assert!(
                missing.is_empty(),
                "{combo}: the Unicode markers {missing:?} are not on screen: console glyphs \
                 were used where the terminal has Unicode ones; screen:\n{text}"
            );
        }
    }
}

/// The colour checks on a settled first screen.
fn check_colours(screen: &vt100::Screen, combo: &Combo) {
    let coloured: Vec<String> = cells(screen)
        .into_iter()
        .filter(|(_, _, cell)| {
            cell.fgcolor() != vt100::Color::Default || cell.bgcolor() != vt100::Color::Default
        })
        .map(|(row, col, cell)| {
            format!(
                "{:?} at row {row} col {col} (fg {:?}, bg {:?})",
                cell.contents(),
                cell.fgcolor(),
                cell.bgcolor()
            )
        })
        .collect();
    if combo.term.no_color {
        assert!(
            coloured.is_empty(),
            "{combo}: {} cells have a colour under NO_COLOR, the first: {}; screen:\n{}",
            coloured.len(),
            coloured
                .iter()
                .take(5)
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
            screen.contents()
        );
        // crossterm drops the colours it is asked for under NO_COLOR, so the
        // check above catches colour that gets past it (forced output, raw
        // escapes). A theme that ignored NO_COLOR would instead lose its
        // selection, drawn in colour only: the current question's row in
        // the outline must still stand out, reversed (the compact layout
        // shows the outline only on a key).
        if !combo.too_small() && !combo.compact() {
            let reversed: String = cells(screen)
                .into_iter()
                .filter(|(_, _, cell)| cell.inverse())
                .map(|(_, _, cell)| cell.contents())
                .collect();
            assert!(
                reversed.contains("recent-project"),
                "{combo}: the current question's outline row is not drawn reversed \
                 (reversed: {reversed:?}), so under NO_COLOR it does not stand out; screen:\n{}",
                screen.contents()
            );
        }
    } else {
        assert!(
            !coloured.is_empty(),
            "{combo}: no cell has a colour, though NO_COLOR is unset; screen:\n{}",
            screen.contents()
        );
        // The colour rule as the terminal received it: no text on its own
        // background in black, yellow, white, green, cyan (or their bright
        // forms; SGR 30-37 and 90-97 arrive as indexes 0-15) or a fixed
        // RGB, which vanish on a light or a dark profile.
        let vanishing: Vec<String> = cells(screen)
            .into_iter()
            .filter(|(_, _, cell)| {
                cell.bgcolor() == vt100::Color::Default
                    && !cell.contents().trim().is_empty()
                    && phonescreen::tui::theme::vanishes(match cell.fgcolor() {
                        vt100::Color::Default => ratatui::style::Color::Reset,
                        vt100::Color::Idx(i) => ratatui::style::Color::Indexed(i),
                        vt100::Color::Rgb(r, g, b) => ratatui::style::Color::Rgb(r, g, b),
                    })
            })
            .map(|(row, col, cell)| {
                format!(
                    "{:?} at row {row} col {col} ({:?})",
                    cell.contents(),
                    cell.fgcolor()
                )
            })
            .collect();
        assert!(
            vanishing.is_empty(),
            "{combo}: text in a colour that vanishes on a light or dark background: {}",
            vanishing
                .iter()
                .take(5)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
}

/// Quits from the interview: Ctrl+Q asks, Ctrl+Q again confirms
/// (`src/tui/keymap.rs`). Too small, the question is not drawn, so both go in
/// one write; the app applies keys in order, each in the mode the one before
/// left, so the second still confirms.
fn quit(p: &mut Pty, combo: &Combo) -> portable_pty::ExitStatus {
    if combo.too_small() {
        p.send(&format!("{}{}", keys::CTRL_Q, keys::CTRL_Q));
        return p.wait_exit();
    }
    p.send(keys::CTRL_Q);
    let asks = |p: &Pty| p.screen().contains("Quit phonescreen?");
    pty::eventually(pty::timeout(), || asks(p) || !p.is_running());
    if !asks(p) {
        if !p.is_running() {
            p.wait_exit();
            assert_no_panic(p, combo);
        }
        panic!(
            "{combo}: Ctrl+Q did not ask to quit; screen:\n{}",
            p.screen()
        );
    }
    p.send(keys::CTRL_Q);
    p.wait_exit()
}

/// One combination, start to finish.
fn run_one(combo: &Combo) {
    let dirs = Dirs::new();
    // `Pty::spawn` applies these after its own TERM=xterm-256color, so they win.
    let mut env = vec![("TERM", combo.term.name)];
    if combo.term.no_color {
        env.push(("NO_COLOR", "1"));
    }
    let mut p = Pty::spawn(&dirs, pty::START_ADA, combo.cols, combo.rows, &env);
    wait_for_first_screen(&mut p, combo);
    // A whole frame, not one half-read.
    p.settle();
    let screen = p.vt_screen();
    check_glyphs(&screen, combo);
    check_colours(&screen, combo);

    let status = quit(&mut p, combo);
    assert_no_panic(&p, combo);
    assert!(
        status.success(),
        "{combo}: exit status {status:?}; screen:\n{}",
        p.screen()
    );
    let problems = restore_problems(&p.raw());
    assert!(
        problems.is_empty(),
        "{combo}: terminal not restored: {}",
        problems.join("; ")
    );
    // Back on the normal screen, the farewell says where the notes are.
    assert!(
        p.screen().contains("Interview saved"),
        "{combo}: no farewell after quitting; screen:\n{}",
        p.screen()
    );
}

/// Every size for one terminal.
fn run(term: Term) {
    for (cols, rows) in SIZES {
        run_one(&Combo { term, cols, rows });
    }
}

#[test]
fn xterm_256color() {
    run(Term {
        name: "xterm-256color",
        no_color: false,
        glyphs: Glyphs::Unicode,
    });
}

#[test]
fn xterm_256color_no_color() {
    run(Term {
        name: "xterm-256color",
        no_color: true,
        glyphs: Glyphs::Unicode,
    });
}

#[test]
fn screen_256color() {
    run(Term {
        name: "screen-256color",
        no_color: false,
        glyphs: Glyphs::Unicode,
    });
}

#[test]
fn tmux_256color() {
    run(Term {
        name: "tmux-256color",
        no_color: false,
        glyphs: Glyphs::Unicode,
    });
}

#[test]
fn linux_console() {
    run(Term {
        name: "linux",
        no_color: false,
        glyphs: Glyphs::Console,
    });
}

#[test]
fn vt100() {
    run(Term {
        name: "vt100",
        no_color: false,
        glyphs: Glyphs::Console,
    });
}

/// Not in the list, but the third kind `term_lacks_glyphs` names:
/// a terminal that says it can do nothing (Emacs' shell, some CI logs).
#[test]
fn dumb() {
    run(Term {
        name: "dumb",
        no_color: false,
        glyphs: Glyphs::Console,
    });
}

#[test]
fn the_cp437_table_is_the_upper_half() {
    // 128 different characters, none of them ASCII.
    let mut sorted = CP437_HIGH.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), 128);
    assert!(CP437_HIGH.iter().all(|c| !c.is_ascii()));
    // Spot checks against the mapping table: 0x80, 0xB3, 0xC4, 0xDB, 0xFE.
    assert_eq!(CP437_HIGH[0x00], '\u{c7}');
    assert_eq!(CP437_HIGH[0x33], '\u{2502}');
    assert_eq!(CP437_HIGH[0x44], '\u{2500}');
    assert_eq!(CP437_HIGH[0x5b], '\u{2588}');
    assert_eq!(CP437_HIGH[0x7e], '\u{25a0}');
}
