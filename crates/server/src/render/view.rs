//! A client's screen as the server last sent it, and the diff that makes the next frame.
//!
//! `target` is composed from the scene; rows touched since the last frame are compared
//! with `shown` (what the client has) and only differing cells become runs.

use std::collections::HashMap;

use rmux_proto::{self as proto, Attrs, Color, Cursor, Frame, Glyph, Run, Style, Underline};
use rmux_term::{self as term, Size};

use super::scene::{Line, Mark, PanePlacement, Scene};
use crate::ids::PaneId;

#[derive(Clone, Debug, PartialEq, Eq)]
struct VCell {
    ch: char,
    /// Combining marks after `ch`; rare, so boxed.
    extra: Option<Box<str>>,
    /// 1, 2, or 0 for the right half of a wide character.
    width: u8,
    style: Style,
    /// The hyperlink, as an id in the view's [`Links`]; 0 for none.
    link: u32,
}

const BLANK: VCell = VCell {
    ch: ' ',
    extra: None,
    width: 1,
    style: Style {
        fg: Color::Default,
        bg: Color::Default,
        underline_color: Color::Default,
        attrs: Attrs::empty(),
        underline: Underline::None,
    },
    link: 0,
};

/// Distinct hyperlinks a view remembers before it starts over (and redraws).
const MAX_LINKS: usize = 4096;

/// The hyperlinks of one client's screen, interned: panes number their links each in
/// its own way, a view needs one numbering for all of them.
#[derive(Debug, Default)]
struct Links {
    uris: Vec<Box<str>>,
    ids: HashMap<Box<str>, u32>,
}

impl Links {
    /// The id of `uri`, or `None` when the table is full.
    fn intern(&mut self, uri: &str) -> Option<u32> {
        if let Some(&id) = self.ids.get(uri) {
            return Some(id);
        }
        if self.uris.len() >= MAX_LINKS {
            return None;
        }
        self.uris.push(uri.into());
        let id = u32::try_from(self.uris.len()).ok()?;
        self.ids.insert(uri.into(), id);
        Some(id)
    }

    fn get(&self, id: u32) -> Option<&str> {
        let i = usize::try_from(id).ok()?.checked_sub(1)?;
        self.uris.get(i).map(|u| &**u)
    }
}

/// A composed cell, as tests see it.
#[cfg(test)]
#[derive(Debug)]
pub(crate) struct Composed<'a> {
    pub text: String,
    pub width: u8,
    pub style: Style,
    pub link: Option<&'a str>,
}

/// Where a pane was drawn and the stamps of its rows at the time.
#[derive(Clone, Debug, PartialEq, Eq)]
struct PaneRows {
    x: u16,
    y: u16,
    width: u16,
    skip: (u16, u16),
    scroll: usize,
    decoration: u64,
    stamps: Vec<u64>,
}

/// The server's picture of one client's screen.
#[derive(Debug, Default)]
pub struct View {
    size: Size,
    shown: Vec<VCell>,
    target: Vec<VCell>,
    dirty_rows: Vec<bool>,
    panes: HashMap<PaneId, PaneRows>,
    /// Rectangles and line rows of the last scene: when they move, everything is redone.
    structure: Vec<(u16, u16, u16, u16)>,
    cursor: Option<Cursor>,
    links: Links,
    next_id: u64,
    /// Frames sent and not yet acknowledged.
    pub in_flight: u32,
    /// A pane was busy during the last compose and still shows older text: compose
    /// again soon.
    pub incomplete: bool,
}

impl View {
    /// Forget what the client shows: the next frame redraws everything.
    pub fn invalidate(&mut self) {
        self.size = Size::default();
    }

    /// A pane's screen was replaced (respawn): its stamps mean nothing any more.
    pub fn forget_pane(&mut self, pane: PaneId) {
        self.panes.remove(&pane);
    }

    /// Frames are numbered from 1; the client acknowledges each.
    pub fn acknowledge(&mut self, frame: u64) {
        if frame <= self.next_id {
            self.in_flight = self.in_flight.saturating_sub(1);
        }
    }

