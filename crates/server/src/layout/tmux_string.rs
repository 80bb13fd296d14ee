//! `#{window_layout}` strings (tmux layout-custom.c):
//! `csum,WxH,X,Y` then either `,ID` for a pane or `{…}` / `[…]` holding the
//! children of a left-right / top-bottom split, separated by commas, e.g.
//! `8205,80x24,0,0{40x24,0,0,0,39x24,41,0,1}`. The checksum is four hex
//! digits over everything after the first comma.

use std::fmt::Write as _;

use super::tree::{Axis, Cell, CellId, Kind};
use super::{Layout, LayoutError, PaneId};

const INVALID: &str = "invalid layout";

/// tmux's `layout_checksum`: a 16-bit rotate-and-add over the bytes (as
/// C's signed char, which is what tmux adds on the machines it runs on).
pub(super) fn checksum(text: &str) -> u16 {
    text.bytes().fold(0u16, |sum, byte| {
        let rotated = (sum >> 1) | ((sum & 1) << 15);
        rotated.wrapping_add(byte as i8 as i16 as u16)
    })
}

impl Layout {
    /// `#{window_layout}`: the tree with each leaf's pane id.
    pub fn to_tmux_string(&self) -> String {
        let mut body = String::new();
        self.append_cell(self.root, &mut body);
        format!("{:04x},{}", checksum(&body), body)
    }

    /// The layout a zoomed window shows: its one pane over the whole window, as tmux's
    /// `window_visible_layout` gives it.
    pub fn zoomed_tmux_string(pane: u32, cols: u16, rows: u16) -> String {
        let body = format!("{cols}x{rows},0,0,{pane}");
        format!("{:04x},{}", checksum(&body), body)
    }

    fn append_cell(&self, id: CellId, out: &mut String) {
        let cell = &self.cells[id];
        let _ = write!(out, "{}x{},{},{}", cell.sx, cell.sy, cell.xoff, cell.yoff);
        match &cell.kind {
            Kind::Pane(pane) => {
                let _ = write!(out, ",{pane}");
            }
            Kind::Split(axis, children) => {
                let (open, close) = match axis {
                    Axis::LeftRight => ('{', '}'),
                    Axis::TopBottom => ('[', ']'),
                };
                out.push(open);
                for (index, &child) in children.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    self.append_cell(child, out);
                }
                out.push(close);
            }
        }
    }

    /// `select-layout '<string>'`: builds the layout a string describes and
    /// gives its panes, in leaf order, the ids in `panes` (tmux's pane
    /// order; the ids written in the string are ignored, as tmux does). If
    /// the string has more panes than `panes`, the bottom-right ones are
    /// closed first, as in tmux. The result has the string's size: tmux
    /// then fits the window to its clients, so the caller calls
    /// [`Layout::resize`] with the window's size if that differs.
    pub fn from_tmux_string(s: &str, panes: &[PaneId]) -> Result<Layout, LayoutError> {
        let bad = |cause: &str| LayoutError::BadLayout(cause.to_string());
        let expected = parse_checksum(s).ok_or_else(|| bad(INVALID))?;
        let body = s.get(5..).ok_or_else(|| bad(INVALID))?;
        if checksum(body) != expected {
            return Err(bad(INVALID));
        }
        let mut layout = Layout {
            cells: Vec::new(),
            root: 0,
            order: Vec::new(),
        };
        let mut parser = Parser {
            text: body.as_bytes(),
            at: 0,
        };
        layout.root = parser
            .cell(&mut layout, None, 0)
            .ok_or_else(|| bad(INVALID))?;
        if parser.at != parser.text.len() {
            return Err(bad(INVALID));
        }
        if panes.is_empty() {
            return Err(bad(INVALID));
        }
        let mut leaves = layout.leaves();
        if panes.len() > leaves.len() {
            let cause = format!("have {} panes but need {}", panes.len(), leaves.len());
            return Err(LayoutError::BadLayout(cause));
        }
        while leaves.len() > panes.len() {
            let Some(&last) = leaves.last() else {
                break;
            };
            layout.destroy_cell(last);
            leaves = layout.leaves();
        }
        layout.fit_root_to_children();
        if !layout.sizes_add_up(layout.root) {
            return Err(bad("size mismatch after applying layout"));
        }
        for (&leaf, &pane) in leaves.iter().zip(panes) {
            layout.cells[leaf].kind = Kind::Pane(pane);
        }
        layout.order = panes.to_vec();
        layout.fix_offsets();
        layout.compact();
        Ok(layout)
    }

    /// Older tmux wrote some root sizes wrong; like tmux, take the root's
    /// size from its children.
    fn fit_root_to_children(&mut self) {
        let Kind::Split(axis, children) = &self.cells[self.root].kind else {
            return;
        };
        let (mut sx, mut sy) = (0u32, 0u32);
        for &child in children {
            let cell = &self.cells[child];
            match axis {
                Axis::LeftRight => {
                    sy = cell.sy.wrapping_add(1);
                    sx = sx.wrapping_add(cell.sx).wrapping_add(1);
                }
                Axis::TopBottom => {
                    sx = cell.sx.wrapping_add(1);
                    sy = sy.wrapping_add(cell.sy).wrapping_add(1);
                }
            }
        }
        let root = &mut self.cells[self.root];
        root.sx = sx.wrapping_sub(1);
        root.sy = sy.wrapping_sub(1);
    }

    /// tmux's `layout_check`: children fill their split exactly.
    pub(super) fn sizes_add_up(&self, id: CellId) -> bool {
        let cell = &self.cells[id];
        let Kind::Split(axis, children) = &cell.kind else {
            return true;
        };
        let mut total = 0u32;
        for &child in children {
            let child_cell = &self.cells[child];
            let (across, along, parent_across) = match axis {
                Axis::LeftRight => (child_cell.sy, child_cell.sx, cell.sy),
                Axis::TopBottom => (child_cell.sx, child_cell.sy, cell.sx),
            };
            if across != parent_across || !self.sizes_add_up(child) {
                return false;
            }
            total = total.wrapping_add(along).wrapping_add(1);
        }
        total.wrapping_sub(1) == cell.size(*axis)
    }
}

