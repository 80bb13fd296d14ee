//! Modes that take over a client's view of its window for a while: the pane numbers of
//! display-panes (`C-b q`) and the session/window chooser of choose-tree (`C-b s`,
//! `C-b w`) and find-window (`C-b f`). A mode draws into the client's scene and gets the
//! client's keys before anything else.

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
