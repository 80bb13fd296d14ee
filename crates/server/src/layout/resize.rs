//! Size arithmetic shared by every operation: how much a cell can give up,
//! growing or shrinking a cell evenly, resizing the whole window, moving a
//! pane's border and spreading a split's children evenly.

use super::tree::{Axis, CellId, Kind};
use super::{Layout, PaneId, WINDOW_MAXIMUM, WINDOW_MINIMUM};

/// tmux's `PANE_MINIMUM`: a pane is at least one cell each way.
pub(super) const PANE_MINIMUM: u32 = 1;

impl Layout {
    /// How many cells `id` can give up along `axis` without any pane going
    /// under the minimum (tmux `layout_resize_check`).
    pub(super) fn resize_check(&self, id: CellId, axis: Axis) -> u32 {
        let cell = &self.cells[id];
        match &cell.kind {
            Kind::Pane(_) => cell.size(axis).saturating_sub(PANE_MINIMUM),
            // Along the split every child can give its spare cells.
            Kind::Split(own, children) if *own == axis => {
                children.iter().fold(0u32, |sum, &child| {
                    sum.wrapping_add(self.resize_check(child, axis))
                })
            }
            // Across it all children shrink together: the tightest decides.
            Kind::Split(_, children) => children
                .iter()
                .map(|&child| self.resize_check(child, axis))
                .min()
                .unwrap_or(u32::MAX),
        }
    }

    /// Grows (or shrinks) `id` by `change` along `axis`, sharing the change
    /// one cell at a time among children laid out along that axis (tmux
    /// `layout_resize_adjust`). Callers bound `change` to what is available.
    pub(super) fn resize_adjust(&mut self, id: CellId, axis: Axis, change: i64) {
        let cell = &mut self.cells[id];
        let size = i64::from(cell.size(axis)).saturating_add(change);
        cell.set_size(axis, u32::try_from(size.max(0)).unwrap_or(u32::MAX));
        let Kind::Split(own, children) = &cell.kind else {
            return;
        };
        let (own, children) = (*own, children.clone());
        if own != axis {
            for child in children {
                self.resize_adjust(child, axis, change);
            }
            return;
        }
        let mut change = change;
        while change != 0 {
            let before = change;
            for &child in &children {
                if change == 0 {
                    break;
                }
                if change > 0 {
                    self.resize_adjust(child, axis, 1);
                    change -= 1;
                } else if self.resize_check(child, axis) > 0 {
                    self.resize_adjust(child, axis, -1);
                    change += 1;
                }
            }
            // tmux would spin forever here; an unbounded request just stops.
            if change == before {
                break;
            }
        }
    }

    /// The whole window resized, as tmux's `resize_window` and
    /// `layout_resize`: sizes stay proportional, nothing shrinks below the
    /// minimum, and the window is never smaller than its layout.
    pub fn resize(&mut self, width: u16, height: u16) {
        let width = width.clamp(WINDOW_MINIMUM, WINDOW_MAXIMUM);
        let height = height.clamp(WINDOW_MINIMUM, WINDOW_MAXIMUM);
        self.resize_root(Axis::LeftRight, u32::from(width));
        self.resize_root(Axis::TopBottom, u32::from(height));
        self.fix_offsets();
    }

    fn resize_root(&mut self, axis: Axis, size: u32) {
        let root = self.root;
        let current = self.cells[root].size(axis);
        let limit = self.resize_check(root, axis);
        let mut change = i64::from(size) - i64::from(current);
        if change < 0 && change < -i64::from(limit) {
            change = -i64::from(limit);
        }
        // Already at its minimum: grow by the whole difference, so a layout
        // larger than the window comes back to fit it when the window grows.
        if limit == 0 {
            change = if size <= current {
                0
            } else {
                i64::from(size - current)
            };
        }
        if change != 0 {
            self.resize_adjust(root, axis, change);
        }
    }

    /// `resize-pane -L/-R/-U/-D` (tmux `layout_resize_pane` with opposite
    /// set): the nearest ancestor split along `axis` moves the border after
    /// the pane's branch, or before it for the last branch.
    pub(super) fn resize_pane_by(&mut self, pane: PaneId, axis: Axis, change: i64) {
        let Some((mut cell, _)) = self.branch_along(pane, axis) else {
            return;
        };
        if self.is_last_child(cell) {
            match self.prev_sibling(cell) {
                Some(prev) => cell = prev,
                None => return,
            }
        }
        self.resize_layout(cell, axis, change);
    }

