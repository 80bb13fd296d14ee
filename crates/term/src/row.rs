//! A row of the visible grid: its cells, its side table, whether it
//! soft-wraps, its change stamp, and a [`Trace`] of how it was written.
//!
//! A row stores cells only as far as it has been written: every cell past
//! the stored ones, up to the row's width, is [`Cell::BLANK`]. A row that
//! was never written allocates nothing, erasing its blank tail costs
//! nothing, and a whole-row erase forgets the cells but keeps their memory
//! for the next line written there (scrolling reuses rows).

use crate::cell::{ACS, Cell, Extras, SPACER, UNDERLINE_MASK, WIDE};
use crate::text::{next_glyph, printable_prefix};

#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Row {
    /// The stored cells are `cells[..len]`; past them, up to `width`, the
    /// row is blank. What lies in `cells[len..]` means nothing: it is room
    /// for the row to grow into without reallocating or even setting the
    /// vector's length on the hot path, and is overwritten (or blanked)
    /// whenever `len` moves over it. Private so that every change goes
    /// through [`Row::cell_mut`] (which forgets the trace) or a method that
    /// keeps the trace true.
    cells: Vec<Cell>,
    /// Number of stored cells: at most `cells.len()`, which is at most
    /// `width`.
    len: u16,
    /// The grid width.
    width: u16,
    trace: Trace,
    pub extras: Extras,
    /// A new, never reused value after every change (see `RowView::stamp`).
    pub stamp: u64,
    /// tmux's "cellused": one past the rightmost cell written since the row
    /// was last erased whole. Capture prints cells up to here.
    pub used: u16,
    /// The text continues on the next row (autowrap happened here).
    pub wrapped: bool,
}

/// The fewest cells a row makes room for when it first grows (a prompt, a
/// short line), so that typing does not reallocate at every key.
const MIN_CELLS: usize = 16;

impl Row {
    /// A blank row `cols` wide; allocates nothing.
    pub(crate) fn new(cols: u16, stamp: u64) -> Row {
        Row {
            cells: Vec::new(),
            len: 0,
            width: cols,
            trace: Trace::blank(),
            extras: Extras::default(),
            stamp,
            used: 0,
            wrapped: false,
        }
    }

    pub(crate) fn width(&self) -> u16 {
        self.width
    }

    /// The stored cells (see the type's description): cell `x` of the row
    /// is `cells()[x]`, or [`Cell::BLANK`] past them.
    #[inline]
    pub(crate) fn cells(&self) -> &[Cell] {
        self.cells.get(..usize::from(self.len)).unwrap_or_default()
    }

    /// The stored cells, to change (callers keep the trace true).
    #[inline]
    fn stored_mut(&mut self) -> &mut [Cell] {
        self.cells
            .get_mut(..usize::from(self.len))
            .unwrap_or_default()
    }

    /// Cell `x` (blank past the stored cells); `None` past the width.
    pub(crate) fn cell(&self, x: usize) -> Option<Cell> {
        match self.cells().get(x) {
            Some(c) => Some(*c),
            None => (x < usize::from(self.width)).then_some(Cell::BLANK),
        }
    }

    /// Cell `x`, to change at will (stored from now on): the trace is
    /// forgotten. `None` past the width.
    pub(crate) fn cell_mut(&mut self, x: usize) -> Option<&mut Cell> {
        self.trace.forget();
        self.store_to(x + 1);
        self.stored_mut().get_mut(x)
    }

    /// Stores cells up to `end` (clamped to the width), the new ones
    /// blank. Changes nothing the row shows, nor its trace.
    fn store_to(&mut self, end: usize) {
        let end = end.min(usize::from(self.width));
        let len = usize::from(self.len);
        if end > len
            && let Some(s) = self.open(len, end)
        {
            s.fill(Cell::BLANK);
        }
    }

