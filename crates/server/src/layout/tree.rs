//! The cell arena: cells refer to each other by index, so a pane's cell can
//! walk to its parent and siblings as tmux's layout code does.

use super::{Layout, PaneId, Rect, clamp16};

pub(super) type CellId = usize;

/// The direction a split lays out its children.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(super) enum Axis {
    /// Children side by side (tmux `LAYOUT_LEFTRIGHT`, `{…}`).
    LeftRight,
    /// Children one above the other (tmux `LAYOUT_TOPBOTTOM`, `[…]`).
    TopBottom,
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub(super) enum Kind {
    Pane(PaneId),
    Split(Axis, Vec<CellId>),
}

/// One cell of the tree. Sizes and offsets are u32 like tmux's `u_int`, so
/// the arithmetic copied from tmux means the same thing here.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub(super) struct Cell {
    pub parent: Option<CellId>,
    pub kind: Kind,
    pub sx: u32,
    pub sy: u32,
    pub xoff: u32,
    pub yoff: u32,
}

impl Cell {
    pub fn leaf(parent: Option<CellId>, pane: PaneId, sx: u32, sy: u32) -> Cell {
        Cell {
            parent,
            kind: Kind::Pane(pane),
            sx,
            sy,
            xoff: 0,
            yoff: 0,
        }
    }

    pub fn split(parent: Option<CellId>, axis: Axis, sx: u32, sy: u32) -> Cell {
        Cell {
            parent,
            kind: Kind::Split(axis, Vec::new()),
            sx,
            sy,
            xoff: 0,
            yoff: 0,
        }
    }

    pub fn size(&self, axis: Axis) -> u32 {
        match axis {
            Axis::LeftRight => self.sx,
            Axis::TopBottom => self.sy,
        }
    }

    pub fn set_size(&mut self, axis: Axis, size: u32) {
        match axis {
            Axis::LeftRight => self.sx = size,
            Axis::TopBottom => self.sy = size,
        }
    }

    pub fn axis(&self) -> Option<Axis> {
        match self.kind {
            Kind::Pane(_) => None,
            Kind::Split(axis, _) => Some(axis),
        }
    }

    pub fn rect(&self) -> Rect {
        Rect {
            x: clamp16(self.xoff),
            y: clamp16(self.yoff),
            width: clamp16(self.sx),
            height: clamp16(self.sy),
        }
    }
}

impl Layout {
    pub(super) fn push(&mut self, cell: Cell) -> CellId {
        self.cells.push(cell);
        self.cells.len() - 1
    }

    pub(super) fn children(&self, id: CellId) -> &[CellId] {
        match &self.cells[id].kind {
            Kind::Pane(_) => &[],
            Kind::Split(_, children) => children,
        }
    }

    pub(super) fn children_mut(&mut self, id: CellId) -> Option<&mut Vec<CellId>> {
        match &mut self.cells[id].kind {
            Kind::Pane(_) => None,
            Kind::Split(_, children) => Some(children),
        }
    }

    /// The cell holding a pane.
    pub(super) fn leaf_of(&self, pane: PaneId) -> Option<CellId> {
        let mut stack = vec![self.root];
        while let Some(id) = stack.pop() {
            match &self.cells[id].kind {
                Kind::Pane(p) if *p == pane => return Some(id),
                Kind::Pane(_) => {}
                Kind::Split(_, children) => stack.extend(children.iter().copied()),
            }
        }
        None
    }

    fn position(&self, id: CellId) -> Option<(CellId, usize)> {
        let parent = self.cells[id].parent?;
        let index = self.children(parent).iter().position(|&c| c == id)?;
        Some((parent, index))
    }

    pub(super) fn next_sibling(&self, id: CellId) -> Option<CellId> {
        let (parent, index) = self.position(id)?;
        self.children(parent).get(index + 1).copied()
    }

    pub(super) fn prev_sibling(&self, id: CellId) -> Option<CellId> {
        let (parent, index) = self.position(id)?;
        let before = index.checked_sub(1)?;
        self.children(parent).get(before).copied()
    }

    pub(super) fn is_last_child(&self, id: CellId) -> bool {
        self.cells[id].parent.is_some() && self.next_sibling(id).is_none()
    }

    /// Puts `new` where `old` sits in its parent's list (or at the root).
    pub(super) fn replace_in_parent(&mut self, old: CellId, new: CellId) {
        let parent = self.cells[old].parent;
        self.cells[new].parent = parent;
        match parent {
            None => self.root = new,
            Some(parent) => {
                if let Some(children) = self.children_mut(parent) {
                    for child in children.iter_mut() {
                        if *child == old {
                            *child = new;
                        }
                    }
                }
            }
        }
    }

    /// Lays every cell out from the root's size downwards: tmux's
    /// `layout_fix_offsets`.
    pub(super) fn fix_offsets(&mut self) {
        self.cells[self.root].xoff = 0;
        self.cells[self.root].yoff = 0;
        let mut stack = vec![self.root];
        while let Some(id) = stack.pop() {
            let Kind::Split(axis, children) = &self.cells[id].kind else {
                continue;
            };
            let (axis, children) = (*axis, children.clone());
            let (mut xoff, mut yoff) = (self.cells[id].xoff, self.cells[id].yoff);
            for child in children {
                let cell = &mut self.cells[child];
                cell.xoff = xoff;
                cell.yoff = yoff;
                match axis {
                    Axis::LeftRight => xoff = xoff.wrapping_add(cell.sx).wrapping_add(1),
                    Axis::TopBottom => yoff = yoff.wrapping_add(cell.sy).wrapping_add(1),
                }
                stack.push(child);
            }
        }
    }

    /// The panes in the tree's leaf order (left to right, top to bottom).
    pub(super) fn leaves(&self) -> Vec<CellId> {
        let mut out = Vec::new();
        let mut stack = vec![self.root];
        while let Some(id) = stack.pop() {
            match &self.cells[id].kind {
                Kind::Pane(_) => out.push(id),
                Kind::Split(_, children) => stack.extend(children.iter().rev().copied()),
            }
        }
        out
    }

    /// Drops cells no longer reachable from the root, so a long-lived window
    /// that splits and closes panes does not grow its arena.
    pub(super) fn compact(&mut self) {
        let mut cells = Vec::with_capacity(self.cells.len());
        let mut map = vec![usize::MAX; self.cells.len()];
        let mut stack = vec![self.root];
        while let Some(id) = stack.pop() {
            map[id] = cells.len();
            cells.push(self.cells[id].clone());
            stack.extend(self.children(id).iter().rev().copied());
        }
        for cell in &mut cells {
            cell.parent = cell.parent.map(|p| map[p]);
            if let Kind::Split(_, children) = &mut cell.kind {
                for child in children.iter_mut() {
                    *child = map[*child];
                }
            }
        }
        self.root = 0;
        self.cells = cells;
    }
}
