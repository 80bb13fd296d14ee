//! Scrollback: rows that scrolled off the top of the main screen, packed
//! into large shared chunks (no allocation per line).
//!
//! A packed line is a header, the row's text as UTF-8 (one `char` per cell,
//! `'\0'` for the right half of a wide character), then style runs and
//! side-table entries only where the row has them. Trailing default blanks
//! are not stored, so a 100-character plain line costs its 13-byte header,
//! 100 bytes of text and a 12-byte index entry, whatever the pane width.

use std::collections::VecDeque;

use crate::cell::{ACS, Cell, Extra, SPACER, UNDERLINE_MASK, WIDE};
use crate::row::Row;
use crate::style::PackedColor;

const HEADER: usize = 13;
const RUN: usize = 12;
const FLAG_WRAPPED: u8 = 1;
/// Text is ASCII with no wide characters: cell x is byte x.
const FLAG_SIMPLE: u8 = 2;

/// Stamps of history lines have the top bit set so they never equal a
/// visible row's stamp.
pub(crate) const HISTORY_STAMP: u64 = 1 << 63;

/// A packed row, borrowed. Layout: `text_len: u32, cells: u16, used: u16,
/// runs: u16, extras: u16, flags: u8`, the text, `runs` style runs of 12
/// bytes (`col: u16, fg: 4, bg: 4, attrs: u8, flags: u8`), then the extras
/// (`col: u16, underline colour: 4, link: u32, tail_len: u16, tail`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Line<'a>(&'a [u8]);

/// A packed row, owned (moved around while reflowing).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct CompactLine(Box<[u8]>);

impl CompactLine {
    pub(crate) fn encode(row: &Row) -> CompactLine {
        let shape = Shape::of(row);
        let mut out = Vec::with_capacity(shape.bytes() + TEXT_SLACK);
        encode_into(row, &shape, &mut out);
        CompactLine(out.into_boxed_slice())
    }

    pub(crate) fn view(&self) -> Line<'_> {
        Line(&self.0)
    }
}

/// What a row needs once packed, found in one pass.
struct Shape {
    cells: usize,
    text: usize,
    runs: usize,
    extras: usize,
    extras_bytes: usize,
    simple: bool,
}

impl Shape {
    fn of(row: &Row) -> Shape {
        let cells = row.cells().get(..row.content_len()).unwrap_or(&[]);
        let mut runs = 0;
        let mut complex = 0usize;
        let mut with_extra = 0usize;
        let mut prev = Cell::BLANK.style_key();
        // Kept free of branches: this runs for every row that scrolls off.
        for cell in cells {
            complex += usize::from(!cell.ch.is_ascii() || cell.is_spacer());
            let key = cell.style_key();
            runs += usize::from(key != prev);
            prev = key;
            with_extra += usize::from(cell.extra != 0);
        }
        let text = if complex > 0 {
            cells.iter().map(|c| c.ch.len_utf8()).sum()
        } else {
            cells.len()
        };
        let mut shape = Shape {
            cells: cells.len(),
            text,
            runs,
            extras: 0,
            extras_bytes: 0,
            simple: complex == 0,
        };
        if with_extra > 0 {
            for cell in cells {
                if let Some(e) = row.extras.get(cell.extra) {
                    shape.extras += 1;
                    shape.extras_bytes += 12 + row.extras.tail(e).len().min(usize::from(u16::MAX));
                }
            }
        }
        shape
    }

    fn bytes(&self) -> usize {
        HEADER + self.text + self.runs * RUN + self.extras_bytes
    }
}

