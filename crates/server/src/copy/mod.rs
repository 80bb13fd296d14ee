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
mod search;
mod text;

pub use commands::{CopyCommand, run};
pub use search::Search;

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

/// What a search found, shown until a command clears it: the matches counted, and the
/// one the cursor went to.
#[derive(Clone, Debug)]
pub struct Marks {
    pub count: usize,
    /// More than `count` (tmux stops counting at 1000).
    pub more: bool,
    pub current: Option<(Pos, Pos)>,
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
    /// stop-selection: where the selection ends now, whatever the cursor does.
    pub stopped: Option<Pos>,
    pub rectangle: bool,
    /// mode-keys is vi: a selection takes the cell under the cursor too, and a newline
    /// when it ends past the text of its last line (emacs takes neither), as in tmux.
    pub vi: bool,
    /// Leave the mode when scrolled back to the bottom (`copy-mode -e`, the mouse wheel).
    pub exit_at_bottom: bool,
    /// wrap-search: a search goes on from the other end.
    pub wrap_search: bool,
    /// The last search (search-again repeats it).
    pub search: Option<Search>,
    /// Its matches are shown (highlighted, counted) until a command clears them.
    pub marks: Option<Marks>,
    /// Where an incremental search started (offset, cx, cy): each change of its text
    /// searches again from there.
    pub search_start: Option<(usize, u16, u16)>,
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
            stopped: None,
            rectangle: false,
            vi: false,
            exit_at_bottom,
            wrap_search: true,
            search: None,
            marks: None,
            search_start: None,
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
        let cursor = self.stopped.unwrap_or_else(|| self.cursor(term));
        Some(if anchor <= cursor {
            (anchor, cursor)
        } else {
            (cursor, anchor)
        })
    }

    /// `[offset/history]`, shown at the top right of the pane; after a search, with the
    /// number of matches as tmux counts them (`(12 results) [0/3000]`).
    pub fn indicator(&self, term: &Terminal) -> String {
        let position = format!("[{}/{}]", self.offset, term.history_len());
        match &self.marks {
            Some(m) => format!(
                "({}{} results) {position}",
                m.count,
                if m.more { "+" } else { "" }
            ),
            None => position,
        }
    }

    /// The matches of the last search in view (start and last character of each), and
    /// which of them the cursor is on, for highlighting.
    pub fn visible_matches(&self, term: &Terminal) -> Vec<(Pos, Pos, bool)> {
        let (Some(search), Some(marks)) = (&self.search, &self.marks) else {
            return Vec::new();
        };
        let rows = usize::from(term.size().rows);
        search::visible(term, search, self.top(term), rows)
            .into_iter()
            .map(|(s, e)| (s, e, marks.current == Some((s, e))))
            .collect()
    }

    /// Put the cursor on `pos` as tmux's window_copy_scroll_to does: the view stays if
    /// the line is in it, else the line is shown a quarter of the page from the bottom.
    pub(crate) fn scroll_to(&mut self, term: &Terminal, pos: Pos) {
        let rows = usize::from(term.size().rows);
        let hist = term.history_len();
        self.cx = pos.col;
        let top = self.top(term);
        if pos.line >= top && pos.line < top + rows {
            self.cy = u16::try_from(pos.line - top).unwrap_or(0);
            return;
        }
        let gap = rows / 4;
        let top = if pos.line < rows {
            0
        } else if pos.line > hist + rows - gap {
            hist
        } else {
            pos.line + gap - rows
        };
        self.offset = hist.saturating_sub(top);
        self.cy = u16::try_from(pos.line.saturating_sub(top)).unwrap_or(0);
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

impl CopyMode {
    /// The copy-mode format variables (tmux's window_copy_formats); `None` for others.
    /// Lines count from the top of the history, as tmux counts them.
    pub fn format_var(&self, name: &str, term: &Terminal, separators: &str) -> Option<String> {
        let flag = |b: bool| if b { "1" } else { "0" }.to_string();
        let selection = self
            .anchor
            .map(|a| (a, self.stopped.unwrap_or(self.cursor(term))));
        Some(match name {
            "scroll_position" => self.offset.to_string(),
            "rectangle_toggle" => flag(self.rectangle),
            "copy_cursor_x" => self.cx.to_string(),
            "copy_cursor_y" => self.cy.to_string(),
            "selection_present" => flag(self.anchor.is_some()),
            "selection_active" => flag(self.anchor.is_some() && self.stopped.is_none()),
            "selection_start_x" => selection.map(|(a, _)| a.col.to_string())?,
            "selection_start_y" => selection.map(|(a, _)| a.line.to_string())?,
            "selection_end_x" => selection.map(|(_, e)| e.col.to_string())?,
            "selection_end_y" => selection.map(|(_, e)| e.line.to_string())?,
            "search_present" => flag(self.marks.is_some()),
            "search_match" => self
                .marks
                .as_ref()
                .and_then(|m| m.current)
                .map(|(s, e)| text::plain_range(term, s, e))
                .unwrap_or_default(),
            "copy_cursor_word" => text::word_at(term, self.cursor(term), separators),
            "copy_cursor_line" => {
                let chars = text::line_chars(term, self.cursor(term).line);
                let end = text::text_length(&chars);
                chars[..end].iter().filter(|c| **c != '\0').collect()
            }
            _ => return None,
        })
    }
}

/// The row index `Terminal::row` takes for absolute line `line`.
pub fn row_index(term: &Terminal, line: usize) -> i64 {
    i64::try_from(line).unwrap_or(i64::MAX) - i64::try_from(term.history_len()).unwrap_or(0)
}
