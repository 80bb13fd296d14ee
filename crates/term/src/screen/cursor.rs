//! Cursor movement, line feeds, tabs, DECSC/DECRC.

use super::{SavedCursor, Screen};

impl Screen {
    fn set_x(&mut self, x: u16) {
        self.cur.x = x.min(self.cols - 1);
        self.cur.pending_wrap = false;
        self.touch();
    }

    fn set_y(&mut self, y: u16) {
        self.cur.y = y.min(self.rows - 1);
        self.cur.pending_wrap = false;
        self.touch();
    }

    /// The rows the cursor may move in vertically: the scroll region when
    /// it is inside it, else the whole screen edge on that side.
    fn vertical_limits(&self) -> (u16, u16) {
        let y = self.cur.y;
        let top = if y >= self.top { self.top } else { 0 };
        let bottom = if y <= self.bottom {
            self.bottom
        } else {
            self.rows - 1
        };
        (top, bottom)
    }

    pub(crate) fn cursor_up(&mut self, n: u16) {
        let (top, _) = self.vertical_limits();
        self.set_y(self.cur.y.saturating_sub(n.max(1)).max(top));
    }

    pub(crate) fn cursor_down(&mut self, n: u16) {
        let (_, bottom) = self.vertical_limits();
        self.set_y(self.cur.y.saturating_add(n.max(1)).min(bottom));
    }

    pub(crate) fn cursor_forward(&mut self, n: u16) {
        self.set_x(self.cur.x.saturating_add(n.max(1)));
    }

    pub(crate) fn cursor_backward(&mut self, n: u16) {
        // tmux counts from one past the last column in the pending-wrap state.
        let from = if self.cur.pending_wrap {
            self.cols
        } else {
            self.cur.x
        };
        self.set_x(from.saturating_sub(n.max(1)));
    }

    pub(crate) fn cursor_next_line(&mut self, n: u16) {
        self.cursor_down(n);
        self.set_x(0);
    }

    pub(crate) fn cursor_prev_line(&mut self, n: u16) {
        self.cursor_up(n);
        self.set_x(0);
    }

    /// CHA/HPA: 0-based column.
    pub(crate) fn set_column(&mut self, x: u16) {
        self.set_x(x);
    }

    /// VPA: 0-based row, relative to the region in origin mode.
    pub(crate) fn set_row(&mut self, y: u16) {
        if self.modes.origin {
            self.set_y(self.top.saturating_add(y).min(self.bottom));
        } else {
            self.set_y(y);
        }
    }

    /// CUP/HVP: 0-based position, relative to the region in origin mode.
    pub(crate) fn goto(&mut self, x: u16, y: u16) {
        self.set_row(y);
        self.set_x(x);
    }

    pub(crate) fn carriage_return(&mut self) {
        self.set_x(0);
    }

    pub(crate) fn backspace(&mut self) {
        if self.cur.pending_wrap {
            self.cur.pending_wrap = false;
            self.touch();
            return;
        }
        if self.cur.x > 0 {
            self.set_x(self.cur.x - 1);
            return;
        }
        // At the left edge of a row that continues a wrapped one, go back to
        // the end of the row above (as tmux does).
        if self.cur.y > 0
            && let Some(above) = self.grid().row(usize::from(self.cur.y) - 1)
            && above.wrapped
        {
            self.set_y(self.cur.y - 1);
            self.set_x(self.cols - 1);
        }
    }

    /// IND / the movement part of LF: down one, scrolling at the region's
    /// bottom.
    pub(crate) fn index(&mut self) {
        if self.cur.y == self.bottom {
            self.scroll_up(1);
        } else if self.cur.y < self.rows - 1 {
            self.cur.y += 1;
        }
        self.touch();
    }

    /// LF, VT, FF: a line feed (plus carriage return under LNM). Like tmux,
    /// a pending wrap survives it: the next character still wraps first.
    pub(crate) fn linefeed(&mut self) {
        self.index();
        if self.modes.newline {
            self.set_x(0);
        }
    }

    /// NEL.
    pub(crate) fn next_line(&mut self) {
        self.cur.pending_wrap = false;
        self.index();
        self.set_x(0);
    }

    /// RI: up one, scrolling down at the region's top.
    pub(crate) fn reverse_index(&mut self) {
        if self.cur.y == self.top {
            self.scroll_down(1);
        } else if self.cur.y > 0 {
            self.cur.y -= 1;
        }
        self.touch();
    }

    pub(crate) fn tab(&mut self, n: u16) {
        let mut x = self.cur.x;
        for _ in 0..n.max(1) {
            if x >= self.cols - 1 {
                break;
            }
            x += 1;
            while x < self.cols - 1 && !self.tabs.get(usize::from(x)).copied().unwrap_or(false) {
                x += 1;
            }
        }
        if x != self.cur.x {
            self.cur.x = x;
            self.cur.pending_wrap = false;
            self.touch();
        }
    }

    pub(crate) fn back_tab(&mut self, n: u16) {
        let mut x = self.cur.x;
        for _ in 0..n.max(1) {
            if x == 0 {
                break;
            }
            x -= 1;
            while x > 0 && !self.tabs.get(usize::from(x)).copied().unwrap_or(false) {
                x -= 1;
            }
        }
        self.set_x(x);
    }

    pub(crate) fn set_tab_stop(&mut self) {
        if let Some(t) = self.tabs.get_mut(usize::from(self.cur.x)) {
            *t = true;
        }
    }

    pub(crate) fn clear_tab_stop(&mut self) {
        if let Some(t) = self.tabs.get_mut(usize::from(self.cur.x)) {
            *t = false;
        }
    }

    pub(crate) fn clear_all_tab_stops(&mut self) {
        self.tabs.fill(false);
    }

    /// DECSC: per screen, like xterm.
    pub(crate) fn save_cursor(&mut self) {
        let saved = SavedCursor {
            x: self.cur.x,
            y: self.cur.y,
            pending_wrap: self.cur.pending_wrap,
            pen: self.cur.pen,
            charsets: self.cur.charsets,
            origin: self.modes.origin,
        };
        if self.modes.alt_screen {
            self.saved_alt = saved;
        } else {
            self.saved = saved;
        }
    }

    /// DECRC: back to the saved state (home and defaults if none).
    pub(crate) fn restore_cursor(&mut self) {
        let s = if self.modes.alt_screen {
            self.saved_alt
        } else {
            self.saved
        };
        self.restore_saved(s);
    }

    pub(crate) fn restore_saved(&mut self, s: SavedCursor) {
        self.cur.x = s.x.min(self.cols - 1);
        self.cur.y = s.y.min(self.rows - 1);
        self.cur.pending_wrap = s.pending_wrap && s.x == self.cols - 1;
        self.cur.pen = s.pen;
        self.cur.charsets = s.charsets;
        self.modes.origin = s.origin;
        self.touch();
    }
}
