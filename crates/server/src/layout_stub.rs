//! Stand-in for the layout tree while it is being written: one pane per window.
#![allow(dead_code)]

pub type PaneId = u32;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Rect {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub height: u16,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SplitDirection {
    Horizontal,
    Vertical,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SplitSize {
    Half,
    Cells(u16),
    Percent(u16),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Left,
    Right,
    Up,
    Down,
}

#[derive(Debug, PartialEq, Eq)]
pub enum LayoutError {
    NoSpace,
    UnknownPane,
    BadLayout(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BorderCell {
    pub x: u16,
    pub y: u16,
    pub ch: char,
}

#[derive(Clone, Debug)]
pub struct Layout {
    pane: PaneId,
    width: u16,
    height: u16,
}

impl Layout {
    pub fn new(pane: PaneId, width: u16, height: u16) -> Layout {
        Layout {
            pane,
            width,
            height,
        }
    }
    pub fn size(&self) -> (u16, u16) {
        (self.width, self.height)
    }
    pub fn panes(&self) -> Vec<(PaneId, Rect)> {
        vec![(self.pane, self.rect_all())]
    }
    fn rect_all(&self) -> Rect {
        Rect {
            x: 0,
            y: 0,
            width: self.width,
            height: self.height,
        }
    }
    pub fn rect(&self, pane: PaneId) -> Option<Rect> {
        (pane == self.pane).then(|| self.rect_all())
    }
    pub fn contains(&self, pane: PaneId) -> bool {
        pane == self.pane
    }
    pub fn pane_count(&self) -> usize {
        1
    }
    pub fn split(
        &mut self,
        _target: PaneId,
        _new: PaneId,
        _dir: SplitDirection,
        _size: SplitSize,
        _before: bool,
        _full: bool,
    ) -> Result<(), LayoutError> {
        Err(LayoutError::NoSpace)
    }
    pub fn remove(&mut self, _pane: PaneId) -> bool {
        false
    }
    pub fn resize(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
    }
    pub fn resize_pane(&mut self, _pane: PaneId, _dir: Direction, _amount: u16) {}
    pub fn set_pane_size(&mut self, _pane: PaneId, _width: Option<u16>, _height: Option<u16>) {}
    pub fn neighbour(
        &self,
        _pane: PaneId,
        _dir: Direction,
        _recency: &dyn Fn(PaneId) -> u64,
    ) -> Option<PaneId> {
        None
    }
    pub fn to_tmux_string(&self) -> String {
        String::new()
    }
    pub fn borders(&self) -> Vec<BorderCell> {
        Vec::new()
    }
    pub fn border_is_active(&self, _cell: &BorderCell, _active: PaneId) -> bool {
        false
    }
}
