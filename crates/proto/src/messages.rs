//! The messages. Enums are append-only: never reorder or remove a variant, only add at the
//! end and bump [`crate::PROTOCOL_VERSION`] when a shape changes.

use serde::{Deserialize, Serialize};

/// A terminal size in character cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Size {
    pub cols: u16,
    pub rows: u16,
}

/// What a client sends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClientMessage {
    /// Run a command line (the first message of every connection after the hello).
    Command(CommandRequest),
    /// The user did something in an attached client.
    Input(Input),
    /// The attached client's terminal changed size.
    Resize(Size),
    /// The client has drawn every frame up to and including this one.
    Ack { frame: u64 },
    /// The client's terminal lost what it showed (after a suspend): send everything.
    Redraw,
}

/// `rmux <argv…>` as the server needs it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommandRequest {
    /// The command and its arguments, exactly as typed after the global flags.
    pub argv: Vec<String>,
    /// The caller's working directory (new panes start there).
    pub cwd: String,
    /// The caller's environment (new panes inherit it).
    pub env: Vec<(String, String)>,
    /// Present when the caller runs in a terminal and could attach.
    pub terminal: Option<TerminalInfo>,
}

/// The caller's terminal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerminalInfo {
    pub size: Size,
    /// `$TERM` of the outer terminal.
    pub term: String,
    /// The tty device name, for `list-clients`.
    pub tty: String,
    /// The client process id, for `list-clients` and `#{client_pid}`.
    pub pid: u32,
}

/// One input event from an attached client.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Input {
    Key(Key),
    Paste(String),
    Mouse(Mouse),
    Focus { gained: bool },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Key {
    pub code: KeyCode,
    pub mods: Mods,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum KeyCode {
    Char(char),
    Enter,
    Tab,
    BackTab,
    Backspace,
    Escape,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    Insert,
    Delete,
    F(u8),
    /// A key of the numeric keypad: '0'..='9', '.', '+', '-', '*', '/', '=', '\r' for Enter.
    Keypad(char),
}

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Mods {
    pub shift: bool,
    pub alt: bool,
    pub ctrl: bool,
}

/// A mouse event in client (outer terminal) coordinates, 0-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mouse {
    pub kind: MouseKind,
    pub button: MouseButton,
    pub col: u16,
    pub row: u16,
    pub mods: Mods,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MouseKind {
    Press,
    Release,
    Drag,
    Move,
    WheelUp,
    WheelDown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MouseButton {
    Left,
    Middle,
    Right,
    None,
}

/// What the server sends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ServerMessage {
    /// Text for the caller's stdout.
    Stdout(String),
    /// Text for the caller's stderr.
    Stderr(String),
    /// The command is done: exit with this status. Nothing follows.
    Exit { status: i32 },
    /// The client is now attached: take over the terminal and draw frames.
    Attached { session: String },
    /// Changes to the client's screen.
    Frame(Frame),
    /// Ring the outer terminal's bell.
    Bell,
    /// Set the outer terminal's clipboard (OSC 52), bytes as given by the pane.
    Clipboard { data: Vec<u8> },
    /// Set the outer terminal's title.
    Title(String),
    /// The client was detached: restore the terminal, print `message` and exit with
    /// `status`. Nothing follows.
    Detached { message: String, status: i32 },
    /// Which reports the outer terminal should send: mouse events (`mouse on`) and focus
    /// changes (`focus-events on`).
    TerminalModes { mouse: bool, focus: bool },
    /// Stop the client as C-z would (suspend-client); it redraws when continued.
    Suspend,
}

/// A change to the client's screen. Cells not named keep what they show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frame {
    /// Increasing per client; acknowledged with [`ClientMessage::Ack`].
    pub id: u64,
    /// The screen this frame describes.
    pub size: Size,
    /// Start from a blank screen before applying the runs.
    pub reset: bool,
    pub runs: Vec<Run>,
    /// Where the cursor is, or `None` when it is hidden.
    pub cursor: Option<Cursor>,
}