    /// Cells `x..end` (`x <= end`) are about to be written, every one of
    /// them: they are stored from now on (any blanks skipped between the
    /// stored cells and `x` too), and returned to be written. `None`, and
    /// nothing changes, when `end` is past the width.
    #[inline]
    fn open(&mut self, x: usize, end: usize) -> Option<&mut [Cell]> {
        if end > self.cells.len() {
            if end > usize::from(self.width) {
                return None;
            }
            self.grow(end);
        }
        let len = usize::from(self.len);
        if x > len {
            self.blank(len, x);
        }
        // `end` is at most the width, a `u16`.
        self.len = self.len.max(end as u16);
        self.cells.get_mut(x..end)
    }

    /// Blanks `cells[from..to]` (skipped blanks about to be stored).
    #[cold]
    #[inline(never)]
    fn blank(&mut self, from: usize, to: usize) {
        if let Some(s) = self.cells.get_mut(from..to) {
            s.fill(Cell::BLANK);
        }
    }

    /// Room for `end` cells: at least twice what there was, never more
    /// than the width (a full row costs exactly its cells). The room is
    /// filled with blanks at once, so that writing into it later only
    /// moves `len`.
    #[cold]
    #[inline(never)]
    fn grow(&mut self, end: usize) {
        let want = (self.cells.capacity() * 2)
            .max(MIN_CELLS)
            .min(usize::from(self.width))
            .max(end);
        if want > self.cells.capacity() {
            self.cells.reserve_exact(want - self.cells.len());
        }
        let room = self.cells.capacity().min(usize::from(self.width));
        self.cells.resize(room.max(end), Cell::BLANK);
    }

    /// What is known of how the row was written, if anything.
    pub(crate) fn trace(&self) -> Option<&Trace> {
        self.trace.end.is_some().then_some(&self.trace)
    }

    /// Writes printable ASCII `bytes` at `x` (clamped to the row), each
    /// cell otherwise a copy of `look`.
    #[inline]
    pub(crate) fn write_ascii(&mut self, x: usize, bytes: &[u8], look: Cell) {
        let n = usize::from(self.width).saturating_sub(x).min(bytes.len());
        if n == 0 {
            return;
        }
        let Some(dst) = self.open(x, x + n) else {
            return;
        };
        let bytes = bytes.get(..n).unwrap_or_default();
        // Whole cells first, then the characters: two simple loops the
        // compiler turns into a few wide stores per cell.
        dst.fill(look);
        for (d, &b) in dst.iter_mut().zip(bytes) {
            d.ch = char::from(b);
        }
        self.trace.note(x, n, &look, n, true);
    }

    /// Writes one cell at `x`.
    #[inline]
    pub(crate) fn write_cell(&mut self, x: usize, cell: Cell) {
        if let Some([d]) = self.open(x, x + 1) {
            *d = cell;
            let ascii = cell.ch.is_ascii() && cell.flags & (WIDE | SPACER) == 0;
            self.trace.note(x, 1, &cell, cell.ch.len_utf8(), ascii);
        }
    }

    /// Writes a two-column character at `x`: `left` (marked wide) and
    /// `right` (its spacer).
    #[inline]
    pub(crate) fn write_wide(&mut self, x: usize, left: Cell, right: Cell) {
        if let Some([l, r]) = self.open(x, x.saturating_add(2)) {
            *l = left;
            *r = right;
            // The packed text has the character, then a NUL for the spacer.
            self.trace.note(x, 2, &left, left.ch.len_utf8() + 1, false);
        } else {
            self.trace.forget();
        }
    }

    /// Writes printable ASCII `src` from column `x` on (it must fit),
    /// each cell looking like `look` but for its character.
    #[inline]
    pub(crate) fn put_ascii(&mut self, x: usize, src: &[u8], look: &Cell) {
        let end = x + src.len();
        self.break_left_edge(x);
        let Some(dst) = self.open(x, end) else {
            // Callers keep runs inside the row; should one not fit, it is
            // dropped and the trace, which would claim it, forgotten.
            self.trace.forget();
            return;
        };
        fill_ascii(dst, src, look);
        self.break_right_edge(end);
        self.trace.note(x, src.len(), look, src.len(), true);
        self.used = self.used.max(end as u16);
    }

