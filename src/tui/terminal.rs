//! Taking the terminal and giving it back, on every way out: a normal exit,
//! a signal, a panic, a suspend.

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use signal_hook::consts::signal::SIGTSTP;

/// The interview file, for the panic message.
static CURRENT_FILE: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Whether the terminal has been given back ([`restore`]) and not taken
/// again ([`enter`]): frames are then dropped, and the event loop, finding
/// it so though it did not ask (a panic on another thread restored it),
/// saves and stops.
static HANDED_BACK: AtomicBool = AtomicBool::new(false);

/// Whether the terminal is given back now (see [`HANDED_BACK`]).
pub fn handed_back() -> bool {
    HANDED_BACK.load(Ordering::SeqCst)
}

/// The terminal as ratatui draws on it.
pub type Tui = Terminal<CrosstermBackend<FrameOut>>;

/// Where ratatui writes a frame: gathered in memory and handed to standard
/// output in one write when ratatui flushes at the end of the frame (the
/// first frame is ~6 KB; through `Stdout`'s 1 KB line buffer it took six).
///
/// A frame cut short by a panic, or drawn after the terminal was given
/// back (a panic on another thread), is dropped, never written: it would
/// land on the shell's screen.
#[derive(Debug, Default)]
pub struct FrameOut {
    pending: Vec<u8>,
}

impl Write for FrameOut {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        // Checked under the lock `restore` holds while it gives the terminal
        // back, so a frame lands either wholly before it or not at all.
        let mut out = io::stdout().lock();
        let written = if std::thread::panicking() || handed_back() || self.pending.is_empty() {
            Ok(())
        } else {
            out.write_all(&self.pending).and_then(|()| out.flush())
        };
        self.pending.clear();
        written
    }
}

/// The terminal ratatui draws on, the size it has now.
///
/// The viewport is fixed rather than full-screen so that ratatui does not
/// ask the terminal for its size before every frame (crossterm opens
/// `/dev/tty` for that each time); the event loop calls [`full_redraw`] on
/// every SIGWINCH and after every suspend, which takes the new size.
pub fn open() -> io::Result<Tui> {
    let (width, height) = terminal::size()?;
    Terminal::with_options(
        CrosstermBackend::new(FrameOut::default()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
        },
    )
}

/// Raw mode, the alternate screen, bracketed paste, no cursor.
pub fn enter() -> io::Result<()> {
    HANDED_BACK.store(false, Ordering::SeqCst);
    terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    )
}

/// Takes the terminal again after phonescreen was stopped from outside
/// (SIGSTOP, which it cannot catch) and continued. The shell puts the
/// terminal back in its own line mode while a job is stopped, unknown to
/// crossterm, which still believes raw mode is on and would do nothing:
/// raw mode is left and entered anew.
pub fn retake() -> io::Result<()> {
    let _ = terminal::disable_raw_mode();
    enter()
}

/// Puts the terminal back as it was; safe to call more than once or on a dead terminal.
///
/// The screen is cleared first: a terminal without an alternate screen (GNU
/// screen's default, some serial consoles) would otherwise keep the last
/// frame and print what follows into the middle of it.
pub fn restore() {
    // Under the standard output's lock (see `FrameOut::flush`).
    let mut out = io::stdout().lock();
    HANDED_BACK.store(true, Ordering::SeqCst);
    let _ = execute!(
        out,
        DisableBracketedPaste,
        terminal::Clear(terminal::ClearType::All),
        cursor::MoveTo(0, 0),
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

/// Restores the terminal when dropped, whatever path the loop leaves by.
pub struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        restore();
    }
}

/// Remembers which file holds the interview, for the message after a panic.
pub fn set_current_file(path: Option<PathBuf>) {
    if let Ok(mut f) = CURRENT_FILE.lock() {
        *f = path;
    }
}

/// Restores the terminal before the panic message, then says where the notes are.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // Read before giving the terminal back: a panic on another thread
        // lets the loop see the terminal handed back, stop and forget the
        // file, and the message must still name it.
        let file = CURRENT_FILE.lock().ok().and_then(|f| f.clone());
        restore();
        previous(info);
        let mut err = io::stderr();
        let _ = writeln!(err, "\nphonescreen crashed; this is a bug, sorry.");
        match file {
            Some(path) => {
                // The path may be anyone's text (`resume FILE`): never raw.
                let _ = writeln!(
                    err,
                    "Your notes are saved in {}\nCarry on with: {}",
                    crate::display::escape(&path.display().to_string()),
                    crate::display::escape(&super::messages::resume_command(&path))
                );
            }
            None => {
                let _ = writeln!(err, "No interview was open, so no notes were at risk.");
            }
        }
    }));
}

/// Hands the terminal back, stops until `fg` (SIGCONT), then takes it again.
/// Save before calling.
pub fn suspend() -> io::Result<()> {
    restore();
    // Stop the way the shell expects; returns after SIGCONT.
    signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
    enter()
}

/// Clears the screen and forgets what was drawn, so the next draw paints everything.
///
/// `Terminal::clear` would ask the terminal for its cursor position, which
/// some terminals never answer; resizing to the same size clears without asking.
pub fn full_redraw(terminal: &mut Tui) -> io::Result<()> {
    let size = terminal.size()?;
    terminal.resize(Rect::new(0, 0, size.width, size.height))
}
