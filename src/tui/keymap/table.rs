//! The built-in key tables, one line a binding, screen by screen, in the
//! order the help and the README list them:
//! `[modes] "keys"… => what it does, [config names], footer hint, "help";`.
//! A key is a name (`ctrl+q`, `pgdn`, `f5`, `?`) or Esc then a key
//! (`esc p`); `typing` is any character, `any` any key, `1-9` a digit.
//! Within a mode single keys win over `typing`, which wins over `any`.

use super::Act::{Choose, Do, Edit, Jump, Newline, Pair, Prefix, Rate};
use super::Hint::{AfterEsc as E, Both as B, Direct as D, None as N};
use super::{
    AmendMode, Binding, FinishMode, InterviewMode, LauncherMode, Mode, ReviewMode, Screen, Seq,
};
use crate::tui::action::Action as A;

const TYPING: Mode = Mode::Interview(InterviewMode::Typing);
const JUMP: Mode = Mode::Interview(InterviewMode::Jump);
const HELP: Mode = Mode::Interview(InterviewMode::Help);
const OUTLINE: Mode = Mode::Interview(InterviewMode::Outline);
const PREP: Mode = Mode::Interview(InterviewMode::Prep);
const QUIT: Mode = Mode::Interview(InterviewMode::ConfirmQuit);
const NO_SHOW: Mode = Mode::Interview(InterviewMode::ConfirmNoShow);
const CHOICE: Mode = Mode::Finish(FinishMode::Choice);
const SUMMARY: Mode = Mode::Finish(FinishMode::Summary);
const BUTTON: Mode = Mode::Finish(FinishMode::Button);
const RESUME: Mode = Mode::Launcher(LauncherMode::Resume);
const FIELD: Mode = Mode::Launcher(LauncherMode::Field);
const BANK: Mode = Mode::Launcher(LauncherMode::Bank);
const START: Mode = Mode::Launcher(LauncherMode::Start);
const DONE: Mode = Mode::Done;
const LIST: Mode = Mode::Review(ReviewMode::List);
const OPEN: Mode = Mode::Review(ReviewMode::Open);
const GRID: Mode = Mode::Review(ReviewMode::Grid);
const R_HELP: Mode = Mode::Review(ReviewMode::Help);
const RATING: Mode = Mode::Amend(AmendMode::Choice);
const TEXT: Mode = Mode::Amend(AmendMode::Text);
const DELETE: Mode = Mode::ConfirmDelete;

/// Builds the tables from lines of `[modes] "keys"… => act, [names], hint, "help";`.
macro_rules! tables {
    ($($screen:ident { $( [$($mode:ident),*] $($key:literal)+ => $act:expr, [$($name:literal)*], $hint:expr, $help:literal; )* })*) => {
        vec![$($(Binding {
            screen: Screen::$screen,
            modes: &[$($mode),*],
            keys: vec![$(seq($key)),+],
            act: $act,
            names: &[$($name),*],
            hint: $hint,
            help: $help,
        },)*)*]
    };
}

/// A key of the built-in table (each is read by a test: never `any key`).
fn seq(text: &str) -> Seq {
    Seq::parse(text).unwrap_or(Seq::one(super::Key::Any))
}