    /// Writes the ordinary text at the start of `bytes` (see
    /// [`next_glyph`]) from column `x` on, each cell looking like `look`
    /// but for its character, until anything else or a character that does
    /// not fit. Returns the bytes used and the column after the last
    /// character.
    pub(crate) fn put_text(&mut self, x: usize, bytes: &[u8], look: &Cell) -> (usize, usize) {
        let width = usize::from(self.width);
        self.break_left_edge(x);
        let (mut col, mut i, mut text, mut ascii) = (x, 0, 0, true);
        let wide = Cell {
            flags: look.flags | WIDE,
            ..*look
        };
        let spacer = Cell {
            ch: ' ',
            flags: look.flags | SPACER,
            ..*look
        };
        // Written straight into the room past the stored cells (see the
        // type's description), which become stored at the end.
        while let Some(&b) = bytes.get(i)
            && col < width
        {
            if (0x20..=0x7e).contains(&b) {
                let rest = bytes.get(i..).unwrap_or_default();
                let n = printable_prefix(rest).min(width - col);
                if col + n > self.cells.len() {
                    self.grow(col + n);
                }
                if let (Some(dst), Some(src)) = (self.cells.get_mut(col..col + n), rest.get(..n)) {
                    fill_ascii(dst, src, look);
                }
                col += n;
                i += n;
                text += n;
                continue;
            }
            let Some((c, len, w)) = next_glyph(bytes.get(i..).unwrap_or_default()) else {
                break;
            };
            if col + w > width {
                break;
            }
            if col + w > self.cells.len() {
                self.grow(col + w);
            }
            if w == 2 {
                let Some([l, r]) = self.cells.get_mut(col..col + 2) else {
                    break;
                };
                *l = Cell { ch: c, ..wide };
                *r = spacer;
                // The packed text has the character, then a NUL for the
                // spacer.
                text += len + 1;
                ascii = false;
            } else {
                let Some(d) = self.cells.get_mut(col) else {
                    break;
                };
                *d = Cell { ch: c, ..*look };
                text += len;
                ascii &= c.is_ascii();
            }
            col += w;
            i += len;
        }
        if col > x {
            let stored = usize::from(self.len);
            if x > stored {
                self.blank(stored, x);
            }
            // `col` is at most the width, a `u16`.
            self.len = self.len.max(col as u16);
            self.break_right_edge(col);
            self.trace.note(x, col - x, look, text, ascii);
            self.used = self.used.max(col as u16);
        }
        (i, col)
    }

    /// Erases the whole row to `blank`.
    pub(crate) fn reset(&mut self, blank: Cell, stamp: u64) {
        // The memory stays for the next line written here.
        self.len = 0;
        if blank != Cell::BLANK
            && let Some(cells) = self.open(0, usize::from(self.width))
        {
            fill_cells(cells, &blank);
        }
        self.trace.restart(blank);
        self.extras.clear();
        self.wrapped = false;
        // Like tmux's cellused: whole-row erases forget what was written,
        // whatever the background; a fill with a character (DECALN) counts.
        self.used = if blank.ch == ' ' { 0 } else { self.width };
        self.stamp = stamp;
    }

    /// Before cells `from..to` are overwritten: a wide character cut in half
    /// by either edge loses its other half too (as tmux does).
    pub(crate) fn break_wide_edges(&mut self, from: usize, to: usize) {
        self.break_left_edge(from);
        self.break_right_edge(to);
    }

    /// Cell `from` is about to be overwritten: if it is the right half of
    /// a wide character, the left half goes.
    #[inline]
    fn break_left_edge(&mut self, from: usize) {
        if from < usize::from(self.len)
            && from > 0
            && self.cells.get(from).is_some_and(Cell::is_spacer)
            && let Some(left) = self.cells.get_mut(from - 1)
        {
            *left = Cell::BLANK;
            self.trace.forget();
        }
    }

    /// Cell `to - 1` is about to be (or was just) overwritten: if cell
    /// `to` is the right half of a wide character, it goes.
    #[inline]
    fn break_right_edge(&mut self, to: usize) {
        if to < usize::from(self.len)
            && let Some(c) = self.cells.get_mut(to)
            && c.is_spacer()
        {
            *c = Cell::BLANK;
            self.trace.forget();
        }
    }

