//! Answers to a program's questions, queued for the caller to write back.

use std::io::Write as _;

use crate::screen::Screen;

/// DA1: a VT220-class terminal with advanced video, like tmux answers.
pub(super) fn primary_attributes(s: &mut Screen) {
    s.replies.extend_from_slice(b"\x1b[?1;2c");
}

/// DA2: tmux's own answer (terminal type 84, 'T'), so programs that detect
/// tmux this way treat rmux the same.
pub(super) fn secondary_attributes(s: &mut Screen) {
    s.replies.extend_from_slice(b"\x1b[>84;0;0c");
}

/// XTVERSION.
pub(super) fn version(s: &mut Screen) {
    let _ = write!(s.replies, "\x1bP>|rmux {}\x1b\\", env!("CARGO_PKG_VERSION"));
}

/// DSR 5 (status) and 6 (cursor position); `private` for `CSI ? 6 n`.
pub(super) fn device_status(s: &mut Screen, what: u16, private: bool) {
    match what {
        5 => s.replies.extend_from_slice(b"\x1b[0n"),
        6 => {
            let y = if s.modes.origin {
                s.cur.y.saturating_sub(s.top)
            } else {
                s.cur.y
            };
            let mark = if private { "?" } else { "" };
            let _ = write!(s.replies, "\x1b[{mark}{};{}R", y + 1, s.cur.x + 1);
        }
        _ => tracing::debug!(what, "DSR ignored"),
    }
}

/// DECRQM answer: 1 set, 2 reset, 0 unknown.
pub(super) fn mode_report(s: &mut Screen, private: bool, mode: u16, state: Option<bool>) {
    let v = match state {
        Some(true) => 1,
        Some(false) => 2,
        None => 0,
    };
    let mark = if private { "?" } else { "" };
    let _ = write!(s.replies, "\x1b[{mark}{mode};{v}$y");
}

/// An OSC colour answer, `rgb:rrrr/gggg/bbbb`, ended like the question.
pub(super) fn color(s: &mut Screen, prefix: &str, rgb: (u8, u8, u8), bell: bool) {
    let (r, g, b) = rgb;
    let end = if bell { "\x07" } else { "\x1b\\" };
    let _ = write!(
        s.replies,
        "\x1b]{prefix};rgb:{r:02x}{r:02x}/{g:02x}{g:02x}/{b:02x}{b:02x}{end}"
    );
}

/// DECRQSS (`DCS $ q Pt ST`): the current SGR, scroll region or cursor
/// style; anything else is answered "invalid".
pub(super) fn status_string(s: &mut Screen, request: &[u8]) {
    let body = match request {
        b"m" => Some(format!("{}m", super::sgr::describe(&s.cur.pen))),
        b"r" => Some(format!("{};{}r", s.top + 1, s.bottom + 1)),
        b" q" => Some(format!("{} q", s.cursor_shape as u8)),
        _ => None,
    };
    match body {
        Some(b) => {
            let _ = write!(s.replies, "\x1bP1$r{b}\x1b\\");
        }
        None => s.replies.extend_from_slice(b"\x1bP0$r\x1b\\"),
    }
}
