//! Whole-screen snapshots of every screen at 80x24 and a larger size.

use crate::support;

use crossterm::event::{Event, KeyCode, KeyModifiers};
use phonescreen::interview::Setup;
use support::*;

#[test]
fn launcher_new_interview_form() {
    let dir = tempfile::tempdir().unwrap();
    let app = launcher_app(dir.path(), &Setup::default());
    insta::assert_snapshot!(render(&app, 80, 24, start_time()).backend());
}

#[test]
fn interview_at_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let now = start_time();
    let mut app = interview_app(dir.path(), now);
    type_text(
        &mut app,
        "Built the billing service's retry queue.",
        later(now, 65),
    );
    app.handle(key(KeyCode::PageDown), later(now, 200));
    type_text(&mut app, "Reads our blog", later(now, 230));
    insta::assert_snapshot!(render(&app, 80, 24, later(now, 245)).backend());
}

#[test]
fn interview_at_120x40_behind_plan_with_a_rating() {
    let dir = tempfile::tempdir().unwrap();
    let now = start_time();
    let mut app = interview_app(dir.path(), now);
    type_text(&mut app, "Strong detail on the parser.", later(now, 30));
    app.handle(key(KeyCode::Esc), later(now, 40));
    app.handle(key(KeyCode::Char('4')), later(now, 41));
    insta::assert_snapshot!(render(&app, 120, 40, later(now, 8 * 60 + 5)).backend());
}

#[test]
fn interview_in_overtime_and_paused() {
    let dir = tempfile::tempdir().unwrap();
    let now = start_time();
    let mut app = interview_app(dir.path(), now);
    app.handle(key(KeyCode::F(5)), later(now, 31 * 60 + 10));
    let text = format!("{:?}", render(&app, 80, 24, later(now, 40 * 60)).backend());
    assert!(text.contains("PAUSED OVERTIME +01:10"), "{text}");
}

#[test]
fn help_overlay() {
    let dir = tempfile::tempdir().unwrap();
    let now = start_time();
    let mut app = interview_app(dir.path(), now);
    app.handle(key(KeyCode::F(1)), now);
    insta::assert_snapshot!(render(&app, 80, 24, now).backend());
}

#[test]
fn finish_screen() {
    let dir = tempfile::tempdir().unwrap();
    let now = start_time();
    let mut app = interview_app(dir.path(), now);
    app.handle(key(KeyCode::Esc), now);
    app.handle(key(KeyCode::Char('f')), now);
    app.handle(key(KeyCode::Char('3')), now);
    type_text(&mut app, "Clear communicator; light on testing.", now);
    insta::assert_snapshot!(render(&app, 80, 24, later(now, 29 * 60)).backend());
}

#[test]
fn too_small_screen_and_recovery() {
    let dir = tempfile::tempdir().unwrap();
    let now = start_time();
    let app = interview_app(dir.path(), now);
    insta::assert_snapshot!(render(&app, 59, 15, now).backend());
    for (w, h) in [(0, 0), (1, 1), (59, 16), (60, 15), (59, 40), (200, 15)] {
        let text = format!("{:?}", render(&app, w, h, now).backend());
        if w > 20 {
            assert!(text.contains("too small"), "{w}x{h}: {text}");
        }
    }
    // A tmux pane of an 80x24 terminal, and a split beside the video call.
    for (w, h) in [(80, 23), (60, 16), (79, 24)] {
        let text = format!("{:?}", render(&app, w, h, now).backend());
        assert!(!text.contains("too small"), "{w}x{h}: {text}");
        assert!(text.contains("Q1/13"), "{w}x{h}: {text}");
    }
    // Narrow, the last line wraps, and all of it is still shown.
    let text = format!("{:?}", render(&app, 40, 10, now).backend());
    assert!(text.contains("the timer runs on."), "40x10: {text}");
    let text = format!("{:?}", render(&app, 80, 24, now).backend());
    assert!(text.contains("Q1/13"), "{text}");
}

