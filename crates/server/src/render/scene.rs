//! What one client should see, described without reference to how it got there.

use rmux_proto::{Cursor, Style};
use rmux_term::Size;

use crate::ids::PaneId;
use crate::pty::SharedTerminal;

/// A pane shown at a place on the client's screen.
#[derive(Clone)]
pub struct PanePlacement {
    pub pane: PaneId,
    pub term: SharedTerminal,
    /// Top-left corner on the client's screen and the size shown (clipped to the screen).
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub height: u16,
    /// Columns and rows of the pane cut off at the left and top (a window larger than
    /// the client, panned).
    pub skip_x: u16,
    pub skip_y: u16,
    /// Lines scrolled back into history (copy mode); 0 shows the live screen.
    pub scroll: usize,
    /// Changes whenever something drawn over the text changes (selection, scroll).
    pub decoration: u64,
    /// Spans drawn in a style of their own (search matches, a selection): row, first
    /// and last column,
    /// relative to the pane.
    pub highlights: Vec<(u16, u16, u16, Style)>,
    /// Wait for the pane's screen if its reader holds it (the active pane: its echo
    /// must not be left for the next frame); other panes are skipped while busy.
    pub must_wait: bool,
}

impl PanePlacement {
    /// A pane's live screen shown whole at `(x, y)`, `width` x `height`, waited for.
    pub fn whole(
        pane: PaneId,
        term: SharedTerminal,
        x: u16,
        y: u16,
        width: u16,
        height: u16,
    ) -> PanePlacement {
        PanePlacement {
            pane,
            term,
            x,
            y,
            width,
            height,
            skip_x: 0,
            skip_y: 0,
            scroll: 0,
            decoration: 0,
            highlights: Vec::new(),
            must_wait: true,
        }
    }
}

/// A row of text drawn over everything else (status line, prompt, message).
#[derive(Clone, Debug, Default)]
pub struct Line {
    pub y: u16,
    /// Cells from column 0; the rest of the row is filled with `fill`.
    pub cells: Vec<(char, Style)>,
    pub fill: Style,
}

/// A single cell drawn by the server itself (borders, overlays).
#[derive(Clone, Copy, Debug)]
pub struct Mark {
    pub x: u16,
    pub y: u16,
    pub ch: char,
    pub style: Style,
}

/// Everything a client's screen should show.
#[derive(Clone, Default)]
pub struct Scene {
    pub size: Size,
    /// Compose only this pane now (a typed key's echo while others flood); the rest
    /// follow in the next regular frame.
    pub only: Option<PaneId>,
    pub panes: Vec<PanePlacement>,
    pub marks: Vec<Mark>,
    pub lines: Vec<Line>,
    /// A popup: drawn last, over everything.
    pub overlay: Option<Overlay>,
    pub cursor: Option<Cursor>,
}

/// A program's screen in a box over everything else (display-popup).
#[derive(Clone)]
pub struct Overlay {
    /// A popup's program (a menu has none).
    pub placement: Option<PanePlacement>,
    pub marks: Vec<Mark>,
}
