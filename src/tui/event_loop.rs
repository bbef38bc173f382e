//! The event loop: it turns terminal input, the timer, signals and finished
//! background work into commands and events, hands them to the app, saves, and draws.
//! It holds no state of its own beyond the terminal.
//!
//! Each pass: draw (if anything changed), sleep until input, a signal, a
//! wake from another thread or the timer's next second, then read *all*
//! the input there is, turn it into commands with the key table, apply them
//! in order, and save once (the crash-safe write comes before the next draw).

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use crossterm::event::KeyCode;

use super::app::{App, Exit, Mailbox, Step};
use super::event::Event;
use super::input::{Input, TtyInput, Wake};
use super::signals::Signals;
use super::terminal::{self, Restore};
use crate::interview::Now;

/// Environment variable that makes F12 panic, so tests can check the panic
/// path; only in builds with the `test-hooks` feature.
#[cfg(feature = "test-hooks")]
pub const TEST_PANIC_ENV: &str = "PHONESCREEN_TEST_PANIC_KEY";

/// After this many wakes in a row where the terminal said "readable" and
/// gave nothing, it is taken as gone rather than spun on.
const EMPTY_WAKES_LIMIT: u32 = 1000;

/// The signal handlers and a mailbox whose sender wakes the loop; make them
/// before building the app, which hands the mailbox to background work.
pub fn prepare() -> io::Result<(Signals, Mailbox, Receiver<Event>)> {
    let signals = Signals::register()?;
    let waker = signals.waker()?;
    let (mailbox, inbox) = Mailbox::new(Arc::new(move || waker.wake()));
    Ok((signals, mailbox, inbox))
}

/// Runs the app until it quits, restoring the terminal on every way out.
pub fn run(app: &mut App, signals: &Signals, inbox: &Receiver<Event>) -> io::Result<Exit> {
    terminal::install_panic_hook();
    terminal::enter()?;
    let _restore = Restore;
    let mut tui = terminal::open()?;
    terminal::full_redraw(&mut tui)?;
    let mut input = TtyInput::new(libc::STDIN_FILENO);
    #[cfg(feature = "test-hooks")]
    let panic_key = std::env::var(TEST_PANIC_ENV).ok();
    #[cfg(not(feature = "test-hooks"))]
    let panic_key: Option<String> = None;
    let mut empty_wakes = 0;
    let exit = loop {
        if terminal::handed_back() {
            // Given back without the loop asking: a panic on another
            // thread, whose hook has said so. Save, and stop.
            app.stop(Exit::Crashed, Now::real());
            break Exit::Crashed;
        }
        terminal::set_current_file(app.interview_path());
        if let Some(exit) = app.exit() {
            break exit;
        }
        // The loop comes round only on an event or a timer second, so every
        // pass redraws, and an idle interview redraws once a second.
        let now = Now::real();
        match tui.draw(|f| app.draw(f, now)) {
            Ok(frame) => app.set_area(frame.area),
            Err(_) => {
                app.stop(Exit::TerminalLost, Now::real());
                break Exit::TerminalLost;
            }
        }
        let timeout = app.next_wake(Instant::now()).min(Duration::from_secs(1));
        let wake = input.wait(signals.fd(), timeout);
        let mut steps = Vec::new();
        let mut lost = false;
        match wake {
            Wake::Lost => lost = true,
            Wake::Timeout => steps.push(Step::Event(Event::Tick)),
            Wake::Pipe => {}
            Wake::Input => {
                let reading = input.read_available();
                // Bytes that make no event yet (a paste trickling in over
                // ssh, read by read) are input all the same.
                if reading.bytes == 0 && !reading.hung_up {
                    empty_wakes += 1;
                    lost = empty_wakes > EMPTY_WAKES_LIMIT;
                } else {
                    empty_wakes = 0;
                }
                if let Some(how) = &panic_key
                    && reading.inputs.iter().any(is_f12)
                {
                    test_panic(how);
                }
                steps.extend(
                    reading
                        .inputs
                        .into_iter()
                        .filter_map(|i| Step::from_event(i.event, i.burst)),
                );
                lost |= reading.hung_up;
            }
        }
        // Bytes that waited in vain for the rest of a sequence or a paste:
        // keys like any other from here on.
        steps.extend(
            input
                .take_stalled(Instant::now())
                .into_iter()
                .filter_map(|i| Step::from_event(i.event, i.burst)),
        );
        let pending = signals.take();
        if let Some(sig) = pending.stop {
            steps.push(Step::Event(Event::Terminate(sig)));
        }
        if pending.suspend {
            steps.push(Step::Event(Event::Suspend));
        }
        if pending.resized || pending.continued {
            steps.push(Step::Event(Event::Resize));
        }
        steps.extend(inbox.try_iter().map(Step::Event));
        let effects = app.apply(steps, Now::real);
        if effects.bell {
            let _ = write!(io::stdout(), "\x07");
            let _ = io::stdout().flush();
        }
        if let Some(text) = &effects.copy {
            let _ = super::clipboard::copy(text, app.clipboard(), &mut io::stdout());
        }
        let suspend = effects.suspend;
        if app.exit().is_none() {
            // The write that survives a crash, before the screen shows the change.
            app.persist(Now::real());
        }
        // Taking the terminal back can fail only if it is gone: then save and leave.
        let mut retake = || -> io::Result<()> {
            if pending.continued {
                // Stopped from outside (SIGSTOP) and continued: the shell may
                // have taken the terminal meanwhile, so take it again.
                terminal::retake()?;
            }
            if suspend && app.exit().is_none() {
                app.save_and_wait(Now::real());
                terminal::suspend()?;
            }
            if pending.continued || pending.resized || suspend {
                terminal::full_redraw(&mut tui)?;
            }
            Ok(())
        };
        lost |= retake().is_err();
        if lost && app.exit().is_none() {
            app.stop(Exit::TerminalLost, Now::real());
            break Exit::TerminalLost;
        }
    };
    terminal::set_current_file(None);
    // ratatui's Terminal shows the cursor when dropped and prints to stderr
    // if it cannot; on a terminal that is gone that print panics. Show it
    // here instead, and if the terminal is gone, skip that drop altogether.
    if tui.show_cursor().is_err() {
        std::mem::forget(tui);
    }
    Ok(exit)
}

/// F12 with `PHONESCREEN_TEST_PANIC_KEY` set (builds with `test-hooks`
/// only): panics here, or on another thread when the variable says `thread`.
fn test_panic(how: &str) {
    if how == "thread" {
        let _ = std::thread::Builder::new()
            .name("test-panic".into())
            .spawn(|| panic!("test panic on another thread (PHONESCREEN_TEST_PANIC_KEY=thread)"));
    } else {
        panic!("test panic requested with F12 (PHONESCREEN_TEST_PANIC_KEY is set)");
    }
}

fn is_f12(input: &Input) -> bool {
    matches!(input.event, crossterm::event::Event::Key(k) if k.code == KeyCode::F(12))
}
