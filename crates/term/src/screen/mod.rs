//! The emulator's state and its operations, under plain names
//! (`cursor_up`, `erase_display`, `insert_lines`, ...). The parser maps escape
//! sequences onto these; tests call them directly.
//!
//! Invariants kept by every operation: the cursor is inside the screen
//! (`x < cols`, `y < rows`), every row is exactly `cols` wide (storing at
//! most that many cells), the alternate grid exists exactly while the
//! alternate screen is up, the scroll
//! region is `top < bottom < rows` or the whole screen, the history holds at
//! most `history.limit()` lines.

mod cursor;
pub(crate) mod edit;
mod print;
mod reset;
mod text;

use crate::cell::Cell;
use crate::grid::Grid;
use crate::history::History;
use crate::links::Links;
use crate::modes::{CursorShape, Modes};
use crate::row::Row;
use crate::style::Pen;
use crate::{Event, Size};

/// A character set designated to G0 or G1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) enum Charset {
    #[default]
    Ascii,
    /// DEC special graphics (`ESC ( 0`): line drawing.
    DecGraphics,
    /// UK (`ESC ( A`): `#` is `£`.
    Uk,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Charsets {
    pub g0: Charset,
    pub g1: Charset,
    /// SO selects G1, SI selects G0.
    pub shifted: bool,
}

impl Charsets {
    pub(crate) fn active(&self) -> Charset {
        if self.shifted { self.g1 } else { self.g0 }
    }
}

/// Where the next character goes and how it will look.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct CursorState {
    pub x: u16,
    pub y: u16,
    /// A character went into the last column; the next one wraps first.
    pub pending_wrap: bool,
    pub pen: Pen,
    pub charsets: Charsets,
}

/// What DECSC saves and DECRC restores.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct SavedCursor {
    pub x: u16,
    pub y: u16,
    pub pending_wrap: bool,
    pub pen: Pen,
    pub charsets: Charsets,
    pub origin: bool,
}

/// Colours the terminal reports for OSC 10/11/12 and OSC 4 queries.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Palette {
    pub fg: (u8, u8, u8),
    pub bg: (u8, u8, u8),
    pub cursor: Option<(u8, u8, u8)>,
    /// Entries a program changed with OSC 4.
    pub overrides: Vec<(u8, (u8, u8, u8))>,
}

impl Default for Palette {
    fn default() -> Palette {
        Palette {
            fg: (0xe5, 0xe5, 0xe5),
            bg: (0, 0, 0),
            cursor: None,
            overrides: Vec::new(),
        }
    }
}

#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Screen {
    pub cols: u16,
    pub rows: u16,
    pub main: Grid,
    /// The alternate screen's grid: made when a program switches to it,
    /// dropped when it leaves (as tmux does), so that a pane that never
    /// uses it pays nothing for it.
    pub alt: Option<Grid>,
    pub history: History,
    pub cur: CursorState,
    pub saved: SavedCursor,
    pub saved_alt: SavedCursor,
    /// The main screen's cursor while the alternate screen (1049) is up.
    pub saved_for_alt: Option<SavedCursor>,
    /// Scroll region, inclusive.
    pub top: u16,
    pub bottom: u16,
    pub modes: Modes,
    pub cursor_visible: bool,
    pub cursor_shape: CursorShape,
    pub tabs: Vec<bool>,
    pub title: String,
    pub cwd: Option<String>,
    pub replies: Vec<u8>,
    pub events: Vec<Event>,
    /// What the multiplexer allows this screen (its pane's options).
    pub settings: crate::Settings,
    /// Last stamp handed out; also the terminal's `seq()`.
    pub stamp: u64,
    pub links: Links,
    /// For REP: the last graphic character printed, if it may be repeated.
    pub last_char: Option<char>,
    /// The previous character was a ZWJ: the next one joins its cell.
    pub join_next: bool,
    pub palette: Palette,
}

pub(crate) fn default_tabs(cols: u16) -> Vec<bool> {
    (0..cols).map(|x| x % 8 == 0 && x != 0).collect()
}

impl Screen {
    /// Queue an event for the caller. Events of a kind replace the one still waiting
    /// (a bell is a bell, the newest title wins), so a program ringing or retitling in a
    /// loop queues one, however long the caller takes to look.
    pub(crate) fn push_event(&mut self, event: Event) {
        let kind = std::mem::discriminant(&event);
        self.events.retain(|e| std::mem::discriminant(e) != kind);
        self.events.push(event);
    }

