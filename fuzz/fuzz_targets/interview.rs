//! Any bytes as a saved interview, read the way resume, the launcher and
//! `sessions list` read one: never a panic, a clear problem instead.
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("20250101-000000-fuzz.yaml");
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(data))
        .expect("writes");
    match phonescreen::store::load(&path) {
        Ok(record) => {
            // What loads must save and load again the same.
            let text = phonescreen::store::to_yaml(&record).expect("a loaded interview serializes");
            std::fs::write(&path, text).expect("writes");
            let again = phonescreen::store::load(&path).expect("what phonescreen writes it reads");
            assert_eq!(again, record);
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
    let _ = phonescreen::store::summarize(&path, false);
});
