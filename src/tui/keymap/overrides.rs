//! `config.yaml`'s `keys:` section: keys rebound by name, screen by screen
//! (`keys: {interview: {next_question: ctrl+n}}`), checked as carefully as
//! a bank — unknown names, a key bound twice, a key that typing needs —
//! before any screen shows.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Act, Binding, Key, Screen, Seq};

/// The `keys:` section: screen name → binding name → its new keys.
pub type KeyOverrides = BTreeMap<String, BTreeMap<String, KeyList>>;

/// One key (`ctrl+n`) or several (`[ctrl+n, pgdn]`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum KeyList {
    /// One key.
    One(String),
    /// Several keys, each doing the same.
    Many(Vec<String>),
}

impl KeyList {
    fn texts(&self) -> &[String] {
        match self {
            KeyList::One(text) => std::slice::from_ref(text),
            KeyList::Many(texts) => texts,
        }
    }
}

/// What is wrong with the `keys:` section, where, and what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("keys → {place}: {problem}")]
pub struct OverrideError {
    place: String,
    problem: String,
}

fn fail<T>(place: &str, problem: String) -> Result<T, OverrideError> {
    Err(OverrideError {
        place: place.to_string(),
        problem,
    })
}

/// How a binding is named in the messages: its config name, or its help.
fn named(b: &Binding, index: usize) -> String {
    match b.names.get(index).or(b.names.first()) {
        Some(name) => (*name).to_string(),
        None => format!("\"{}\"", b.help),
    }
}

/// The built-in `bindings` with `overrides` applied and checked.
pub(super) fn apply(
    mut bindings: Vec<Binding>,
    overrides: &KeyOverrides,
) -> Result<Vec<Binding>, OverrideError> {
    let builtin = bindings.clone();
    let screens = || {
        Screen::ALL
            .iter()
            .map(|(.., n)| *n)
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (screen_name, changes) in overrides {
        let Some(&(screen, ..)) = Screen::ALL.iter().find(|(.., n)| n == screen_name) else {
            return fail(
                screen_name,
                format!("there is no such screen; the screens are {}", screens()),
            );
        };
        for (name, keys) in changes {
            let place = format!("{screen_name} → {name}");
            let found = bindings.iter().enumerate().find_map(|(i, b)| {
                let index = b.names.iter().position(|n| n == name)?;
                (b.screen == screen).then_some((i, index))
            });
            let Some((row, index)) = found else {
                let names: Vec<&str> = bindings
                    .iter()
                    .filter(|b| b.screen == screen)
                    .flat_map(|b| b.names.iter().copied())
                    .collect();
                return fail(
                    &place,
                    format!(
                        "the {screen_name} screen has no such binding; its names are {} (the README's key tables list them)",
                        names.join(", ")
                    ),
                );
            };
            let mut seqs = Vec::new();
            for text in keys.texts() {
                seqs.push(parse(&place, text)?);
            }
            if seqs.is_empty() {
                return fail(&place, "no key given; give one, such as ctrl+n".into());
            }
            let b = &mut bindings[row];
            if matches!(b.act, Act::Pair(_)) {
                if seqs.len() != 1 {
                    return fail(
                        &place,
                        "give one key: each key of this pair does its own thing".into(),
                    );
                }
                b.keys[index] = seqs[0];
            } else {
                b.keys = seqs;
            }
        }
    }
    check(&bindings, &builtin)?;
    Ok(bindings)
}

/// One key of the config: a name, and no family of keys.
fn parse(place: &str, text: &str) -> Result<Seq, OverrideError> {
    let seq = Seq::parse(text.trim());
    match seq {
        Some(seq)
            if seq
                .keys()
                .iter()
                .all(|k| k.tier() == 0 && !matches!(k, Key::Digits(_))) =>
        {
            Ok(seq)
        }
        _ => fail(
            place,
            format!(
                "\"{text}\" is not a key; write a key as a character (x, ?), space, a name (enter, esc, tab, shift+tab, backspace, delete, up, down, left, right, home, end, pgup, pgdn), f1 to f12, ctrl+ a letter (ctrl+n), or esc then a key (esc n)"
            ),
        ),
    }
}

/// Whether two keys can be the same key pressed.
fn overlap(a: Key, b: Key) -> bool {
    match (a, b) {
        (Key::Digits(n), Key::Char(c)) | (Key::Char(c), Key::Digits(n)) => c
            .to_digit(10)
            .is_some_and(|d| (1..=u32::from(n)).contains(&d)),
        (Key::Digits(_), Key::Digits(_)) => true,
        _ => a == b,
    }
}

/// No key bound twice in a mode, no key typing needs taken from it, and
/// Esc then a key only where Esc begins sequences.
pub(super) fn check(bindings: &[Binding], builtin: &[Binding]) -> Result<(), OverrideError> {
    let screen_name = |s: Screen| Screen::ALL.iter().find(|e| e.0 == s).map_or("", |e| e.2);
    for (i, a) in bindings.iter().enumerate() {
        for (ka, seq) in a.keys.iter().enumerate() {
            let place = format!("{} → {}", screen_name(a.screen), named(a, ka));
            let label = seq.label();
            let shared = |b: &Binding| a.modes.iter().any(|m| b.modes.contains(m));
            let typing_here = bindings.iter().any(|b| {
                shared(b) && b.act == Act::Edit && b.keys.iter().any(|s| s.last() == Key::Printable)
            });
            let new = !builtin[i].keys.contains(seq);
            if new
                && seq.len() == 1
                && matches!(seq.first(), Key::Char(_))
                && a.is_command()
                && typing_here
            {
                return fail(
                    &place,
                    format!(
                        "{label} is typed into the text on this screen, so it cannot be a command; bind a chord (ctrl+…), a function key, or on the interview screen esc then the key"
                    ),
                );
            }
            let prefixes = |key: Key| {
                bindings.iter().any(|b| {
                    shared(b) && b.act == Act::Prefix && b.keys.iter().any(|s| s.last() == key)
                })
            };
            if seq.len() == 2 && !prefixes(seq.first()) {
                return fail(
                    &place,
                    format!(
                        "{label}: Esc then a key works only while typing on the interview screen; bind one key"
                    ),
                );
            }
            if seq.len() == 1
                && a.act != Act::Prefix
                && seq.last().tier() == 0
                && prefixes(seq.last())
            {
                return fail(
                    &place,
                    format!(
                        "{label} begins the Esc sequences here, so it cannot be bound alone; bind another key"
                    ),
                );
            }
            for (j, b) in bindings.iter().enumerate().skip(i) {
                for (kb, other) in b.keys.iter().enumerate() {
                    let same = (i, ka) == (j, kb);
                    let clash = seq.len() == other.len()
                        && seq
                            .keys()
                            .iter()
                            .zip(other.keys())
                            .all(|(x, y)| x.tier() == 0 && overlap(*x, *y));
                    let prefix = a.act == Act::Prefix || b.act == Act::Prefix;
                    if !same && !prefix && clash && shared(b) {
                        return fail(
                            &place,
                            format!(
                                "{label} is bound twice on the {} screen, to {} and to {}; give one of them another key",
                                screen_name(a.screen),
                                named(a, ka),
                                named(b, kb)
                            ),
                        );
                    }
                }
            }
        }
    }
    Ok(())
}
