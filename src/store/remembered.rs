//! What the launcher remembers between interviews (`remembered.json`, 0600):
//! the last interviewer and, per bank, the last variable values; never
//! candidate data. A convenience: a file that cannot be read or written is
//! ignored and never stops an interview.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The file's name in the data folder.
pub(crate) const FILE_NAME: &str = "remembered.json";

/// The most of the file that is read: a real one is a few hundred bytes.
const MAX_BYTES: u64 = 256 * 1024;

/// The values the launcher pre-fills.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Remembered {
    /// The last interviewer's name.
    pub(crate) interviewer: Option<String>,
    /// Per bank (its key, as `--bank` takes it), the last values of its
    /// variables.
    pub(crate) variables: BTreeMap<String, BTreeMap<String, String>>,
}

/// `remembered.json` in `data_dir`.
pub(crate) fn path(data_dir: &Path) -> PathBuf {
    data_dir.join(FILE_NAME)
}

impl Remembered {
    /// What `data_dir` remembers; nothing when there is no file or it
    /// cannot be read.
    pub fn load(data_dir: &Path) -> Self {
        crate::fsread::read_capped(&path(data_dir), MAX_BYTES)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// The last values of `bank`'s variables.
    pub(crate) fn variables_for(&self, bank: &str) -> BTreeMap<String, String> {
        self.variables.get(bank).cloned().unwrap_or_default()
    }

    /// Takes in what an interview on `bank` used: its interviewer and the
    /// variable values given for it. Values equal to the config's
    /// (`config_interviewer`, `config_variables`) and empty ones are not
    /// kept (and forget what was kept before).
    pub(crate) fn record(
        &mut self,
        bank: &str,
        interviewer: &str,
        variables: &BTreeMap<String, String>,
        config_interviewer: Option<&str>,
        config_variables: &BTreeMap<String, String>,
    ) {
        let interviewer = interviewer.trim();
        self.interviewer = (!interviewer.is_empty()
            && config_interviewer.map(str::trim) != Some(interviewer))
        .then(|| interviewer.to_string());
        let kept: BTreeMap<String, String> = variables
            .iter()
            .map(|(name, value)| (name, value.trim()))
            .filter(|(name, value)| {
                !value.is_empty() && config_variables.get(*name).map(|v| v.trim()) != Some(value)
            })
            .map(|(name, value)| (name.clone(), value.to_string()))
            .collect();
        if kept.is_empty() {
            self.variables.remove(bank);
        } else {
            self.variables.insert(bank.to_string(), kept);
        }
    }

    /// Writes it to `data_dir` (the folder made 0700 if need be, the file
    /// 0600, replaced whole).
    pub(crate) fn save(&self, data_dir: &Path) -> std::io::Result<()> {
        crate::paths::create_private_dir(data_dir)?;
        let bytes = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        super::write_atomic(&path(data_dir), &bytes, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn vars(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn what_an_interview_used_is_kept_per_bank_and_read_back() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        assert_eq!(Remembered::load(&data), Remembered::default());
        let mut r = Remembered::default();
        let config = vars(&[("company", "Acme")]);
        r.record(
            "software-engineer",
            " Grace ",
            &vars(&[("company", "Acme"), ("hiring_language", "Rust"), ("x", " ")]),
            None,
            &config,
        );
        r.record("other", "Grace", &vars(&[("team", "Infra")]), None, &config);
        r.save(&data).unwrap();
        let back = Remembered::load(&data);
        assert_eq!(back.interviewer.as_deref(), Some("Grace"));
        // The config's own value is left to the config.
        assert_eq!(
            back.variables_for("software-engineer"),
            vars(&[("hiring_language", "Rust")])
        );
        assert_eq!(back.variables_for("other"), vars(&[("team", "Infra")]));
        let mode = std::fs::metadata(path(&data)).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let mode = std::fs::metadata(&data).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
        // The config's interviewer is not kept either.
        let mut r = back;
        r.record("other", "Grace", &BTreeMap::new(), Some("Grace"), &config);
        assert_eq!(r.interviewer, None);
        assert!(r.variables_for("other").is_empty());
    }

    #[test]
    fn a_damaged_or_hostile_file_is_ignored() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(path(tmp.path()), "{not json").unwrap();
        assert_eq!(Remembered::load(tmp.path()), Remembered::default());
        std::fs::remove_file(path(tmp.path())).unwrap();
        std::os::unix::fs::symlink("/dev/zero", path(tmp.path())).unwrap();
        assert_eq!(Remembered::load(tmp.path()), Remembered::default());
        // Saving replaces the link; it never writes through it.
        Remembered::default().save(tmp.path()).unwrap();
        assert!(
            std::fs::symlink_metadata(path(tmp.path()))
                .unwrap()
                .is_file()
        );
    }
}
