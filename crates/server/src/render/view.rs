//! A client's screen as the server last sent it, and the diff that makes the next frame.
//!
//! `target` is composed from the scene; rows touched since the last frame are compared
//! with `shown` (what the client has) and only differing cells become runs.

use std::collections::HashMap;

use rmux_proto::{self as proto, Cursor, Frame, Glyph, Run, Style};
use rmux_term::Size;

use super::scene::{Line, Mark, PanePlacement, Scene};
use crate::ids::PaneId;

/// A composed cell in 8 bytes: a view keeps two screens of them for each client, so its
/// width shares a word with its character, and its style, link and combining marks are
/// ids in the view's tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct VCell {
    /// The character in the low 21 bits; above them its width: 1, 2, or 0 for the
    /// right half of a wide character.
    glyph: u32,
    /// The style, an id in the view's `styles` (0: the default style).
    style: u16,
    /// The hyperlink and the combining marks after the character together, an id in
    /// the view's `extras` (0: neither).
    extra: u16,
}

const CHAR_BITS: u32 = 21;

impl VCell {
    const fn new(ch: char, width: u8, style: u16, extra: u16) -> VCell {
        VCell {
            glyph: ch as u32 | (width as u32) << CHAR_BITS,
            style,
            extra,
        }
    }

    /// A blank in `style`.
    const fn blank(style: u16) -> VCell {
        VCell::new(' ', 1, style, 0)
    }

    fn ch(self) -> char {
        char::from_u32(self.glyph & ((1 << CHAR_BITS) - 1)).unwrap_or(' ')
    }

    fn width(self) -> u8 {
        u8::try_from(self.glyph >> CHAR_BITS).unwrap_or(1)
    }
}

const BLANK: VCell = VCell::blank(0);

/// Distinct hyperlinks a view remembers before it starts over (and redraws).
const MAX_LINKS: usize = 4096;
/// Distinct styles and combining marks a view numbers before it starts over.
const MAX_IDS: usize = u16::MAX as usize;

/// Values a view numbers once, from 0 (which `first` takes): panes number their links
/// each in its own way and a view needs one numbering for all of them, and a style or a
/// string in every cell would make cells several times larger.
#[derive(Debug)]
struct Table<K> {
    values: Vec<K>,
    ids: HashMap<K, u16>,
    limit: usize,
}

impl<K: Clone + Eq + std::hash::Hash> Table<K> {
    fn new(first: K, limit: usize) -> Table<K> {
        let mut ids = HashMap::new();
        ids.insert(first.clone(), 0);
        Table {
            values: vec![first],
            ids,
            limit,
        }
    }

    /// The id of `key` (made with `make` the first time), or `None` when the table is
    /// full.
    fn intern<Q>(&mut self, key: &Q, make: impl FnOnce() -> K) -> Option<u16>
    where
        K: std::borrow::Borrow<Q>,
        Q: Eq + std::hash::Hash + ?Sized,
    {
        if let Some(&id) = self.ids.get(key) {
            return Some(id);
        }
        if self.values.len() >= self.limit {
            return None;
        }
        let id = u16::try_from(self.values.len()).ok()?;
        let value = make();
        self.values.push(value.clone());
        self.ids.insert(value, id);
        Some(id)
    }

    fn get(&self, id: u16) -> Option<&K> {
        self.values.get(usize::from(id))
    }
}

/// The tables a view's cells point into.
#[derive(Debug)]
struct Tables {
    styles: Table<Style>,
    /// The style interned last: a row is mostly runs of one style.
    last_style: (Style, u16),
    links: Table<Box<str>>,
    marks: Table<Box<str>>,
    /// Pairs of ids in `links` and `marks`: what a cell's `extra` names.
    extras: Table<(u16, u16)>,
    /// A table ran out of ids this frame: the next frame starts over with empty tables.
    full: bool,
}

impl Default for Tables {
    fn default() -> Tables {
        Tables {
            styles: Table::new(Style::default(), MAX_IDS),
            last_style: (Style::default(), 0),
            links: Table::new(Box::from(""), MAX_LINKS),
            marks: Table::new(Box::from(""), MAX_IDS),
            extras: Table::new((0, 0), MAX_IDS),
            full: false,
        }
    }
}

impl Tables {
    fn style(&mut self, style: Style) -> u16 {
        if self.last_style.0 == style {
            return self.last_style.1;
        }
        let id = self.styles.intern(&style, || style).unwrap_or_else(|| {
            self.full = true;
            0
        });
        self.last_style = (style, id);
        id
    }

