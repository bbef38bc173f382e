//! The built-in key tables, one line a binding, screen by screen, in the
//! order the help and the README list them:
//! `screen [modes] "keys"… => what it does, [config names], footer hint, "help";`.
//! A key is a name (`ctrl+q`, `pgdn`, `f5`, `?`) or Esc then a key
//! (`esc p`); `typing` is any character, `any` any key, `1-9` a digit.
//! Within a mode single keys win over `typing`, which wins over `any`.

use super::Act::{Choose, Do, Edit, Jump, Newline, Pair, Prefix, Rate};
use super::Hint::{AfterEsc as E, Both as B, Direct as D, None as N};
use super::{
    AmendMode as M, Binding, FinishMode as F, InterviewMode as I, Key, LauncherMode as L, Mode,
    ReviewMode as R, Seq,
};
use crate::tui::command::Command as A;

/// Builds the tables from lines of `screen [modes] "keys"… => act, [names], hint, "help";`.
macro_rules! tables {
    ($($screen:ident [$($mode:expr),*] $($key:literal)+ => $act:expr, [$($name:literal)*], $hint:expr, $help:literal;)*) => {
        vec![$(Binding {
            screen: stringify!($screen),
            modes: vec![$(Mode::from($mode)),*],
            // A key it cannot read (a test reads each) would be any key.
            keys: vec![$(Seq::parse($key).unwrap_or(Seq(vec![Key::Any]))),+],
            act: $act,
            names: &[$($name),*],
            hint: $hint,
            help: $help,
        },)*]
    };
}

