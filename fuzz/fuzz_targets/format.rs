//! Any text as a format (a status line, a `-F`): expanded to some string, never a
//! panic, a hang or an output out of proportion.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let out = rmux_server::fuzzing::format(&text);
    assert!(out.len() <= 64 * 1024 * 1024, "{} bytes from {} bytes", out.len(), data.len());
});
