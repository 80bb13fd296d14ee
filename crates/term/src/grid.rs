//! The visible rows of one screen, kept in a ring so that scrolling the whole
//! screen moves an index instead of rows.
//!
//! Coordinate spaces:
//!
//! ```text
//!   history line  -history_len .. -1   (History, oldest first; compact rows)
//!   ------------------------------------------------------------------------
//!   screen row     0 .. rows-1          (what the program addresses with CUP)
//!        |
//!        v  Grid::phys(y) = (top + y) % rows
//!   storage index  0 .. rows-1          (position in `Grid::rows`, private)
//! ```
//!
//! Only this file converts screen rows to storage indexes.

use crate::cell::Cell;
use crate::row::Row;

#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Grid {
    rows: Vec<Row>,
    /// Storage index of screen row 0.
    top: usize,
    cols: u16,
}

impl Grid {
    pub(crate) fn new(cols: u16, rows: u16, stamp: &mut u64) -> Grid {
        let rows = (0..rows.max(1))
            .map(|_| {
                *stamp += 1;
                Row::new(cols, *stamp)
            })
            .collect();
        Grid { rows, top: 0, cols }
    }

    /// Builds a grid from rows (top first); each must be `cols` wide.
    pub(crate) fn from_rows(cols: u16, mut rows: Vec<Row>) -> Grid {
        // A pane made small (a split) keeps no room for the rows it had.
        if rows.capacity() > rows.len() * 2 {
            rows.shrink_to_fit();
        }
        Grid { rows, top: 0, cols }
    }

    pub(crate) fn cols(&self) -> u16 {
        self.cols
    }

    /// Callers pass `y < rows.len()` and `top < rows.len()`, so one
    /// subtraction replaces a division on this hot path.
    fn phys(&self, y: usize) -> usize {
        let i = self.top + y;
        if i >= self.rows.len() {
            i - self.rows.len()
        } else {
            i
        }
    }

    pub(crate) fn row(&self, y: usize) -> Option<&Row> {
        if y >= self.rows.len() {
            return None;
        }
        self.rows.get(self.phys(y))
    }

    pub(crate) fn row_mut(&mut self, y: usize) -> Option<&mut Row> {
        if y >= self.rows.len() {
            return None;
        }
        let i = self.phys(y);
        self.rows.get_mut(i)
    }

    /// Rows in screen order (top first), consuming the grid.
    pub(crate) fn into_rows(mut self) -> Vec<Row> {
        let top = self.top;
        self.rows.rotate_left(top);
        self.rows
    }

    /// Scrolls the whole screen up by one: the top row comes out through
    /// `evict` (to go to history) and is then reused, blank, at the bottom.
    pub(crate) fn scroll_up_full(&mut self, blank: Cell, stamp: u64, evict: impl FnOnce(&Row)) {
        let i = self.phys(0);
        if let Some(row) = self.rows.get_mut(i) {
            evict(row);
            row.reset(blank, stamp);
        }
        self.top = (self.top + 1) % self.rows.len().max(1);
    }

    /// Moves rows `top+1..=bottom` up one; the old `top` row, blank, becomes
    /// `bottom`. `evict` sees the row before it is blanked.
    pub(crate) fn rotate_up(
        &mut self,
        top: usize,
        bottom: usize,
        blank: Cell,
        stamp: u64,
        evict: impl FnOnce(&Row),
    ) {
        if top >= bottom || bottom >= self.rows.len() {
            if top == bottom
                && let Some(row) = self.row_mut(top)
            {
                evict(row);
                row.reset(blank, stamp);
            }
            return;
        }
        if top == 0 && bottom == self.rows.len() - 1 {
            self.scroll_up_full(blank, stamp, evict);
            return;
        }
        for y in top..bottom {
            let (a, b) = (self.phys(y), self.phys(y + 1));
            self.rows.swap(a, b);
        }
        if let Some(row) = self.row_mut(bottom) {
            evict(row);
            row.reset(blank, stamp);
        }
    }

    /// Moves rows `top..bottom` down one; the old `bottom` row, blank,
    /// becomes `top`.
    pub(crate) fn rotate_down(&mut self, top: usize, bottom: usize, blank: Cell, stamp: u64) {
        if bottom >= self.rows.len() || top > bottom {
            return;
        }
        if top == 0 && bottom == self.rows.len() - 1 {
            let n = self.rows.len();
            self.top = (self.top + n - 1) % n;
        } else {
            for y in (top..bottom).rev() {
                let (a, b) = (self.phys(y), self.phys(y + 1));
                self.rows.swap(a, b);
            }
        }
        if let Some(row) = self.row_mut(top) {
            row.reset(blank, stamp);
        }
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.rows.iter().map(Row::heap_bytes).sum::<usize>()
            + self.rows.capacity() * std::mem::size_of::<Row>()
    }
}