/// The interview screen keeps what it drew of the question card and the
/// outline and copies it while nothing they show has changed: drawing after
/// every step must give exactly what one draw at the end gives.
#[test]
fn drawing_after_every_step_shows_what_a_single_fresh_draw_shows() {
    let now = start_time();
    let steps: Vec<(Event, u64)> = vec![
        (key(KeyCode::Char('a')), 5),
        // The note emptied and typed again within the second: only the
        // outline's ✎ changes.
        (key(KeyCode::Backspace), 5),
        (key(KeyCode::Char('a')), 5),
        (key(KeyCode::PageDown), 70),
        (key(KeyCode::F(2)), 71),
        (key(KeyCode::Char('b')), 75),
        (key(KeyCode::Esc), 80),
        (key(KeyCode::Char('3')), 81),
        (key(KeyCode::F(2)), 82),
        (key(KeyCode::PageDown), 400),
        (key(KeyCode::PageUp), 401),
        (key(KeyCode::Tab), 402),
        (key(KeyCode::Char('c')), 403),
        (key(KeyCode::Tab), 404),
        (key(KeyCode::PageDown), 9 * 60),
    ];
    let sizes = [(120, 40), (80, 24), (100, 30), (120, 40)];
    let warm_dir = tempfile::tempdir().unwrap();
    let mut warm = interview_app(warm_dir.path(), now);
    // Drawn before the first step too, so every step's picture must
    // replace one drawn before it.
    for (width, height) in sizes {
        render(&warm, width, height, now);
    }
    for (i, (event, at)) in steps.iter().enumerate() {
        let fresh_dir = tempfile::tempdir().unwrap();
        let mut fresh = interview_app(fresh_dir.path(), now);
        for (event, at) in &steps[..=i] {
            fresh.handle(event.clone(), later(now, *at));
        }
        warm.handle(event.clone(), later(now, *at));
        for (width, height) in sizes {
            let seen = render(&warm, width, height, later(now, *at));
            let expected = render(&fresh, width, height, later(now, *at));
            assert_eq!(
                seen.backend().buffer(),
                expected.backend().buffer(),
                "after step {i} at {width}x{height}:\n{}",
                screen_text(&seen)
            );
        }
    }
}

/// The colour rule (see `support::colour_rule_breaks`) on every screen and
/// dialog, in the states that use the most colours: behind plan, rated,
/// paused in overtime, the dialogs, the finished screen, the launcher.
#[test]
fn every_screen_keeps_text_readable_on_light_and_dark_backgrounds() {
    let dir = tempfile::tempdir().unwrap();
    assert_colour_rule(
        &render(
            &launcher_app(dir.path(), &Setup::default()),
            120,
            40,
            start_time(),
        ),
        "launcher",
    );
    let now = start_time();
    let mut app = interview_app(dir.path(), now);
    type_text(&mut app, "Strong detail on the parser.", later(now, 30));
    app.handle(key(KeyCode::Esc), later(now, 40));
    app.handle(key(KeyCode::Char('4')), later(now, 41));
    let check = |app: &TestApp, secs: u64, what: &str| {
        for (width, height) in [(80, 24), (120, 40)] {
            assert_colour_rule(&render(app, width, height, later(now, secs)), what);
        }
    };
    check(&app, 8 * 60 + 5, "interview behind plan, rated");
    app.handle(key(KeyCode::F(1)), later(now, 500));
    check(&app, 500, "help");
    app.handle(key(KeyCode::Esc), later(now, 501));
    app.handle(
        chord(KeyCode::Char('q'), KeyModifiers::CONTROL),
        later(now, 502),
    );
    check(&app, 502, "quit dialog");
    app.handle(key(KeyCode::Esc), later(now, 503));
    app.handle(key(KeyCode::F(5)), later(now, 31 * 60));
    check(&app, 40 * 60, "paused in overtime");
    app.handle(key(KeyCode::F(5)), later(now, 40 * 60));
    app.handle(key(KeyCode::Esc), later(now, 40 * 60));
    app.handle(key(KeyCode::Char('f')), later(now, 40 * 60));
    check(&app, 40 * 60, "finish form");
    app.handle(key(KeyCode::Char('3')), later(now, 40 * 60));
    app.handle(key(KeyCode::Tab), later(now, 40 * 60));
    type_text(&mut app, "Clear communicator.", later(now, 40 * 60));
    check(&app, 40 * 60, "finish form, summary typed");
    app.handle(key(KeyCode::F(10)), later(now, 40 * 60));
    assert!(app.is_done(), "F10 finished the interview");
    check(&app, 40 * 60, "finished screen");
}

