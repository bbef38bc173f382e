//! The optional `config.yaml` in the config folder: defaults for the launcher.

use std::collections::BTreeMap;
use std::path::Path;

use std::sync::Arc;

use serde::Deserialize;

use crate::tui::keymap::Keymap;

/// The most of `config.yaml` that is read: a real one is a few lines.
pub(crate) const MAX_CONFIG_BYTES: u64 = 64 * 1024;

/// What `phonescreen config init` writes: every setting with its default,
/// those with no default as commented examples. It loads as
/// [`Config::default`], and uncommented as the examples say
/// (`tests/it/shell_and_config.rs` checks both).
pub const TEMPLATE: &str = include_str!("config_template.yaml");

/// Settings read from `config.yaml`; every field is optional.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Interviewer name used when `--interviewer` is not given.
    pub interviewer: Option<String>,
    /// Bank used when `--bank` is not given (a name or a path).
    pub bank: Option<String>,
    /// Default values for bank variables, such as `company`.
    pub variables: BTreeMap<String, String>,
    /// Ring the terminal bell at five minutes left and at zero.
    pub bell: bool,
    /// `auto` (default), `unicode` or `ascii`: which symbols to draw.
    pub symbols: crate::tui::theme::Symbols,
    /// How long interviews are kept (`180d`): the default of `sessions
    /// purge`, and the launcher says when older ones are waiting.
    #[serde(deserialize_with = "age")]
    pub retention: Option<std::time::Duration>,
    /// Keys rebound by name, screen by screen (see the README's key tables).
    #[serde(deserialize_with = "key_lists")]
    pub keys: crate::tui::keymap::KeyOverrides,
}

fn age<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<std::time::Duration>, D::Error> {
    let text: Option<String> = Option::deserialize(d)?;
    text.map(|t| crate::cli::parse_retention(&t).map_err(serde::de::Error::custom))
        .transpose()
}

/// The `keys:` section: each binding's keys as one key (`ctrl+n`, or `5`,
/// which YAML reads as a number) or a list of them.
fn key_lists<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<crate::tui::keymap::KeyOverrides, D::Error> {
    struct Keys(Vec<String>);
    impl<'de> Deserialize<'de> for Keys {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_any(KeysVisitor)
        }
    }
    struct KeysVisitor;
    impl<'de> serde::de::Visitor<'de> for KeysVisitor {
        type Value = Keys;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a key such as ctrl+n, or a list of keys such as [ctrl+n, f6]")
        }
        fn visit_str<E>(self, key: &str) -> Result<Keys, E> {
            Ok(Keys(vec![key.to_string()]))
        }
        fn visit_u64<E>(self, key: u64) -> Result<Keys, E> {
            Ok(Keys(vec![key.to_string()]))
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Keys, A::Error> {
            let mut keys = Vec::new();
            while let Some(Keys(key)) = seq.next_element()? {
                keys.extend(key);
            }
            Ok(Keys(keys))
        }
    }
    let screens: BTreeMap<String, BTreeMap<String, Keys>> = BTreeMap::deserialize(d)?;
    let lists = |(name, Keys(keys))| (name, keys);
    Ok(screens
        .into_iter()
        .map(|(screen, names)| (screen, names.into_iter().map(lists).collect()))
        .collect())
}

impl Default for Config {
    fn default() -> Self {
        Self {
            interviewer: None,
            bank: None,
            variables: BTreeMap::new(),
            bell: true,
            symbols: crate::tui::theme::Symbols::Auto,
            retention: None,
            keys: Default::default(),
        }
    }
}

/// A config file that exists but cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {reason}; fix or remove the {what} (see the README's config section)")]
pub struct ConfigError {
    path: String,
    reason: String,
    /// What to fix: the file, or the link to nothing on the way to it.
    what: &'static str,
}

impl Config {
    /// Reads `path`; a missing file gives the defaults.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let err = |reason: String| ConfigError {
            path: path.display().to_string(),
            reason,
            what: "file",
        };
        let bytes = match crate::fsread::read_capped(path, MAX_CONFIG_BYTES) {
            Ok(bytes) => bytes,
            // No config is the usual case; a link to nothing is not.
            Err(e) if e.is_missing() => return Ok(Self::default()),
            Err(crate::fsread::ReadError::TooBig(cap)) => {
                return Err(err(format!(
                    "it is more than {cap} bytes; a config file is a few lines"
                )));
            }
            Err(e @ crate::fsread::ReadError::Io(_)) => {
                return Err(err(format!("cannot read it: {e}")));
            }
            Err(
                e @ crate::fsread::ReadError::DanglingLink {
                    folder: Some(_), ..
                },
            ) => {
                // The config folder itself leads nowhere.
                return Err(ConfigError {
                    what: "link",
                    ..err(e.to_string())
                });
            }
            Err(e) => return Err(err(e.to_string())),
        };
        let text = String::from_utf8(bytes).map_err(|e| {
            err(format!(
                "it is not UTF-8 text (bad byte at offset {}); save it as UTF-8",
                e.utf8_error().valid_up_to()
            ))
        })?;
        if text.trim().is_empty() {
            return Ok(Self::default());
        }
        let config: Config = crate::yaml::from_str_as(&text, crate::yaml::Kind::Config)
            .map_err(|e| err(e.to_string()))?;
        Keymap::with_overrides(&config.keys).map_err(|e| err(e.to_string()))?;
        Ok(config)
    }

    /// What keys mean: the built-in tables with the `keys:` section's
    /// changes ([`Config::load`] has checked them; a config made otherwise
    /// with bad ones gets the built-in keys).
    pub fn keymap(&self) -> Arc<Keymap> {
        Keymap::with_overrides(&self.keys).unwrap_or_else(|_| Keymap::builtin())
    }
}