/// Consecutive cells of one row sharing a style.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Run {
    pub x: u16,
    pub y: u16,
    pub style: Style,
    pub text: String,
    /// How `text` splits into cells; empty when every `char` is one cell one column wide
    /// (the common case), else one entry per cell.
    pub glyphs: Vec<Glyph>,
}

/// One cell of a [`Run`] whose text is not a single narrow `char`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Glyph {
    /// Bytes of the run's text that belong to this cell.
    pub len: u8,
    /// Columns it covers: 1 or 2.
    pub width: u8,
}

impl Run {
    /// The run's cells as (column, text, width).
    pub fn cells(&self) -> RunCells<'_> {
        RunCells {
            run: self,
            byte: 0,
            glyph: 0,
            col: self.x,
        }
    }
}

/// Iterator over the cells of a [`Run`].
pub struct RunCells<'a> {
    run: &'a Run,
    byte: usize,
    glyph: usize,
    col: u16,
}

impl<'a> Iterator for RunCells<'a> {
    type Item = (u16, &'a str, u8);

    fn next(&mut self) -> Option<Self::Item> {
        let text = &self.run.text;
        let rest = text.get(self.byte..)?;
        let (len, width) = if self.run.glyphs.is_empty() {
            (rest.chars().next()?.len_utf8(), 1)
        } else {
            let g = self.run.glyphs.get(self.glyph)?;
            (usize::from(g.len), g.width)
        };
        let cell = rest.get(..len)?;
        if cell.is_empty() {
            return None;
        }
        let col = self.col;
        self.byte += len;
        self.glyph += 1;
        self.col = self.col.saturating_add(u16::from(width.max(1)));
        Some((col, cell, width))
    }
}

/// How a run of cells looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash, Serialize, Deserialize)]
pub struct Style {
    pub fg: Color,
    pub bg: Color,
    pub underline_color: Color,
    pub attrs: Attrs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash, Serialize, Deserialize)]
pub enum Color {
    #[default]
    Default,
    Indexed(u8),
    Rgb(u8, u8, u8),
}

/// Text attributes as bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash, Serialize, Deserialize)]
pub struct Attrs(pub u16);

impl Attrs {
    pub const BOLD: Attrs = Attrs(1);
    pub const DIM: Attrs = Attrs(1 << 1);
    pub const ITALIC: Attrs = Attrs(1 << 2);
    pub const UNDERLINE: Attrs = Attrs(1 << 3);
    pub const BLINK: Attrs = Attrs(1 << 4);
    pub const REVERSE: Attrs = Attrs(1 << 5);
    pub const HIDDEN: Attrs = Attrs(1 << 6);
    pub const STRIKE: Attrs = Attrs(1 << 7);
    pub const DOUBLE_UNDERLINE: Attrs = Attrs(1 << 8);
    pub const CURLY_UNDERLINE: Attrs = Attrs(1 << 9);
    pub const DOTTED_UNDERLINE: Attrs = Attrs(1 << 10);
    pub const DASHED_UNDERLINE: Attrs = Attrs(1 << 11);
    pub const OVERLINE: Attrs = Attrs(1 << 12);

    pub const fn contains(self, other: Attrs) -> bool {
        self.0 & other.0 == other.0
    }

    pub const fn union(self, other: Attrs) -> Attrs {
        Attrs(self.0 | other.0)
    }

    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl std::ops::BitOr for Attrs {
    type Output = Attrs;
    fn bitor(self, rhs: Attrs) -> Attrs {
        self.union(rhs)
    }
}

impl std::ops::BitOrAssign for Attrs {
    fn bitor_assign(&mut self, rhs: Attrs) {
        *self = self.union(rhs);
    }
}

/// The cursor of a frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    pub x: u16,
    pub y: u16,
    pub shape: CursorShape,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum CursorShape {
    #[default]
    Default,
    BlinkingBlock,
    Block,
    BlinkingUnderline,
    Underline,
    BlinkingBar,
    Bar,
}