    /// The id of a cell's link and combining marks (0 for neither, most cells).
    fn extra(&mut self, uri: Option<&str>, marks: &str) -> u16 {
        let uri = uri.filter(|u| !u.is_empty());
        if uri.is_none() && marks.is_empty() {
            return 0;
        }
        let pair = (self.link(uri), self.marks(marks));
        self.extras.intern(&pair, || pair).unwrap_or_else(|| {
            self.full = true;
            0
        })
    }

    fn link(&mut self, uri: Option<&str>) -> u16 {
        let Some(uri) = uri else {
            return 0;
        };
        self.links.intern(uri, || uri.into()).unwrap_or_else(|| {
            self.full = true;
            0
        })
    }

    fn marks(&mut self, extra: &str) -> u16 {
        if extra.is_empty() {
            return 0;
        }
        self.marks
            .intern(extra, || extra.into())
            .unwrap_or_else(|| {
                self.full = true;
                0
            })
    }

    fn style_of(&self, cell: &VCell) -> Style {
        self.styles.get(cell.style).copied().unwrap_or_default()
    }

    /// The id in `links` of the cell's link (0 for none).
    fn link_id(&self, cell: &VCell) -> u16 {
        self.extras.get(cell.extra).map_or(0, |&(link, _)| link)
    }

    fn link_of(&self, cell: &VCell) -> Option<&str> {
        let id = self.link_id(cell);
        (id != 0)
            .then(|| self.links.get(id).map(|u| &**u))
            .flatten()
    }

    fn marks_of(&self, cell: &VCell) -> &str {
        self.extras
            .get(cell.extra)
            .and_then(|&(_, marks)| self.marks.get(marks))
            .map_or("", |m| &**m)
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

/// A line as put on a row: its fill and its cells.
type PutLine = (Style, Vec<(char, Style)>);

/// The server's picture of one client's screen.
#[derive(Debug, Default)]
pub struct View {
    size: Size,
    shown: Vec<VCell>,
    target: Vec<VCell>,
    dirty_rows: Vec<bool>,
    /// The line (fill, cells) last put on each row, while nothing else has drawn on the
    /// row since: the same line again (a status line between clock ticks, at every
    /// echo) is known to be there already.
    lines: Vec<Option<PutLine>>,
    panes: HashMap<PaneId, PaneRows>,
    /// Rectangles and line rows of the last scene: when they move, everything is redone.
    structure: Vec<(u16, u16, u16, u16)>,
    cursor: Option<Cursor>,
    tables: Tables,
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
        if std::mem::take(&mut self.tables.full) {
            // Start over: cells of the old numbering must not meet cells of the new.
            self.size = Size::default();
        }
        let reset = self.size != scene.size;
        if reset {
            self.resize(scene.size);
        }
        let structure = structure_of(scene);
        if structure != self.structure {
            self.structure = structure;
            self.target.fill(BLANK);
            self.dirty_rows.fill(true);
            self.lines.fill(None);
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
        self.lines = vec![None; usize::from(size.rows)];
        self.panes.clear();
        self.structure.clear();
        self.cursor = None;
        self.tables = Tables::default();
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
            self.touch(y);
            // Stored cells one by one, the blank tail (most of a short line) at once.
            let mut stored = 0;
            for (dx, c) in (0..width).zip(row.stored_cells().skip(usize::from(p.skip_x))) {
                stored = dx + 1;
                let cell = VCell::new(
                    if c.width == 0 { ' ' } else { c.ch },
                    c.width,
                    self.tables.style(c.style),
                    self.tables.extra(c.link, c.extra),
                );
                // A wide character cut by the pane's right edge cannot be shown whole.
                self.target[start + usize::from(dx)] = if c.width == 2 && dx + 1 == width {
                    VCell::blank(cell.style)
                } else {
                    cell
                };
            }
            self.target[start + usize::from(stored)..start + usize::from(width)].fill(BLANK);
            for &(hy, from, to, style) in &p.highlights {
                if hy != dy + p.skip_y || to < p.skip_x {
                    continue;
                }
                let style = self.tables.style(style);
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
            self.touch(y);
        }
    }

    fn put_mark(&mut self, m: &Mark) {
        if let Some(i) = self.index(m.x, m.y) {
            let cell = VCell::new(m.ch, 1, self.tables.style(m.style), 0);
            if self.target[i] != cell {
                self.target[i] = cell;
                self.touch(m.y);
            }
        }
    }

    /// Something other than [`Self::put_line`] drew on row `y`.
    fn touch(&mut self, y: u16) {
        let y = usize::from(y);
        if let Some(dirty) = self.dirty_rows.get_mut(y) {
            *dirty = true;
        }
        if let Some(line) = self.lines.get_mut(y) {
            *line = None;
        }
    }

    fn put_line(&mut self, line: &Line) {
        let Some(start) = self.index(0, line.y) else {
            return;
        };
        let row = usize::from(line.y);
        let unchanged = |(fill, cells): &PutLine| *fill == line.fill && *cells == line.cells;
        if !self.dirty_rows[row] && self.lines[row].as_ref().is_some_and(unchanged) {
            return;
        }
        match &mut self.lines[row] {
            Some((fill, cells)) => {
                *fill = line.fill;
                cells.clone_from(&line.cells);
            }
            slot => *slot = Some((line.fill, line.cells.clone())),
        }
        let cols = usize::from(self.size.cols);
        let mut x = 0usize;
        let mut changed = false;
        let mut set = |i: usize, cell: VCell, target: &mut Vec<VCell>| {
            if target[i] != cell {
                target[i] = cell;
                changed = true;
            }
        };
        let fill = self.tables.style(line.fill);
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
            let style = self.tables.style(style);
            set(start + x, VCell::new(ch, w, style, 0), &mut self.target);
            if w == 2 {
                set(
                    start + x + 1,
                    VCell::new(' ', 0, style, 0),
                    &mut self.target,
                );
            }
            x += usize::from(w);
        }
        while x < cols {
            set(start + x, VCell::blank(fill), &mut self.target);
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
                let whole = match row[x].width() {
                    2 => row.get(x + 1).is_some_and(|next| next.width() == 0),
                    0 => x > 0 && row[x - 1].width() == 2,
                    _ => true,
                };
                if !whole {
                    row[x] = VCell::blank(row[x].style);
                }
            }
        }
    }

