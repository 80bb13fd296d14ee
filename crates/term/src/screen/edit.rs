//! Erasing, inserting, deleting and scrolling.

use super::Screen;
use crate::cell::Cell;

/// What ED and EL erase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EraseMode {
    /// From the cursor to the end.
    ToEnd,
    /// From the start to the cursor, inclusive.
    ToStart,
    All,
    /// ED 3: the scrollback.
    History,
}

impl Screen {
    /// Scrolls the region up `n` rows. Rows leaving the top of the region
    /// on the main screen go to the history, whatever the region (tmux does
    /// this too, so `less` or a status-bar program keeps its scrollback).
    pub(crate) fn scroll_up(&mut self, n: u16) {
        let (top, bottom) = (usize::from(self.top), usize::from(self.bottom));
        let n = usize::from(n.max(1)).min(bottom - top + 1);
        let blank = self.erased_cell();
        for _ in 0..n {
            self.stamp += 1;
            let stamp = self.stamp;
            match &mut self.alt {
                Some(alt) => alt.rotate_up(top, bottom, blank, stamp, |_| {}),
                None => {
                    let history = &mut self.history;
                    self.main
                        .rotate_up(top, bottom, blank, stamp, |row| history.push(row));
                }
            }
        }
    }

    /// Scrolls the region down `n` rows, blank rows coming in at the top.
    pub(crate) fn scroll_down(&mut self, n: u16) {
        let (top, bottom) = (usize::from(self.top), usize::from(self.bottom));
        let n = usize::from(n.max(1)).min(bottom - top + 1);
        let blank = self.erased_cell();
        for _ in 0..n {
            let stamp = self.next_stamp();
            self.grid_mut().rotate_down(top, bottom, blank, stamp);
        }
    }

    /// DECSTBM with 0-based inclusive rows; homes the cursor.
    pub(crate) fn set_scroll_region(&mut self, top: u16, bottom: Option<u16>) {
        let bottom = bottom.unwrap_or(self.rows - 1).min(self.rows - 1);
        if top >= bottom {
            tracing::debug!(top, bottom, "empty scroll region ignored");
            return;
        }
        self.top = top;
        self.bottom = bottom;
        self.goto(0, 0);
    }

    /// The column edits start at: one past the last column while a wrap is
    /// pending, as tmux sees it (so ECH/ICH/DCH/EL 0 there change nothing).
    fn edit_x(&self) -> usize {
        if self.cur.pending_wrap {
            usize::from(self.cols)
        } else {
            usize::from(self.cur.x)
        }
    }

    pub(crate) fn erase_line(&mut self, mode: EraseMode) {
        let x = self.edit_x();
        let blank = self.erased_cell();
        let cols = usize::from(self.cols);
        if let Some(row) = self.cursor_row_mut() {
            match mode {
                EraseMode::ToEnd => row.erase(x, cols, blank),
                EraseMode::ToStart => row.erase(0, (x + 1).min(cols), blank),
                EraseMode::All | EraseMode::History => row.erase(0, cols, blank),
            }
            if mode != EraseMode::ToStart {
                row.wrapped = false;
            }
        }
    }

    pub(crate) fn erase_display(&mut self, mode: EraseMode) {
        let y = usize::from(self.cur.y);
        let rows = usize::from(self.rows);
        let blank = self.erased_cell();
        match mode {
            EraseMode::ToEnd => {
                // From the top left (`clear`'s \E[H\E[J) it is a clear of the screen.
                if self.cur.x == 0 && y == 0 && self.scrolls_on_clear() {
                    self.push_screen_to_history();
                }
                self.erase_line(EraseMode::ToEnd);
                self.erase_rows(y + 1..rows, blank);
            }
            EraseMode::ToStart => {
                self.erase_rows(0..y, blank);
                self.erase_line(EraseMode::ToStart);
            }
            EraseMode::All => {
                if self.scrolls_on_clear() {
                    self.push_screen_to_history();
                }
                self.erase_rows(0..rows, blank);
            }
            EraseMode::History => self.clear_history(),
        }
    }