    pub(crate) fn new(size: Size, history_limit: usize) -> Screen {
        let cols = size.cols.max(1);
        let rows = size.rows.max(1);
        let mut stamp = 0;
        let main = Grid::new(cols, rows, &mut stamp);
        Screen {
            cols,
            rows,
            main,
            alt: None,
            history: History::new(history_limit),
            cur: CursorState::default(),
            saved: SavedCursor::default(),
            saved_alt: SavedCursor::default(),
            saved_for_alt: None,
            top: 0,
            bottom: rows - 1,
            modes: Modes::default(),
            cursor_visible: true,
            cursor_shape: CursorShape::Default,
            tabs: default_tabs(cols),
            title: String::new(),
            cwd: None,
            replies: Vec::new(),
            events: Vec::new(),
            settings: crate::Settings::default(),
            stamp,
            links: Links::default(),
            last_char: None,
            join_next: false,
            palette: Palette::default(),
        }
    }

    pub(crate) fn next_stamp(&mut self) -> u64 {
        self.stamp += 1;
        self.stamp
    }

    /// Something visible changed that is not a row (cursor, modes).
    pub(crate) fn touch(&mut self) {
        self.stamp += 1;
    }

    pub(crate) fn grid(&self) -> &Grid {
        self.alt.as_ref().unwrap_or(&self.main)
    }

    pub(crate) fn grid_mut(&mut self) -> &mut Grid {
        match &mut self.alt {
            Some(alt) => alt,
            None => &mut self.main,
        }
    }

    /// The row under the cursor, restamped because the caller changes it.
    pub(crate) fn cursor_row_mut(&mut self) -> Option<&mut Row> {
        let y = usize::from(self.cur.y);
        self.row_mut(y)
    }

    /// Row `y` of the active screen, restamped because the caller changes it.
    pub(crate) fn row_mut(&mut self, y: usize) -> Option<&mut Row> {
        let stamp = self.next_stamp();
        let row = self.grid_mut().row_mut(y)?;
        row.stamp = stamp;
        Some(row)
    }

    /// The blank that erasing leaves: current background (BCE).
    pub(crate) fn erased_cell(&self) -> Cell {
        Cell::erased(self.cur.pen.bg)
    }

    /// Checks the invariants listed at the top of this file (for property
    /// tests and fuzzing).
    pub(crate) fn check_invariants(&self) -> Result<(), String> {
        if self.cols == 0 || self.rows == 0 {
            return Err("empty screen".into());
        }
        if self.cur.x >= self.cols || self.cur.y >= self.rows {
            return Err(format!(
                "cursor {},{} outside {}x{}",
                self.cur.x, self.cur.y, self.cols, self.rows
            ));
        }
        if self.top > self.bottom || self.bottom >= self.rows {
            return Err(format!("scroll region {}..{}", self.top, self.bottom));
        }
        if self.history.len() > self.history.limit() {
            return Err("history over its limit".into());
        }
        if self.tabs.len() != usize::from(self.cols) {
            return Err("tab stops not as wide as the screen".into());
        }
        if self.alt.is_some() != self.modes.alt_screen {
            return Err("alternate grid and alternate screen mode disagree".into());
        }
        let grids = [("main", Some(&self.main)), ("alt", self.alt.as_ref())];
        for (name, grid) in grids {
            let Some(grid) = grid else {
                continue;
            };
            if grid.cols() != self.cols {
                return Err(format!("{name} grid width"));
            }
            for y in 0..usize::from(self.rows) {
                let row = grid.row(y).ok_or(format!("{name} row {y} missing"))?;
                if row.width() != self.cols {
                    return Err(format!("{name} row {y} is {} wide", row.width()));
                }
                for (x, pair) in row.cells().windows(2).enumerate() {
                    if let [a, b] = pair
                        && a.is_wide() != b.is_spacer()
                    {
                        return Err(format!("{name} row {y}: broken wide pair at {x}"));
                    }
                }
                // The last stored cell cannot be a left half: its right half
                // would be stored too.
                if row.cells().first().is_some_and(|c| c.is_spacer())
                    || row.cells().last().is_some_and(|c| c.is_wide())
                {
                    return Err(format!("{name} row {y}: half a wide character at an edge"));
                }
                row.check().map_err(|e| format!("{name} row {y}: {e}"))?;
            }
            if grid.row(usize::from(self.rows)).is_some() {
                return Err(format!("{name} has extra rows"));
            }
        }
        Ok(())
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.main.heap_bytes()
            + self.alt.as_ref().map_or(0, Grid::heap_bytes)
            + self.history.heap_bytes()
    }
}
