//! Text in the ground state: printable ASCII runs (the hot path), C0
//! controls, and UTF-8 decoded the way tmux does it.

use super::{direct, execute};
use crate::screen::Screen;
use crate::text::{multibyte, printable_prefix, sequence_len};

const REPLACEMENT: char = '\u{fffd}';

/// A UTF-8 sequence cut by the end of a `feed` call.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Utf8 {
    buf: [u8; 4],
    len: u8,
    /// Total length announced by the lead byte; 0 when idle.
    want: u8,
}

impl Utf8 {
    fn start(&mut self, lead: u8, want: u8) {
        self.buf = [lead, 0, 0, 0];
        self.len = 1;
        self.want = want;
    }

    /// Adds a continuation byte; returns the character once complete (a
    /// well-formed but invalid sequence, such as an overlong form or a
    /// surrogate, gives one replacement character).
    fn push(&mut self, b: u8) -> Option<char> {
        if let Some(slot) = self.buf.get_mut(usize::from(self.len)) {
            *slot = b;
        }
        self.len += 1;
        if self.len < self.want {
            return None;
        }
        let bytes = self.buf.get(..usize::from(self.len)).unwrap_or(&[]);
        let c = std::str::from_utf8(bytes)
            .ok()
            .and_then(|s| s.chars().next())
            .unwrap_or(REPLACEMENT);
        self.want = 0;
        Some(c)
    }
}

/// Consumes text, controls and the escape sequences `direct` reads, up to
/// the first sequence left for `vte`; returns the number of bytes used.
pub(super) fn run(utf8: &mut Utf8, screen: &mut Screen, bytes: &[u8]) -> usize {
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if utf8.want > 0 {
            if b & 0xc0 == 0x80 {
                if let Some(c) = utf8.push(b) {
                    screen.print(c);
                }
                i += 1;
                continue;
            }
            // Cut short: one replacement, then the byte counts on its own.
            utf8.want = 0;
            screen.print(REPLACEMENT);
        }
        if matches!(b, 0x20..=0x7e | 0xc2..=0xf4) {
            // Ordinary text, written a line at a time (the hot path).
            let n = screen.print_text(bytes.get(i..).unwrap_or(&[]));
            if n > 0 {
                i += n;
                continue;
            }
        }
        match b {
            0x20..=0x7e => {
                let rest = bytes.get(i..).unwrap_or(&[]);
                let run = printable_prefix(rest);
                screen.print_ascii(rest.get(..run).unwrap_or(&[]));
                i += run;
            }
            0x1b => {
                // The usual sequences are read here, without a trip
                // through `vte`; the rest is left to it.
                match direct::sequence(screen, bytes.get(i..).unwrap_or(&[])) {
                    Some(n) => i += n,
                    None => return i,
                }
            }
            0x7f => i += 1,
            0x00..=0x1f => {
                execute(screen, b);
                i += 1;
            }
            0xc2..=0xf4 => {
                // A whole, valid character is decoded at once; anything
                // else goes through the byte-at-a-time decoder.
                match multibyte(bytes.get(i..).unwrap_or(&[])) {
                    Some((c, len)) => {
                        screen.print(c);
                        i += len;
                    }
                    None => {
                        let want = sequence_len(b).unwrap_or(2);
                        utf8.start(b, want as u8);
                        i += 1;
                    }
                }
            }
            _ => {
                screen.print(REPLACEMENT);
                i += 1;
            }
        }
    }
    i
}

/// Skips a string (screen's `ESC k ... ST`). Returns the bytes consumed and
/// whether it ended: BEL is consumed, an ESC is left for the parser (`ESC \`
/// is then a harmless ST).
pub(super) fn skip_string(bytes: &[u8]) -> (usize, bool) {
    match bytes.iter().position(|&b| b == 0x1b || b == 0x07) {
        Some(i) if bytes.get(i) == Some(&0x07) => (i + 1, true),
        Some(i) => (i, true),
        None => (bytes.len(), false),
    }
}
