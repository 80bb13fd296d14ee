//! Creating panes (`split-window`, tmux `layout_split_pane`) and removing
//! them (`kill-pane`, tmux `layout_destroy_cell`).

use super::resize::PANE_MINIMUM;
use super::tree::{Axis, Cell, CellId, Kind};
use super::{Layout, LayoutError, PaneId, SplitDirection, SplitSize};

/// How the cells of a split are arranged, worked out before the tree is
/// touched so that a refused split changes nothing.
struct Plan {
    axis: Axis,
    /// The size of the top/left cell and of the bottom/right one.
    first: u32,
    second: u32,
    /// The size left to what was there before (the split cell's content).
    kept: u32,
}

impl Layout {
    /// `split-window`: `dir` is `-h`/`-v`, `size` is `-l`, `before` is `-b`
    /// (the new pane goes left/above) and `full` is `-f` (split the whole
    /// window rather than the target pane).
    pub fn split(
        &mut self,
        target: PaneId,
        new: PaneId,
        dir: SplitDirection,
        size: SplitSize,
        before: bool,
        full: bool,
    ) -> Result<(), LayoutError> {
        let target_cell = self.leaf_of(target).ok_or(LayoutError::UnknownPane)?;
        if self.contains(new) {
            return Err(LayoutError::PaneExists);
        }
        let axis = match dir {
            SplitDirection::Horizontal => Axis::LeftRight,
            SplitDirection::Vertical => Axis::TopBottom,
        };
        let cell = if full { self.root } else { target_cell };
        let requested = match size {
            SplitSize::Half => None,
            SplitSize::Cells(cells) => Some(u32::from(cells)),
            // Of the window with -f, else of the target pane.
            SplitSize::Percent(percent) => {
                let base = u64::from(self.cells[cell].size(axis));
                Some(u32::try_from(base * u64::from(percent) / 100).unwrap_or(u32::MAX))
            }
        };
        let plan = plan_split(self.cells[cell].size(axis), axis, requested, before)
            .ok_or(LayoutError::NoSpace)?;
        if full && !self.set_size_check(cell, axis, plan.kept) {
            return Err(LayoutError::NoSpace);
        }
        // tmux's refit of the old content for -f can, in rare tight
        // layouts, squeeze a pane to nothing; rmux refuses that split.
        let undo = full.then(|| self.clone());
        self.insert_cell(cell, new, &plan, before, full);
        self.order_insert(target, new, before, full);
        self.fix_offsets();
        if let Some(undo) = undo
            && self.has_empty_pane()
        {
            *self = undo;
            return Err(LayoutError::NoSpace);
        }
        Ok(())
    }

    /// Puts the new pane's cell into the tree next to `cell` and sizes both.
    fn insert_cell(&mut self, cell: CellId, new: PaneId, plan: &Plan, before: bool, full: bool) {
        let Plan {
            axis,
            first,
            second,
            kept,
        } = *plan;
        let (sx, sy) = (self.cells[cell].sx, self.cells[cell].sy);
        let parent = self.cells[cell].parent;

        if full && parent.is_none() && self.cells[cell].axis() == Some(axis) {
            // The root already splits this way: squeeze its children into
            // the kept size and add the new pane as one more child.
            let whole = self.cells[cell].size(axis);
            self.cells[cell].set_size(axis, kept);
            self.resize_child_cells(cell);
            self.cells[cell].set_size(axis, whole);
            let mut leaf = Cell::leaf(Some(cell), new, sx, sy);
            leaf.set_size(axis, whole.wrapping_sub(1).wrapping_sub(kept));
            let new_cell = self.push(leaf);
            if let Some(children) = self.children_mut(cell) {
                if before {
                    children.insert(0, new_cell);
                } else {
                    children.push(new_cell);
                }
            }
            return;
        }

        let new_cell = self.push(Cell::leaf(None, new, sx, sy));
        match parent {
            Some(parent) if self.cells[parent].axis() == Some(axis) => {
                self.cells[new_cell].parent = Some(parent);
                if let Some(children) = self.children_mut(parent) {
                    let at = children.iter().position(|&c| c == cell).unwrap_or(0);
                    children.insert(if before { at } else { at + 1 }, new_cell);
                }
            }
            _ => {
                let node = self.push(Cell::split(None, axis, sx, sy));
                self.replace_in_parent(cell, node);
                self.cells[cell].parent = Some(node);
                self.cells[new_cell].parent = Some(node);
                let children = if before {
                    vec![new_cell, cell]
                } else {
                    vec![cell, new_cell]
                };
                self.cells[node].kind = Kind::Split(axis, children);
            }
        }
        let (top_left, bottom_right) = if before {
            (new_cell, cell)
        } else {
            (cell, new_cell)
        };
        self.cells[top_left].set_size(axis, first);
        self.cells[bottom_right].set_size(axis, second);
        if full {
            self.resize_child_cells(cell);
        }
    }