/// Every binding of every screen.
pub(super) fn bindings() -> Vec<Binding> {
    tables! {
    Interview {
        [TYPING] "typing" => Edit, [], N, "edits the notes of the question on screen";
        [TYPING] "pgdn" "pgup" => Pair(&[A::NextQuestion, A::PreviousQuestion]), ["next_question" "previous_question"], D("next/prev"), "next / previous question (from anywhere)";
        [TYPING] "esc n" "tab" => Do(A::ToggleScratch), ["scratch"], D("scratch"), "switch to the scratch note and back";
        [TYPING] "esc" => Prefix, [], D("commands"), "command mode: the next key is a command";
        [TYPING] "esc 1-9" => Rate, [], E("rate"), "rate the question (the same rating again clears it)";
        [TYPING] "esc a" => Do(A::ToggleAsked), ["asked"], E("asked"), "mark asked / unmark";
        [TYPING] "esc s" => Do(A::ToggleSkipped), ["skip"], E("skip"), "skip / un-skip";
        [TYPING] "esc p" "f5" => Do(A::TogglePause), ["pause"], E("pause"), "pause / resume the timer";
        [TYPING] "esc g" "f2" => Do(A::ToggleGuidance), ["guidance"], E("guide"), "hide / show what to listen for";
        [TYPING] "esc j" => Do(A::OpenJump), ["jump"], E("jump"), "jump to a section (then its number)";
        [TYPING] "esc t" => Do(A::ToggleDowntime), ["downtime"], N, "after a resume: count / don't count the time away";
        [TYPING] "esc w" => Do(A::SaveElsewhere), ["save_elsewhere"], N, "after a save failure: save to another folder";
        [TYPING] "esc c" => Do(A::StartCall), ["start_call"], N, "start the call and the timer (typing into a note starts it too)";
        [TYPING] "esc x" => Do(A::NoShow), ["no_show"], N, "no-show: the candidate did not come (asks first)";
        [TYPING] "esc r" => Do(A::TogglePrep), ["prep"], N, "the candidate's prep and the bank's advice";
        [TYPING] "esc o" => Do(A::ToggleOutline), ["outline"], N, "the outline, in a window";
        [TYPING] "esc down" => Do(A::MoveDown), ["card_down"], N, "scroll the question card down (what to listen for, follow-ups)";
        [TYPING] "esc up" => Do(A::MoveUp), ["card_up"], N, "scroll the question card up";
        // Not Esc → and Esc ←: Alt+→ and Alt+← are word moves in many a terminal, and arrive as the same bytes.
        [TYPING] "esc ." => Do(A::NextQuestion), [], N, "next question, like PgDn (for keyboards without it)";
        [TYPING] "esc ," => Do(A::PreviousQuestion), [], N, "previous question, like PgUp";
        [TYPING] "esc f" "f10" => Do(A::OpenFinish), ["finish"], E("finish"), "finish: recommendation and summary";
        [TYPING] "esc ?" "f1" => Do(A::ToggleHelp), ["help"], B("help"), "this help";
        [TYPING] "esc q" "ctrl+q" "ctrl+c" => Do(A::RequestQuit), ["quit"], B("quit"), "quit: saves, then asks; the same key again quits";
        [TYPING] "ctrl+z" => Do(A::Suspend), ["suspend"], N, "suspend to the shell; `fg` comes back";
        [TYPING] "ctrl+j" => Newline, [], N, "a line break, like Enter (a pasted line feed)";
        [TYPING] "esc esc" "esc enter" => Do(A::Back), [], N, "leave command mode without a command";
        [TYPING] "esc typing" => Edit, [], N, "any other key after Esc is typed, so nothing typed is lost";
        [TYPING] "esc any" => Do(A::Back), [], N, "any other key leaves command mode";
        [JUMP] "1-9" => Jump, [], N, "in the section picker: go to that section";
        [JUMP, HELP, OUTLINE, PREP] "ctrl+q" "ctrl+c" => Do(A::RequestQuit), [], N, "in the picker, the help, the outline and the prep: quit, as everywhere";
        [JUMP] "any" => Do(A::Back), [], N, "in the section picker: any other key cancels";
        [HELP, OUTLINE, PREP] "typing" => Edit, [], N, "in the help, the outline and the prep: typing closes it and is typed";
        [HELP, PREP] "up" "down" => Pair(&[A::MoveUp, A::MoveDown]), [], N, "in the help and the prep: scroll a line up / down";
        [HELP, PREP] "pgup" "pgdn" => Pair(&[A::PageUp, A::PageDown]), [], N, "in the help and the prep: scroll a page up / down";
        [OUTLINE, PREP] "any" => Do(A::Back), [], N, "in the outline and the prep: any other key closes it";
        [HELP] "any" => Do(A::ToggleHelp), [], N, "in the help: any other key closes it";
        [NO_SHOW] "y" "Y" "enter" => Edit, [], N, "asked whether to record a no-show: `y` on its own, then Enter, records it";
        [NO_SHOW] "ctrl+q" "ctrl+c" => Do(A::RequestQuit), [], N, "asked whether to record a no-show: quit, as everywhere (nothing is recorded)";
        [NO_SHOW] "typing" => Edit, [], N, "asked whether to record a no-show: typing goes back to the notes, and is typed";
        [NO_SHOW] "any" => Do(A::Back), [], N, "asked whether to record a no-show: Esc or any other key goes back";
        [QUIT] "ctrl+q" "ctrl+c" => Do(A::ConfirmQuit), [], N, "when asked to quit: the same chord again quits (the interview stays resumable)";
        [QUIT] "typing" => Edit, [], N, "when asked to quit: typing stays, and is typed";
        [QUIT] "any" => Do(A::Back), [], N, "when asked to quit: Esc, Enter or any other key stays";
    }
    Finish {
        [CHOICE] "1-5" => Choose, [], D("choose"), "choose the recommendation (1 Strong no, 2 No, 3 Yes, 4 Strong yes, 5 No decision) and move on to the summary";
        [CHOICE] "down" "right" => Do(A::NextChoice), [], N, "next recommendation";
        [CHOICE] "up" "left" => Do(A::PreviousChoice), [], N, "previous recommendation";
        [CHOICE] "enter" => Do(A::NextField), [], N, "on to the summary";
        [CHOICE, SUMMARY, BUTTON] "tab" => Do(A::NextField), ["next"], D("next"), "next part: recommendation, summary, the finish button";
        [CHOICE, SUMMARY, BUTTON] "shift+tab" => Do(A::PreviousField), ["previous"], N, "previous part";
        [CHOICE, SUMMARY, BUTTON] "ctrl+s" "f10" => Do(A::Finish), ["finish"], D("finish"), "finish and save";
        [BUTTON] "enter" => Do(A::Finish), [], N, "on the button: finish and save";
        [CHOICE, SUMMARY, BUTTON] "esc" => Do(A::Back), ["back"], D("back"), "back to the interview (the draft is kept)";
        [CHOICE, SUMMARY, BUTTON] "ctrl+q" "ctrl+c" => Do(A::RequestQuit), ["quit"], N, "back to the interview and ask to quit";
        [SUMMARY, BUTTON] "typing" => Edit, [], N, "typing goes to the summary";
        [SUMMARY] "ctrl+j" => Newline, [], N, "a line break in the summary (a pasted line feed)";
        [SUMMARY] "any" => Edit, [], N, "the editor's keys edit the summary";
    }
    Launcher {
        [RESUME] "enter" => Do(A::ResumeSelected), [], N, "on an interrupted interview: resume it with every note";
        [RESUME, FIELD, BANK, START] "tab" "down" => Do(A::NextField), ["next_field"], D("move"), "next field";
        [RESUME, FIELD, BANK, START] "shift+tab" "up" => Do(A::PreviousField), ["previous_field"], N, "previous field";
        [BANK] "left" "right" "space" => Pair(&[A::PreviousChoice, A::NextChoice, A::NextChoice]), [], D("bank"), "on the bank: the previous / next bank";
        [FIELD, BANK] "enter" => Do(A::NextField), [], D("next"), "on a field: the next field";
        [START] "enter" => Do(A::Start), [], N, "on the start button: start";
        [RESUME, FIELD, BANK, START] "ctrl+s" "f10" => Do(A::Start), ["start"], D("start"), "start the interview";
        [FIELD] "ctrl+u" => Do(A::ClearField), ["clear"], N, "empty the field";
        [RESUME, FIELD, BANK, START] "f3" "ctrl+f" => Do(A::OpenReview), ["review"], D("saved"), "browse the saved interviews";
        [RESUME, FIELD, BANK, START] "f8" "ctrl+d" => Do(A::Delete), ["purge"], N, "delete the interviews older than `retention` in config.yaml (lists them and asks first)";
        [RESUME, FIELD, BANK, START] "esc" => Do(A::Back), ["back"], D("quit"), "quit (press twice when the form has text)";
        [RESUME, FIELD, BANK, START] "ctrl+q" "ctrl+c" => Do(A::Quit), ["quit"], N, "quit";
        [RESUME, FIELD] "typing" => Edit, [], N, "typing fills the field (on an interrupted interview, starts a new one)";
        [FIELD] "backspace" => Edit, [], N, "delete the last character";
    }
    Done {
        [DONE] "c" => Do(A::CopyScorecard), ["copy"], D("copy scorecard"), "copy the scorecard (Markdown) to the clipboard";
        [DONE] "n" => Do(A::NextInterview), ["next_interview"], D("next interview"), "the next interview: the launcher, with the role, bank, interviewer and variables kept";
        [DONE] "any" => Do(A::Quit), [], D("quit"), "quit (`q`, Esc, Enter or any other key)";
    }
    ReviewList {
        [LIST] "typing" => Edit, [], N, "typing filters the list: every word must appear (candidate, role, bank, interviewer, summary, notes)";
        [LIST] "backspace" => Edit, [], N, "delete the last character of the filter";
        [LIST] "ctrl+u" => Do(A::ClearField), ["clear"], N, "empty the filter";
        [LIST] "up" "down" => Pair(&[A::MoveUp, A::MoveDown]), ["up" "down"], D("move"), "previous / next interview";
        [LIST] "pgup" "pgdn" => Pair(&[A::PageUp, A::PageDown]), ["page_up" "page_down"], N, "a page up / down";
        [LIST] "home" "end" => Pair(&[A::MoveHome, A::MoveEnd]), ["first" "last"], N, "the first / last interview";
        [LIST] "enter" => Do(A::Open), ["open"], D("open"), "open the interview: every question, note and time";
        [LIST] "f6" "ctrl+o" => Do(A::CycleSort), ["sort"], D("sort"), "sort by date, candidate, role or recommendation, in turn";
        [LIST] "esc" => Do(A::Back), ["back"], D("back"), "empty the filter; with none, back to the launcher (or quit)";
    }
    ReviewOpen {
        [OPEN] "up" "down" => Pair(&[A::MoveUp, A::MoveDown]), ["up" "down"], D("scroll"), "scroll a line up / down";
        [OPEN] "pgup" "pgdn" => Pair(&[A::PageUp, A::PageDown]), ["page_up" "page_down"], N, "scroll a page up / down";
        [OPEN] "home" "end" => Pair(&[A::MoveHome, A::MoveEnd]), ["top" "end"], N, "the top / the end";
        [OPEN] "[" "ctrl+p" => Do(A::PreviousItem), ["previous"], D("prev"), "the previous interview of the (filtered) list";
        [OPEN] "]" "ctrl+n" => Do(A::NextItem), ["next"], D("next"), "the next interview of the (filtered) list";
        [OPEN] "ctrl+e" "f4" => Do(A::Amend), ["amend"], D("amend"), "amend a completed interview: notes, ratings, recommendation, summary";
        [OPEN] "esc" => Do(A::Back), ["back"], D("back"), "back to the list";
        [OPEN] "typing" => Edit, [], N, "typing goes back to the list and filters it";
    }
    Grid {
        [GRID] "up" "down" "left" "right" => Pair(&[A::MoveUp, A::MoveDown, A::MoveLeft, A::MoveRight]), ["up" "down" "left" "right"], D("scroll"), "scroll: questions up / down, candidates left / right";
        [GRID] "pgup" "pgdn" => Pair(&[A::PageUp, A::PageDown]), ["page_up" "page_down"], N, "a page of questions up / down";
        [GRID] "home" "end" => Pair(&[A::MoveHome, A::MoveEnd]), ["first" "last"], N, "the first / last candidates";
        [GRID] "esc" => Do(A::Back), ["back"], D("back"), "back to where it was opened";
    }
    // Review: what the list and an opened interview share.
    ReviewList {
        [LIST, OPEN] "f7" "ctrl+g" => Do(A::OpenGrid), ["grid"], D("grid"), "compare: questions by candidates, for the listed interviews of the selected one's bank";
        [LIST, OPEN] "ctrl+r" => Do(A::ResumeSelected), ["resume"], D("resume"), "resume the interview, when it is in progress";
        [LIST, OPEN, GRID] "f1" "ctrl+k" => Do(A::ToggleHelp), ["help"], D("help"), "the keys of this screen";
        // After the help in the footer: shown where there is room.
        [LIST, OPEN] "f5" "ctrl+y" => Do(A::CopyScorecard), ["copy"], D("copy"), "copy the interview's scorecard (Markdown) to the clipboard";
        [LIST, OPEN] "f8" "ctrl+d" => Do(A::Delete), ["delete"], D("delete"), "delete the interview with everything it left (asks first)";
        [LIST, OPEN, GRID, R_HELP] "ctrl+q" "ctrl+c" => Do(A::Quit), ["quit"], N, "quit";
        [LIST, OPEN, RATING, TEXT, GRID, R_HELP] "ctrl+z" => Do(A::Suspend), ["suspend"], N, "suspend to the shell; `fg` comes back";
        [R_HELP] "typing" => Edit, [], N, "in the help: typing closes it and is typed";
        [R_HELP] "any" => Do(A::ToggleHelp), [], N, "in the help: any other key closes it";
    }
    // `y` and Enter are typed text here (see `accepts_text` in app.rs and `screens::delete`): typed as two keys they arrive as "y", then "\n"; pasted, or read in one burst, as one text, which never deletes.
    Delete {
        [DELETE] "y" "Y" => Edit, [], N, "`y` on its own, then Enter: delete";
        [DELETE] "enter" => Edit, [], N, "after `y`: delete (Enter alone keeps everything)";
        [DELETE] "ctrl+q" "ctrl+c" => Do(A::Quit), [], N, "quit; nothing is deleted";
        [DELETE] "any" => Do(A::Back), [], N, "any other key, or a paste, keeps everything";
    }
    Amend {
        [RATING] "1-9" => Choose, [], D("rate"), "rate the question (the same rating again clears it); on the last page, the recommendation";
        [RATING] "0" "backspace" "delete" => Do(A::ClearField), ["clear"], N, "clear the rating";
        [RATING] "left" "right" => Pair(&[A::PreviousChoice, A::NextChoice]), [], N, "the previous / next rating (or recommendation)";
        [RATING] "enter" => Do(A::NextField), [], N, "on to the notes (or the summary)";
        [RATING, TEXT] "tab" "shift+tab" => Pair(&[A::NextField, A::PreviousField]), ["next_field" "previous_field"], D("switch"), "switch between the rating and the notes (the recommendation and the summary)";
        [RATING, TEXT] "pgdn" "pgup" => Pair(&[A::NextQuestion, A::PreviousQuestion]), ["next_question" "previous_question"], D("next/prev"), "next / previous question; after the last, the recommendation and summary";
        [RATING, TEXT] "ctrl+s" "f10" => Do(A::Save), ["save"], D("save"), "save the amendments (the interview's times stay as they were)";
        [RATING, TEXT] "esc" => Do(A::Back), ["back"], D("done"), "stop amending (asks first when something is not saved)";
        [RATING, TEXT] "ctrl+q" "ctrl+c" => Do(A::RequestQuit), ["quit"], N, "save the amendments and quit";
        [RATING, TEXT] "typing" => Edit, [], N, "typing edits the notes (or the summary)";
        [TEXT] "ctrl+j" => Newline, [], N, "a line break (a pasted line feed)";
        [TEXT] "any" => Edit, [], N, "the editor's keys edit the text";
    }
    }
}
