//! Any bytes from the terminal, split into reads anywhere: the decoder
//! never panics, gives at most one event per byte, lets go in time of
//! whatever waits for the rest of a sequence, and is then back in step.
#![no_main]

use std::time::Instant;

use libfuzzer_sys::fuzz_target;
use phonescreen::tui::input::{PASTE_STALL, TtyInput};

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
    // Past every wait (an escape's, a paste's): nothing is left over.
    events += input.take_stalled(Instant::now() + PASTE_STALL).len();
    assert!(events <= bytes.len());
    let next = input.decode_bytes(b"ok", false);
    assert_eq!(next.len(), 2, "text after any bytes is read: {next:?}");
});
