//! Scrollback: rows that scrolled off the top of the main screen, each packed
//! into one small allocation.
//!
//! A packed line is a header, the row's text as UTF-8 (one `char` per cell,
//! `'\0'` for the right half of a wide character), then style runs and
//! side-table entries only where the row has them. Trailing default blanks
//! are not stored, so a 100-character plain line costs its header, 100 bytes
//! of text and the 16-byte pointer to it, whatever the pane width.

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

/// One packed row. Layout: `text_len: u32, cells: u16, used: u16, runs: u16,
/// extras: u16, flags: u8`, the text, `runs` style runs of 12 bytes
/// (`col: u16, fg: 4, bg: 4, attrs: u8, flags: u8`), then the extras
/// (`col: u16, underline colour: 4, link: u32, tail_len: u16, tail`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CompactLine(Box<[u8]>);

fn put_color(out: &mut Vec<u8>, c: PackedColor) {
    out.extend_from_slice(&match c {
        PackedColor::Default => [0, 0, 0, 0],
        PackedColor::Ansi(n) => [1, n, 0, 0],
        PackedColor::Palette(n) => [2, n, 0, 0],
        PackedColor::Rgb(r, g, b) => [3, r, g, b],
    });
}

fn get_color(b: &[u8]) -> PackedColor {
    match b {
        [1, n, ..] => PackedColor::Ansi(*n),
        [2, n, ..] => PackedColor::Palette(*n),
        [3, r, g, b, ..] => PackedColor::Rgb(*r, *g, *b),
        _ => PackedColor::Default,
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

impl CompactLine {
    pub(crate) fn encode(row: &Row) -> CompactLine {
        let cells = row.cells.get(..row.content_len()).unwrap_or(&[]);
        let mut text = Vec::with_capacity(cells.len());
        let mut runs: Vec<u8> = Vec::new();
        let mut extras: Vec<u8> = Vec::new();
        let (mut nruns, mut nextras) = (0u16, 0u16);
        let mut simple = true;
        let mut pen = Cell::BLANK;
        for (x, cell) in cells.iter().enumerate() {
            if cell.is_spacer() {
                text.push(0);
                simple = false;
            } else {
                let mut buf = [0u8; 4];
                text.extend_from_slice(cell.ch.encode_utf8(&mut buf).as_bytes());
                simple &= cell.ch.is_ascii();
            }
            if !cell.same_style(&pen) {
                pen = *cell;
                runs.extend_from_slice(&(x as u16).to_le_bytes());
                put_color(&mut runs, cell.fg);
                put_color(&mut runs, cell.bg);
                runs.push(cell.attrs);
                runs.push(cell.flags & (UNDERLINE_MASK | ACS));
                nruns += 1;
            }
            if let Some(e) = row.extras.get(cell.extra) {
                let tail = row.extras.tail(e).as_bytes();
                let tail = tail
                    .get(..tail.len().min(usize::from(u16::MAX)))
                    .unwrap_or(&[]);
                extras.extend_from_slice(&(x as u16).to_le_bytes());
                put_color(&mut extras, e.underline_color);
                extras.extend_from_slice(&e.link.to_le_bytes());
                extras.extend_from_slice(&(tail.len() as u16).to_le_bytes());
                extras.extend_from_slice(tail);
                nextras += 1;
            }
        }
        let mut out = Vec::with_capacity(HEADER + text.len() + runs.len() + extras.len());
        out.extend_from_slice(&(text.len() as u32).to_le_bytes());
        out.extend_from_slice(&(cells.len() as u16).to_le_bytes());
        out.extend_from_slice(&row.used.to_le_bytes());
        out.extend_from_slice(&nruns.to_le_bytes());
        out.extend_from_slice(&nextras.to_le_bytes());
        let mut flags = 0;
        if row.wrapped {
            flags |= FLAG_WRAPPED;
        }
        if simple {
            flags |= FLAG_SIMPLE;
        }
        out.push(flags);
        out.extend_from_slice(&text);
        out.extend_from_slice(&runs);
        out.extend_from_slice(&extras);
        CompactLine(out.into_boxed_slice())
    }

    fn text_len(&self) -> usize {
        u32_at(&self.0, 0) as usize
    }

    /// Cells stored (up to the last non-blank one).
    pub(crate) fn len(&self) -> usize {
        usize::from(u16_at(&self.0, 4))
    }

    pub(crate) fn used(&self) -> u16 {
        u16_at(&self.0, 6)
    }

    fn nruns(&self) -> usize {
        usize::from(u16_at(&self.0, 8))
    }

    fn nextras(&self) -> usize {
        usize::from(u16_at(&self.0, 10))
    }

    fn flags(&self) -> u8 {
        self.0.get(12).copied().unwrap_or(0)
    }

    pub(crate) fn wrapped(&self) -> bool {
        self.flags() & FLAG_WRAPPED != 0
    }

    fn text(&self) -> &str {
        let bytes = self.0.get(HEADER..HEADER + self.text_len()).unwrap_or(&[]);
        std::str::from_utf8(bytes).unwrap_or("")
    }

    fn runs(&self) -> &[u8] {
        let start = HEADER + self.text_len();
        self.0.get(start..start + self.nruns() * RUN).unwrap_or(&[])
    }

    fn extras_bytes(&self) -> &[u8] {
        let start = HEADER + self.text_len() + self.nruns() * RUN;
        self.0.get(start..).unwrap_or(&[])
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.0.len()
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

    fn extra_at(&self, x: usize) -> HistExtra<'_> {
        self.extras()
            .find(|(col, _)| *col == x)
            .map_or_else(HistExtra::default, |(_, e)| e)
    }

    /// Side-table entries in column order.
    pub(crate) fn extras(&self) -> impl Iterator<Item = (usize, HistExtra<'_>)> + '_ {
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
    pub(crate) fn cell(&self, x: usize) -> Option<(Cell, HistExtra<'_>)> {
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
    pub(crate) fn cells(&self) -> impl Iterator<Item = (Cell, HistExtra<'_>)> + '_ {
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

    /// Unpacks into `row` (already `cols` wide and blank): cells past the
    /// width are dropped.
    pub(crate) fn decode_into(&self, row: &mut Row) {
        for (x, (mut cell, extra)) in self.cells().enumerate() {
            let Some(slot) = row.cells.get_mut(x) else {
                break;
            };
            if !extra.tail.is_empty()
                || extra.link != 0
                || extra.underline_color != PackedColor::Default
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
            *slot = cell;
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

/// The scrollback of the main screen, oldest line first.
#[derive(Clone, Debug, Default)]
pub(crate) struct History {
    lines: VecDeque<CompactLine>,
    limit: usize,
    /// Number (for stamps) of `lines[0]`; line i is `base + i`.
    base: u64,
}

impl History {
    pub(crate) fn new(limit: usize) -> History {
        History {
            lines: VecDeque::new(),
            limit,
            base: 0,
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
    }

    /// Line `i` counted from the oldest.
    pub(crate) fn get(&self, i: usize) -> Option<&CompactLine> {
        self.lines.get(i)
    }

    pub(crate) fn stamp(&self, i: usize) -> u64 {
        HISTORY_STAMP | (self.base + i as u64)
    }

    pub(crate) fn push_line(&mut self, line: CompactLine) {
        if self.limit == 0 {
            return;
        }
        // Like tmux, make room a tenth of the limit at a time.
        if self.lines.len() >= self.limit {
            self.drop_oldest((self.limit / 10).max(1));
        }
        self.lines.push_back(line);
    }

    pub(crate) fn push(&mut self, row: &Row) {
        if self.limit == 0 {
            return;
        }
        self.push_line(CompactLine::encode(row));
    }

    /// Takes back the newest line (the screen grew taller).
    pub(crate) fn pop_newest(&mut self) -> Option<CompactLine> {
        let line = self.lines.pop_back()?;
        // Renumber what is left so no number is ever given to two lines.
        self.base += self.lines.len() as u64 + 1;
        Some(line)
    }

    pub(crate) fn clear(&mut self) {
        self.base += self.lines.len() as u64 + 1;
        self.lines.clear();
    }

    /// Takes every line out (oldest first), e.g. to reflow them.
    pub(crate) fn take_all(&mut self) -> VecDeque<CompactLine> {
        self.base += self.lines.len() as u64 + 1;
        std::mem::take(&mut self.lines)
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.lines
            .iter()
            .map(CompactLine::heap_bytes)
            .sum::<usize>()
            + self.lines.capacity() * std::mem::size_of::<CompactLine>()
    }
}