    fn has_empty_pane(&self) -> bool {
        self.leaves()
            .iter()
            .any(|&leaf| self.cells[leaf].sx == 0 || self.cells[leaf].sy == 0)
    }

    /// tmux's `window_add_pane`: after the target, before it with `-b`, and
    /// at the end (or the start with `-b`) of the list with `-f`.
    fn order_insert(&mut self, target: PaneId, new: PaneId, before: bool, full: bool) {
        let at = match (full, before) {
            (true, true) => 0,
            (true, false) => self.order.len(),
            (false, _) => {
                let index = self.order.iter().position(|&p| p == target).unwrap_or(0);
                if before { index } else { index + 1 }
            }
        };
        self.order.insert(at.min(self.order.len()), new);
    }

    /// `kill-pane`: the pane's space goes to the sibling before it (after it
    /// for a first child), and a split left with one child is replaced by
    /// that child. The last pane cannot be removed (its window closes
    /// instead): false, as for a pane not in the layout.
    pub fn remove(&mut self, pane: PaneId) -> bool {
        let Some(cell) = self.leaf_of(pane) else {
            return false;
        };
        if self.cells[cell].parent.is_none() {
            return false;
        }
        self.destroy_cell(cell);
        self.order.retain(|&p| p != pane);
        self.fix_offsets();
        self.compact();
        true
    }

    /// tmux `layout_destroy_cell` for a cell that has a parent.
    pub(super) fn destroy_cell(&mut self, cell: CellId) {
        let Some(parent) = self.cells[cell].parent else {
            return;
        };
        let Some(axis) = self.cells[parent].axis() else {
            return;
        };
        let first = self.children(parent).first() == Some(&cell);
        let other = if first {
            self.next_sibling(cell)
        } else {
            self.prev_sibling(cell)
        };
        if let Some(other) = other {
            let freed = i64::from(self.cells[cell].size(axis)) + 1;
            self.resize_adjust(other, axis, freed);
        }
        if let Some(children) = self.children_mut(parent) {
            children.retain(|&c| c != cell);
        }
        self.cells[cell].parent = None;
        if let [only] = *self.children(parent) {
            self.replace_in_parent(parent, only);
            if self.cells[only].parent.is_none() {
                self.cells[only].xoff = 0;
                self.cells[only].yoff = 0;
            }
        }
    }

