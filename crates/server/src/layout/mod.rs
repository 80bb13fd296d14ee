//! One window's layout: a tree of nested splits whose leaves are panes, kept
//! cell-for-cell identical to tmux 3.3a (layout.c, layout-set.c,
//! layout-custom.c, the pane finders of window.c and the border rules of
//! screen-redraw.c).
//!
//! # The tree
//!
//! Every cell of the tree has a size and an offset in window cells. A cell is
//! either a *pane* (a leaf) or a *split* holding two or more children laid
//! out side by side (`LeftRight`, tmux's `{…}`, made by `split-window -h`) or
//! one above the other (`TopBottom`, tmux's `[…]`, made by `split-window -v`).
//! Children of a split share its size across the split and fill it along the
//! split, with one border cell between neighbours:
//!
//! ```text
//!   x=0          x=40 x=41                    window 80x24, "split -h" then
//!   ┌────────────┬───────────────┐            "split -v" of the right pane:
//!   │ pane 0     │ pane 1        │ y=0
//!   │ 40x24      │ 39x12         │            {           LeftRight, 80x24
//!   │            ├───────────────┤ y=12         0: 40x24,0,0
//!   │            │ pane 2        │ y=13         [         TopBottom, 39x24,41,0
//!   │            │ 39x11         │                1: 39x12,41,0
//!   └────────────┴───────────────┘                2: 39x11,41,13 ]}
//! ```
//!
//! Sizes never include borders: a split's children add up to its size minus
//! one cell per border (`40 + 1 + 39 = 80`). The outer frame above is not
//! drawn; only the separators are ([`Layout::borders`]).
//!
//! # Pane order
//!
//! Beside the tree the layout keeps tmux's pane list (`w->panes`): the order
//! `list-panes` shows, which is *not* the tree's leaf order. New panes go
//! right after the pane they split (before it with `-b`, at an end with `-f`);
//! swap and rotate move panes in it; presets and layout strings hand out
//! cells in it.
//!
//! # Files
//!
//! `tree` holds the cell arena, `resize` the size arithmetic shared by every
//! operation, `split` creating and removing panes, `presets` the five named
//! layouts, `tmux_string` `#{window_layout}` dump and parse, `neighbours`
//! `select-pane -L/-R/-U/-D`, `borders` the separator characters and the
//! active-border rule.

mod borders;
mod neighbours;
mod presets;
mod resize;
mod split;
mod tmux_string;
mod tree;

#[cfg(test)]
mod tests;

use self::tree::{Axis, Cell, CellId, Kind};

/// A pane's number, as in tmux's `%N`.
pub type PaneId = u32;

/// A pane's place in the window, in cells, borders excluded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Rect {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub height: u16,
}

/// Which way `split-window` cuts a pane.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SplitDirection {
    /// `-h`: the new pane goes left or right of the old one.
    Horizontal,
    /// `-v`: the new pane goes above or below the old one.
    Vertical,
}

/// `split-window -l`: the new pane's size along the split.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SplitSize {
    /// No `-l`: halve the space.
    Half,
    /// `-l N`.
    Cells(u16),
    /// `-l N%`: of the target pane, or of the window with `-f`.
    Percent(u16),
}

/// A direction for `resize-pane` and `select-pane`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Left,
    Right,
    Up,
    Down,
}

/// tmux's five named layouts, in `next-layout` order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    EvenHorizontal,
    EvenVertical,
    MainHorizontal,
    MainVertical,
    Tiled,
}

impl Preset {
    /// All presets in tmux's cycling order (`C-b Space`).
    pub const ALL: [Preset; 5] = [
        Preset::EvenHorizontal,
        Preset::EvenVertical,
        Preset::MainHorizontal,
        Preset::MainVertical,
        Preset::Tiled,
    ];

    /// The name `select-layout` takes.
    pub fn name(self) -> &'static str {
        match self {
            Preset::EvenHorizontal => "even-horizontal",
            Preset::EvenVertical => "even-vertical",
            Preset::MainHorizontal => "main-horizontal",
            Preset::MainVertical => "main-vertical",
            Preset::Tiled => "tiled",
        }
    }

    /// Looks a preset up as tmux does: an exact name or an unambiguous
    /// prefix of one (`select-layout even-h`, `select-layout t`).
    pub fn lookup(name: &str) -> Option<Preset> {
        let mut found = None;
        for preset in Preset::ALL {
            if preset.name().starts_with(name) {
                if found.is_some() {
                    return None;
                }
                found = Some(preset);
            }
        }
        found
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum LayoutError {
    /// tmux: "no space for new pane".
    NoSpace,
    /// The target pane is not in this layout.
    UnknownPane,
    /// A layout string was refused; the text is tmux's cause ("invalid
    /// layout", "have 3 panes but need 2", "size mismatch after applying
    /// layout"), which tmux prints as `<cause>: <layout string>`.
    BadLayout(String),
    /// The new pane's id is already in this layout.
    PaneExists,
}

impl std::fmt::Display for LayoutError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LayoutError::NoSpace => f.write_str("no space for new pane"),
            LayoutError::UnknownPane => f.write_str("can't find pane"),
            LayoutError::BadLayout(cause) => f.write_str(cause),
            LayoutError::PaneExists => f.write_str("pane already in layout"),
        }
    }
}

