//! Copy mode: a pane's history and screen as a page to move around in, select from and
//! search, without stopping the program (which keeps printing underneath; the view stays
//! on the same text). Keys reach it through the `copy-mode` and `copy-mode-vi` key
//! tables, bound to `send-keys -X <command>` as in tmux, so the usual tmux bindings and
//! tutorials work unchanged.
//!
//! ```text
//!  line numbers are absolute: 0 is the oldest history line, history_len the top row of
//!  the live screen. The view's top line is history_len - offset.
//!
//!    0 ┌──────────────┐ history
//!      │              │
//!  top ├──────────────┤ ← offset lines above the live screen
//!      │  the view    │   cursor (cx, cy) inside it
//!      ├──────────────┤
//!  hist│ live screen  │
//!      └──────────────┘
//! ```

mod commands;
mod text;

pub use commands::{CopyCommand, run};

use rmux_term::Terminal;

/// A place in the pane's text: absolute line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub col: u16,
}

/// Which way a search goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Way {
    Forward,
    Backward,
}

/// A jump to a character on the cursor's line (vi's f, F, t, T).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Jump {
    Forward,
    Backward,
    /// To the column before the character.
    ToForward,
    /// To the column after the character.
    ToBackward,
}

impl Jump {
    fn reversed(self) -> Jump {
        match self {
            Jump::Forward => Jump::Backward,
            Jump::Backward => Jump::Forward,
            Jump::ToForward => Jump::ToBackward,
            Jump::ToBackward => Jump::ToForward,
        }
    }
}

/// A pane in copy mode.
#[derive(Clone, Debug)]
pub struct CopyMode {
    /// Lines the view is scrolled back from the live screen.
    pub offset: usize,
    /// The cursor, within the view.
    pub cx: u16,
    pub cy: u16,
    /// Where the selection began, if one is being made.
    pub anchor: Option<Pos>,
    pub rectangle: bool,
    /// mode-keys is vi: a selection takes the cell under the cursor too, and a newline
    /// when it ends past the text of its last line (emacs takes neither), as in tmux.
    pub vi: bool,
    /// Leave the mode when scrolled back to the bottom (`copy-mode -e`, the mouse wheel).
    pub exit_at_bottom: bool,
    pub search: Option<(String, Way)>,
    pub mark: Option<Pos>,
    /// The last jump, for jump-again and jump-reverse.
    pub jump: Option<(Jump, char)>,
    /// History length when last looked at: new lines push the view up with its text.
    history_seen: usize,
    /// Grows with every change, so the renderer knows to redraw.
    pub generation: u64,
}

impl CopyMode {
    pub fn new(term: &Terminal, exit_at_bottom: bool) -> CopyMode {
        let cursor = term.cursor();
        CopyMode {
            offset: 0,
            cx: cursor.col,
            cy: cursor.row,
            anchor: None,
            rectangle: false,
            vi: false,
            exit_at_bottom,
            search: None,
            mark: None,
            jump: None,
            history_seen: term.history_len(),
            generation: 0,
        }
    }

    /// Keep the view on the same text after the program printed more.
    pub fn follow(&mut self, term: &Terminal) {
        let now = term.history_len();
        if now > self.history_seen {
            self.offset = (self.offset + (now - self.history_seen)).min(now);
            self.generation += 1;
        } else if now < self.history_seen {
            self.offset = self.offset.min(now);
            self.generation += 1;
        }
        self.history_seen = now;
    }

    /// The absolute line at the top of the view.
    pub fn top(&self, term: &Terminal) -> usize {
        term.history_len().saturating_sub(self.offset)
    }

    pub fn cursor(&self, term: &Terminal) -> Pos {
        Pos {
            line: self.top(term) + usize::from(self.cy),
            col: self.cx,
        }
    }

    /// The selection as (start, end) in reading order, if any.
    pub fn selection(&self, term: &Terminal) -> Option<(Pos, Pos)> {
        let anchor = self.anchor?;
        let cursor = self.cursor(term);
        Some(if anchor <= cursor {
            (anchor, cursor)
        } else {
            (cursor, anchor)
        })
    }

    /// `[offset/history]`, shown at the top right of the pane.
    pub fn indicator(&self, term: &Terminal) -> String {
        format!("[{}/{}]", self.offset, term.history_len())
    }

    /// Put the cursor on absolute line `line`, scrolling the view if needed.
    fn show_line(&mut self, term: &Terminal, line: usize) {
        let rows = usize::from(term.size().rows);
        let hist = term.history_len();
        let last = hist + rows - 1;
        let line = line.min(last);
        let mut top = self.top(term);
        if line < top {
            top = line;
        } else if line >= top + rows {
            top = line + 1 - rows;
        }
        self.offset = hist.saturating_sub(top);
        self.cy = u16::try_from(line - top).unwrap_or(0);
    }
}

/// The row index `Terminal::row` takes for absolute line `line`.
pub fn row_index(term: &Terminal, line: usize) -> i64 {
    i64::try_from(line).unwrap_or(i64::MAX) - i64::try_from(term.history_len()).unwrap_or(0)
}
