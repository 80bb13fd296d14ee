//! Scanning text: runs of printable ASCII and whole UTF-8 characters.
//! Shared by the parser (which decides what is text) and the screen (which
//! writes runs of it straight into a row).

use unicode_width::UnicodeWidthChar;

/// The character of a whole multi-byte UTF-8 sequence, `None` if it is
/// not a valid one (a byte that does not continue it, an overlong form, a
/// surrogate, past U+10FFFF).
pub(crate) fn decode(seq: &[u8]) -> Option<char> {
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
pub(crate) fn printable_prefix(bytes: &[u8]) -> usize {
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

/// How long the UTF-8 sequence that `lead` starts is (2 to 4), `None` if
/// `lead` cannot start one.
pub(crate) fn sequence_len(lead: u8) -> Option<usize> {
    match lead {
        0xc2..=0xdf => Some(2),
        0xe0..=0xef => Some(3),
        0xf0..=0xf4 => Some(4),
        _ => None,
    }
}

/// The whole, valid multi-byte character at the start of `bytes` and its
/// length in bytes.
pub(crate) fn multibyte(bytes: &[u8]) -> Option<(char, usize)> {
    let len = sequence_len(*bytes.first()?)?;
    Some((decode(bytes.get(..len)?)?, len))
}

/// The ordinary character at the start of `bytes` (printable ASCII, or a
/// whole, valid multi-byte character one or two columns wide), its length
/// in bytes and its width.
#[inline]
pub(crate) fn next_glyph(bytes: &[u8]) -> Option<(char, usize, usize)> {
    let (c, len) = match *bytes {
        [b, ..] if (0x20..=0x7e).contains(&b) => return Some((char::from(b), 1, 1)),
        // Three bytes (CJK and most other wide text), spelled out.
        [b0 @ 0xe0..=0xef, b1, b2, ..] if (b1 & 0xc0 == 0x80) & (b2 & 0xc0 == 0x80) => {
            let c = u32::from(b0 & 0x0f) << 12 | u32::from(b1 & 0x3f) << 6 | u32::from(b2 & 0x3f);
            if c < 0x800 {
                return None;
            }
            (char::from_u32(c)?, 3)
        }
        _ => multibyte(bytes)?,
    };
    match c.width() {
        Some(w @ (1 | 2)) => Some((c, len, w)),
        _ => None,
    }
}
