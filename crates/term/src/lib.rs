//! rmux-term: the terminal emulator behind every pane.
//!
//! Bytes in ([`Terminal::feed`]), screen state out ([`Terminal::row`],
//! [`Terminal::cursor`], [`Terminal::capture`]), replies and events queued
//! for the caller. No I/O: the caller owns the PTY.
//!
//! Behaviour follows tmux 3.3a where tmux and xterm differ.

mod capture;
mod cell;
mod grid;
mod history;
mod input;
mod links;
mod modes;
mod parser;
mod reflow;
mod row;
mod screen;
mod style;
mod text;
mod view;

pub use capture::CaptureOptions;

/// What [`Terminal::details`] reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Details {
    /// The scroll region's first and last rows.
    pub scroll_region: (u16, u16),
    /// Columns with a tab stop.
    pub tabs: Vec<u16>,
    /// The main screen's cursor while the alternate screen is up.
    pub alt_saved_cursor: Option<(u16, u16)>,
    /// The character under the cursor (a space on a blank cell).
    pub cursor_char: Option<char>,
}
pub use input::{Key, KeyCode, Mods, MouseButton, MouseEvent, MouseKind};
pub use modes::{CursorShape, Modes, MouseEncoding, MouseMode};
pub use style::{Attrs, Color, Style, Underline};
pub use view::{CellView, RowView};

use screen::Screen;
use view::RowKind;

/// A terminal size in cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Size {
    pub cols: u16,
    pub rows: u16,
}

/// Where the cursor is and how it looks. Always inside the screen: in the
/// pending-wrap state (after a character in the last column) `col` is the
/// last column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cursor {
    pub col: u16,
    pub row: u16,
    pub visible: bool,
    pub shape: CursorShape,
    /// Set with OSC 12 (always `Rgb`), else `Color::Default`.
    pub color: Color,
}

/// What the multiplexer lets a pane's program do (tmux's pane options).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Settings {
    /// `alternate-screen`: the program may switch to the alternate screen.
    pub alternate_screen: bool,
    /// `scroll-on-clear`: clearing the whole screen (or from its top left to the end)
    /// first moves what it shows into the history.
    pub scroll_on_clear: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            alternate_screen: true,
            scroll_on_clear: true,
        }
    }
}

/// Something the caller may want to act on.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Event {
    /// BEL.
    Bell,
    /// OSC 0/2 changed the title.
    Title(String),
    /// OSC 7 changed the current directory (the decoded path).
    Cwd(String),
    /// OSC 52 set a selection; `data` is decoded.
    Clipboard { selection: String, data: Vec<u8> },
    /// screen's `ESC k name ST` named the window (tmux's `allow-rename`).
    Name(String),
}

/// One pane's emulator.
pub struct Terminal {
    parser: parser::Parser,
    screen: Screen,
}

/// The whole state but the parser's, which is between sequences whenever the caller
/// looks (a live upgrade hands it over; a sequence cut in two is not worth keeping).
#[cfg(feature = "serde")]
impl serde::Serialize for Terminal {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.screen.serialize(serializer)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Terminal {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Terminal, D::Error> {
        Ok(Terminal {
            parser: parser::Parser::new(),
            screen: Screen::deserialize(deserializer)?,
        })
    }
}

impl std::fmt::Debug for Terminal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Terminal")
            .field("size", &self.size())
            .field("cursor", &self.cursor())
            .field("history_len", &self.history_len())
            .finish_non_exhaustive()
    }
}

impl Terminal {
    /// A blank terminal; sizes are clamped to at least 1x1.
    pub fn new(size: Size, history_limit: usize) -> Terminal {
        Terminal {
            parser: parser::Parser::new(),
            screen: Screen::new(size, history_limit),
        }
    }

    /// Interprets output of the pane's program.
    pub fn feed(&mut self, bytes: &[u8]) {
        self.parser.feed(&mut self.screen, bytes);
    }

    /// Changes the size, reflowing the main screen and its history like tmux.
    pub fn resize(&mut self, size: Size) {
        self.screen.resize(size);
    }

    pub fn size(&self) -> Size {
        Size {
            cols: self.screen.cols,
            rows: self.screen.rows,
        }
    }

    pub fn history_limit(&self) -> usize {
        self.screen.history.limit()
    }

    /// Sets the history limit, dropping the oldest lines past it.
    pub fn set_history_limit(&mut self, limit: usize) {
        self.screen.history.set_limit(limit);
    }

    pub fn history_len(&self) -> usize {
        self.screen.history.len()
    }

    pub fn clear_history(&mut self) {
        self.screen.clear_history();
    }

    /// What the multiplexer lets the program do.
    pub fn set_settings(&mut self, settings: Settings) {
        self.screen.settings = settings;
    }

    /// Full reset (RIS); size, history and history limit are kept.
    pub fn reset(&mut self) {
        self.screen.full_reset();
    }

