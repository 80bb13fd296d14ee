//! Any text as a configuration file: parsed, and each command's flags checked against
//! the command table; never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    rmux_server::fuzzing::config(&text);
});