/// Appends the packed form of `row` (whose shape is `shape`) to `out`.
fn encode_into(row: &Row, shape: &Shape, out: &mut Vec<u8>) {
    let cells = row.cells().get(..shape.cells).unwrap_or(&[]);
    out.reserve(shape.bytes() + TEXT_SLACK);
    out.extend_from_slice(&(shape.text as u32).to_le_bytes());
    out.extend_from_slice(&(shape.cells as u16).to_le_bytes());
    out.extend_from_slice(&row.used.to_le_bytes());
    out.extend_from_slice(&(shape.runs as u16).to_le_bytes());
    out.extend_from_slice(&(shape.extras as u16).to_le_bytes());
    let mut flags = 0;
    if row.wrapped {
        flags |= FLAG_WRAPPED;
    }
    if shape.simple {
        flags |= FLAG_SIMPLE;
    }
    out.push(flags);
    if shape.simple {
        out.extend(cells.iter().map(|c| c.ch as u8));
    } else {
        push_text(out, cells, shape.text);
    }
    if shape.runs > 0 {
        let mut prev = Cell::BLANK.style_key();
        for (x, cell) in cells.iter().enumerate() {
            let key = cell.style_key();
            if key != prev {
                prev = key;
                out.extend_from_slice(&(x as u16).to_le_bytes());
                put_color(out, cell.fg);
                put_color(out, cell.bg);
                out.push(cell.attrs);
                out.push(cell.flags & (UNDERLINE_MASK | ACS));
            }
        }
    }
    if shape.extras > 0 {
        for (x, cell) in cells.iter().enumerate() {
            let Some(e) = row.extras.get(cell.extra) else {
                continue;
            };
            let tail = row.extras.tail(e).as_bytes();
            let tail = tail
                .get(..tail.len().min(usize::from(u16::MAX)))
                .unwrap_or(&[]);
            out.extend_from_slice(&(x as u16).to_le_bytes());
            put_color(out, e.underline_color);
            out.extend_from_slice(&e.link.to_le_bytes());
            out.extend_from_slice(&(tail.len() as u16).to_le_bytes());
            out.extend_from_slice(tail);
        }
    }
}

/// The look of a plain blank cell, as a packed run holds it (after its column).
const PLAIN_STYLE: [u8; RUN - 2] = [0; RUN - 2];

/// One logical line (packed lines joined across soft wraps) made only of plain text
/// (see [`Line::simple_text`]), as its text and style runs: reflow cuts it anew at
/// another width without taking it apart into cells, which is most of a history.
#[derive(Default)]
pub(crate) struct PlainJoin {
    /// One byte a cell, up to the last stored cell.
    text: Vec<u8>,
    /// Where the look changes, and to what (never to the look already in force).
    runs: Vec<(usize, [u8; RUN - 2])>,
    /// Cells up to the last stored one.
    len: usize,
    /// Cells up to the last written one.
    width: usize,
}

impl PlainJoin {
    /// Join `lines` (a logical line); false if one of them is not plain text.
    pub(crate) fn join(&mut self, lines: &[CompactLine]) -> bool {
        self.text.clear();
        self.runs.clear();
        self.len = 0;
        self.width = 0;
        for line in lines {
            let view = line.view();
            let Some(text) = view.simple_text() else {
                return false;
            };
            let text = text.as_bytes();
            let len = view.len().min(text.len());
            let base = self.width;
            // Past the stored cells of what came before, blanks up to this line.
            self.set_style(self.len, PLAIN_STYLE);
            self.text.resize(base, b' ');
            for run in view.runs().chunks_exact(RUN) {
                let mut style = PLAIN_STYLE;
                style.copy_from_slice(run.get(2..).unwrap_or(&PLAIN_STYLE));
                self.set_style(base + usize::from(u16_at(run, 0)), style);
            }
            self.text.extend_from_slice(text.get(..len).unwrap_or(&[]));
            self.len = base + len;
            self.width = base + usize::from(view.used()).max(len);
        }
        true
    }

    fn set_style(&mut self, col: usize, style: [u8; RUN - 2]) {
        if self.runs.last().is_some_and(|(c, _)| *c == col) {
            self.runs.pop();
        }
        let current = self.runs.last().map_or(PLAIN_STYLE, |(_, s)| *s);
        if style != current {
            self.runs.push((col, style));
        }
    }

    fn style_at(&self, x: usize) -> [u8; RUN - 2] {
        let i = self.runs.partition_point(|(c, _)| *c <= x);
        i.checked_sub(1)
            .and_then(|i| self.runs.get(i))
            .map_or(PLAIN_STYLE, |(_, s)| *s)
    }