    /// Sets cells `from..to` (clamped) to `blank`.
    pub(crate) fn erase(&mut self, from: usize, to: usize, blank: Cell) {
        let width = usize::from(self.width);
        let to = to.min(width);
        if from >= to {
            return;
        }
        self.break_wide_edges(from, to);
        if blank != Cell::BLANK || self.trace.end.is_none_or(|end| usize::from(end) > from) {
            // Erasing the untouched blank tail changes nothing the trace
            // says; anything else, it cannot follow.
            self.trace.forget();
        }
        if blank == Cell::BLANK && to >= usize::from(self.len) {
            // Blanks to the end of what is stored: stored no more.
            self.len = self.len.min(from as u16);
        } else {
            self.store_to(to);
            if let Some(s) = self.stored_mut().get_mut(from..to) {
                s.fill(blank);
            }
        }
        // tmux forgets what was written only when the whole row is erased;
        // partial erases keep `used` as it was.
        if from == 0 && to >= width {
            self.used = 0;
        }
    }

    /// Inserts `n` blanks at `x`, pushing cells right; those pushed past the
    /// end are lost.
    pub(crate) fn insert_cells(&mut self, x: usize, n: usize, blank: Cell) {
        let width = usize::from(self.width);
        if x >= width || n == 0 {
            return;
        }
        let n = n.min(width - x);
        self.trace.forget();
        self.break_wide_edges(x, x);
        // Only the stored cells and the `n` that come in move: with the
        // default blank, nothing changes past them.
        if blank != Cell::BLANK {
            self.store_to(width);
        } else if x < usize::from(self.len) {
            self.store_to(usize::from(self.len) + n);
        }
        // From here the stored cells stand for the row: what is pushed
        // past them is blank or falls off the row's end.
        let cells = self.stored_mut();
        let end = cells.len();
        if x < end {
            // The cell that ends up last may be the left half of a wide
            // char whose right half falls off.
            if cells.get(end - n).is_some_and(Cell::is_spacer)
                && end - n > x
                && let Some(left) = cells.get_mut(end - n - 1)
            {
                *left = Cell::BLANK;
            }
            if let Some(s) = cells.get_mut(x..) {
                s.rotate_right(n);
            }
            if let Some(s) = cells.get_mut(x..x + n) {
                s.fill(blank);
            }
        }
        // tmux's cell moves extend the row to its full width.
        self.used = self.width;
    }

    /// Deletes `n` cells at `x`, pulling the rest left and filling the end
    /// with blanks.
    pub(crate) fn delete_cells(&mut self, x: usize, n: usize, blank: Cell) {
        let width = usize::from(self.width);
        if x >= width || n == 0 {
            return;
        }
        let n = n.min(width - x);
        self.trace.forget();
        self.break_wide_edges(x, x + n);
        if blank == Cell::BLANK {
            // The blanks that come in at the end are not stored.
            let len = usize::from(self.len);
            if x < len {
                let gone = n.min(len - x);
                if let Some(s) = self.stored_mut().get_mut(x..) {
                    s.rotate_left(gone);
                }
                self.len -= gone as u16;
            }
        } else {
            self.store_to(width);
            let cells = self.stored_mut();
            if let Some(s) = cells.get_mut(x..) {
                s.rotate_left(n);
            }
            if let Some(s) = cells.get_mut(width - n..) {
                s.fill(blank);
            }
        }
        self.used = self.width;
    }

    /// Changes the width: cells past it are dropped, new ones are blank.
    pub(crate) fn set_width(&mut self, cols: u16) {
        let new = usize::from(cols);
        self.trace.forget();
        if new < usize::from(self.len) {
            // Don't leave half a wide character at the new edge.
            if self.cells().get(new).is_some_and(Cell::is_spacer)
                && new > 0
                && let Some(left) = self.stored_mut().get_mut(new - 1)
            {
                *left = Cell::BLANK;
            }
            self.len = cols;
        }
        if self.cells.capacity() > new {
            self.cells.truncate(new);
            self.cells.shrink_to(new);
        }
        self.width = cols;
        self.used = self.used.min(cols);
    }

