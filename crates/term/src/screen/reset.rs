//! Whole-screen state changes: alternate screen, resets, resize.

use super::{CursorState, SavedCursor, Screen, default_tabs};
use crate::Size;
use crate::cell::Cell;
use crate::grid::Grid;
use crate::modes::{CursorShape, Modes};
use crate::reflow;

impl Screen {
    /// 47/1047/1049 set. The alternate screen starts blank (erased with
    /// the current background, as tmux does), in a grid made now.
    pub(crate) fn enter_alt_screen(&mut self, save_cursor: bool) {
        if self.modes.alt_screen || !self.settings.alternate_screen {
            return;
        }
        if save_cursor {
            self.saved_for_alt = Some(self.saved_state());
        }
        self.modes.alt_screen = true;
        let mut stamp = self.stamp;
        let mut alt = Grid::new(self.cols, self.rows, &mut stamp);
        let blank = self.erased_cell();
        if blank != Cell::BLANK {
            for y in 0..usize::from(self.rows) {
                stamp += 1;
                if let Some(row) = alt.row_mut(y) {
                    row.reset(blank, stamp);
                }
            }
        }
        self.alt = Some(alt);
        self.stamp = stamp;
        self.touch();
    }

    /// 47/1047/1049 reset.
    pub(crate) fn leave_alt_screen(&mut self, restore_cursor: bool) {
        if !self.modes.alt_screen {
            return;
        }
        self.modes.alt_screen = false;
        // Like tmux, the alternate grid is freed on the way out.
        self.alt = None;
        // The main rows come back into view: give them new stamps so a
        // renderer that last saw the alternate rows redraws them.
        for y in 0..usize::from(self.rows) {
            let stamp = self.next_stamp();
            if let Some(row) = self.main.row_mut(y) {
                row.stamp = stamp;
            }
        }
        if restore_cursor && let Some(saved) = self.saved_for_alt.take() {
            self.restore_saved(saved);
        }
        self.touch();
    }

    fn saved_state(&self) -> SavedCursor {
        SavedCursor {
            x: self.cur.x,
            y: self.cur.y,
            pending_wrap: self.cur.pending_wrap,
            pen: self.cur.pen,
            charsets: self.cur.charsets,
            origin: self.modes.origin,
        }
    }

    /// RIS: everything back to how it started, except size and history.
    pub(crate) fn full_reset(&mut self) {
        // tmux clears the screen into the history here too.
        if !self.modes.alt_screen {
            self.push_screen_to_history();
        }
        let size = Size {
            cols: self.cols,
            rows: self.rows,
        };
        let mut fresh = Screen::new(size, self.history.limit());
        fresh.history = std::mem::take(&mut self.history);
        fresh.stamp = self.stamp;
        fresh.links = std::mem::take(&mut self.links);
        fresh.palette.fg = self.palette.fg;
        fresh.palette.bg = self.palette.bg;
        fresh.replies = std::mem::take(&mut self.replies);
        fresh.events = std::mem::take(&mut self.events);
        fresh.title = std::mem::take(&mut self.title);
        fresh.cwd = self.cwd.take();
        fresh.settings = self.settings;
        *self = fresh;
        // Every row is new: restamp them past anything handed out before.
        // (There is no alternate grid: the fresh screen is the main one.)
        let mut stamp = self.stamp;
        self.main = Grid::new(self.cols, self.rows, &mut stamp);
        self.stamp = stamp;
        self.touch();
    }

    /// DECSTR: modes and pen back to defaults, screen contents kept.
    pub(crate) fn soft_reset(&mut self) {
        let alt = self.modes.alt_screen;
        let keep = self.modes;
        self.modes = Modes {
            alt_screen: alt,
            mouse: keep.mouse,
            mouse_encoding: keep.mouse_encoding,
            focus_events: keep.focus_events,
            bracketed_paste: keep.bracketed_paste,
            ..Modes::default()
        };
        self.cur.pen = Default::default();
        self.cur.charsets = Default::default();
        self.cur.pending_wrap = false;
        self.top = 0;
        self.bottom = self.rows - 1;
        self.cursor_visible = true;
        self.cursor_shape = CursorShape::Default;
        self.saved = SavedCursor::default();
        self.saved_alt = SavedCursor::default();
        self.touch();
    }

    pub(crate) fn resize(&mut self, size: Size) {
        let cols = size.cols.max(1);
        let rows = size.rows.max(1);
        if cols == self.cols && rows == self.rows {
            return;
        }
        // Work on the main screen's cursor even while the alternate one is up.
        let alt_cursor = self.cur;
        let mut main_cursor = match (self.modes.alt_screen, self.saved_for_alt) {
            (true, Some(saved)) => CursorState {
                x: saved.x,
                y: saved.y,
                pending_wrap: saved.pending_wrap,
                ..self.cur
            },
            _ => self.cur,
        };
        let mut stamp = self.stamp;
        let main = std::mem::replace(&mut self.main, Grid::from_rows(cols, Vec::new()));
        self.main = reflow::resize_main(
            main,
            &mut self.history,
            &mut main_cursor,
            Size { cols, rows },
            &mut stamp,
        );
        let mut alt_cursor = alt_cursor;
        self.alt = self.alt.take().map(|alt| {
            reflow::resize_clipped(alt, &mut alt_cursor, Size { cols, rows }, &mut stamp)
        });
        self.stamp = stamp;
        self.cols = cols;
        self.rows = rows;
        if self.modes.alt_screen {
            self.cur = alt_cursor;
            if let Some(saved) = self.saved_for_alt.as_mut() {
                saved.x = main_cursor.x;
                saved.y = main_cursor.y;
                saved.pending_wrap = main_cursor.pending_wrap;
            }
        } else {
            self.cur = main_cursor;
        }
        self.top = 0;
        self.bottom = rows - 1;
        self.tabs = default_tabs(cols);
        for s in [&mut self.saved, &mut self.saved_alt] {
            s.x = s.x.min(cols - 1);
            s.y = s.y.min(rows - 1);
        }
        self.touch();
    }
}
