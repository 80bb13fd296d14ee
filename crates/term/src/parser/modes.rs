//! SM/RM, DECSET/DECRST and DECRQM: mode numbers to `Modes` fields.

use super::csi::Args;
use super::replies;
use crate::modes::{MouseEncoding, MouseMode};
use crate::screen::Screen;

pub(super) fn set_ansi(s: &mut Screen, a: &Args, on: bool) {
    for mode in a.iter() {
        match mode {
            4 => s.modes.insert = on,
            20 => s.modes.newline = on,
            _ => tracing::debug!(mode, "ANSI mode ignored"),
        }
    }
    s.touch();
}

pub(super) fn set_private(s: &mut Screen, a: &Args, on: bool) {
    for mode in a.iter() {
        set_one_private(s, mode, on);
    }
    s.touch();
}

fn set_mouse(s: &mut Screen, mode: MouseMode, on: bool) {
    // Like tmux, turning any tracking mode off turns tracking off.
    s.modes.mouse = if on { mode } else { MouseMode::Off };
}

fn set_encoding(s: &mut Screen, enc: MouseEncoding, on: bool) {
    if on {
        s.modes.mouse_encoding = enc;
    } else if s.modes.mouse_encoding == enc {
        s.modes.mouse_encoding = MouseEncoding::Default;
    }
}

fn set_one_private(s: &mut Screen, mode: u16, on: bool) {
    match mode {
        1 => s.modes.app_cursor = on,
        6 => {
            s.modes.origin = on;
            s.goto(0, 0);
        }
        7 => s.modes.autowrap = on,
        9 => set_mouse(s, MouseMode::X10, on),
        25 => s.cursor_visible = on,
        47 | 1047 => {
            if on {
                s.enter_alt_screen(false);
            } else {
                s.leave_alt_screen(false);
            }
        }
        1048 => {
            if on {
                s.save_cursor();
            } else {
                s.restore_cursor();
            }
        }
        1049 => {
            if on {
                s.enter_alt_screen(true);
            } else {
                s.leave_alt_screen(true);
            }
        }
        1000 => set_mouse(s, MouseMode::Normal, on),
        1002 => set_mouse(s, MouseMode::Button, on),
        1003 => set_mouse(s, MouseMode::Any, on),
        1004 => s.modes.focus_events = on,
        1005 => set_encoding(s, MouseEncoding::Utf8, on),
        1006 => set_encoding(s, MouseEncoding::Sgr, on),
        1015 => set_encoding(s, MouseEncoding::Urxvt, on),
        2004 => s.modes.bracketed_paste = on,
        2026 => s.modes.sync_output = on,
        _ => tracing::debug!(mode, on, "private mode ignored"),
    }
}

fn private_state(s: &Screen, mode: u16) -> Option<bool> {
    let m = &s.modes;
    Some(match mode {
        1 => m.app_cursor,
        6 => m.origin,
        7 => m.autowrap,
        9 => m.mouse == MouseMode::X10,
        25 => s.cursor_visible,
        47 | 1047 | 1049 => m.alt_screen,
        1000 => m.mouse == MouseMode::Normal,
        1002 => m.mouse == MouseMode::Button,
        1003 => m.mouse == MouseMode::Any,
        1004 => m.focus_events,
        1005 => m.mouse_encoding == MouseEncoding::Utf8,
        1006 => m.mouse_encoding == MouseEncoding::Sgr,
        1015 => m.mouse_encoding == MouseEncoding::Urxvt,
        2004 => m.bracketed_paste,
        2026 => m.sync_output,
        _ => return None,
    })
}

pub(super) fn report_private(s: &mut Screen, mode: u16) {
    let state = private_state(s, mode);
    replies::mode_report(s, true, mode, state);
}

pub(super) fn report_ansi(s: &mut Screen, mode: u16) {
    let state = match mode {
        4 => Some(s.modes.insert),
        20 => Some(s.modes.newline),
        _ => None,
    };
    replies::mode_report(s, false, mode, state);
}