    /// Whether clearing the screen keeps what it showed in the history: on the main
    /// screen, with `scroll-on-clear`.
    fn scrolls_on_clear(&self) -> bool {
        !self.modes.alt_screen && self.settings.scroll_on_clear
    }

    fn erase_rows(&mut self, ys: std::ops::Range<usize>, blank: Cell) {
        for y in ys {
            let stamp = self.next_stamp();
            if let Some(row) = self.grid_mut().row_mut(y) {
                row.reset(blank, stamp);
            }
        }
    }

    /// tmux's `scroll-on-clear`: clearing the whole main screen keeps its
    /// text in the history (up to the last row that has any).
    pub(crate) fn push_screen_to_history(&mut self) {
        let last = (0..usize::from(self.rows))
            .rev()
            .find(|&y| self.main.row(y).is_some_and(|r| !r.is_blank()));
        let Some(last) = last else {
            return;
        };
        for y in 0..=last {
            if let Some(row) = self.main.row(y) {
                self.history.push(row);
            }
        }
    }

    pub(crate) fn clear_history(&mut self) {
        self.history.clear();
        self.touch();
    }

    /// ECH.
    pub(crate) fn erase_chars(&mut self, n: u16) {
        let x = self.edit_x();
        let blank = self.erased_cell();
        let n = usize::from(n.max(1));
        if let Some(row) = self.cursor_row_mut() {
            row.erase(x, x + n, blank);
        }
    }

    /// ICH.
    pub(crate) fn insert_chars(&mut self, n: u16) {
        let x = self.edit_x();
        let blank = self.erased_cell();
        if let Some(row) = self.cursor_row_mut() {
            row.insert_cells(x, usize::from(n.max(1)), blank);
        }
    }

    /// DCH.
    pub(crate) fn delete_chars(&mut self, n: u16) {
        let x = self.edit_x();
        let blank = self.erased_cell();
        if let Some(row) = self.cursor_row_mut() {
            row.delete_cells(x, usize::from(n.max(1)), blank);
        }
    }

    /// The rows IL/DL act on: from the cursor to the region's bottom, or to
    /// the screen's bottom when the cursor is outside the region (tmux).
    fn line_edit_span(&self) -> Option<(usize, usize)> {
        let y = self.cur.y;
        let bottom = if (self.top..=self.bottom).contains(&y) {
            self.bottom
        } else {
            self.rows - 1
        };
        Some((usize::from(y), usize::from(bottom)))
    }

    /// IL.
    pub(crate) fn insert_lines(&mut self, n: u16) {
        let Some((y, bottom)) = self.line_edit_span() else {
            return;
        };
        let blank = self.erased_cell();
        let n = usize::from(n.max(1)).min(bottom - y + 1);
        for _ in 0..n {
            let stamp = self.next_stamp();
            self.grid_mut().rotate_down(y, bottom, blank, stamp);
        }
        // tmux keeps the column (xterm would return to the margin).
        self.cur.pending_wrap = false;
    }

    /// DL.
    pub(crate) fn delete_lines(&mut self, n: u16) {
        let Some((y, bottom)) = self.line_edit_span() else {
            return;
        };
        let blank = self.erased_cell();
        let n = usize::from(n.max(1)).min(bottom - y + 1);
        for _ in 0..n {
            let stamp = self.next_stamp();
            self.grid_mut().rotate_up(y, bottom, blank, stamp, |_| {});
        }
        self.cur.pending_wrap = false;
    }

    /// DECALN: fill the screen with `E`, reset the region, home the cursor.
    pub(crate) fn alignment_test(&mut self) {
        let e = Cell {
            ch: 'E',
            ..Cell::BLANK
        };
        for y in 0..usize::from(self.rows) {
            let stamp = self.next_stamp();
            if let Some(row) = self.grid_mut().row_mut(y) {
                row.reset(e, stamp);
            }
        }
        self.top = 0;
        self.bottom = self.rows - 1;
        self.modes.origin = false;
        self.goto(0, 0);
    }
}