    /// The joined line cut into rows of `cols` cells, packed onto `out` as packing a
    /// row of those cells would.
    pub(crate) fn split(&self, cols: usize, out: &mut Vec<CompactLine>) {
        let cols = cols.max(1);
        let mut start = 0;
        loop {
            let end = (start + cols).min(self.width);
            // Stored cells: up to the last that is not a plain blank.
            let mut stored = end.min(self.len).saturating_sub(start);
            while stored > 0
                && self.text.get(start + stored - 1) == Some(&b' ')
                && self.style_at(start + stored - 1) == PLAIN_STYLE
            {
                stored -= 1;
            }
            let mut runs: Vec<(usize, [u8; RUN - 2])> = Vec::new();
            if stored > 0 {
                let first = self.style_at(start);
                if first != PLAIN_STYLE {
                    runs.push((0, first));
                }
                runs.extend(
                    self.runs
                        .iter()
                        .filter(|(c, _)| *c > start && *c < start + stored)
                        .map(|(c, s)| (c - start, *s)),
                );
            }
            let wrapped = end < self.width;
            let mut bytes = Vec::with_capacity(HEADER + stored + runs.len() * RUN);
            bytes.extend_from_slice(&(stored as u32).to_le_bytes());
            bytes.extend_from_slice(&(stored as u16).to_le_bytes());
            bytes.extend_from_slice(&((end - start) as u16).to_le_bytes());
            bytes.extend_from_slice(&(runs.len() as u16).to_le_bytes());
            bytes.extend_from_slice(&0u16.to_le_bytes());
            bytes.push(FLAG_SIMPLE | if wrapped { FLAG_WRAPPED } else { 0 });
            bytes.extend_from_slice(self.text.get(start..start + stored).unwrap_or(&[]));
            for (col, style) in runs {
                bytes.extend_from_slice(&(col as u16).to_le_bytes());
                bytes.extend_from_slice(&style);
            }
            out.push(CompactLine(bytes.into_boxed_slice()));
            if !wrapped {
                return;
            }
            start = end;
        }
    }
}

/// A packed style run starting at column `x` with `cell`'s look.
fn style_run(x: u16, cell: &Cell) -> [u8; RUN] {
    let mut run = [0u8; RUN];
    run[..2].copy_from_slice(&x.to_le_bytes());
    run[2..6].copy_from_slice(&cell.fg.to_bytes());
    run[6..10].copy_from_slice(&cell.bg.to_bytes());
    run[10] = cell.attrs;
    run[11] = cell.flags & (UNDERLINE_MASK | ACS);
    run
}

/// Bytes `push_text` writes past the text, transiently.
const TEXT_SLACK: usize = 3;

/// The packed text of `cells` (`len` bytes): UTF-8, a NUL for the right
/// half of a wide character.
fn push_text(out: &mut Vec<u8>, cells: &[Cell], len: usize) {
    let at = out.len();
    // Slack so that every character can be encoded into a four-byte
    // window; cut back to `len` after (`History::reserve` leaves room).
    out.resize(at + len + TEXT_SLACK, 0);
    let mut j = at;
    for cell in cells {
        if cell.is_spacer() {
            // Left as the NUL from `resize`.
            j += 1;
        } else if let Some(window) = out.get_mut(j..j + 4) {
            j += cell.ch.encode_utf8(window).len();
        }
    }
    out.truncate(at + len);
}

fn put_color(out: &mut Vec<u8>, c: PackedColor) {
    out.extend_from_slice(&c.to_bytes());
}

fn get_color(b: &[u8]) -> PackedColor {
    match b {
        [a, b2, c, d, ..] => PackedColor::from_bytes([*a, *b2, *c, *d]),
        _ => PackedColor::DEFAULT,
    }
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    match b.get(at..at + 2) {
        Some(&[x, y]) => u16::from_le_bytes([x, y]),
        _ => 0,
    }
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    match b.get(at..at + 4) {
        Some(&[a, b2, c, d]) => u32::from_le_bytes([a, b2, c, d]),
        _ => 0,
    }
}

/// Rare data of a history cell.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct HistExtra<'a> {
    pub tail: &'a str,
    pub underline_color: PackedColor,
    pub link: u32,
}

