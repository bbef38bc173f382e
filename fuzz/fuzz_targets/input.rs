//! Any bytes from the terminal, split into reads anywhere: the decoder
//! never panics, and pending bytes stay bounded by what was given.
#![no_main]

use libfuzzer_sys::fuzz_target;
use phonescreen::tui::input::TtyInput;

fuzz_target!(|data: &[u8]| {
    let Some((&split, bytes)) = data.split_first() else {
        return;
    };
    let mut input = TtyInput::new(-1);
    let step = usize::from(split).max(1);
    let mut events = 0;
    for chunk in bytes.chunks(step) {
        events += input.decode_bytes(chunk, false).len();
    }
    assert!(events <= bytes.len());
});