/// A damaged saved interview is named on the launcher whole, wrapped, even
/// at 80 columns: the end of the line is where the reason is.
#[test]
fn a_damaged_interview_is_named_whole_on_the_launcher() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = dir.path().join("data").join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    std::fs::write(
        sessions.join("20261115-090000-a-candidate-with-a-long-name.yaml"),
        "format: 1\nstatus: [",
    )
    .unwrap();
    let app = launcher_app(dir.path(), &Setup::default());
    let text = screen_text(&render(&app, 80, 24, start_time()));
    for part in [
        "! /",
        "20261115-090000-a-candidate-with-a-long-name",
        "probably cut short by a crash",
        "or a full disk",
    ] {
        assert!(text.contains(part), "{part:?} is not on screen:\n{text}");
    }
}

/// On the finished screen, `c` says truthfully where the scorecard went:
/// to the clipboard; to the clipboard and a file, for a terminal that may
/// ignore it; or to the file alone, with nothing for the terminal, for one
/// known not to take it (GNU screen, the Linux console).
#[test]
fn the_finished_screen_says_where_the_scorecard_went() {
    use phonescreen::tui::clipboard::Route;
    // What the screen says, the whole sentence on one line or split over
    // the lines the box wraps it into: words joined by single spaces.
    let words = |text: &str| {
        text.replace(['│', '─', '┌', '┐', '└', '┘'], " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let finished = |dir: &std::path::Path| {
        let now = start_time();
        let mut app = interview_app(dir, now);
        type_text(&mut app, "x", now);
        let path = app.interview_path().unwrap();
        app.handle(key(KeyCode::F(10)), now);
        app.handle(key(KeyCode::Char('3')), now);
        app.handle(key(KeyCode::F(10)), now);
        assert!(app.is_done(), "F10 twice finishes");
        let id = path.file_stem().unwrap().to_string_lossy().into_owned();
        let file = dir.join("data/exports").join(format!("{id}.md"));
        (app, file)
    };
    let now = start_time();

    let dir = tempfile::tempdir().unwrap();
    let (mut app, file) = finished(dir.path());
    app.set_clipboard(Route::Osc52);
    let scorecard = app
        .handle(key(KeyCode::Char('c')), now)
        .copy
        .expect("copied");
    assert!(scorecard.starts_with("# Ada Lovelace"), "{scorecard}");
    let text = words(&screen_text(&render(&app, 80, 24, now)));
    assert!(
        text.contains("Copied the scorecard (Markdown) to the clipboard."),
        "{text}"
    );
    assert!(!file.exists(), "no file for a terminal that takes it");

    let dir = tempfile::tempdir().unwrap();
    let (mut app, file) = finished(dir.path());
    app.set_clipboard(Route::Osc52AndFile);
    let copied = app.handle(key(KeyCode::Char('c')), now).copy;
    assert_eq!(copied.as_deref(), Some(scorecard.as_str()));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), scorecard);
    let terminal = render(&app, 80, 24, now);
    assert_colour_rule(&terminal, "finished, copied and in a file");
    let text = words(&screen_text(&terminal));
    let expected = format!(
        "Copied the scorecard (Markdown), and also in: {} (this terminal may not take a copy)",
        file.display()
    );
    assert!(text.contains(&expected), "{expected}\n{text}");

    let dir = tempfile::tempdir().unwrap();
    let (mut app, file) = finished(dir.path());
    app.set_clipboard(Route::FileOnly);
    let copied = app.handle(key(KeyCode::Char('c')), now).copy;
    assert_eq!(copied, None, "nothing for a terminal that cannot take it");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), scorecard);
    let terminal = render(&app, 80, 24, now);
    assert_colour_rule(&terminal, "finished, in a file only");
    let text = words(&screen_text(&terminal));
    let expected = format!(
        "The scorecard (Markdown) is written to: {} (this terminal cannot take a copy: nothing was copied)",
        file.display()
    );
    assert!(text.contains(&expected), "{expected}\n{text}");
    assert!(!text.contains("Copied"), "{text}");

    // The file cannot be written (a file stands where the folder goes):
    // the screen says so and how to get the scorecard anyway.
    let dir = tempfile::tempdir().unwrap();
    let (mut app, file) = finished(dir.path());
    std::fs::write(file.parent().unwrap(), "not a folder").unwrap();
    app.set_clipboard(Route::FileOnly);
    assert_eq!(app.handle(key(KeyCode::Char('c')), now).copy, None);
    let text = words(&screen_text(&render(&app, 80, 24, now)));
    let id = file.file_stem().unwrap().to_string_lossy().into_owned();
    for part in [
        "Not copied (this terminal cannot take a copy), and writing a file failed:".to_string(),
        format!("Print it with: phonescreen export {id}"),
        // The reason wraps; the box grows with it and keeps the keys.
        "c copy scorecard · n next interview · any key quit".to_string(),
    ] {
        assert!(text.contains(&part), "{part}\n{text}");
    }
}