    /// `resize-pane -x/-y` (tmux `layout_resize_pane_to`).
    pub(super) fn resize_pane_to(&mut self, pane: PaneId, axis: Axis, new_size: u32) {
        let Some((cell, _)) = self.branch_along(pane, axis) else {
            return;
        };
        let size = i64::from(self.cells[cell].size(axis));
        let new_size = i64::from(new_size);
        // The last branch grows by moving the border before it, leftwards.
        let change = if self.is_last_child(cell) {
            size - new_size
        } else {
            new_size - size
        };
        self.resize_pane_by(pane, axis, change);
    }

    /// The pane's ancestor (or the pane's own cell) whose parent splits
    /// along `axis`, with that parent.
    fn branch_along(&self, pane: PaneId, axis: Axis) -> Option<(CellId, CellId)> {
        let mut cell = self.leaf_of(pane)?;
        loop {
            let parent = self.cells[cell].parent?;
            if self.cells[parent].axis() == Some(axis) {
                return Some((cell, parent));
            }
            cell = parent;
        }
    }

    fn resize_layout(&mut self, cell: CellId, axis: Axis, change: i64) {
        let mut needed = change;
        while needed != 0 {
            let moved = if change > 0 {
                let moved = self.resize_grow(cell, axis, needed);
                needed -= moved;
                moved
            } else {
                let moved = self.resize_shrink(cell, axis, needed);
                needed += moved;
                moved
            };
            if moved == 0 {
                break;
            }
        }
        self.fix_offsets();
    }

    /// Grows `cell`, taking from the first sibling after it that has room,
    /// else the nearest before it.
    fn resize_grow(&mut self, cell: CellId, axis: Axis, needed: i64) -> i64 {
        let mut size = 0;
        let mut remove = self.next_sibling(cell);
        while let Some(candidate) = remove {
            size = self.resize_check(candidate, axis);
            if size > 0 {
                break;
            }
            remove = self.next_sibling(candidate);
        }
        if remove.is_none() {
            remove = self.prev_sibling(cell);
            while let Some(candidate) = remove {
                size = self.resize_check(candidate, axis);
                if size > 0 {
                    break;
                }
                remove = self.prev_sibling(candidate);
            }
        }
        let Some(remove) = remove else {
            return 0;
        };
        let size = i64::from(size).min(needed);
        self.resize_adjust(cell, axis, size);
        self.resize_adjust(remove, axis, -size);
        size
    }

    /// Shrinks `cell` (or the nearest sibling before it with room) and gives
    /// the space to the sibling after `cell`.
    fn resize_shrink(&mut self, cell: CellId, axis: Axis, needed: i64) -> i64 {
        let mut remove = Some(cell);
        let mut size = 0;
        while let Some(candidate) = remove {
            size = self.resize_check(candidate, axis);
            if size != 0 {
                break;
            }
            remove = self.prev_sibling(candidate);
        }
        let Some(remove) = remove else {
            return 0;
        };
        let Some(add) = self.next_sibling(cell) else {
            return 0;
        };
        let size = i64::from(size).min(needed.saturating_neg());
        self.resize_adjust(add, axis, size);
        self.resize_adjust(remove, axis, -size);
        size
    }

    /// Gives a split's children equal sizes, the last taking the remainder
    /// (tmux `layout_spread_cell`). False if nothing changed.
    pub(super) fn spread_cell(&mut self, parent: CellId) -> bool {
        let Kind::Split(axis, children) = &self.cells[parent].kind else {
            return false;
        };
        let (axis, children) = (*axis, children.clone());
        let number = children.len() as u32;
        if number <= 1 {
            return false;
        }
        let size = self.cells[parent].size(axis);
        if size < number - 1 {
            return false;
        }
        let mut each = (size - (number - 1)) / number;
        if each == 0 {
            return false;
        }
        let mut changed = false;
        for (index, &child) in children.iter().enumerate() {
            if index + 1 == children.len() {
                each = size - (each + 1) * (number - 1);
            }
            let change = i64::from(each) - i64::from(self.cells[child].size(axis));
            self.resize_adjust(child, axis, change);
            changed |= change != 0;
        }
        changed
    }
}