impl std::error::Error for LayoutError {}

/// One drawn border cell: where, and which line-drawing character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BorderCell {
    pub x: u16,
    pub y: u16,
    pub ch: char,
}

/// tmux's limits on a window's size (`WINDOW_MINIMUM`, `WINDOW_MAXIMUM`).
pub const WINDOW_MINIMUM: u16 = 1;
pub const WINDOW_MAXIMUM: u16 = 10000;

/// The layout of one window: the split tree plus tmux's pane order.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Layout {
    cells: Vec<Cell>,
    root: CellId,
    /// tmux's `w->panes`: the order list-panes shows.
    order: Vec<PaneId>,
}

impl Layout {
    /// A window holding one pane that fills it.
    pub fn new(pane: PaneId, width: u16, height: u16) -> Layout {
        let width = width.clamp(WINDOW_MINIMUM, WINDOW_MAXIMUM);
        let height = height.clamp(WINDOW_MINIMUM, WINDOW_MAXIMUM);
        Layout {
            cells: vec![Cell::leaf(None, pane, u32::from(width), u32::from(height))],
            root: 0,
            order: vec![pane],
        }
    }

    /// The window's size: the root cell's, which tmux keeps equal to the
    /// window's (a window is never made smaller than its layout).
    pub fn size(&self) -> (u16, u16) {
        let root = &self.cells[self.root];
        (clamp16(root.sx), clamp16(root.sy))
    }

    /// Every pane with its place, in tmux's pane order.
    pub fn panes(&self) -> Vec<(PaneId, Rect)> {
        self.order
            .iter()
            .filter_map(|&pane| self.rect(pane).map(|rect| (pane, rect)))
            .collect()
    }

    /// The pane ids in tmux's pane order.
    pub fn pane_order(&self) -> &[PaneId] {
        &self.order
    }

    pub fn rect(&self, pane: PaneId) -> Option<Rect> {
        self.leaf_of(pane).map(|id| self.cells[id].rect())
    }

    pub fn contains(&self, pane: PaneId) -> bool {
        self.order.contains(&pane)
    }

    pub fn pane_count(&self) -> usize {
        self.order.len()
    }

    /// `resize-pane -L/-R/-U/-D amount`, as tmux: the border nearest the
    /// pane's right/bottom side moves (its left/top one for the last pane of
    /// a row or column), taking space from neighbours while they have some.
    pub fn resize_pane(&mut self, pane: PaneId, dir: Direction, amount: u16) {
        let amount = i64::from(amount);
        let (axis, change) = match dir {
            Direction::Left => (Axis::LeftRight, -amount),
            Direction::Right => (Axis::LeftRight, amount),
            Direction::Up => (Axis::TopBottom, -amount),
            Direction::Down => (Axis::TopBottom, amount),
        };
        if change != 0 {
            self.resize_pane_by(pane, axis, change);
        }
    }

    /// `resize-pane -x/-y`: width first, then height, as tmux.
    pub fn set_pane_size(&mut self, pane: PaneId, width: Option<u16>, height: Option<u16>) {
        if let Some(width) = width {
            self.resize_pane_to(pane, Axis::LeftRight, u32::from(width));
        }
        if let Some(height) = height {
            self.resize_pane_to(pane, Axis::TopBottom, u32::from(height));
        }
    }

    /// `swap-pane`: the two panes exchange both their cells and their places
    /// in the pane order.
    pub fn swap(&mut self, a: PaneId, b: PaneId) {
        if a == b {
            return;
        }
        let (Some(cell_a), Some(cell_b)) = (self.leaf_of(a), self.leaf_of(b)) else {
            return;
        };
        self.cells[cell_a].kind = Kind::Pane(b);
        self.cells[cell_b].kind = Kind::Pane(a);
        for pane in &mut self.order {
            if *pane == a {
                *pane = b;
            } else if *pane == b {
                *pane = a;
            }
        }
    }

    /// `rotate-window` (`upward`: `-U`, the default; else `-D`). The cells
    /// stay where they are; the panes move one step through them in pane
    /// order, and the pane order rotates with them.
    pub fn rotate(&mut self, upward: bool) {
        if self.order.len() < 2 {
            return;
        }
        let cells: Vec<Option<CellId>> =
            self.order.iter().map(|&pane| self.leaf_of(pane)).collect();
        if upward {
            self.order.rotate_left(1);
        } else {
            self.order.rotate_right(1);
        }
        for (cell, &pane) in cells.iter().zip(&self.order) {
            if let Some(cell) = *cell {
                self.cells[cell].kind = Kind::Pane(pane);
            }
        }
    }

    /// `select-layout -E` (`C-b E`): spread the children of the pane's
    /// parent evenly; if they already are, try the grandparent, and so on up.
    pub fn spread_evenly(&mut self, pane: PaneId) {
        let Some(leaf) = self.leaf_of(pane) else {
            return;
        };
        let mut parent = self.cells[leaf].parent;
        while let Some(cell) = parent {
            if self.spread_cell(cell) {
                self.fix_offsets();
                return;
            }
            parent = self.cells[cell].parent;
        }
    }
}

/// Sizes are kept as tmux's unsigned ints; what leaves the module is u16.
fn clamp16(value: u32) -> u16 {
    u16::try_from(value).unwrap_or(u16::MAX)
}
