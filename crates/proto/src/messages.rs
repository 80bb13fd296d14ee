//! The messages. Enums are append-only: never reorder or remove a variant, only add at the
//! end and bump [`crate::PROTOCOL_VERSION`] when a shape changes.

use serde::{Deserialize, Serialize};

pub use rmux_types::{
    Attrs, Color, ColorDepth, CursorShape, Feature, Key, KeyCode, Mods, MouseButton, MouseEvent,
    MouseKind, Style, TerminalFeatures, Underline,
};

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
    /// A line a control-mode client read from its input: commands to run, or when empty
    /// (an empty line, or the end of the input) the client's wish to leave.
    ControlLine(Vec<u8>),
}

/// `rmux <argv…>` as the server needs it. Arguments, directory and environment are the
/// caller's bytes: a Unix program's are not always UTF-8.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommandRequest {
    /// The command and its arguments, exactly as typed after the global flags.
    pub argv: Vec<Vec<u8>>,
    /// The caller's working directory (new panes start there).
    pub cwd: Vec<u8>,
    /// The caller's environment (new panes inherit it).
    pub env: Vec<(Vec<u8>, Vec<u8>)>,
    /// Present when the caller runs in a terminal and could attach.
    pub terminal: Option<TerminalInfo>,
    /// Control mode, as tmux's -C (1) and -CC (2); 0 for an ordinary client.
    pub control: u8,
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
    /// What the terminal's terminfo entry says it can do: `colors=N` and the names of
    /// the capabilities rmux looks at (`RGB`, `Tc`, `Smulx`, `Setulc`, `smxx`, `Smol`,
    /// `Ss`, `Cs`, `Sync`), read by the client, which has the terminal.
    pub terminfo: Vec<String>,
    /// Features named with `rmux -T` (tmux's feature names, separated by `,`).
    pub features: String,
}

/// One input event from an attached client.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Input {
    Key(Key),
    Paste(String),
    Mouse(MouseEvent),
    Focus { gained: bool },
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
    /// What the client's terminal can show: frames are drawn within it. Sent before
    /// the first frame and whenever it changes (`terminal-features`, `terminal-overrides`).
    Features(TerminalFeatures),
    /// Lock the client (lock-client): give the terminal to `command` (lock-command),
    /// and redraw when it exits.
    Lock { command: String },
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
    /// The OSC 8 hyperlink the cells lead to.
    pub link: Option<String>,
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

/// The cursor of a frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    pub x: u16,
    pub y: u16,
    pub shape: CursorShape,
    /// Set by the pane's program with OSC 12; `Color::Default` is the terminal's own.
    pub color: Color,
}