impl<'a> Line<'a> {
    fn text_len(&self) -> usize {
        u32_at(self.0, 0) as usize
    }

    /// Cells stored (up to the last non-blank one).
    pub(crate) fn len(&self) -> usize {
        usize::from(u16_at(self.0, 4))
    }

    pub(crate) fn used(&self) -> u16 {
        u16_at(self.0, 6)
    }

    fn nruns(&self) -> usize {
        usize::from(u16_at(self.0, 8))
    }

    fn nextras(&self) -> usize {
        usize::from(u16_at(self.0, 10))
    }

    fn flags(&self) -> u8 {
        self.0.get(12).copied().unwrap_or(0)
    }

    pub(crate) fn wrapped(&self) -> bool {
        self.flags() & FLAG_WRAPPED != 0
    }

    /// The text one character per column (NUL for a wide character's right half), when
    /// it reads as stored: no line-drawing (ACS) cells, whose stored letters are not
    /// what they show.
    pub(crate) fn plain_text(&self) -> Option<&'a str> {
        let drawn = self
            .runs()
            .chunks(RUN)
            .any(|r| style_cell(r).flags & ACS != 0);
        (!drawn).then(|| self.text())
    }

    /// The text, when it is all the line is: ASCII, one byte a cell, no wide or
    /// line-drawing cells and no combining marks (what most logs are).
    pub(crate) fn simple_text(&self) -> Option<&'a str> {
        if self.flags() & FLAG_SIMPLE == 0 || self.nextras() != 0 {
            return None;
        }
        self.plain_text()
    }

    fn text(&self) -> &'a str {
        let bytes = self.0.get(HEADER..HEADER + self.text_len()).unwrap_or(&[]);
        std::str::from_utf8(bytes).unwrap_or("")
    }

    fn runs(&self) -> &'a [u8] {
        let start = HEADER + self.text_len();
        self.0.get(start..start + self.nruns() * RUN).unwrap_or(&[])
    }

    fn extras_bytes(&self) -> &'a [u8] {
        let start = HEADER + self.text_len() + self.nruns() * RUN;
        self.0.get(start..).unwrap_or(&[])
    }

    /// Style of cell `x` as a cell without its character.
    fn style_at(&self, x: usize) -> Cell {
        let runs = self.runs();
        // Runs are sorted by column: find the last one starting at or before x.
        let n = runs.len() / RUN;
        let (mut lo, mut hi) = (0, n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if usize::from(u16_at(runs, mid * RUN)) <= x {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if lo == 0 {
            return Cell::BLANK;
        }
        let r = runs.get((lo - 1) * RUN..lo * RUN).unwrap_or(&[]);
        style_cell(r)
    }

    fn extra_at(&self, x: usize) -> HistExtra<'a> {
        self.extras()
            .find(|(col, _)| *col == x)
            .map_or_else(HistExtra::default, |(_, e)| e)
    }

    /// Side-table entries in column order.
    pub(crate) fn extras(&self) -> impl Iterator<Item = (usize, HistExtra<'a>)> + 'a {
        let bytes = self.extras_bytes();
        let mut at = 0;
        let mut left = self.nextras();
        std::iter::from_fn(move || {
            if left == 0 {
                return None;
            }
            left -= 1;
            let col = usize::from(u16_at(bytes, at));
            let ul = get_color(bytes.get(at + 2..at + 6).unwrap_or(&[]));
            let link = u32_at(bytes, at + 6);
            let tail_len = usize::from(u16_at(bytes, at + 10));
            let tail = bytes.get(at + 12..at + 12 + tail_len).unwrap_or(&[]);
            at += 12 + tail_len;
            Some((
                col,
                HistExtra {
                    tail: std::str::from_utf8(tail).unwrap_or(""),
                    underline_color: ul,
                    link,
                },
            ))
        })
    }

    /// Cell `x` (its `extra` field is 0; rare data comes separately).
    pub(crate) fn cell(&self, x: usize) -> Option<(Cell, HistExtra<'a>)> {
        if x >= self.len() {
            return None;
        }
        let text = self.text();
        let (ch, next) = if self.flags() & FLAG_SIMPLE != 0 {
            let b = text.as_bytes();
            (
                b.get(x).map_or(' ', |&c| char::from(c)),
                b.get(x + 1).map(|&c| char::from(c)),
            )
        } else {
            let mut it = text.chars().skip(x);
            (it.next().unwrap_or(' '), it.next())
        };
        let mut cell = self.style_at(x);
        fill_char(&mut cell, ch, next);
        let extra = if self.nextras() == 0 {
            HistExtra::default()
        } else {
            self.extra_at(x)
        };
        Some((cell, extra))
    }

    /// All stored cells in order, for decoding and capture.
    pub(crate) fn cells(&self) -> impl Iterator<Item = (Cell, HistExtra<'a>)> + 'a {
        let mut chars = self.text().chars().peekable();
        let runs = self.runs();
        let mut next_run = 0usize;
        let mut style = Cell::BLANK;
        let mut extras = self.extras().peekable();
        let mut x = 0usize;
        std::iter::from_fn(move || {
            let ch = chars.next()?;
            if let Some(r) = runs.get(next_run * RUN..(next_run + 1) * RUN)
                && usize::from(u16_at(r, 0)) <= x
            {
                style = style_cell(r);
                next_run += 1;
            }
            let mut cell = style;
            fill_char(&mut cell, ch, chars.peek().copied());
            let extra = match extras.peek() {
                Some((col, _)) if *col == x => extras.next().map(|(_, e)| e).unwrap_or_default(),
                _ => HistExtra::default(),
            };
            x += 1;
            Some((cell, extra))
        })
    }

    /// Unpacks into `row` (blank): cells past its width are dropped, and
    /// only the stored ones (up to the last that is not blank) are stored
    /// in the row.
    pub(crate) fn decode_into(&self, row: &mut Row) {
        let width = usize::from(row.width());
        for (x, (mut cell, extra)) in self.cells().take(width).enumerate() {
            if !extra.tail.is_empty()
                || extra.link != 0
                || extra.underline_color != PackedColor::DEFAULT
            {
                let id = row.extras.push(Extra {
                    underline_color: extra.underline_color,
                    link: extra.link,
                    ..Extra::default()
                });
                cell.extra = if extra.tail.is_empty() {
                    id
                } else {
                    row.extras.push_with_tail(id, extra.tail)
                };
            }
            if let Some(slot) = row.cell_mut(x) {
                *slot = cell;
            }
        }
        row.wrapped = self.wrapped();
        row.used = self.used().min(row.width());
    }
}

fn style_cell(r: &[u8]) -> Cell {
    Cell {
        fg: get_color(r.get(2..6).unwrap_or(&[])),
        bg: get_color(r.get(6..10).unwrap_or(&[])),
        attrs: r.get(10).copied().unwrap_or(0),
        flags: r.get(11).copied().unwrap_or(0),
        ..Cell::BLANK
    }
}

fn fill_char(cell: &mut Cell, ch: char, next: Option<char>) {
    if ch == '\0' {
        cell.ch = ' ';
        cell.flags |= SPACER;
    } else {
        cell.ch = ch;
        if next == Some('\0') {
            cell.flags |= WIDE;
        }
    }
}
/// Where a line lives: chunk number (counted since the history began) and
/// byte range in it.
#[derive(Clone, Copy, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
struct Loc {
    chunk: u32,
    start: u32,
    len: u32,
}

/// Lines are appended to chunks of this size; a chunk is freed when its
/// last line is dropped.
const CHUNK: usize = 64 * 1024;

/// The first chunk of a history; each next one is twice as large, up to
/// [`CHUNK`].
const FIRST_CHUNK: usize = 4 * 1024;

/// The scrollback of the main screen, oldest line first.
#[derive(Clone, Debug, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct History {
    #[cfg_attr(feature = "serde", serde(with = "byte_chunks"))]
    chunks: VecDeque<Vec<u8>>,
    /// Number of `chunks[0]`.
    first_chunk: u32,
    lines: VecDeque<Loc>,
    limit: usize,
    /// Number (for stamps) of `lines[0]`; line i is `base + i`.
    base: u64,
}

impl History {
    pub(crate) fn new(limit: usize) -> History {
        History {
            limit,
            ..History::default()
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.lines.len()
    }

    pub(crate) fn limit(&self) -> usize {
        self.limit
    }

    pub(crate) fn set_limit(&mut self, limit: usize) {
        self.limit = limit;
        if self.lines.len() > limit {
            self.drop_oldest(self.lines.len() - limit);
        }
    }

    fn drop_oldest(&mut self, n: usize) {
        let n = n.min(self.lines.len());
        self.lines.drain(..n);
        self.base += n as u64;
        let keep_from = self.lines.front().map_or(u32::MAX, |l| l.chunk);
        while self.first_chunk < keep_from && !self.chunks.is_empty() {
            self.chunks.pop_front();
            self.first_chunk = self.first_chunk.wrapping_add(1);
        }
        if self.lines.is_empty() {
            self.chunks.clear();
        }
    }

    /// Line `i` counted from the oldest.
    pub(crate) fn get(&self, i: usize) -> Option<Line<'_>> {
        let loc = self.lines.get(i)?;
        let chunk = self
            .chunks
            .get(loc.chunk.wrapping_sub(self.first_chunk) as usize)?;
        let start = loc.start as usize;
        chunk.get(start..start + loc.len as usize).map(Line)
    }

    pub(crate) fn stamp(&self, i: usize) -> u64 {
        HISTORY_STAMP | (self.base + i as u64)
    }

    /// Makes room for `len` more bytes (like tmux, a tenth of the limit at a
    /// time when full) and returns the chunk to write them into.
    fn reserve(&mut self, len: usize) -> Option<(u32, &mut Vec<u8>)> {
        if self.limit == 0 {
            return None;
        }
        // Room for `push_text`'s slack too, so a chunk never reallocates.
        let len = len + TEXT_SLACK;
        if self.lines.len() >= self.limit {
            self.drop_oldest((self.limit / 10).max(1));
        }
        let fits = self
            .chunks
            .back()
            .is_some_and(|c| c.capacity() - c.len() >= len);
        if !fits {
            if self.chunks.is_empty() {
                self.first_chunk = self.first_chunk.wrapping_add(1);
            }
            // Small at first (a pane that scrolled a few lines pays a few
            // KiB), doubling up to the full size.
            let last = self.chunks.back().map_or(0, Vec::capacity);
            let size = (last * 2).clamp(FIRST_CHUNK, CHUNK).max(len);
            self.chunks.push_back(Vec::with_capacity(size));
        }
        let number = self.first_chunk.wrapping_add(self.chunks.len() as u32 - 1);
        self.chunks.back_mut().map(|c| (number, c))
    }

    fn record(&mut self, chunk: u32, start: usize, end: usize) {
        self.lines.push_back(Loc {
            chunk,
            start: start as u32,
            len: (end - start) as u32,
        });
    }

    pub(crate) fn push(&mut self, row: &Row) {
        if self.limit == 0 {
            return;
        }
        let Some(trace) = row.trace() else {
            let shape = Shape::of(row);
            self.push_shaped(row, &shape);
            return;
        };
        // The common row, written left to right: its trace already says
        // where the look changes and how long the text is.
        let written = row.cells().get(..trace.end()).unwrap_or(&[]);
        let len = written
            .iter()
            .rposition(|c| !c.is_blank())
            .map_or(0, |i| i + 1);
        let cells = written.get(..len).unwrap_or(&[]);
        let runs = trace.runs();
        let runs = runs
            .get(..runs.partition_point(|(x, _)| usize::from(*x) < len))
            .unwrap_or(&[]);
        // Trailing blanks are one byte each.
        let text = trace.text() - (written.len() - len);
        let len = HEADER + text + runs.len() * RUN;
        let Some((chunk, data)) = self.reserve(len) else {
            return;
        };
        let start = data.len();
        let mut header = [0u8; HEADER];
        header[..4].copy_from_slice(&(text as u32).to_le_bytes());
        header[4..6].copy_from_slice(&(cells.len() as u16).to_le_bytes());
        header[6..8].copy_from_slice(&row.used.to_le_bytes());
        header[8..10].copy_from_slice(&(runs.len() as u16).to_le_bytes());
        header[12] = if trace.ascii() { FLAG_SIMPLE } else { 0 }
            | if row.wrapped { FLAG_WRAPPED } else { 0 };
        data.extend_from_slice(&header);
        if trace.ascii() {
            data.extend(cells.iter().map(|c| c.ch as u8));
        } else {
            push_text(data, cells, text);
        }
        for (x, cell) in runs {
            data.extend_from_slice(&style_run(*x, cell));
        }
        let end = data.len();
        self.record(chunk, start, end);
    }

    fn push_shaped(&mut self, row: &Row, shape: &Shape) {
        let Some((chunk, data)) = self.reserve(shape.bytes()) else {
            return;
        };
        let start = data.len();
        encode_into(row, shape, data);
        let end = data.len();
        self.record(chunk, start, end);
    }

    pub(crate) fn push_line(&mut self, line: CompactLine) {
        let Some((chunk, data)) = self.reserve(line.0.len()) else {
            return;
        };
        let start = data.len();
        data.extend_from_slice(&line.0);
        let end = data.len();
        self.record(chunk, start, end);
    }

    /// Takes back the newest line (the screen grew taller).
    pub(crate) fn pop_newest(&mut self) -> Option<CompactLine> {
        let line = CompactLine(self.get(self.lines.len().checked_sub(1)?)?.0.into());
        if let Some(loc) = self.lines.pop_back()
            && let Some(chunk) = self.chunks.back_mut()
        {
            // The newest line is always at the end of the last chunk.
            chunk.truncate(loc.start as usize);
        }
        // Renumber what is left so no number is ever given to two lines.
        self.base += self.lines.len() as u64 + 1;
        Some(line)
    }

    pub(crate) fn clear(&mut self) {
        self.base += self.lines.len() as u64 + 1;
        self.lines.clear();
        self.chunks.clear();
    }

    /// Takes every line out (oldest first), e.g. to reflow them.
    pub(crate) fn take_all(&mut self) -> VecDeque<CompactLine> {
        let out = (0..self.lines.len())
            .filter_map(|i| self.get(i).map(|l| CompactLine(l.0.into())))
            .collect();
        self.clear();
        out
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.chunks.iter().map(Vec::capacity).sum::<usize>()
            + self.lines.capacity() * std::mem::size_of::<Loc>()
    }
}
/// The history's chunks as byte strings rather than sequences of numbers: one copy each
/// instead of a call per byte (a live upgrade hands over every pane's history).
#[cfg(feature = "serde")]
mod byte_chunks {
    use std::collections::VecDeque;

    use serde::de::{Deserializer, SeqAccess, Visitor};
    use serde::ser::{SerializeSeq, Serializer};

    struct Bytes<'a>(&'a [u8]);

    impl serde::Serialize for Bytes<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(self.0)
        }
    }

    struct ByteBuf(Vec<u8>);

    impl<'de> serde::Deserialize<'de> for ByteBuf {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ByteBuf, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = ByteBuf;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("bytes")
                }
                fn visit_bytes<E>(self, v: &[u8]) -> Result<ByteBuf, E> {
                    Ok(ByteBuf(v.to_vec()))
                }
                fn visit_byte_buf<E>(self, v: Vec<u8>) -> Result<ByteBuf, E> {
                    Ok(ByteBuf(v))
                }
                fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ByteBuf, A::Error> {
                    let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                    while let Some(b) = seq.next_element()? {
                        out.push(b);
                    }
                    Ok(ByteBuf(out))
                }
            }
            d.deserialize_byte_buf(V)
        }
    }

    pub fn serialize<S: Serializer>(chunks: &VecDeque<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(chunks.len()))?;
        for chunk in chunks {
            seq.serialize_element(&Bytes(chunk))?;
        }
        seq.end()
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<VecDeque<Vec<u8>>, D::Error> {
        let chunks: Vec<ByteBuf> = serde::Deserialize::deserialize(d)?;
        Ok(chunks.into_iter().map(|b| b.0).collect())
    }
}
