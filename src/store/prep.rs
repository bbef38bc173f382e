//! Reading the candidate's prep (`--prep FILE`, the launcher's Prep field):
//! resume notes or the job description, as text, shown read-only before and
//! during the call and saved with the interview.
//!
//! It is read like a bank (regular files only, at most 1 MiB counted as it
//! is read), and only text is taken: a PDF, a Word document or any other
//! binary file is refused with what to do instead, since showing its bytes
//! would help nobody.

use std::path::Path;

use crate::bank::load::MAX_BANK_BYTES;
use crate::fsread::ReadError;
use crate::interview::Prep;

/// Reads the prep file at `path`, or says why it cannot be used (the
/// message names no path: the caller puts it in front).
pub(crate) fn read_prep(path: &Path) -> Result<Prep, String> {
    let bytes = crate::fsread::read_capped(path, MAX_BANK_BYTES as u64).map_err(|e| match e {
        ReadError::Missing | ReadError::MissingFolder(_) => {
            "no such file; check the path and spelling".to_string()
        }
        ReadError::TooBig(_) => format!(
            "it is more than {} KB; a prep file is a page or two of notes — paste the part you need into a smaller file",
            MAX_BANK_BYTES / 1024
        ),
        e if e.is_folder() => "it is a folder; name a text or Markdown file".to_string(),
        other => other.to_string(),
    })?;
    let kind = if bytes.starts_with(b"%PDF") {
        Some("a PDF")
    } else if bytes.starts_with(b"PK\x03\x04") {
        Some("a Word document or another zip file")
    } else if bytes.starts_with(b"{\\rtf") {
        Some("an RTF document")
    } else if bytes.contains(&0) {
        Some("a binary file")
    } else {
        None
    };
    if let Some(kind) = kind {
        return Err(format!(
            "it is {kind}, not text; paste its text into a .txt or .md file and give that"
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "it is not UTF-8 text (bad byte at offset {}); save it as UTF-8 text, or paste its text into a new .txt file",
            e.utf8_error().valid_up_to()
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
    if text.trim().is_empty() {
        return Err("it is empty; write the candidate's notes in it, or leave the prep out".into());
    }
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok(Prep { file, text })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn text_and_markdown_are_taken_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let text = "# Ada Lovelace\n\n- built the analytical engine's programs\n\tindented\n";
        let prep = read_prep(&write(tmp.path(), "ada.md", text.as_bytes())).unwrap();
        assert_eq!(prep.file, "ada.md");
        assert_eq!(prep.text, text);
        let bom = read_prep(&write(tmp.path(), "bom.txt", "\u{feff}notes".as_bytes())).unwrap();
        assert_eq!(bom.text, "notes");
    }

    #[test]
    fn binary_files_are_refused_with_what_to_do() {
        let tmp = tempfile::tempdir().unwrap();
        for (name, bytes, kind) in [
            ("cv.pdf", &b"%PDF-1.7\n%\xe2\xe3\xcf\xd3"[..], "a PDF"),
            ("cv.docx", &b"PK\x03\x04\x14\x00"[..], "a Word document"),
            ("cv.bin", &b"abc\x00def"[..], "a binary file"),
        ] {
            let err = read_prep(&write(tmp.path(), name, bytes)).unwrap_err();
            assert!(err.contains(kind), "{name}: {err}");
            assert!(
                err.contains("paste its text into a .txt or .md file"),
                "{err}"
            );
        }
        let err = read_prep(&write(tmp.path(), "latin1.txt", b"caf\xe9")).unwrap_err();
        assert!(
            err.contains("not UTF-8 text (bad byte at offset 3)"),
            "{err}"
        );
        let err = read_prep(&write(tmp.path(), "empty.txt", b"  \n")).unwrap_err();
        assert!(err.contains("empty"), "{err}");
    }

    #[test]
    fn only_regular_files_of_at_most_a_mebibyte_are_read() {
        let tmp = tempfile::tempdir().unwrap();
        let err = read_prep(&tmp.path().join("nothing.md")).unwrap_err();
        assert!(err.contains("no such file"), "{err}");
        let err = read_prep(tmp.path()).unwrap_err();
        assert!(err.contains("folder"), "{err}");
        let big = vec![b'a'; MAX_BANK_BYTES + 1];
        let err = read_prep(&write(tmp.path(), "big.txt", &big)).unwrap_err();
        assert!(err.contains("more than 1024 KB"), "{err}");
        let fifo = tmp.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: mkfifo with a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let err = read_prep(&fifo).unwrap_err();
        assert!(err.contains("FIFO"), "{err}");
        let err = read_prep(Path::new("/dev/zero")).unwrap_err();
        assert!(!err.is_empty());
    }
}
