//! Modes: the pane numbers of display-panes (`C-b q`, a client's), and the modes a pane
//! shows in place of its program (tmux's window modes, `Pane::modes`): the session and
//! window chooser of choose-tree (`C-b s`, `C-b w`) and find-window (`C-b f`), the
//! choosers of choose-buffer and choose-client, the clock, command output to read. A
//! mode draws into the pane's cells and gets the keys the program would.

mod choose;
mod clock;
mod digits;
mod display_panes;
mod tree;
mod view;

pub use choose::ChooseMode;
pub use clock::{ClockMode, clock_marks};
pub use display_panes::{DisplayPanes, number_marks};
pub use tree::{TreeKind, TreeMode};
pub use view::ViewMode;

use rmux_proto::Key;

/// What a mode did with a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModeAction {
    /// Stay in the mode (it may have changed).
    Stay,
    /// Leave the mode.
    Leave,
    /// Leave the mode and run this command line for the client.
    Run(String),
}

/// A client's current mode.
#[derive(Clone, Debug)]
pub enum Mode {
    DisplayPanes(DisplayPanes),
    Tree(TreeMode),
    View(ViewMode),
    Clock(ClockMode),
    Choose(ChooseMode),
}

impl Mode {
    /// Its name in `#{pane_mode}`, as tmux's.
    pub fn name(&self) -> &'static str {
        match self {
            Mode::DisplayPanes(_) => "",
            Mode::Tree(_) => "tree-mode",
            Mode::View(_) => "view-mode",
            Mode::Clock(_) => "clock-mode",
            Mode::Choose(c) => c.name(),
        }
    }

    pub fn key(&mut self, key: Key, server: &crate::server::Server) -> ModeAction {
        match self {
            Mode::DisplayPanes(d) => d.key(key),
            Mode::Tree(t) => t.key(key, server),
            Mode::View(v) => v.key(key),
            Mode::Clock(c) => c.key(key),
            Mode::Choose(c) => c.key(key),
        }
    }
}
