//! The hot path of printing: runs of ordinary text (printable ASCII and
//! whole UTF-8 characters one or two columns wide) written straight into
//! the rows when nothing unusual is in force. Anything else goes through
//! `print` one character at a time.

use super::{Charset, Screen};
use crate::cell::Cell;
use crate::text::{next_glyph, printable_prefix};

impl Screen {
    /// Prints the ordinary text at the start of `bytes`, as `print` would
    /// one character at a time, and returns how many bytes that was (0
    /// when something unusual is in force: insert mode, no autowrap, a
    /// character set other than ASCII, a pen with side-table data, a ZWJ
    /// waiting for the next character).
    #[inline(always)]
    pub(crate) fn print_text(&mut self, bytes: &[u8]) -> usize {
        if self.modes.insert
            || !self.modes.autowrap
            || self.cur.charsets.active() != Charset::Ascii
            || self.join_next
            || self.cur.pen.needs_extra()
            || self.cols < 2
        {
            return 0;
        }
        let look = Cell::from_pen(' ', &self.cur.pen);
        let n = printable_prefix(bytes);
        if n > 0 {
            self.put_ascii(bytes.get(..n).unwrap_or_default(), &look);
        }
        // Usually a control or an ESC ends the text here.
        if bytes.get(n).is_none_or(|&b| b < 0x80) {
            return n;
        }
        // Text beyond ASCII: the rest of the run goes the general way.
        n + self.put_text(bytes.get(n..).unwrap_or_default(), &look)
    }

    /// Printable ASCII, wrapping as it goes.
    #[inline]
    fn put_ascii(&mut self, mut run: &[u8], look: &Cell) {
        let cols = usize::from(self.cols);
        if let Some(&last) = run.last() {
            // Like tmux, REP repeats the last plain ASCII character.
            self.last_char = Some(char::from(last));
        }
        while !run.is_empty() {
            if self.cur.pending_wrap {
                self.wrap();
            }
            let x = usize::from(self.cur.x);
            let (now, later) = run.split_at((cols - x).min(run.len()));
            if let Some(row) = self.cursor_row_mut() {
                row.put_ascii(x, now, look);
            }
            self.advance_by(x + now.len());
            run = later;
        }
    }

    /// Ordinary text that is not all ASCII, a line at a time; returns the
    /// bytes used.
    #[inline(never)]
    fn put_text(&mut self, bytes: &[u8], look: &Cell) -> usize {
        let cols = usize::from(self.cols);
        let mut i = 0;
        while let Some((_, _, width)) = bytes.get(i..).and_then(next_glyph) {
            if self.cur.pending_wrap || usize::from(self.cur.x) + width > cols {
                // The next character goes to the next line (a wide one that
                // does not fit in the last column too).
                self.wrap();
            }
            let x = usize::from(self.cur.x);
            let Some(row) = self.cursor_row_mut() else {
                break;
            };
            let (used, end) = row.put_text(x, bytes.get(i..).unwrap_or_default(), look);
            self.advance_by(end);
            if let Some(&last) = bytes.get((i + used).wrapping_sub(1)) {
                // Like tmux, REP only repeats a plain ASCII character.
                self.last_char = last.is_ascii().then_some(char::from(last));
            }
            i += used;
            if used == 0 {
                break;
            }
        }
        i
    }

    /// The cursor after writing up to column `end` (exclusive).
    fn advance_by(&mut self, end: usize) {
        if end >= usize::from(self.cols) {
            self.cur.x = self.cols - 1;
            self.cur.pending_wrap = true;
        } else {
            self.cur.x = end as u16;
        }
    }
}
