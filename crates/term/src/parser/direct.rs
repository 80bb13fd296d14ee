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

use super::params::Params;
use super::{csi, esc_dispatch};
use crate::screen::Screen;

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
