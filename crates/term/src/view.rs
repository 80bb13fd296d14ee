//! Read-only views of rows and cells for renderers and capture, the same for
//! visible rows and history lines.

use crate::cell::Cell;
use crate::history::Line;
use crate::links::Links;
use crate::row::Row;
use crate::style::{PackedColor, Style};

/// One cell as a renderer sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CellView<'a> {
    /// `' '` for a blank cell and for the right half of a wide character.
    pub ch: char,
    /// Combining marks or a ZWJ tail that follow `ch`, usually `""`.
    pub extra: &'a str,
    /// 1, 2 for a wide character, 0 for the right half of one.
    pub width: u8,
    pub style: Style,
    pub link: Option<&'a str>,
}

impl CellView<'_> {
    pub(crate) const BLANK: CellView<'static> = CellView {
        ch: ' ',
        extra: "",
        width: 1,
        style: Style {
            fg: crate::Color::Default,
            bg: crate::Color::Default,
            underline_color: crate::Color::Default,
            attrs: crate::Attrs::empty(),
            underline: crate::Underline::None,
        },
        link: None,
    };
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum RowKind<'a> {
    Live(&'a Row),
    History(Line<'a>),
}

/// A row of the screen or of the history.
#[derive(Clone, Copy, Debug)]
pub struct RowView<'a> {
    pub(crate) kind: RowKind<'a>,
    pub(crate) links: &'a Links,
    pub(crate) stamp: u64,
    pub(crate) width: u16,
}

/// A cell with its rare data resolved, for capture.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RawCell<'a> {
    pub cell: Cell,
    pub tail: &'a str,
    pub underline_color: PackedColor,
    pub link: u32,
}

impl<'a> RowView<'a> {
    /// Equal stamps on the same screen mean identical content; every change
    /// gives a row a stamp never used before.
    pub fn stamp(&self) -> u64 {
        self.stamp
    }

    /// The row's text continues on the next row (it was soft-wrapped).
    pub fn wrapped(&self) -> bool {
        match self.kind {
            RowKind::Live(r) => r.wrapped,
            RowKind::History(l) => l.wrapped(),
        }
    }

    /// Number of columns (the screen width).
    pub fn width(&self) -> u16 {
        self.width
    }

    /// Cell `x`; past the end, a blank default cell.
    pub fn cell(&self, x: u16) -> CellView<'a> {
        if x >= self.width {
            return CellView::BLANK;
        }
        let raw = match self.kind {
            RowKind::Live(r) => r.cell(usize::from(x)).map(|c| live_raw(r, c)),
            RowKind::History(l) => l.cell(usize::from(x)).map(|(cell, e)| RawCell {
                cell,
                tail: e.tail,
                underline_color: e.underline_color,
                link: e.link,
            }),
        };
        raw.map_or(CellView::BLANK, |r| self.view_of(&r))
    }

    /// All `width()` cells in order (cheaper than `cell(x)` in a loop for
    /// history rows).
    pub fn cells(&self) -> impl Iterator<Item = CellView<'a>> + 'a {
        let this = *self;
        let width = usize::from(self.width);
        self.raw_cells()
            .map(move |r| this.view_of(&r))
            .chain(std::iter::repeat(CellView::BLANK))
            .take(width)
    }

    /// The cells the row stores, from the left; every column after them is
    /// [`CellView::BLANK`]. `cells` without the blank tail, for a caller that fills it
    /// at once.
    pub fn stored_cells(&self) -> impl Iterator<Item = CellView<'a>> + 'a {
        let this = *self;
        let width = usize::from(self.width);
        self.raw_cells().map(move |r| this.view_of(&r)).take(width)
    }

    /// The row's characters one per column up to its last used one, a NUL for the right
    /// half of a wide character (what copy mode reads and searches), into `out`. A
    /// history row is read straight from its packed text when it can be.
    pub fn column_chars(&self, out: &mut Vec<char>) {
        out.clear();
        if let RowKind::History(l) = self.kind
            && let Some(text) = l.plain_text()
        {
            out.extend(text.chars().take(usize::from(self.width)));
            return;
        }
        out.extend(self.raw_cells().map(|r| {
            if r.cell.is_spacer() {
                '\0'
            } else {
                r.cell.display_char()
            }
        }));
    }

    /// The row's cells as text when that is all they are (see `Line::simple_text`):
    /// one byte a cell, for readers that want no styles.
    pub(crate) fn simple_text(&self) -> Option<&'a str> {
        match self.kind {
            RowKind::History(l) => l.simple_text(),
            RowKind::Live(_) => None,
        }
    }

    /// The row's text, trailing blanks trimmed.
    pub fn text(&self) -> String {
        let mut s = String::with_capacity(usize::from(self.width));
        for r in self.raw_cells() {
            if r.cell.is_spacer() {
                continue;
            }
            s.push(r.cell.display_char());
            s.push_str(r.tail);
        }
        let trimmed = s.trim_end_matches(' ').len();
        s.truncate(trimmed);
        s
    }

    fn view_of(&self, r: &RawCell<'a>) -> CellView<'a> {
        let extra = crate::cell::Extra {
            underline_color: r.underline_color,
            ..Default::default()
        };
        CellView {
            ch: r.cell.display_char(),
            extra: r.tail,
            width: r.cell.width(),
            style: r.cell.style(Some(&extra)),
            link: self.links.get(r.link),
        }
    }

    /// Stored cells with their rare data, up to the last non-blank one (or
    /// the last written one, whichever is further), clipped to the width.
    pub(crate) fn raw_cells(&self) -> Box<dyn Iterator<Item = RawCell<'a>> + 'a> {
        let width = usize::from(self.width);
        match self.kind {
            RowKind::Live(r) => {
                let n = r.content_len().max(usize::from(r.used)).min(width);
                // Blanks past the stored cells, up to `used`.
                let cells = r.cells().iter().copied();
                let cells = cells.chain(std::iter::repeat(Cell::BLANK)).take(n);
                Box::new(cells.map(move |c| live_raw(r, c)))
            }
            RowKind::History(l) => Box::new(
                l.cells()
                    .map(|(cell, e)| RawCell {
                        cell,
                        tail: e.tail,
                        underline_color: e.underline_color,
                        link: e.link,
                    })
                    .take(width),
            ),
        }
    }

    /// tmux's cellused: how far capture prints.
    pub(crate) fn used(&self) -> usize {
        match self.kind {
            RowKind::Live(r) => usize::from(r.used),
            RowKind::History(l) => usize::from(l.used()),
        }
        .min(usize::from(self.width))
    }
}

fn live_raw(r: &Row, c: Cell) -> RawCell<'_> {
    let e = r.extras.get(c.extra);
    RawCell {
        cell: c,
        tail: r.extras.tail_of(c.extra),
        underline_color: e.map_or(PackedColor::DEFAULT, |e| e.underline_color),
        link: e.map_or(0, |e| e.link),
    }
}
