//! A row of the visible grid: a fixed-width run of cells, its side table,
//! whether it soft-wraps, and its change stamp.

use crate::cell::{Cell, Extras};

#[derive(Clone, Debug)]
pub(crate) struct Row {
    /// Always exactly the grid width long.
    pub cells: Vec<Cell>,
    pub extras: Extras,
    /// A new, never reused value after every change (see `RowView::stamp`).
    pub stamp: u64,
    /// tmux's "cellused": one past the rightmost cell written since the row
    /// was last erased whole. Capture prints cells up to here.
    pub used: u16,
    /// The text continues on the next row (autowrap happened here).
    pub wrapped: bool,
}

impl Row {
    pub(crate) fn new(cols: u16, stamp: u64) -> Row {
        Row {
            cells: vec![Cell::BLANK; usize::from(cols)],
            extras: Extras::default(),
            stamp,
            used: 0,
            wrapped: false,
        }
    }

    pub(crate) fn width(&self) -> u16 {
        self.cells.len() as u16
    }

    /// Erases the whole row to `blank`.
    pub(crate) fn reset(&mut self, blank: Cell, stamp: u64) {
        self.cells.fill(blank);
        self.extras.clear();
        self.wrapped = false;
        // Like tmux's cellused: whole-row erases forget what was written,
        // whatever the background; a fill with a character (DECALN) counts.
        self.used = if blank.ch == ' ' { 0 } else { self.width() };
        self.stamp = stamp;
    }

    /// Before cells `from..to` are overwritten: a wide character cut in half
    /// by either edge loses its other half too (as tmux does).
    pub(crate) fn break_wide_edges(&mut self, from: usize, to: usize) {
        if let Some(c) = self.cells.get(from)
            && c.is_spacer()
            && from > 0
            && let Some(left) = self.cells.get_mut(from - 1)
        {
            *left = Cell::BLANK;
        }
        if let Some(c) = self.cells.get_mut(to)
            && c.is_spacer()
        {
            *c = Cell::BLANK;
        }
    }

    /// Sets cells `from..to` (clamped) to `blank`.
    pub(crate) fn erase(&mut self, from: usize, to: usize, blank: Cell) {
        let to = to.min(self.cells.len());
        if from >= to {
            return;
        }
        self.break_wide_edges(from, to);
        if let Some(s) = self.cells.get_mut(from..to) {
            s.fill(blank);
        }
        // tmux forgets what was written only when the whole row is erased;
        // partial erases keep `used` as it was.
        if from == 0 && to >= self.cells.len() {
            self.used = 0;
        }
    }

    /// Inserts `n` blanks at `x`, pushing cells right; those pushed past the
    /// end are lost.
    pub(crate) fn insert_cells(&mut self, x: usize, n: usize, blank: Cell) {
        let width = self.cells.len();
        if x >= width || n == 0 {
            return;
        }
        let n = n.min(width - x);
        self.break_wide_edges(x, x);
        // The cell that ends up last may be the left half of a wide char
        // whose right half falls off.
        if let Some(c) = self.cells.get_mut(width - n)
            && c.is_spacer()
            && width - n > x
            && let Some(left) = self.cells.get_mut(width - n - 1)
        {
            *left = Cell::BLANK;
        }
        if let Some(s) = self.cells.get_mut(x..) {
            s.rotate_right(n);
        }
        if let Some(s) = self.cells.get_mut(x..x + n) {
            s.fill(blank);
        }
        // tmux's cell moves extend the row to its full width.
        self.used = width as u16;
    }

    /// Deletes `n` cells at `x`, pulling the rest left and filling the end
    /// with blanks.
    pub(crate) fn delete_cells(&mut self, x: usize, n: usize, blank: Cell) {
        let width = self.cells.len();
        if x >= width || n == 0 {
            return;
        }
        let n = n.min(width - x);
        self.break_wide_edges(x, x + n);
        if let Some(s) = self.cells.get_mut(x..) {
            s.rotate_left(n);
        }
        if let Some(s) = self.cells.get_mut(width - n..) {
            s.fill(blank);
        }
        self.used = width as u16;
    }

    /// Changes the width: cells past it are dropped, new ones are blank.
    pub(crate) fn set_width(&mut self, cols: u16) {
        let cols = usize::from(cols);
        if cols < self.cells.len() {
            // Don't leave half a wide character at the new edge.
            if let Some(c) = self.cells.get(cols)
                && c.is_spacer()
                && cols > 0
                && let Some(left) = self.cells.get_mut(cols - 1)
            {
                *left = Cell::BLANK;
            }
            self.cells.truncate(cols);
            self.used = self.used.min(cols as u16);
        } else {
            self.cells.resize(cols, Cell::BLANK);
        }
    }

    /// Garbage-collects the side table when overwritten entries pile up.
    pub(crate) fn maybe_compact_extras(&mut self) {
        if self.extras.len() > self.cells.len() * 2 + 16 {
            self.extras.compact(&mut self.cells);
        }
    }

    /// True when nothing is drawn on the row.
    pub(crate) fn is_blank(&self) -> bool {
        self.cells.iter().all(Cell::is_blank)
    }

    /// Number of cells up to and including the last one that is not a
    /// default blank.
    pub(crate) fn content_len(&self) -> usize {
        self.cells
            .iter()
            .rposition(|c| !c.is_blank())
            .map_or(0, |i| i + 1)
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.cells.capacity() * std::mem::size_of::<Cell>() + self.extras.heap_bytes()
    }
}