    /// Bring the client up to date with `scene`; `None` when nothing changed.
    pub fn compose(&mut self, scene: &Scene) -> Option<Frame> {
        let reset = self.size != scene.size;
        if reset {
            self.resize(scene.size);
        }
        let structure = structure_of(scene);
        if structure != self.structure {
            self.structure = structure;
            self.target.fill(BLANK);
            self.dirty_rows.fill(true);
            self.panes.clear();
        }
        self.incomplete = false;
        // A pane that left the screen (another window, zoom) no longer owns its cells:
        // forget its stamps so it is redrawn in full when it comes back.
        self.panes
            .retain(|id, _| scene.panes.iter().any(|p| p.pane == *id));
        for placement in &scene.panes {
            if scene.only.is_some_and(|only| only != placement.pane) {
                self.incomplete = true;
                continue;
            }
            self.compose_pane(placement);
        }
        for mark in &scene.marks {
            self.put_mark(mark);
        }
        for line in &scene.lines {
            self.put_line(line);
        }
        if let Some(overlay) = &scene.overlay {
            // What is under it may have been redrawn this frame: the overlay is always
            // put back whole.
            if let Some(p) = &overlay.placement {
                self.panes.remove(&p.pane);
                self.compose_pane(p);
            }
            for mark in &overlay.marks {
                self.put_mark(mark);
            }
        }
        self.mend_wide_characters();
        let runs = self.diff();
        if runs.is_empty() && !reset && scene.cursor == self.cursor {
            return None;
        }
        self.cursor = scene.cursor;
        self.next_id += 1;
        self.in_flight += 1;
        Some(Frame {
            id: self.next_id,
            size: proto::Size {
                cols: self.size.cols,
                rows: self.size.rows,
            },
            reset,
            runs,
            cursor: scene.cursor,
        })
    }

    fn resize(&mut self, size: Size) {
        let n = usize::from(size.cols) * usize::from(size.rows);
        self.size = size;
        self.shown = vec![BLANK; n];
        self.target = vec![BLANK; n];
        self.dirty_rows = vec![true; usize::from(size.rows)];
        self.panes.clear();
        self.structure.clear();
        self.cursor = None;
        self.links = Links::default();
    }

    fn index(&self, x: u16, y: u16) -> Option<usize> {
        (x < self.size.cols && y < self.size.rows)
            .then(|| usize::from(y) * usize::from(self.size.cols) + usize::from(x))
    }

    fn compose_pane(&mut self, p: &PanePlacement) {
        let width = p.width.min(self.size.cols.saturating_sub(p.x));
        let height = p.height.min(self.size.rows.saturating_sub(p.y));
        let term = if p.must_wait {
            p.term.lock().ok()
        } else {
            match p.term.try_lock() {
                Ok(t) => Some(t),
                Err(std::sync::TryLockError::WouldBlock) => {
                    self.incomplete = true;
                    return;
                }
                Err(std::sync::TryLockError::Poisoned(_)) => None,
            }
        };
        let Some(term) = term else { return };
        let fresh = PaneRows {
            x: p.x,
            y: p.y,
            width,
            skip: (p.skip_x, p.skip_y),
            scroll: p.scroll,
            decoration: p.decoration,
            stamps: Vec::new(),
        };
        let mut rows = self.panes.remove(&p.pane).unwrap_or(PaneRows {
            stamps: Vec::new(),
            ..fresh
        });
        let placed = (
            rows.x,
            rows.y,
            rows.width,
            rows.skip,
            rows.scroll,
            rows.decoration,
        );
        if placed
            != (
                p.x,
                p.y,
                width,
                (p.skip_x, p.skip_y),
                p.scroll,
                p.decoration,
            )
        {
            rows = fresh;
        }
        rows.stamps.resize(usize::from(height), u64::MAX);
        let scroll = i64::try_from(p.scroll).unwrap_or(0);
        for dy in 0..height {
            let Some(row) = term.row(i64::from(dy) + i64::from(p.skip_y) - scroll) else {
                self.blank_span(p.x, p.y + dy, width);
                rows.stamps[usize::from(dy)] = u64::MAX;
                continue;
            };
            let stamp = row.stamp();
            if rows.stamps[usize::from(dy)] == stamp {
                continue;
            }
            rows.stamps[usize::from(dy)] = stamp;
            let y = p.y + dy;
            let Some(start) = self.index(p.x, y) else {
                continue;
            };
            self.dirty_rows[usize::from(y)] = true;
            for (dx, c) in (0..width).zip(row.cells().skip(usize::from(p.skip_x))) {
                let link = match c.link {
                    Some(uri) => self.links.intern(uri),
                    None => Some(0),
                };
                let Some(link) = link else {
                    // More links than a view keeps: start over with an empty table.
                    self.links = Links::default();
                    self.size = Size::default();
                    self.incomplete = true;
                    return;
                };
                let target = &mut self.target[start + usize::from(dx)];
                set_from_term(target, &c, link);
                // A wide character cut by the pane's right edge cannot be shown whole.
                if c.width == 2 && dx + 1 == width {
                    *target = VCell {
                        style: target.style,
                        ..BLANK
                    };
                }
            }
            for &(hy, from, to, style) in &p.highlights {
                if hy != dy + p.skip_y || to < p.skip_x {
                    continue;
                }
                let (from, to) = (from.saturating_sub(p.skip_x), to - p.skip_x);
                for dx in from..=to.min(width.saturating_sub(1)) {
                    self.target[start + usize::from(dx)].style = style;
                }
            }
        }
        self.panes.insert(p.pane, rows);
    }

