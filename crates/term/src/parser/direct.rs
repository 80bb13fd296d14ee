//! Complete, ordinary escape sequences read without `vte`: a CSI with
//! parameters (the bulk of what programs send: SGR, cursor moves, erases)
//! and two- or three-byte ESC sequences.
//!
//! Only called with `vte` in its ground state and a buffer starting at
//! ESC. A sequence is taken here only when it is whole in the buffer and
//! `vte` would read it the same way; anything else (a sequence cut by the
//! end of the buffer, a control or DEL inside it, too many parameters or
//! intermediates, strings) is left to `vte`, which then sees it from its
//! ESC exactly as if this module did not exist.

use super::params::{self, Params};
use super::{csi, esc_dispatch, sgr};
use crate::screen::Screen;
use crate::style::{PackedColor, Pen};

/// `vte` keeps at most this many intermediate bytes (a private marker such
/// as `?` counts).
const MAX_INTERMEDIATES: usize = 2;

/// Handles the sequence at the start of `bytes` (which starts with ESC) and
/// returns its length, or `None` to leave it to `vte`.
pub(super) fn sequence(screen: &mut Screen, bytes: &[u8]) -> Option<usize> {
    match *bytes.get(1)? {
        b'[' => control_sequence(screen, bytes),
        // Strings (DCS, SOS, OSC, PM, APC) and screen's name string.
        b'P' | b'X' | b']' | b'^' | b'_' | b'k' => None,
        final_byte @ 0x30..=0x7e => {
            esc_dispatch(screen, &[], final_byte);
            Some(2)
        }
        inter @ 0x20..=0x2f => match *bytes.get(2)? {
            final_byte @ 0x30..=0x7e => {
                esc_dispatch(screen, &[inter], final_byte);
                Some(3)
            }
            _ => None,
        },
        _ => None,
    }
}

/// `ESC [`, an optional private marker, parameters, at most one
/// intermediate after them, a final byte.
fn control_sequence(screen: &mut Screen, bytes: &[u8]) -> Option<usize> {
    if let Some(n) = plain_sgr(screen, bytes) {
        return Some(n);
    }
    let mut inter = [0u8; MAX_INTERMEDIATES];
    let mut ninter = 0;
    let mut i = 2;
    if let Some(&marker @ 0x3c..=0x3f) = bytes.get(i) {
        inter[0] = marker;
        ninter = 1;
        i += 1;
    }
    let mut params = Params::default();
    let mut param = 0u16;
    loop {
        let b = *bytes.get(i)?;
        i += 1;
        match b {
            b'0'..=b'9' => {
                param = param.saturating_mul(10).saturating_add(u16::from(b - b'0'));
            }
            b';' | b':' => {
                if params.is_full() {
                    return None;
                }
                if b == b';' {
                    params.push(param);
                } else {
                    params.extend(param);
                }
                param = 0;
            }
            0x20..=0x2f => {
                // One intermediate, then the final byte must follow.
                let slot = inter.get_mut(ninter)?;
                *slot = b;
                ninter += 1;
                let final_byte @ 0x40..=0x7e = *bytes.get(i)? else {
                    return None;
                };
                return finish(screen, params, param, &inter, ninter, final_byte, i + 1);
            }
            0x40..=0x7e => return finish(screen, params, param, &inter, ninter, b, i),
            _ => return None,
        }
    }
}

fn finish(
    screen: &mut Screen,
    mut params: Params,
    last: u16,
    inter: &[u8; MAX_INTERMEDIATES],
    ninter: usize,
    final_byte: u8,
    len: usize,
) -> Option<usize> {
    if params.is_full() {
        return None;
    }
    params.push(last);
    csi::dispatch(
        screen,
        &params,
        inter.get(..ninter).unwrap_or(&[]),
        char::from(final_byte),
    );
    Some(len)
}

/// The most frequent sequence by far: SGR with `;`-separated codes (and
/// colours in the `38;5;n` and `38;2;r;g;b` forms with every value in
/// range), applied as read.
fn plain_sgr(screen: &mut Screen, bytes: &[u8]) -> Option<usize> {
    let saved = screen.cur.pen;
    let done = apply_plain_sgr(&mut screen.cur.pen, bytes);
    if done.is_none() {
        // Not one of these after all: the general path starts over.
        screen.cur.pen = saved;
    }
    done
}

fn apply_plain_sgr(pen: &mut Pen, bytes: &[u8]) -> Option<usize> {
    let mut code = 0u16;
    let mut n = 0;
    let mut i = 2;
    while let Some(&b) = bytes.get(i) {
        i += 1;
        match b {
            b'0'..=b'9' => {
                code = code.saturating_mul(10).saturating_add(u16::from(b - b'0'));
                continue;
            }
            b';' if matches!(code, 38 | 48 | 58) => {
                let (color, used, end) = color(bytes, i)?;
                sgr::apply_color(pen, code, color);
                n += used;
                i = end;
                if bytes.get(i - 1) == Some(&b'm') {
                    return (n < params::MAX).then_some(i);
                }
            }
            b';' | b'm' if !matches!(code, 38 | 48 | 58) => sgr::apply_code(pen, code),
            _ => return None,
        }
        n += 1;
        // More parameters than `vte` keeps: the general path decides.
        if n > params::MAX {
            return None;
        }
        if b == b'm' {
            return Some(i);
        }
        code = 0;
    }
    None
}

/// The values of a colour (`5;n` or `2;r;g;b`, each a byte) from
/// `bytes[i..]`: the colour, how many values that was, and where it ends
/// (after its `;` or `m`). `None` for any other form, which the general
/// path reads as tmux does.
#[cold]
fn color(bytes: &[u8], mut i: usize) -> Option<(PackedColor, usize, usize)> {
    let mut vals = [0u8; 4];
    let mut n = 0;
    let mut v = 0u16;
    while let Some(&b) = bytes.get(i) {
        i += 1;
        match b {
            b'0'..=b'9' => v = v.saturating_mul(10).saturating_add(u16::from(b - b'0')),
            b';' | b'm' => {
                *vals.get_mut(n)? = u8::try_from(v).ok()?;
                n += 1;
                v = 0;
                let color = match (vals, n) {
                    ([5, c, ..], 2) => PackedColor::palette(c),
                    ([2, r, g, b], 4) => PackedColor::rgb(r, g, b),
                    _ if b == b'm' => return None,
                    _ => continue,
                };
                return Some((color, n, i));
            }
            _ => return None,
        }
    }
    None
}
