//! CSI sequences: `(intermediates, final byte)` to screen operations.

use super::params::Params;
use super::{modes, replies, sgr};
use crate::modes::CursorShape;
use crate::screen::Screen;
use crate::screen::edit::EraseMode;

/// The first value of each parameter (sub-parameters dropped).
pub(super) struct Args {
    vals: [u16; 32],
    len: usize,
}

impl Args {
    pub(super) fn new(params: &Params) -> Args {
        let mut a = Args {
            vals: [0; 32],
            len: 0,
        };
        for (slot, p) in a.vals.iter_mut().zip(params.iter()) {
            *slot = p.first().copied().unwrap_or(0);
            a.len += 1;
        }
        a
    }

    /// Parameter `i` where 0 or absent means `default` (counts, positions).
    pub(super) fn count(&self, i: usize, default: u16) -> u16 {
        match self.raw(i) {
            Some(0) | None => default,
            Some(v) => v,
        }
    }

    /// Parameter `i` as given, absent = `None`.
    pub(super) fn raw(&self, i: usize) -> Option<u16> {
        if i < self.len {
            self.vals.get(i).copied()
        } else {
            None
        }
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = u16> + '_ {
        self.vals.iter().take(self.len).copied()
    }

    pub(super) fn len(&self) -> usize {
        self.len
    }
}

fn erase_mode(n: u16) -> Option<EraseMode> {
    Some(match n {
        0 => EraseMode::ToEnd,
        1 => EraseMode::ToStart,
        2 => EraseMode::All,
        3 => EraseMode::History,
        _ => return None,
    })
}

pub(super) fn dispatch(s: &mut Screen, params: &Params, inter: &[u8], action: char) {
    if (inter, action) == (&[][..], 'm') {
        // The most frequent sequence by far, and it reads its own parameters.
        sgr::apply(s, params);
        return;
    }
    let a = Args::new(params);
    match (inter, action) {
        ([], _) => plain(s, &a, action),
        ([b'?'], 'h') => modes::set_private(s, &a, true),
        ([b'?'], 'l') => modes::set_private(s, &a, false),
        ([b'?', b'$'], 'p') => modes::report_private(s, a.raw(0).unwrap_or(0)),
        ([b'$'], 'p') => modes::report_ansi(s, a.raw(0).unwrap_or(0)),
        ([b'?'], 'J') => erase(s, &a, Screen::erase_display),
        ([b'?'], 'K') => erase(s, &a, Screen::erase_line),
        ([b'?'], 'n') => replies::device_status(s, a.raw(0).unwrap_or(0), true),
        ([b'>'], 'c') => replies::secondary_attributes(s),
        ([b'>'], 'q') => replies::version(s),
        ([b' '], 'q') => match CursorShape::from_decscusr(a.raw(0).unwrap_or(0)) {
            Some(shape) => {
                s.cursor_shape = shape;
                s.touch();
            }
            None => tracing::debug!("unknown cursor shape"),
        },
        ([b'!'], 'p') => s.soft_reset(),
        _ => tracing::debug!(?params, ?inter, %action, "CSI ignored"),
    }
}

fn erase(s: &mut Screen, a: &Args, op: fn(&mut Screen, EraseMode)) {
    match erase_mode(a.raw(0).unwrap_or(0)) {
        Some(m) => op(s, m),
        None => tracing::debug!("unknown erase mode"),
    }
}

/// CSI sequences without intermediates or private markers.
fn plain(s: &mut Screen, a: &Args, action: char) {
    let n = a.count(0, 1);
    match action {
        '@' => s.insert_chars(n),
        'A' => s.cursor_up(n),
        'B' => s.cursor_down(n),
        'C' => s.cursor_forward(n),
        'D' => s.cursor_backward(n),
        'E' => s.cursor_next_line(n),
        'F' => s.cursor_prev_line(n),
        'G' | '`' => s.set_column(n - 1),
        'H' | 'f' => s.goto(a.count(1, 1) - 1, n - 1),
        'I' => s.tab(n),
        'J' => erase(s, a, Screen::erase_display),
        'K' => match erase_mode(a.raw(0).unwrap_or(0)) {
            Some(EraseMode::History) | None => tracing::debug!("unknown EL mode"),
            Some(m) => s.erase_line(m),
        },
        'L' => s.insert_lines(n),
        'M' => s.delete_lines(n),
        'P' => s.delete_chars(n),
        'S' => s.scroll_up(n),
        // With more parameters this is xterm's mouse highlight tracking.
        'T' if a.len() <= 1 => s.scroll_down(n),
        'X' => s.erase_chars(n),
        'Z' => s.back_tab(n),
        'b' => s.repeat_last(usize::from(n)),
        'c' if a.raw(0).unwrap_or(0) == 0 => replies::primary_attributes(s),
        'd' => s.set_row(n - 1),
        'g' => match a.raw(0).unwrap_or(0) {
            0 => s.clear_tab_stop(),
            3 => s.clear_all_tab_stops(),
            _ => tracing::debug!("unknown TBC mode"),
        },
        'h' => modes::set_ansi(s, a, true),
        'l' => modes::set_ansi(s, a, false),
        'n' => replies::device_status(s, a.raw(0).unwrap_or(0), false),
        'r' => {
            let top = a.count(0, 1) - 1;
            let bottom = a.raw(1).filter(|&b| b != 0).map(|b| b - 1);
            s.set_scroll_region(top, bottom);
        }
        's' => s.save_cursor(),
        'u' => s.restore_cursor(),
        _ => tracing::debug!(%action, "CSI ignored"),
    }
}