    fn blank_span(&mut self, x: u16, y: u16, width: u16) {
        if let Some(start) = self.index(x, y) {
            let end = (start + usize::from(width)).min(self.target.len());
            self.target[start..end].fill(BLANK);
            self.dirty_rows[usize::from(y)] = true;
        }
    }

    fn put_mark(&mut self, m: &Mark) {
        if let Some(i) = self.index(m.x, m.y) {
            let cell = VCell {
                ch: m.ch,
                style: m.style,
                ..BLANK
            };
            if self.target[i] != cell {
                self.target[i] = cell;
                self.dirty_rows[usize::from(m.y)] = true;
            }
        }
    }

    fn put_line(&mut self, line: &Line) {
        let Some(start) = self.index(0, line.y) else {
            return;
        };
        let cols = usize::from(self.size.cols);
        let mut x = 0usize;
        let mut changed = false;
        let mut set = |i: usize, cell: VCell, target: &mut Vec<VCell>| {
            if target[i] != cell {
                target[i] = cell;
                changed = true;
            }
        };
        for &(ch, style) in &line.cells {
            if x >= cols {
                break;
            }
            let w =
                u8::try_from(unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0)).unwrap_or(1);
            if w == 0 {
                continue;
            }
            if w == 2 && x + 1 >= cols {
                break;
            }
            let cell = VCell {
                ch,
                width: w,
                style,
                ..BLANK
            };
            set(start + x, cell, &mut self.target);
            if w == 2 {
                set(
                    start + x + 1,
                    VCell {
                        width: 0,
                        style,
                        ..BLANK
                    },
                    &mut self.target,
                );
            }
            x += usize::from(w);
        }
        while x < cols {
            set(
                start + x,
                VCell {
                    style: line.fill,
                    ..BLANK
                },
                &mut self.target,
            );
            x += 1;
        }
        if changed {
            self.dirty_rows[usize::from(line.y)] = true;
        }
    }

    /// A wide character whose right half was drawn over (a border, a status line), or a
    /// right half left without its character, cannot be shown: a terminal would blank
    /// both halves. Make the composed screen say what the terminal will show, a blank.
    fn mend_wide_characters(&mut self) {
        let cols = usize::from(self.size.cols);
        for y in 0..usize::from(self.size.rows) {
            if !self.dirty_rows[y] {
                continue;
            }
            let row = &mut self.target[y * cols..(y + 1) * cols];
            for x in 0..cols {
                let whole = match row[x].width {
                    2 => row.get(x + 1).is_some_and(|next| next.width == 0),
                    0 => x > 0 && row[x - 1].width == 2,
                    _ => true,
                };
                if !whole {
                    row[x] = VCell {
                        style: row[x].style,
                        ..BLANK
                    };
                }
            }
        }
    }

    /// The cell composed for `(x, y)`, for tests that compare it with what a terminal
    /// shows.
    #[cfg(test)]
    pub(crate) fn composed(&self, x: u16, y: u16) -> Option<Composed<'_>> {
        let cell = &self.target[self.index(x, y)?];
        let mut text = cell.ch.to_string();
        text.push_str(cell.extra.as_deref().unwrap_or(""));
        Some(Composed {
            text,
            width: cell.width,
            style: cell.style,
            link: self.links.get(cell.link),
        })
    }

    /// Runs for every cell of a dirty row that differs from what the client shows.
    fn diff(&mut self) -> Vec<Run> {
        let cols = usize::from(self.size.cols);
        let mut runs = Vec::new();
        for y in 0..usize::from(self.size.rows) {
            if !std::mem::take(&mut self.dirty_rows[y]) {
                continue;
            }
            let row = y * cols..(y + 1) * cols;
            // The run being built, the column just after its last cell, and its link.
            let mut current: Option<(Run, u16, u32)> = None;
            for i in row {
                let (t, s) = (&self.target[i], &self.shown[i]);
                if t == s || t.width == 0 {
                    if t != s {
                        self.shown[i] = t.clone();
                    }
                    continue;
                }
                let x = u16::try_from(i % cols).unwrap_or(u16::MAX);
                let continues = current.as_ref().is_some_and(|(r, end, link)| {
                    r.style == t.style && *link == t.link && *end == x
                });
                if !continues && let Some((done, _, _)) = current.take() {
                    runs.push(done);
                }
                let links = &self.links;
                let (run, end, _) = current.get_or_insert_with(|| {
                    let run = Run {
                        x,
                        y: u16::try_from(y).unwrap_or(u16::MAX),
                        style: t.style,
                        text: String::new(),
                        glyphs: Vec::new(),
                        link: links.get(t.link).map(str::to_owned),
                    };
                    (run, x, t.link)
                });
                push_cell(run, t);
                *end = end.saturating_add(u16::from(t.width.max(1)));
                self.shown[i] = t.clone();
            }
            runs.extend(current.map(|(r, _, _)| r));
        }
        runs
    }
}