/// Waiting for the candidate, in an 80x23 tmux pane and a 60x16 split: the
/// timer stands still until the call starts, the start is the call's, and
/// the outline, the prep and the no-show question read on any background.
#[test]
fn waiting_for_the_candidate_at_80x23_and_60x16() {
    let dir = tempfile::tempdir().unwrap();
    let now = start_time();
    let mut app = waiting_app(dir.path(), now);
    let late = later(now, 150);
    for (w, h) in [(80, 23), (60, 16)] {
        let terminal = render(&app, w, h, late);
        assert_colour_rule(&terminal, &format!("waiting at {w}x{h}"));
        let text = screen_text(&terminal);
        assert!(text.contains("WAITING 30:00"), "{w}x{h}:\n{text}");
        assert!(text.contains("opened 02:30 ago"), "{w}x{h}:\n{text}");
        assert!(text.contains("Esc c start call"), "{w}x{h}:\n{text}");
        insta::assert_snapshot!(format!("waiting_{w}x{h}"), terminal.backend());
    }
    for (command, shows) in [
        ('o', "why-company"),
        ('r', "Before the call"),
        ('x', "no-show?"),
    ] {
        app.handle(key(KeyCode::Esc), late);
        app.handle(key(KeyCode::Char(command)), late);
        let terminal = render(&app, 60, 16, late);
        assert_colour_rule(&terminal, &format!("Esc {command} while waiting"));
        assert!(screen_text(&terminal).contains(shows), "Esc {command}");
        app.handle(key(KeyCode::Esc), late);
    }
    assert!(app.interview_screen().unwrap().interview().is_waiting());

    // She joins two and a half minutes late: the first key starts the call.
    type_text(&mut app, "Joined late", late);
    let live = app.interview_screen().unwrap();
    assert!(!live.interview().is_waiting());
    assert_eq!(live.interview().record().started_at, late.wall);
    assert_eq!(live.notes_text(), "Joined late");
    let text = screen_text(&render(&app, 80, 23, later(now, 210)));
    assert!(text.contains("> 29:00 left"), "{text}");
    let path = app.interview_path().unwrap();
    app.app.close();
    let saved = phonescreen::store::load(&path).unwrap();
    assert_eq!(saved.started_at, late.wall);
    assert_eq!(saved.opened_at, Some(now.wall));
    assert_eq!(saved.question(0).unwrap().1.first_note_seconds, Some(0));
}

