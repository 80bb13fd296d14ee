//! The named layouts of `select-layout` (tmux layout-set.c). Each replaces
//! the whole tree and hands its cells out in pane order. When the panes do
//! not fit at the minimum size the layout, and so the window, grows past
//! the window's size, as in tmux.

use super::resize::PANE_MINIMUM;
use super::tree::{Axis, Cell, CellId, Kind};
use super::{Layout, PaneId, Preset};

/// tmux's fallbacks when main-pane-width/-height do not fit the window.
const DEFAULT_MAIN_WIDTH: u32 = 80;
const DEFAULT_MAIN_HEIGHT: u32 = 24;

impl Layout {
    /// `select-layout <preset>`. `main_width`/`main_height` are the
    /// main-pane-width/-height options in cells (tmux takes a percentage of
    /// the window's size less one cell); `first` becomes the main pane and
    /// the others follow in pane order.
    #[cfg(test)]
    pub fn apply_preset(
        &mut self,
        preset: Preset,
        main_width: u16,
        main_height: u16,
        first: PaneId,
    ) {
        self.apply_preset_sized(preset, [main_width, main_height, 0, 0], first);
    }

    /// `select-layout <preset>` with the main pane's size and the others'
    /// (`[main-pane-width, main-pane-height, other-pane-width, other-pane-height]` in
    /// cells; an other size of 0 leaves the rest of the window to the others).
    pub fn apply_preset_sized(&mut self, preset: Preset, sizes: [u16; 4], first: PaneId) {
        let [main_width, main_height, other_width, other_height] = sizes;
        if self.order.len() <= 1 {
            return;
        }
        let mut panes: Vec<PaneId> = self.order.clone();
        if let Some(index) = panes.iter().position(|&p| p == first) {
            let main = panes.remove(index);
            panes.insert(0, main);
        }
        let (wsx, wsy) = (self.cells[self.root].sx, self.cells[self.root].sy);
        self.cells.clear();
        match preset {
            Preset::EvenHorizontal => self.set_even(&panes, Axis::LeftRight, wsx, wsy),
            Preset::EvenVertical => self.set_even(&panes, Axis::TopBottom, wsx, wsy),
            Preset::MainHorizontal => self.set_main(
                &panes,
                Axis::TopBottom,
                (u32::from(main_height), u32::from(other_height)),
                wsx,
                wsy,
            ),
            Preset::MainVertical => self.set_main(
                &panes,
                Axis::LeftRight,
                (u32::from(main_width), u32::from(other_width)),
                wsx,
                wsy,
            ),
            Preset::Tiled => self.set_tiled(&panes, wsx, wsy),
        }
        self.fix_offsets();
    }

    /// A new root splitting along `axis`, with no children yet.
    fn new_root(&mut self, axis: Axis, sx: u32, sy: u32) -> CellId {
        self.root = self.push(Cell::split(None, axis, sx, sy));
        self.root
    }

    fn add_leaf(&mut self, parent: CellId, pane: PaneId, sx: u32, sy: u32) -> CellId {
        let leaf = self.push(Cell::leaf(Some(parent), pane, sx, sy));
        if let Some(children) = self.children_mut(parent) {
            children.push(leaf);
        }
        leaf
    }

    /// even-horizontal / even-vertical: one row or column of equal panes.
    fn set_even(&mut self, panes: &[PaneId], axis: Axis, wsx: u32, wsy: u32) {
        let needed = at_minimum(panes.len());
        let (sx, sy) = match axis {
            Axis::LeftRight => (needed.max(wsx), wsy),
            Axis::TopBottom => (wsx, needed.max(wsy)),
        };
        let root = self.new_root(axis, sx, sy);
        for &pane in panes {
            self.add_leaf(root, pane, wsx, wsy);
        }
        self.spread_cell(root);
    }