fn push_cell(run: &mut Run, cell: &VCell) {
    let simple = cell.width == 1 && cell.extra.is_none();
    if !simple && run.glyphs.is_empty() && !run.text.is_empty() {
        // Switch the run to explicit glyphs: every cell so far was one narrow char.
        run.glyphs = run
            .text
            .chars()
            .map(|c| Glyph {
                len: u8::try_from(c.len_utf8()).unwrap_or(4),
                width: 1,
            })
            .collect();
    }
    let before = run.text.len();
    run.text.push(cell.ch);
    if let Some(extra) = &cell.extra {
        run.text.push_str(extra);
    }
    if !simple || !run.glyphs.is_empty() {
        let len = u8::try_from(run.text.len() - before).unwrap_or(u8::MAX);
        run.glyphs.push(Glyph {
            len,
            width: cell.width.max(1),
        });
    }
}

fn set_from_term(target: &mut VCell, c: &term::CellView<'_>, link: u32) {
    target.ch = if c.width == 0 { ' ' } else { c.ch };
    target.width = c.width;
    target.style = c.style;
    target.link = link;
    if c.extra.is_empty() {
        target.extra = None;
    } else if target.extra.as_deref() != Some(c.extra) {
        target.extra = Some(c.extra.into());
    }
}

fn structure_of(scene: &Scene) -> Vec<(u16, u16, u16, u16)> {
    let mut s: Vec<_> = scene
        .panes
        .iter()
        .map(|p| (p.x, p.y, p.width, p.height))
        .collect();
    s.extend(scene.lines.iter().map(|l| (0, l.y, u16::MAX, 1)));
    s.extend(scene.marks.iter().map(|m| (m.x, m.y, 0, 0)));
    if let Some(o) = &scene.overlay {
        if let Some(p) = &o.placement {
            s.push((p.x, p.y, p.width, p.height));
        }
        s.extend(o.marks.iter().map(|m| (m.x, m.y, 0, 0)));
    }
    s
}