    /// Can `cell` be made `size` long along `axis` with every pane at least
    /// the minimum (tmux `layout_set_size_check`)?
    pub(super) fn set_size_check(&self, cell: CellId, axis: Axis, size: u32) -> bool {
        let Kind::Split(own, children) = &self.cells[cell].kind else {
            return size >= PANE_MINIMUM;
        };
        if *own != axis {
            return children.iter().all(|&child| {
                matches!(self.cells[child].kind, Kind::Pane(_))
                    || self.set_size_check(child, axis, size)
            });
        }
        let count = children.len() as u32;
        let mut available = size;
        if available < (count * 2).wrapping_sub(1) {
            return false;
        }
        let previous = self.cells[cell].size(axis);
        for (index, &child) in children.iter().enumerate() {
            let left = count - index as u32;
            let new_size = self.new_pane_size(previous, child, axis, size, left, available);
            let needed = if left == 1 {
                new_size
            } else {
                new_size.wrapping_add(1)
            };
            if needed > available {
                return false;
            }
            available -= needed;
            if !self.set_size_check(child, axis, new_size) {
                return false;
            }
        }
        true
    }

    /// A child's new size when its split goes from `previous` to `size`:
    /// proportional, but leaving room for the children after it (tmux
    /// `layout_new_pane_size`, unsigned wrap-arounds included).
    fn new_pane_size(
        &self,
        previous: u32,
        cell: CellId,
        axis: Axis,
        size: u32,
        count_left: u32,
        size_left: u32,
    ) -> u32 {
        if count_left == 1 {
            return size_left;
        }
        let available = self.resize_check(cell, axis);
        let current = self.cells[cell].size(axis);
        let mut min = (PANE_MINIMUM + 1).wrapping_mul(count_left - 1);
        if current.wrapping_sub(available) > min {
            min = current.wrapping_sub(available);
        }
        let mut new_size = if previous == 0 {
            0
        } else {
            (u64::from(current) * u64::from(size) / u64::from(previous)) as u32
        };
        let max = size_left.wrapping_sub(min);
        if new_size > max {
            new_size = max;
        }
        new_size.max(PANE_MINIMUM)
    }

    /// Fits a split's children to its (new) size (tmux
    /// `layout_resize_child_cells`).
    pub(super) fn resize_child_cells(&mut self, cell: CellId) {
        let Kind::Split(axis, children) = &self.cells[cell].kind else {
            return;
        };
        let (axis, children) = (*axis, children.clone());
        let count = children.len() as u32;
        let previous = children
            .iter()
            .fold(0u32, |sum, &child| {
                sum.wrapping_add(self.cells[child].size(axis))
            })
            .wrapping_add(count.wrapping_sub(1));
        let (sx, sy, xoff) = (
            self.cells[cell].sx,
            self.cells[cell].sy,
            self.cells[cell].xoff,
        );
        let mut available = self.cells[cell].size(axis);
        for (index, &child) in children.iter().enumerate() {
            let left = count - index as u32;
            let whole = self.cells[cell].size(axis);
            let new_size = self.new_pane_size(previous, child, axis, whole, left, available);
            available = available.wrapping_sub(new_size.wrapping_add(1));
            let child_cell = &mut self.cells[child];
            child_cell.set_size(axis, new_size);
            match axis {
                Axis::LeftRight => child_cell.sy = sy,
                Axis::TopBottom => {
                    child_cell.sx = sx;
                    child_cell.xoff = xoff;
                }
            }
            self.resize_child_cells(child);
        }
    }
}

/// tmux's size rules for a split of a cell `whole` long: the default halves
/// it (the extra cell going to the top/left), `-l` sizes the new pane, and
/// each side keeps at least one cell. None if the cell is too small.
fn plan_split(whole: u32, axis: Axis, requested: Option<u32>, before: bool) -> Option<Plan> {
    if whole < PANE_MINIMUM * 2 + 1 {
        return None;
    }
    let second = match requested {
        None => whole.div_ceil(2) - 1,
        Some(size) if before => whole.wrapping_sub(size).wrapping_sub(1),
        Some(size) => size,
    };
    let second = if second < PANE_MINIMUM {
        PANE_MINIMUM
    } else {
        second.min(whole - 2)
    };
    let first = whole - 1 - second;
    let kept = if before { second } else { first };
    Some(Plan {
        axis,
        first,
        second,
        kept,
    })
}
