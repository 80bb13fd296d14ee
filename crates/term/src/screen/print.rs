//! Printing characters: autowrap, wide characters, combining marks, insert
//! mode, character sets, REP.

use unicode_width::UnicodeWidthChar;

use super::{Charset, Screen};
use crate::cell::{ACS, Cell, Extra, SPACER, WIDE};

const ZWJ: char = '\u{200d}';
/// The most text one cell holds, in bytes (tmux's UTF8_SIZE).
const CELL_TEXT_MAX: usize = 21;

impl Screen {
    /// Prints one character at the cursor.
    pub(crate) fn print(&mut self, c: char) {
        let (c, acs) = match self.cur.charsets.active() {
            Charset::Ascii => (c, false),
            Charset::DecGraphics => (c, true),
            Charset::Uk if c == '#' => ('£', false),
            Charset::Uk => (c, false),
        };
        let width = if (' '..='~').contains(&c) {
            1
        } else if let Some(w) = c.width() {
            w
        } else {
            tracing::debug!(?c, "control character ignored");
            return;
        };
        if width == 0 || self.join_next {
            self.join_next = c == ZWJ;
            self.combine(c);
            return;
        }
        if usize::from(self.cols) < width {
            tracing::debug!("character wider than the screen dropped");
            return;
        }
        self.put_char(c, width as u16, acs);
        // Like tmux, REP only repeats a plain ASCII character.
        self.last_char = Some(c).filter(|c| c.is_ascii());
    }

    fn put_char(&mut self, c: char, width: u16, acs: bool) {
        if self.cur.pending_wrap && self.modes.autowrap {
            self.wrap();
        }
        if self.cur.x + width > self.cols {
            if self.modes.autowrap {
                // A wide character that does not fit goes to the next line.
                self.wrap();
            } else {
                self.cur.x = self.cols - width;
            }
        }
        let x = usize::from(self.cur.x);
        let w = usize::from(width);
        let insert = self.modes.insert;
        let pen = self.cur.pen;
        let links_needed = pen.needs_extra();
        let Some(row) = self.cursor_row_mut() else {
            return;
        };
        if insert {
            row.insert_cells(x, w, Cell::BLANK);
        }
        row.break_wide_edges(x, x + w);
        let mut cell = Cell::from_pen(c, &pen);
        if acs {
            cell.flags |= ACS;
        }
        if links_needed {
            // Compacted first: an entry no cell uses yet would not survive.
            row.maybe_compact_extras();
            cell.extra = row.extras.push(Extra {
                underline_color: pen.underline_color,
                link: pen.link,
                ..Extra::default()
            });
        }
        if w == 2 {
            cell.flags |= WIDE;
            let mut right = cell;
            right.ch = ' ';
            right.flags = (cell.flags & !WIDE) | SPACER;
            row.write_wide(x, cell, right);
        } else {
            row.write_cell(x, cell);
        }
        row.used = row.used.max((x + w) as u16);
        self.advance(width);
    }

    /// Moves past a just-printed character of `width` columns.
    fn advance(&mut self, width: u16) {
        let next = self.cur.x + width;
        if next >= self.cols {
            self.cur.x = self.cols - 1;
            self.cur.pending_wrap = self.modes.autowrap;
        } else {
            self.cur.x = next;
        }
    }

    /// Autowrap: the current row continues on the next one.
    pub(crate) fn wrap(&mut self) {
        if let Some(row) = self.cursor_row_mut() {
            row.wrapped = true;
        }
        self.index();
        self.cur.x = 0;
        self.cur.pending_wrap = false;
    }

    /// Adds a zero-width character to the grapheme of the previous cell.
    fn combine(&mut self, c: char) {
        let x = if self.cur.pending_wrap {
            usize::from(self.cur.x)
        } else if self.cur.x > 0 {
            usize::from(self.cur.x) - 1
        } else {
            tracing::debug!("combining character with nothing before it dropped");
            return;
        };
        let Some(row) = self.cursor_row_mut() else {
            return;
        };
        let x = match row.cell(x) {
            Some(cell) if cell.is_spacer() && x > 0 => x - 1,
            _ => x,
        };
        let Some(cell) = row.cell(x) else {
            return;
        };
        // A cell holds at most 21 bytes of text, base and marks, as in tmux: more marks
        // are dropped, so capture-pane and the screen read the same as tmux's.
        let held = cell.display_char().len_utf8() + row.extras.tail_of(cell.extra).len();
        if held + c.len_utf8() > CELL_TEXT_MAX {
            return;
        }
        let mut buf = [0u8; 4];
        let id = row
            .extras
            .push_with_tail(cell.extra, c.encode_utf8(&mut buf));
        if let Some(slot) = row.cell_mut(x) {
            slot.extra = id;
        }
        row.maybe_compact_extras();
    }

    /// Prints a run of printable ASCII (0x20..=0x7e): the hot path.
    pub(crate) fn print_ascii(&mut self, mut bytes: &[u8]) {
        self.join_next = false;
        if self.modes.insert || !self.modes.autowrap || self.cur.charsets.active() != Charset::Ascii
        {
            for &b in bytes {
                self.print(char::from(b));
            }
            return;
        }
        let pen = self.cur.pen;
        let template = Cell::from_pen(' ', &pen);
        let cols = usize::from(self.cols);
        while let Some(&last) = bytes.last() {
            if self.cur.pending_wrap {
                self.wrap();
            }
            let x = usize::from(self.cur.x);
            let n = (cols - x).min(bytes.len());
            let (now, rest) = bytes.split_at(n);
            let Some(row) = self.cursor_row_mut() else {
                return;
            };
            row.break_wide_edges(x, x + n);
            let mut cell = template;
            if pen.needs_extra() {
                // Compacted first: an entry no cell uses yet would not
                // survive.
                row.maybe_compact_extras();
                cell.extra = row.extras.push(Extra {
                    underline_color: pen.underline_color,
                    link: pen.link,
                    ..Extra::default()
                });
            }
            row.write_ascii(x, now, cell);
            row.used = row.used.max((x + n) as u16);
            if x + n >= cols {
                self.cur.x = self.cols - 1;
                self.cur.pending_wrap = true;
            } else {
                self.cur.x = (x + n) as u16;
            }
            self.last_char = Some(char::from(last));
            bytes = rest;
        }
    }

    /// REP: prints the last character `n` more times, as tmux does: never
    /// past the end of the line, and only once per printed character.
    pub(crate) fn repeat_last(&mut self, n: usize) {
        let Some(c) = self.last_char.take() else {
            return;
        };
        let room = if self.cur.pending_wrap {
            0
        } else {
            usize::from(self.cols - self.cur.x)
        };
        for _ in 0..n.min(room) {
            self.print(c);
        }
        self.last_char = None;
    }
}