/// The checksum in front, read as C's `sscanf("%hx")` would.
fn parse_checksum(s: &str) -> Option<u16> {
    let text = s.trim_start();
    let text = text.strip_prefix('+').unwrap_or(text);
    let text = text
        .strip_prefix("0x")
        .or_else(|| text.strip_prefix("0X"))
        .filter(|rest| rest.starts_with(|c: char| c.is_ascii_hexdigit()))
        .unwrap_or(text);
    let digits: String = text.chars().take_while(char::is_ascii_hexdigit).collect();
    if digits.is_empty() {
        return None;
    }
    // Wider values saturate in strtoul and are then cut to 16 bits.
    let value = u64::from_str_radix(&digits, 16).unwrap_or(u64::MAX);
    Some(value as u16)
}

/// A recursive-descent reader of the cell grammar, strict as tmux's.
struct Parser<'a> {
    text: &'a [u8],
    at: usize,
}

/// Splits nest no deeper than this: a hostile string cannot blow the stack.
const MAX_DEPTH: usize = 64;

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// A decimal number; sizes past what a window can hold are refused.
    fn number(&mut self) -> Option<u32> {
        let start = self.at;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
        let digits = std::str::from_utf8(self.text.get(start..self.at)?).ok()?;
        let value: u32 = digits.parse().ok()?;
        (value <= u32::from(u16::MAX)).then_some(value)
    }

    fn cell(
        &mut self,
        layout: &mut Layout,
        parent: Option<CellId>,
        depth: usize,
    ) -> Option<CellId> {
        if depth > MAX_DEPTH {
            return None;
        }
        let sx = self.number()?;
        self.eat(b'x')?;
        let sy = self.number()?;
        self.eat(b',')?;
        let _xoff = self.number()?;
        self.eat(b',')?;
        let _yoff = self.number()?;
        // A pane id may follow; a comma before the next cell's "WxH" is not one.
        if self.peek() == Some(b',') {
            let saved = self.at;
            self.at += 1;
            while self.peek().is_some_and(|b| b.is_ascii_digit()) {
                self.at += 1;
            }
            if self.peek() == Some(b'x') {
                self.at = saved;
            }
        }
        // tmux would accept empty panes; they could not be drawn or typed in.
        if sx == 0 || sy == 0 {
            return None;
        }
        let axis = match self.peek() {
            None | Some(b',' | b'}' | b']') => {
                return Some(layout.push(Cell::leaf(parent, 0, sx, sy)));
            }
            Some(b'{') => Axis::LeftRight,
            Some(b'[') => Axis::TopBottom,
            Some(_) => return None,
        };
        let id = layout.push(Cell::split(parent, axis, sx, sy));
        let mut children = Vec::new();
        loop {
            self.at += 1;
            children.push(self.cell(layout, Some(id), depth + 1)?);
            if self.peek() != Some(b',') {
                break;
            }
        }
        let close = match axis {
            Axis::LeftRight => b'}',
            Axis::TopBottom => b']',
        };
        self.eat(close)?;
        layout.cells[id].kind = Kind::Split(axis, children);
        Some(id)
    }
}