    /// The cell composed for `(x, y)`, for tests that compare it with what a terminal
    /// shows.
    #[cfg(test)]
    pub(crate) fn composed(&self, x: u16, y: u16) -> Option<Composed<'_>> {
        let cell = &self.target[self.index(x, y)?];
        let mut text = cell.ch().to_string();
        text.push_str(self.tables.marks_of(cell));
        Some(Composed {
            text,
            width: cell.width(),
            style: self.tables.style_of(cell),
            link: self.tables.link_of(cell),
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
            // The run being built, the column just after its last cell, and its style
            // and link ids.
            let mut current: Option<(Run, u16, u16, u16)> = None;
            for i in row {
                let (t, s) = (self.target[i], self.shown[i]);
                if t == s || t.width() == 0 {
                    self.shown[i] = t;
                    continue;
                }
                let x = u16::try_from(i % cols).unwrap_or(u16::MAX);
                let link = self.tables.link_id(&t);
                let continues = current
                    .as_ref()
                    .is_some_and(|(_, end, style, l)| *style == t.style && *l == link && *end == x);
                if !continues && let Some((done, ..)) = current.take() {
                    runs.push(done);
                }
                let tables = &self.tables;
                let (run, end, ..) = current.get_or_insert_with(|| {
                    let run = Run {
                        x,
                        y: u16::try_from(y).unwrap_or(u16::MAX),
                        style: tables.style_of(&t),
                        text: String::new(),
                        glyphs: Vec::new(),
                        link: tables.link_of(&t).map(str::to_owned),
                    };
                    (run, x, t.style, link)
                });
                push_cell(run, &t, tables.marks_of(&t));
                *end = end.saturating_add(u16::from(t.width().max(1)));
                self.shown[i] = t;
            }
            runs.extend(current.map(|(r, ..)| r));
        }
        runs
    }
}

fn push_cell(run: &mut Run, cell: &VCell, extra: &str) {
    let simple = cell.width() == 1 && extra.is_empty();
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
    run.text.push(cell.ch());
    run.text.push_str(extra);
    if !simple || !run.glyphs.is_empty() {
        let len = u8::try_from(run.text.len() - before).unwrap_or(u8::MAX);
        run.glyphs.push(Glyph {
            len,
            width: cell.width().max(1),
        });
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

#[cfg(test)]
mod size_tests {
    use super::VCell;

    /// Each client keeps two screens of these: 200x50 is 80 KB a screen at this size.
    #[test]
    fn a_composed_cell_is_eight_bytes() {
        assert_eq!(std::mem::size_of::<VCell>(), 8);
    }

    #[test]
    fn a_cell_keeps_its_character_and_width() {
        for (ch, width) in [(' ', 1), ('a', 1), ('世', 2), (' ', 0), ('\u{10FFFF}', 1)] {
            let cell = VCell::new(ch, width, 7, 9);
            assert_eq!(
                (cell.ch(), cell.width(), cell.style, cell.extra),
                (ch, width, 7, 9)
            );
        }
    }
}