    /// main-horizontal (`axis` TopBottom: the main pane on top, the others
    /// in a row below) and main-vertical (LeftRight: main on the left, the
    /// others in a column on the right).
    fn set_main(&mut self, panes: &[PaneId], axis: Axis, sizes: (u32, u32), wsx: u32, wsy: u32) {
        let (main, wanted_other) = sizes;
        let (window_along, window_across) = match axis {
            Axis::TopBottom => (wsy, wsx),
            Axis::LeftRight => (wsx, wsy),
        };
        // One cell goes to the border between main and the others.
        let room = window_along.saturating_sub(1);
        let main = if main > room {
            match axis {
                Axis::TopBottom => DEFAULT_MAIN_HEIGHT,
                Axis::LeftRight => DEFAULT_MAIN_WIDTH,
            }
        } else {
            main
        };
        // tmux 3.3a takes 0 and makes an empty main pane; a pane must hold
        // a terminal, so it gets at least one cell here.
        let mut main = main.max(PANE_MINIMUM);
        let other;
        if main + PANE_MINIMUM >= room {
            main = if room <= PANE_MINIMUM * 2 {
                PANE_MINIMUM
            } else {
                room - PANE_MINIMUM
            };
            other = PANE_MINIMUM;
        } else if wanted_other == 0 || wanted_other > room || room - wanted_other < main {
            // other-pane-width/-height unset, or leaving the main pane too little.
            other = room - main;
        } else {
            // The others get what they ask for; the main pane the rest.
            main = room - wanted_other;
            other = wanted_other;
        }
        let rest = &panes[1..];
        let across = at_minimum(rest.len()).max(window_across);
        let sized = |along: u32| match axis {
            Axis::TopBottom => (across, along),
            Axis::LeftRight => (along, across),
        };
        let (sx, sy) = sized(main + other + 1);
        let root = self.new_root(axis, sx, sy);
        let (sx, sy) = sized(main);
        self.add_leaf(root, panes[0], sx, sy);
        let (sx, sy) = sized(other);
        if let [only] = rest {
            self.add_leaf(root, *only, sx, sy);
            return;
        }
        let cross = match axis {
            Axis::TopBottom => Axis::LeftRight,
            Axis::LeftRight => Axis::TopBottom,
        };
        let others = self.push(Cell::split(Some(root), cross, sx, sy));
        if let Some(children) = self.children_mut(root) {
            children.push(others);
        }
        for &pane in rest {
            let (sx, sy) = match axis {
                Axis::TopBottom => (PANE_MINIMUM, other),
                Axis::LeftRight => (other, PANE_MINIMUM),
            };
            self.add_leaf(others, pane, sx, sy);
        }
        self.spread_cell(others);
    }

    /// tiled: a grid with as many columns as rows or one more; the last row
    /// may be short, its last pane and the last row taking what is left.
    fn set_tiled(&mut self, panes: &[PaneId], wsx: u32, wsy: u32) {
        let n = panes.len() as u32;
        let (mut rows, mut columns) = (1u32, 1u32);
        while rows * columns < n {
            rows += 1;
            if rows * columns < n {
                columns += 1;
            }
        }
        let width = (wsx.saturating_sub(columns - 1) / columns).max(PANE_MINIMUM);
        let height = (wsy.saturating_sub(rows - 1) / rows).max(PANE_MINIMUM);
        let sx = ((width + 1) * columns - 1).max(wsx);
        let sy = ((height + 1) * rows - 1).max(wsy);
        let root = self.new_root(Axis::TopBottom, sx, sy);
        let mut next = panes.iter().copied();
        let mut pane = next.next();
        let mut row_index = 0;
        while row_index < rows {
            let Some(first) = pane else {
                break;
            };
            let row = self.add_leaf(root, first, wsx, height);
            if n - row_index * columns == 1 || columns == 1 {
                pane = next.next();
                row_index += 1;
                continue;
            }
            self.cells[row].kind = Kind::Split(Axis::LeftRight, Vec::new());
            let mut placed = 0;
            while placed < columns {
                let Some(this) = pane else {
                    break;
                };
                self.add_leaf(row, this, width, height);
                placed += 1;
                pane = next.next();
                if pane.is_none() {
                    break;
                }
            }
            // The last pane of a row takes the width the grid leaves over.
            let used = placed * (width + 1) - 1;
            if wsx > used
                && let Some(&last) = self.children(row).last()
            {
                self.resize_adjust(last, Axis::LeftRight, i64::from(wsx - used));
            }
            row_index += 1;
        }
        let used = rows * height + rows - 1;
        if wsy > used
            && let Some(&last) = self.children(root).last()
        {
            self.resize_adjust(last, Axis::TopBottom, i64::from(wsy - used));
        }
    }
}

/// The length `n` panes need side by side at the minimum size.
fn at_minimum(n: usize) -> u32 {
    (n as u32)
        .saturating_mul(PANE_MINIMUM + 1)
        .saturating_sub(1)
}
