//! Any bytes as a bank file: `bank validate` and starting an interview
//! parse them. Never a panic; memory bounded (run with -malloc_limit_mb=128,
//! see the README).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let report = phonescreen::bank::load::parse(data);
    // Every diagnostic renders (positions, paths, messages).
    for d in &report.diagnostics {
        let _ = d.display_for("bank.yaml").to_string();
    }
});