/// The compact layout during the call: the rating scale with the bank's
/// labels, the card scrolled to its follow-ups, the outline on a key.
#[test]
fn the_compact_layout_at_60x16_during_the_call() {
    let dir = tempfile::tempdir().unwrap();
    let now = start_time();
    let mut app = interview_app(dir.path(), now);
    type_text(&mut app, "Profiled the worker pool", later(now, 40));
    app.handle(key(KeyCode::Esc), later(now, 50));
    app.handle(key(KeyCode::Char('3')), later(now, 50));
    let t = later(now, 60);
    app.set_area(ratatui::layout::Rect::new(0, 0, 60, 16));
    let terminal = render(&app, 60, 16, t);
    assert_colour_rule(&terminal, "compact");
    let text = screen_text(&terminal);
    assert!(
        text.contains("rate Esc+1 Strong no  2 No  3 ★Yes  4 Strong yes"),
        "{text}"
    );
    assert!(
        !text.contains("What did you have the most fun with?"),
        "{text}"
    );
    insta::assert_snapshot!("compact_60x16", terminal.backend());
    for _ in 0..4 {
        app.handle(chord(KeyCode::Down, KeyModifiers::ALT), t);
    }
    let text = screen_text(&render(&app, 60, 16, t));
    assert!(
        text.contains("What did you have the most fun with?"),
        "{text}"
    );
    assert!(text.contains("↑ more: Esc ↑"), "{text}");
    // Scrolled as far as it goes: up again comes back to the question.
    for _ in 0..8 {
        app.handle(chord(KeyCode::Up, KeyModifiers::ALT), t);
    }
    let text = screen_text(&render(&app, 60, 16, t));
    assert!(text.contains("On your most recent project"), "{text}");
}

/// A zero-width space in a name is shown as `\u{200b}` on every screen that
/// lists or heads with the name: the launcher's saved interviews, the
/// review list, the interview's header, as on the command line.
#[test]
fn invisible_characters_in_names_are_shown_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = dir.path().join("data").join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    let mut record = phonescreen::store::testing::sample_record(3, 10);
    record.candidate = "A\u{200b}da Lovelace".into();
    record.role = "Back\u{2060}end".into();
    phonescreen::store::write_record(&sessions.join("20250304-101500-ada.yaml"), &record).unwrap();
    let shown = |text: &str, what: &str| {
        assert!(text.contains("A\\u{200b}da Lov"), "{what}:\n{text}");
        assert!(
            !text.contains(phonescreen::display::is_invisible),
            "{what}:\n{text}"
        );
    };
    let now = start_time();
    let app = launcher_app(dir.path(), &Setup::default());
    shown(&screen_text(&render(&app, 100, 30, now)), "launcher");
    let app = review_app(dir.path(), "");
    shown(&screen_text(&render(&app, 120, 30, now)), "review list");

    let (mailbox, _inbox) = phonescreen::tui::app::Mailbox::detached();
    let bank = phonescreen::bank::builtin().unwrap();
    let mut setup = ada();
    setup.candidate = "A\u{200b}da Lovelace".into();
    let app = phonescreen::tui::app::App::interview(
        paths(dir.path()),
        phonescreen::config::Config::default(),
        phonescreen::tui::theme::Theme::default(),
        &bank,
        &setup,
        mailbox,
        now,
    );
    shown(
        &screen_text(&render(&app, 100, 30, now)),
        "interview header",
    );
}