/// Writes [`TEMPLATE`] to `path` (0600; the folder is made 0700 if
/// missing). An existing file is kept unless `force`; a symbolic link is
/// never written through, nor replaced, even with `force`: it is someone's
/// dotfiles, to edit where it points.
pub(crate) fn init(path: &Path, force: bool) -> Result<(), String> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let shown = path.display();
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            let target = std::fs::read_link(path)
                .map(|t| format!(" to {}", t.display()))
                .unwrap_or_default();
            return Err(format!(
                "{shown} is a symbolic link{target}; phonescreen does not write through links: edit the file it leads to, or remove the link and run `phonescreen config init` again"
            ));
        }
        Ok(meta) if !meta.is_file() => {
            return Err(format!(
                "{shown} is not a regular file (a folder, a FIFO or a device); move it away and run `phonescreen config init` again"
            ));
        }
        Ok(_) if !force => {
            return Err(format!(
                "{shown} already exists; edit it, or pass --force to replace it with the commented defaults"
            ));
        }
        Ok(_) => {
            // A new version renamed over the old one: the old stays whole
            // if anything fails, and nothing is written through a link.
            return crate::store::write_atomic(path, TEMPLATE.as_bytes(), true)
                .map_err(|e| format!("cannot write {shown}: {e}"));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(format!("cannot look at {shown}: {e}")),
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::paths::create_private_dir(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    // Created new (O_EXCL never follows a link), so a file or link that
    // appeared meanwhile is refused, not overwritten.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
        .map_err(|e| format!("cannot create {shown}: {e}"))?;
    file.write_all(TEMPLATE.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| format!("cannot write {shown}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_gives_defaults_and_bad_keys_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.yaml");
        assert_eq!(Config::load(&path).unwrap(), Config::default());
        std::fs::write(
            &path,
            "interviewer: Grace\nvariables:\n  company: Acme\nbell: false\n",
        )
        .unwrap();
        let c = Config::load(&path).unwrap();
        assert_eq!(c.interviewer.as_deref(), Some("Grace"));
        assert_eq!(c.variables["company"], "Acme");
        assert!(!c.bell);
        std::fs::write(&path, "interviwer: Grace\n").unwrap();
        let e = Config::load(&path).unwrap_err().to_string();
        assert!(e.contains("interviwer"), "{e}");
    }

    #[test]
    fn bad_keys_are_config_errors_that_say_where_and_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.yaml");
        std::fs::write(&path, "keys:\n  interview:\n    pause: p\n").unwrap();
        let e = Config::load(&path).unwrap_err().to_string();
        assert!(
            e.contains("config.yaml: keys → interview → pause: p is typed into the text on this screen, so it cannot be a command; bind a chord"),
            "{e}"
        );
        assert!(
            e.ends_with("fix or remove the file (see the README's config section)"),
            "{e}"
        );
        std::fs::write(&path, "keys:\n  interview:\n    pause: {a: b}\n").unwrap();
        let e = Config::load(&path).unwrap_err().to_string();
        assert!(
            e.contains("line 3, column 12: keys.interview.pause: invalid type: map, expected a key such as ctrl+n, or a list of keys such as [ctrl+n, f6]"),
            "{e}"
        );
        // YAML reads 5 as a number: it is the key 5 all the same.
        std::fs::write(&path, "keys:\n  done:\n    copy: 5\n").unwrap();
        let keys = Config::load(&path).unwrap().keymap();
        let five = crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char('5'),
            crossterm::event::KeyModifiers::NONE,
        );
        assert_eq!(
            keys.action(crate::tui::keymap::Mode::Done, None, five),
            Some(crate::tui::command::Command::CopyScorecard)
        );
        std::fs::write(&path, "keys:\n  interview:\n    pause: ctrl+p\n").unwrap();
        let config = Config::load(&path).unwrap();
        let ctrl_p = crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char('p'),
            crossterm::event::KeyModifiers::CONTROL,
        );
        let typing = crate::tui::keymap::Mode::Interview(crate::tui::keymap::InterviewMode::Typing);
        assert_eq!(
            config.keymap().action(typing, None, ctrl_p),
            Some(crate::tui::command::Command::TogglePause)
        );
    }

    #[test]
    fn several_documents_are_a_config_error_not_a_bank_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.yaml");
        std::fs::write(&path, "interviewer: Grace\n---\nbell: false\n").unwrap();
        let e = Config::load(&path).unwrap_err().to_string();
        assert!(e.contains("more than one YAML document"), "{e}");
        assert!(e.contains("config.yaml holds one set of settings"), "{e}");
        assert!(!e.contains("bank"), "{e}");
    }

    #[test]
    fn a_link_to_nothing_is_an_error_not_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.yaml");
        std::os::unix::fs::symlink("/nonexistent/dotfiles/config.yaml", &path).unwrap();
        let e = Config::load(&path).unwrap_err().to_string();
        assert!(
            e.contains(
                "it is a symbolic link to /nonexistent/dotfiles/config.yaml, which does not exist; fix or remove the file"
            ),
            "{e}"
        );
        // The config folder a link to nothing: that link is what to fix.
        let folder = dir.path().join("phonescreen");
        std::os::unix::fs::symlink("/nonexistent/dotfiles/phonescreen", &folder).unwrap();
        let e = Config::load(&folder.join("config.yaml"))
            .unwrap_err()
            .to_string();
        assert!(
            e.ends_with(&format!(
                "{} is a symbolic link to /nonexistent/dotfiles/phonescreen, which does not exist; fix or remove the link (see the README's config section)",
                folder.display()
            )),
            "{e}"
        );
    }
}