    /// Garbage-collects the side table when overwritten entries pile up.
    pub(crate) fn maybe_compact_extras(&mut self) {
        if self.extras.len() > usize::from(self.width) * 2 + 16 {
            self.trace.forget();
            let len = usize::from(self.len);
            if let Some(cells) = self.cells.get_mut(..len) {
                self.extras.compact(cells);
            }
        }
    }

    /// True when nothing is drawn on the row.
    pub(crate) fn is_blank(&self) -> bool {
        self.cells().iter().all(Cell::is_blank)
    }

    /// Number of cells up to and including the last one that is not a
    /// default blank.
    pub(crate) fn content_len(&self) -> usize {
        self.cells()
            .iter()
            .rposition(|c| !c.is_blank())
            .map_or(0, |i| i + 1)
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.cells.capacity() * std::mem::size_of::<Cell>()
            + self.trace.runs.capacity() * std::mem::size_of::<(u16, Cell)>()
            + self.extras.heap_bytes()
    }

    /// Checks the stored cells against the width and the trace against
    /// them (for `check_invariants`).
    pub(crate) fn check(&self) -> Result<(), String> {
        let width = usize::from(self.width);
        if usize::from(self.len) > self.cells.len() || self.cells.len() > width {
            return Err(format!(
                "{} cells stored, {} in use, in a row {width} wide",
                self.len,
                self.cells.len(),
            ));
        }
        if self.cells.capacity() > width.max(MIN_CELLS) {
            return Err(format!(
                "room for {} cells in a row {width} wide",
                self.cells.capacity(),
            ));
        }
        self.trace.check(self.cells())
    }
}

/// Sets every cell of `dst` to `cell`. Out of line and by reference, so
/// the compiler copies the cell as one 16-byte value rather than field by
/// field.
#[inline(never)]
fn fill_cells(dst: &mut [Cell], cell: &Cell) {
    dst.fill(*cell);
}

/// Sets `dst` to `look` with the characters of `bytes` (as long as `dst`).
/// Out of line and by reference, so the compiler copies `look` as one
/// 16-byte value rather than field by field.
#[inline(never)]
fn fill_ascii(dst: &mut [Cell], bytes: &[u8], look: &Cell) {
    for (d, &b) in dst.iter_mut().zip(bytes) {
        *d = *look;
        d.ch = char::from(b);
    }
}

/// How a row was written, kept up to date while that is cheap, so that the
/// history can pack the row without comparing the look of every cell (it
/// is the common case: a program prints a line left to right and it
/// scrolls away).
///
/// When `end` is `Some(e)`: cells from `e` on are [`Cell::BLANK`]; cells
/// before it have no side-table entries; `text` is the length of their
/// packed text (UTF-8, a NUL for each spacer); `ascii` says they are all
/// ASCII and none is wide; and each of them looks like the last run in
/// `runs` starting at or before it (like [`Cell::BLANK`] before the
/// first). Runs start at increasing columns and differ in look from the
/// one before them. Any change the trace cannot follow sets `end` to
/// `None`, until the next whole-row erase. `Screen::check_invariants`
/// checks all of this.
#[derive(Clone, Debug, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Trace {
    end: Option<u16>,
    text: usize,
    ascii: bool,
    /// Where the look changes, and a cell with the new look (its character
    /// means nothing).
    runs: Vec<(u16, Cell)>,
}

impl Trace {
    /// More runs than this and the trace gives up (the history then looks
    /// at each cell, as it would for any row).
    const MAX_RUNS: usize = 32;

    fn blank() -> Trace {
        Trace {
            end: Some(0),
            text: 0,
            ascii: true,
            runs: Vec::new(),
        }
    }

    fn forget(&mut self) {
        self.end = None;
    }

    /// The row was erased whole to `blank`.
    fn restart(&mut self, blank: Cell) {
        self.runs.clear();
        self.text = 0;
        self.ascii = true;
        self.end = (blank == Cell::BLANK).then_some(0);
    }