/// Every binding of every screen.
pub(super) fn bindings() -> Vec<Binding> {
    tables! {
        // ── interview ──
        interview [I::Typing] "typing" => Edit, [], N, "edits the notes of the question on screen";
        interview [I::Typing] "pgdn" "pgup" => Pair(&[A::NextQuestion, A::PreviousQuestion]), ["next_question" "previous_question"], D("next/prev"), "next / previous question (from anywhere)";
        interview [I::Typing] "esc n" "tab" => Do(A::ToggleScratch), ["scratch"], D("scratch"), "switch to the scratch note and back";
        interview [I::Typing] "esc" => Prefix, [], D("commands"), "command mode: the next key is a command";
        interview [I::Typing] "esc 1-9" => Rate, [], E("rate"), "rate the question (the same rating again clears it)";
        interview [I::Typing] "esc a" => Do(A::ToggleAsked), ["asked"], E("asked"), "mark asked / unmark";
        interview [I::Typing] "esc s" => Do(A::ToggleSkipped), ["skip"], E("skip"), "skip / un-skip";
        interview [I::Typing] "esc p" "f5" => Do(A::TogglePause), ["pause"], E("pause"), "pause / resume the timer";
        interview [I::Typing] "esc g" "f2" => Do(A::ToggleGuidance), ["guidance"], E("guide"), "hide / show what to listen for";
        interview [I::Typing] "esc j" => Do(A::OpenJump), ["jump"], E("jump"), "jump to a section (then its number)";
        interview [I::Typing] "esc t" => Do(A::ToggleDowntime), ["downtime"], N, "after a resume: count / don't count the time away";
        interview [I::Typing] "esc w" => Do(A::SaveElsewhere), ["save_elsewhere"], N, "after a save failure: save to another folder";
        interview [I::Typing] "esc c" => Do(A::StartCall), ["start_call"], N, "start the call and the timer (typing into a note starts it too)";
        interview [I::Typing] "esc x" => Do(A::NoShow), ["no_show"], N, "no-show: the candidate did not come (asks first)";
        interview [I::Typing] "esc r" => Do(A::TogglePrep), ["prep"], N, "the candidate's prep and the bank's advice";
        interview [I::Typing] "esc o" => Do(A::ToggleOutline), ["outline"], N, "the outline, in a window";
        interview [I::Typing] "esc down" => Do(A::MoveDown), ["card_down"], N, "scroll the question card down (what to listen for, follow-ups)";
        interview [I::Typing] "esc up" => Do(A::MoveUp), ["card_up"], N, "scroll the question card up";
        // Not Esc → and Esc ←: Alt+→ and Alt+← are word moves in many a terminal, and arrive as the same bytes.
        interview [I::Typing] "esc ." => Do(A::NextQuestion), [], N, "next question, like PgDn (for keyboards without it)";
        interview [I::Typing] "esc ," => Do(A::PreviousQuestion), [], N, "previous question, like PgUp";
        interview [I::Typing] "esc f" "f10" => Do(A::OpenFinish), ["finish"], E("finish"), "finish: recommendation and summary";
        interview [I::Typing] "esc ?" "f1" => Do(A::ToggleHelp), ["help"], B("help"), "this help";
        interview [I::Typing] "esc q" "ctrl+q" "ctrl+c" => Do(A::RequestQuit), ["quit"], B("quit"), "quit: saves, then asks; the same key again quits";
        interview [I::Typing] "ctrl+z" => Do(A::Suspend), ["suspend"], N, "suspend to the shell; `fg` comes back";
        interview [I::Typing] "ctrl+j" => Newline, [], N, "a line break, like Enter (a pasted line feed)";
        interview [I::Typing] "esc esc" "esc enter" => Do(A::Back), [], N, "leave command mode without a command";
        interview [I::Typing] "esc typing" => Edit, [], N, "any other key after Esc is typed, so nothing typed is lost";
        interview [I::Typing] "esc any" => Do(A::Back), [], N, "any other key leaves command mode";
        interview [I::Jump] "1-9" => Jump, [], N, "in the section picker: go to that section";
        interview [I::Jump, I::Help, I::Outline, I::Prep] "ctrl+q" "ctrl+c" => Do(A::RequestQuit), [], N, "in the picker, the help, the outline and the prep: quit, as everywhere";
        interview [I::Jump] "any" => Do(A::Back), [], N, "in the section picker: any other key cancels";
        interview [I::Help, I::Outline, I::Prep] "typing" => Edit, [], N, "in the help, the outline and the prep: typing closes it and is typed";
        interview [I::Help, I::Prep] "up" "down" => Pair(&[A::MoveUp, A::MoveDown]), [], N, "in the help and the prep: scroll a line up / down";
        interview [I::Help, I::Prep] "pgup" "pgdn" => Pair(&[A::PageUp, A::PageDown]), [], N, "in the help and the prep: scroll a page up / down";
        interview [I::Outline, I::Prep] "any" => Do(A::Back), [], N, "in the outline and the prep: any other key closes it";
        interview [I::Help] "any" => Do(A::ToggleHelp), [], N, "in the help: any other key closes it";
        interview [I::ConfirmNoShow] "y" "Y" "enter" => Edit, [], N, "asked whether to record a no-show: `y` on its own, then Enter, records it";
        interview [I::ConfirmNoShow] "ctrl+q" "ctrl+c" => Do(A::RequestQuit), [], N, "asked whether to record a no-show: quit, as everywhere (nothing is recorded)";
        interview [I::ConfirmNoShow] "typing" => Edit, [], N, "asked whether to record a no-show: typing goes back to the notes, and is typed";
        interview [I::ConfirmNoShow] "any" => Do(A::Back), [], N, "asked whether to record a no-show: Esc or any other key goes back";
        interview [I::ConfirmQuit] "ctrl+q" "ctrl+c" => Do(A::ConfirmQuit), [], N, "when asked to quit: the same chord again quits (the interview stays resumable)";
        interview [I::ConfirmQuit] "typing" => Edit, [], N, "when asked to quit: typing stays, and is typed";
        interview [I::ConfirmQuit] "any" => Do(A::Back), [], N, "when asked to quit: Esc, Enter or any other key stays";
        // ── finish ──
        finish [F::Choice] "1-5" => Choose, [], D("choose"), "choose the recommendation (1 Strong no, 2 No, 3 Yes, 4 Strong yes, 5 No decision) and move on to the summary";
        finish [F::Choice] "down" "right" => Do(A::NextChoice), [], N, "next recommendation";
        finish [F::Choice] "up" "left" => Do(A::PreviousChoice), [], N, "previous recommendation";
        finish [F::Choice] "enter" => Do(A::NextField), [], N, "on to the summary";
        finish [F::Choice, F::Summary, F::Button] "tab" => Do(A::NextField), ["next"], D("next"), "next part: recommendation, summary, the finish button";
        finish [F::Choice, F::Summary, F::Button] "shift+tab" => Do(A::PreviousField), ["previous"], N, "previous part";
        finish [F::Choice, F::Summary, F::Button] "ctrl+s" "f10" => Do(A::Finish), ["finish"], D("finish"), "finish and save";
        finish [F::Button] "enter" => Do(A::Finish), [], N, "on the button: finish and save";
        finish [F::Choice, F::Summary, F::Button] "esc" => Do(A::Back), ["back"], D("back"), "back to the interview (the draft is kept)";
        finish [F::Choice, F::Summary, F::Button] "ctrl+q" "ctrl+c" => Do(A::RequestQuit), ["quit"], N, "back to the interview and ask to quit";
        finish [F::Summary, F::Button] "typing" => Edit, [], N, "typing goes to the summary";
        finish [F::Summary] "ctrl+j" => Newline, [], N, "a line break in the summary (a pasted line feed)";
        finish [F::Summary] "any" => Edit, [], N, "the editor's keys edit the summary";
        // ── launcher ──
        launcher [L::Resume] "enter" => Do(A::ResumeSelected), [], N, "on an interrupted interview: resume it with every note";
        launcher [L::Resume, L::Field, L::Bank, L::Start] "tab" "down" => Do(A::NextField), ["next_field"], D("move"), "next field";
        launcher [L::Resume, L::Field, L::Bank, L::Start] "shift+tab" "up" => Do(A::PreviousField), ["previous_field"], N, "previous field";
        launcher [L::Bank] "left" "right" "space" => Pair(&[A::PreviousChoice, A::NextChoice, A::NextChoice]), [], D("bank"), "on the bank: the previous / next bank";
        launcher [L::Field, L::Bank] "enter" => Do(A::NextField), [], D("next"), "on a field: the next field";
        launcher [L::Start] "enter" => Do(A::Start), [], N, "on the start button: start";
        launcher [L::Resume, L::Field, L::Bank, L::Start] "ctrl+s" "f10" => Do(A::Start), ["start"], D("start"), "start the interview";
        launcher [L::Field] "ctrl+u" => Do(A::ClearField), ["clear"], N, "empty the field";
        launcher [L::Resume, L::Field, L::Bank, L::Start] "f3" "ctrl+f" => Do(A::OpenReview), ["review"], D("saved"), "browse the saved interviews";
        launcher [L::Resume, L::Field, L::Bank, L::Start] "f8" "ctrl+d" => Do(A::Delete), ["purge"], N, "delete the interviews older than `retention` in config.yaml (lists them and asks first)";
        launcher [L::Resume, L::Field, L::Bank, L::Start] "esc" => Do(A::Back), ["back"], D("quit"), "quit (press twice when the form has text)";
        launcher [L::Resume, L::Field, L::Bank, L::Start] "ctrl+q" "ctrl+c" => Do(A::Quit), ["quit"], N, "quit";
        launcher [L::Resume, L::Field] "typing" => Edit, [], N, "typing fills the field (on an interrupted interview, starts a new one)";
        launcher [L::Field] "backspace" => Edit, [], N, "delete the last character";
        // ── done ──
        done [Mode::Done] "c" => Do(A::CopyScorecard), ["copy"], D("copy scorecard"), "copy the scorecard (Markdown) to the clipboard";
        done [Mode::Done] "n" => Do(A::NextInterview), ["next_interview"], D("next interview"), "the next interview: the launcher, with the role, bank, interviewer and variables kept";
        done [Mode::Done] "any" => Do(A::Quit), [], D("quit"), "quit (`q`, Esc, Enter or any other key)";
        // ── review ──
        review [R::List] "typing" => Edit, [], N, "typing filters the list: every word must appear (candidate, role, bank, interviewer, summary, notes)";
        review [R::List] "backspace" => Edit, [], N, "delete the last character of the filter";
        review [R::List] "ctrl+u" => Do(A::ClearField), ["clear"], N, "empty the filter";
        review [R::List] "up" "down" => Pair(&[A::MoveUp, A::MoveDown]), ["up" "down"], D("move"), "previous / next interview";
        review [R::List] "pgup" "pgdn" => Pair(&[A::PageUp, A::PageDown]), ["page_up" "page_down"], N, "a page up / down";
        review [R::List] "home" "end" => Pair(&[A::MoveHome, A::MoveEnd]), ["first" "last"], N, "the first / last interview";
        review [R::List] "enter" => Do(A::Open), ["open"], D("open"), "open the interview: every question, note and time";
        review [R::List] "f6" "ctrl+o" => Do(A::CycleSort), ["sort"], D("sort"), "sort by date, candidate, role or recommendation, in turn";
        review [R::List] "esc" => Do(A::Back), ["back"], D("back"), "empty the filter; with none, back to the launcher (or quit)";
        // ── opened ──
        opened [R::Open] "up" "down" => Pair(&[A::MoveUp, A::MoveDown]), ["up" "down"], D("scroll"), "scroll a line up / down";
        opened [R::Open] "pgup" "pgdn" => Pair(&[A::PageUp, A::PageDown]), ["page_up" "page_down"], N, "scroll a page up / down";
        opened [R::Open] "home" "end" => Pair(&[A::MoveHome, A::MoveEnd]), ["top" "end"], N, "the top / the end";
        opened [R::Open] "[" "ctrl+p" => Do(A::PreviousItem), ["previous"], D("prev"), "the previous interview of the (filtered) list";
        opened [R::Open] "]" "ctrl+n" => Do(A::NextItem), ["next"], D("next"), "the next interview of the (filtered) list";
        opened [R::Open] "ctrl+e" "f4" => Do(A::Amend), ["amend"], D("amend"), "amend a completed interview: notes, ratings, recommendation, summary";
        opened [R::Open] "esc" => Do(A::Back), ["back"], D("back"), "back to the list";
        opened [R::Open] "typing" => Edit, [], N, "typing goes back to the list and filters it";
        // ── grid ──
        grid [R::Grid] "up" "down" "left" "right" => Pair(&[A::MoveUp, A::MoveDown, A::MoveLeft, A::MoveRight]), ["up" "down" "left" "right"], D("scroll"), "scroll: questions up / down, candidates left / right";
        grid [R::Grid] "pgup" "pgdn" => Pair(&[A::PageUp, A::PageDown]), ["page_up" "page_down"], N, "a page of questions up / down";
        grid [R::Grid] "home" "end" => Pair(&[A::MoveHome, A::MoveEnd]), ["first" "last"], N, "the first / last candidates";
        grid [R::Grid] "esc" => Do(A::Back), ["back"], D("back"), "back to where it was opened";
    // Review: what the list and an opened interview share.
        // ── review ──
        review [R::List, R::Open] "f7" "ctrl+g" => Do(A::OpenGrid), ["grid"], D("grid"), "compare: questions by candidates, for the listed interviews of the selected one's bank";
        review [R::List, R::Open] "ctrl+r" => Do(A::ResumeSelected), ["resume"], D("resume"), "resume the interview, when it is in progress";
        review [R::List, R::Open, R::Grid] "f1" "ctrl+k" => Do(A::ToggleHelp), ["help"], D("help"), "the keys of this screen";
        // After the help in the footer: shown where there is room.
        review [R::List, R::Open] "f5" "ctrl+y" => Do(A::CopyScorecard), ["copy"], D("copy"), "copy the interview's scorecard (Markdown) to the clipboard";
        review [R::List, R::Open] "f8" "ctrl+d" => Do(A::Delete), ["delete"], D("delete"), "delete the interview with everything it left (asks first)";
        review [R::List, R::Open, R::Grid, R::Help] "ctrl+q" "ctrl+c" => Do(A::Quit), ["quit"], N, "quit";
        review [R::List, R::Open, M::Choice, M::Text, R::Grid, R::Help] "ctrl+z" => Do(A::Suspend), ["suspend"], N, "suspend to the shell; `fg` comes back";
        review [R::Help] "typing" => Edit, [], N, "in the help: typing closes it and is typed";
        review [R::Help] "any" => Do(A::ToggleHelp), [], N, "in the help: any other key closes it";
    // `y` and Enter are typing here (see `screens::delete` and `App::apply`): typed as two keys they arrive as "y", then "\n"; pasted, or read in one burst, as one text, which never deletes.
        // ── delete ──
        delete [Mode::ConfirmDelete] "y" "Y" => Edit, [], N, "`y` on its own, then Enter: delete";
        delete [Mode::ConfirmDelete] "enter" => Edit, [], N, "after `y`: delete (Enter alone keeps everything)";
        delete [Mode::ConfirmDelete] "ctrl+q" "ctrl+c" => Do(A::Quit), [], N, "quit; nothing is deleted";
        delete [Mode::ConfirmDelete] "any" => Do(A::Back), [], N, "any other key, or a paste, keeps everything";
        // ── amend ──
        amend [M::Choice] "1-9" => Choose, [], D("rate"), "rate the question (the same rating again clears it); on the last page, the recommendation";
        amend [M::Choice] "0" "backspace" "delete" => Do(A::ClearField), ["clear"], N, "clear the rating";
        amend [M::Choice] "left" "right" => Pair(&[A::PreviousChoice, A::NextChoice]), [], N, "the previous / next rating (or recommendation)";
        amend [M::Choice] "enter" => Do(A::NextField), [], N, "on to the notes (or the summary)";
        amend [M::Choice, M::Text] "tab" "shift+tab" => Pair(&[A::NextField, A::PreviousField]), ["next_field" "previous_field"], D("switch"), "switch between the rating and the notes (the recommendation and the summary)";
        amend [M::Choice, M::Text] "pgdn" "pgup" => Pair(&[A::NextQuestion, A::PreviousQuestion]), ["next_question" "previous_question"], D("next/prev"), "next / previous question; after the last, the recommendation and summary";
        amend [M::Choice, M::Text] "ctrl+s" "f10" => Do(A::Save), ["save"], D("save"), "save the amendments (the interview's times stay as they were)";
        amend [M::Choice, M::Text] "esc" => Do(A::Back), ["back"], D("done"), "stop amending (asks first when something is not saved)";
        amend [M::Choice, M::Text] "ctrl+q" "ctrl+c" => Do(A::RequestQuit), ["quit"], N, "save the amendments and quit";
        amend [M::Choice, M::Text] "typing" => Edit, [], N, "typing edits the notes (or the summary)";
        amend [M::Text] "ctrl+j" => Newline, [], N, "a line break (a pasted line feed)";
        amend [M::Text] "any" => Edit, [], N, "the editor's keys edit the text";
    }
}
