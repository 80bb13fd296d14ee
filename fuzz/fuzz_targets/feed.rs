//! Arbitrary bytes at arbitrary sizes, with resizes in between: never a
//! panic, and the invariants hold after every step.
//!
//! Input layout: two bytes of initial size, then chunks; a 0xFF byte
//! followed by two bytes resizes, anything else is fed as is.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rmux_term::{CaptureOptions, Size, Terminal};

fn size(a: u8, b: u8) -> Size {
    Size {
        cols: u16::from(a % 120),
        rows: u16::from(b % 50),
    }
}

fuzz_target!(|data: &[u8]| {
    let [a, b, rest @ ..] = data else {
        return;
    };
    let mut t = Terminal::new(size(*a, *b), 64);
    let mut chunks = rest.split(|&c| c == 0xff);
    if let Some(first) = chunks.next() {
        t.feed(first);
    }
    for chunk in chunks {
        match chunk {
            [a, b, more @ ..] => {
                t.resize(size(*a, *b));
                t.feed(more);
            }
            other => t.feed(other),
        }
        if let Err(e) = t.check_invariants() {
            panic!("invariant broken: {e}");
        }
    }
    if let Err(e) = t.check_invariants() {
        panic!("invariant broken: {e}");
    }
    let _ = t.capture(&CaptureOptions {
        start: Some(i64::MIN),
        escapes: true,
        join: true,
        ..Default::default()
    });
    for y in -(t.history_len() as i64)..i64::from(t.size().rows) {
        if let Some(row) = t.row(y) {
            let _ = row.text();
        }
    }
});