    /// Cells `x..x + n` were just written, all looking like `cell` and
    /// without side-table entries; their packed text is `text` bytes long,
    /// and `ascii` if they are all ASCII and none is wide.
    #[inline]
    fn note(&mut self, x: usize, n: usize, cell: &Cell, text: usize, ascii: bool) {
        let Some(end) = self.end else {
            return;
        };
        let end = usize::from(end);
        if x != end || cell.extra != 0 {
            self.note_apart(x, cell);
        }
        if self.end.is_none() {
            return;
        }
        // Right after what was written before (the usual case).
        let current = self.runs.last().map_or(&Cell::BLANK, |(_, c)| c);
        if !same_look(current, cell) {
            if self.runs.len() >= Trace::MAX_RUNS {
                self.forget();
                return;
            }
            self.runs.push((x as u16, *cell));
        }
        self.text += text;
        self.ascii &= ascii;
        // `x + n` is at most the row width, a `u16`.
        self.end = Some((x + n) as u16);
    }

    /// [`Trace::note`] for a write that does not continue at `end`:
    /// skipped blanks are accounted for, anything else is forgotten.
    #[cold]
    fn note_apart(&mut self, x: usize, cell: &Cell) {
        let end = self.end();
        if x < end || cell.extra != 0 {
            // Overwriting: the looks before and after would need splitting.
            self.forget();
            return;
        }
        // The cursor skipped blanks (tab, cursor motion).
        self.look_from(end, &Cell::BLANK);
        self.text += x - end;
        self.end = Some(x as u16);
    }

    /// Cells from `x` on look like `cell`.
    fn look_from(&mut self, x: usize, cell: &Cell) {
        let current = self.runs.last().map_or(&Cell::BLANK, |(_, c)| c);
        if !same_look(current, cell) {
            self.runs.push((x as u16, *cell));
        }
    }

    /// See the type's description.
    pub(crate) fn end(&self) -> usize {
        self.end.map_or(0, usize::from)
    }

    /// Bytes of packed text of the cells before `end()`.
    pub(crate) fn text(&self) -> usize {
        self.text
    }

    /// The cells before `end()` are ASCII, none wide.
    pub(crate) fn ascii(&self) -> bool {
        self.ascii
    }

    pub(crate) fn runs(&self) -> &[(u16, Cell)] {
        &self.runs
    }

    /// Checks the claims above against the cells.
    fn check(&self, cells: &[Cell]) -> Result<(), String> {
        let Some(end) = self.end else {
            return Ok(());
        };
        let end = usize::from(end);
        if end > cells.len() {
            return Err(format!("trace: ends at {end}, past the stored cells"));
        }
        if cells.iter().skip(end).any(|c| *c != Cell::BLANK) {
            return Err(format!("trace: a cell past {end} is not blank"));
        }
        if self.runs.windows(2).any(|w| match w {
            [a, b] => a.0 >= b.0 || same_look(&a.1, &b.1),
            _ => false,
        }) {
            return Err("trace: runs out of order or repeated".into());
        }
        let written = cells.get(..end).unwrap_or(&[]);
        let text: usize = written
            .iter()
            .map(|c| if c.is_spacer() { 1 } else { c.ch.len_utf8() })
            .sum();
        if text != self.text {
            return Err(format!("trace: text is {text} bytes, not {}", self.text));
        }
        let ascii = written
            .iter()
            .all(|c| c.ch.is_ascii() && c.flags & (WIDE | SPACER) == 0);
        if self.ascii && !ascii {
            return Err("trace: not ASCII".into());
        }
        let mut look = &Cell::BLANK;
        let mut runs = self.runs.iter().peekable();
        for (x, c) in written.iter().enumerate() {
            while let Some((_, cell)) = runs.next_if(|(start, _)| usize::from(*start) <= x) {
                look = cell;
            }
            if c.extra != 0 {
                return Err(format!("trace: cell {x} has a side-table entry"));
            }
            if !same_look(c, look) {
                return Err(format!("trace: cell {x} does not look as its run says"));
            }
        }
        Ok(())
    }
}

/// Same colours, attributes, underline and character set.
pub(crate) fn same_look(a: &Cell, b: &Cell) -> bool {
    a.fg == b.fg
        && a.bg == b.bg
        && a.attrs == b.attrs
        && a.flags & (UNDERLINE_MASK | ACS) == b.flags & (UNDERLINE_MASK | ACS)
}
