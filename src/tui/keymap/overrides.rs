//! `config.yaml`'s `keys:` section: keys rebound by name, screen by screen
//! (`keys: {interview: {next_question: ctrl+n}}`), checked as carefully as
//! a bank — unknown names, a key bound twice, a key that typing needs —
//! before any screen shows.

use std::collections::BTreeMap;

use super::{Act, Binding, Key, SCREENS, Seq};

/// The `keys:` section: screen name → binding name → its new keys (one
/// or several, each doing the same; config.rs reads them).
pub type KeyOverrides = BTreeMap<String, BTreeMap<String, Vec<String>>>;

/// What is wrong with the `keys:` section, where, and what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("keys → {place}: {problem}")]
pub struct OverrideError {
    place: String,
    problem: String,
}

/// Returns the error: at `place`, the problem in words.
macro_rules! bail {
    ($place:expr, $($problem:tt)+) => {
        return Err(OverrideError { place: $place.to_string(), problem: format!($($problem)+) })
    };
}

/// How the `index`-th key of `b` is named in the messages: its config name, or its help.
fn named(b: &Binding, index: usize) -> String {
    let name = b.names.get(index).or(b.names.first());
    name.map_or_else(|| format!("\"{}\"", b.help), |n| n.to_string())
}

const KEY_NAMES: &str = "write a key as a character (x, ?), space, a name (enter, esc, tab, shift+tab, backspace, delete, up, down, left, right, home, end, pgup, pgdn), f1 to f12, ctrl+ a letter (ctrl+n), or esc then a key (esc n)";

/// The built-in `bindings` with `overrides` applied and checked.
pub(super) fn apply(
    mut bindings: Vec<Binding>,
    overrides: &KeyOverrides,
) -> Result<Vec<Binding>, OverrideError> {
    let builtin = bindings.clone();
    for (screen, changes) in overrides {
        let Some(&(screen, _)) = SCREENS.iter().find(|(n, _)| n == screen) else {
            let names: Vec<&str> = SCREENS.iter().map(|(n, _)| *n).collect();
            bail!(
                screen,
                "there is no such screen; the screens are {}",
                names.join(", ")
            );
        };
        for (name, keys) in changes {
            let place = format!("{screen} → {name}");
            let ours = |b: &&Binding| b.screen == screen;
            let Some(row) = bindings
                .iter()
                .position(|b| ours(&b) && b.names.contains(&name.as_str()))
            else {
                let names: Vec<&str> = bindings
                    .iter()
                    .filter(ours)
                    .flat_map(|b| b.names.to_vec())
                    .collect();
                let names = names.join(", ");
                bail!(
                    place,
                    "the {screen} screen has no such binding; its names are {names} (the README's key tables list them)"
                );
            };
            let index = bindings[row]
                .names
                .iter()
                .position(|n| n == name)
                .unwrap_or(0);
            let mut seqs = Vec::new();
            for text in keys {
                // One key or Esc then a key, never a family of keys.
                let one = |k: &Key| k.tier() == 0 && !matches!(k, Key::Digits(_));
                let Some(seq) = Seq::parse(text.trim()).filter(|s| s.keys().iter().all(one)) else {
                    bail!(place, "\"{text}\" is not a key; {KEY_NAMES}");
                };
                seqs.push(seq);
            }
            let b = &mut bindings[row];
            match (seqs.len(), &b.act) {
                (0, _) => bail!(place, "no key given; give one, such as ctrl+n"),
                (1, Act::Pair(_)) => b.keys[index] = seqs.remove(0),
                (_, Act::Pair(_)) => bail!(
                    place,
                    "give one key: each key of this pair does its own thing"
                ),
                _ => b.keys = seqs,
            }
        }
    }
    check(&bindings, &builtin)?;
    Ok(bindings)
}

/// Whether two keys can be the same key pressed.
fn overlap(a: &Key, b: &Key) -> bool {
    match (*a, *b) {
        (Key::Digits(n), Key::Char(c)) | (Key::Char(c), Key::Digits(n)) => c
            .to_digit(10)
            .is_some_and(|d| (1..=u32::from(n)).contains(&d)),
        (Key::Digits(_), Key::Digits(_)) => true,
        _ => a == b && a.tier() == 0,
    }
}

/// No key bound twice in a mode, no character typing needs made a command
/// (unless the built-in table does so), and Esc then a key only where Esc
/// begins sequences.
pub(super) fn check(bindings: &[Binding], builtin: &[Binding]) -> Result<(), OverrideError> {
    for (i, a) in bindings.iter().enumerate() {
        let shared = |b: &Binding| a.modes.iter().any(|m| b.modes.contains(m));
        let any_has = |act: Act, key: Key| {
            bindings
                .iter()
                .any(|b| shared(b) && b.act == act && b.keys.iter().any(|s| s.keys() == [key]))
        };
        for (ka, seq) in a.keys.iter().enumerate() {
            let (place, label) = (format!("{} → {}", a.screen, named(a, ka)), seq.label());
            let new = !builtin[i].keys.contains(seq);
            match seq.keys() {
                [Key::Char(_)] if new && a.is_command() && any_has(Act::Edit, Key::Printable) => {
                    bail!(
                        place,
                        "{label} is typed into the text on this screen, so it cannot be a command; bind a chord (ctrl+…), a function key, or on the interview screen esc then the key"
                    )
                }
                [first, _] if !any_has(Act::Prefix, *first) => bail!(
                    place,
                    "{label}: Esc then a key works only while typing on the interview screen; bind one key"
                ),
                [key] if a.act != Act::Prefix && key.tier() == 0 && any_has(Act::Prefix, *key) => {
                    bail!(
                        place,
                        "{label} begins the Esc sequences here, so it cannot be bound alone; bind another key"
                    )
                }
                _ => {}
            }
            for (j, b) in bindings.iter().enumerate().skip(i) {
                for (kb, other) in b.keys.iter().enumerate() {
                    let keys = seq.keys().iter().zip(other.keys());
                    let same_key = seq.keys().len() == other.keys().len()
                        && keys.clone().all(|(x, y)| overlap(x, y));
                    let prefix = a.act == Act::Prefix || b.act == Act::Prefix;
                    if (i, ka) != (j, kb) && !prefix && same_key && shared(b) {
                        let (x, y, screen) = (named(a, ka), named(b, kb), a.screen);
                        bail!(
                            place,
                            "{label} is bound twice on the {screen} screen, to {x} and to {y}; give one of them another key"
                        );
                    }
                }
            }
        }
    }
    Ok(())
}
