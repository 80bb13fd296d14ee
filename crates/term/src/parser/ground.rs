//! Text in the ground state: printable ASCII runs (the hot path), C0
//! controls, and UTF-8 decoded the way tmux does it.

use super::execute;
use crate::screen::Screen;

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

/// Consumes text up to the next ESC (left for `vte`); returns the number
/// of bytes used.
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
        match b {
            0x20..=0x7e => {
                let rest = bytes.get(i..).unwrap_or(&[]);
                let run = printable_prefix(rest);
                screen.print_ascii(rest.get(..run).unwrap_or(&[]));
                i += run;
            }
            0x1b => return i,
            0x7f => i += 1,
            0x00..=0x1f => {
                execute(screen, b);
                i += 1;
            }
            0xc2..=0xf4 => {
                let want = if b < 0xe0 {
                    2
                } else if b < 0xf0 {
                    3
                } else {
                    4
                };
                // A whole, valid character is decoded at once; anything
                // else goes through the byte-at-a-time decoder.
                match bytes.get(i..i + usize::from(want)).and_then(decode) {
                    Some(c) => {
                        screen.print(c);
                        i += usize::from(want);
                    }
                    None => {
                        utf8.start(b, want);
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

/// The character of a whole multi-byte UTF-8 sequence, `None` if it is
/// not a valid one (a byte that does not continue it, an overlong form, a
/// surrogate, past U+10FFFF).
fn decode(seq: &[u8]) -> Option<char> {
    let (&lead, rest) = seq.split_first()?;
    let mut c = u32::from(lead) & (0x7f >> seq.len());
    for &b in rest {
        if b & 0xc0 != 0x80 {
            return None;
        }
        c = c << 6 | u32::from(b & 0x3f);
    }
    let shortest = match seq.len() {
        2 => 0x80,
        3 => 0x800,
        _ => 0x1_0000,
    };
    if c < shortest {
        return None;
    }
    char::from_u32(c)
}

/// Length of the leading run of printable ASCII (0x20..=0x7e), eight bytes
/// at a time.
fn printable_prefix(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut n = 0;
    for chunk in bytes.chunks_exact(8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        // A byte below 0x20, a byte with the top bit set, or 0x7f.
        let low = w.wrapping_sub(ONES * 0x20) & !w;
        let del = (w ^ (ONES * 0x7f)).wrapping_sub(ONES) & !(w ^ (ONES * 0x7f));
        if (low | w | del) & HIGH != 0 {
            break;
        }
        n += 8;
    }
    n + bytes
        .get(n..)
        .unwrap_or(&[])
        .iter()
        .position(|&c| !(0x20..=0x7e).contains(&c))
        .unwrap_or(bytes.len() - n)
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