    pub fn cursor(&self) -> Cursor {
        let s = &self.screen;
        Cursor {
            col: s.cur.x.min(s.cols - 1),
            row: s.cur.y.min(s.rows - 1),
            visible: s.cursor_visible,
            shape: s.cursor_shape,
            color: s
                .palette
                .cursor
                .map_or(Color::Default, |(r, g, b)| Color::Rgb(r, g, b)),
        }
    }

    pub fn modes(&self) -> Modes {
        self.screen.modes
    }

    /// State formats report (`#{scroll_region_upper}`, `#{pane_tabs}`, ...).
    pub fn details(&self) -> Details {
        let s = &self.screen;
        let cursor = self.cursor();
        let under = self
            .row(i64::from(cursor.row))
            .and_then(|r| r.cells().nth(usize::from(cursor.col)).map(|c| c.ch));
        Details {
            scroll_region: (s.top, s.bottom),
            tabs: (0..s.cols)
                .filter(|x| s.tabs.get(usize::from(*x)).copied().unwrap_or(false))
                .collect(),
            alt_saved_cursor: s.saved_for_alt.as_ref().map(|c| (c.x, c.y)),
            cursor_char: under.map(|c| if c == '\0' { ' ' } else { c }),
        }
    }

    /// The title set with OSC 0/2.
    pub fn title(&self) -> &str {
        &self.screen.title
    }

    /// The directory reported with OSC 7.
    pub fn cwd(&self) -> Option<&str> {
        self.screen.cwd.as_deref()
    }

    /// Bytes to write back to the program (answers to its queries).
    pub fn take_replies(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.screen.replies)
    }

    pub fn take_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.screen.events)
    }

    pub fn has_pending_events(&self) -> bool {
        !self.screen.events.is_empty()
    }

    /// Grows whenever anything visible changes (cells, cursor, modes).
    pub fn seq(&self) -> u64 {
        self.screen.stamp
    }

    /// Row `y` of the active screen (`0..rows`), or of the history
    /// (`-1` = newest ... `-history_len()` = oldest).
    pub fn row(&self, y: i64) -> Option<RowView<'_>> {
        let s = &self.screen;
        let kind_stamp = if y >= 0 {
            let row = s.grid().row(usize::try_from(y).ok()?)?;
            (RowKind::Live(row), row.stamp)
        } else {
            let back = usize::try_from(y.unsigned_abs()).ok()?;
            let i = s.history.len().checked_sub(back)?;
            (RowKind::History(s.history.get(i)?), s.history.stamp(i))
        };
        Some(RowView {
            kind: kind_stamp.0,
            links: &s.links,
            stamp: kind_stamp.1,
            width: s.cols,
        })
    }

    /// What `capture-pane -p` prints for these options, `'\n'` after each
    /// line.
    pub fn capture(&self, opts: &CaptureOptions) -> String {
        let hsize = self.history_len();
        let rows = usize::from(self.screen.rows);
        let (top, bottom) = capture::line_range(opts, hsize, rows);
        let views = (top..=bottom).filter_map(|abs| self.row(abs as i64 - hsize as i64));
        capture::capture(views, &self.screen.links, opts)
    }

    /// The bytes a key sends under the current modes.
    pub fn encode_key(&self, key: Key, out: &mut Vec<u8>) {
        input::encode_key(&self.screen.modes, key, out);
    }

    /// A paste, bracketed if the program asked for it (2004).
    pub fn encode_paste(&self, text: &str, out: &mut Vec<u8>) {
        input::encode_paste(&self.screen.modes, text, out);
    }

    /// A mouse event in the program's protocol; false if it did not ask for
    /// this kind of event (or the position cannot be encoded).
    pub fn encode_mouse(&self, ev: MouseEvent, out: &mut Vec<u8>) -> bool {
        input::encode_mouse(&self.screen.modes, ev, out)
    }

    /// A focus change; false unless the program asked for them (1004).
    pub fn encode_focus(&self, focused: bool, out: &mut Vec<u8>) -> bool {
        input::encode_focus(&self.screen.modes, focused, out)
    }

    /// The colours OSC 10/11 queries report (the attached terminal's, when
    /// the caller knows them).
    pub fn set_default_colors(&mut self, fg: (u8, u8, u8), bg: (u8, u8, u8)) {
        self.screen.palette.fg = fg;
        self.screen.palette.bg = bg;
    }

    /// Checks internal invariants (cursor inside the screen, rows as wide as
    /// the screen, wide characters whole, history within its limit). For
    /// property tests and fuzzing.
    #[doc(hidden)]
    pub fn check_invariants(&self) -> Result<(), String> {
        self.screen.check_invariants()
    }

    /// Heap bytes used by the screens and the history (an estimate that
    /// ignores allocator overhead).
    pub fn heap_bytes(&self) -> usize {
        self.screen.heap_bytes()
    }
}

#[cfg(test)]
mod tests;
