//! A pane: a PTY with a program, the screen its output is parsed into, and what the status
//! line and formats need to know about it.

use std::time::{Instant, SystemTime};

use rmux_term::Size;

use crate::ids::{PaneId, WindowId};
use crate::pty::{ExitStatus, PaneFlags, Pty, SharedTerminal, SpawnSpec};

pub struct Pane {
    pub id: PaneId,
    pub window: WindowId,
    pub pty: Pty,
    pub term: SharedTerminal,
    /// Raised by whoever parses the output (screen changed, events waiting), lowered by the
    /// server loop when it takes the output in.
    pub flags: PaneFlags,
    pub size: Size,
    pub title: String,
    /// Set once the process has exited (the pane stays only with remain-on-exit).
    pub exited: Option<(ExitStatus, SystemTime)>,
    /// How the pane was started, for respawn-pane.
    pub spec: SpawnSpec,
    /// Grows each time the pane becomes active: the most recent wins ties in select-pane.
    pub active_stamp: u64,
    pub last_output: Option<Instant>,
    /// While the pane floods, its output is taken in at this time rather than at every
    /// read: `flags.dirty` stays raised meanwhile, so the reader does not wake the loop.
    pub held_until: Option<Instant>,
    /// When the process started (silence is counted from here until it prints).
    pub started: Instant,
    /// Copy mode, when the pane is in it (boxed: few panes ever are, and every pane's
    /// record is held inline in the server's map).
    pub copy: Option<Box<crate::copy::CopyMode>>,
    /// A chooser, the clock or command output shown in place of the program (tmux's
    /// modes belong to the pane, so a script can start one with no client); drawn over
    /// copy mode and given keys before it. A stack, as tmux's: the last is shown, and
    /// leaving it shows the one before.
    pub modes: Vec<crate::modes::Mode>,
    /// Window options set on this pane alone (`set -p`).
    pub options: crate::options::OptionStore,
    /// `select-pane -d`: keys and pastes do not reach the program until `-e`.
    pub input_off: bool,
    /// What the restart policy (the `restart` option) has done and will do.
    pub restart: Restart,
    /// pipe-pane's command, while the pane is piped to one.
    pub pipe: Option<crate::pane_pipe::PanePipe>,
}

/// A pane's restart policy at work.
#[derive(Debug, Default)]
pub struct Restart {
    /// Times the program was started again by the policy (`#{pane_restarts}`).
    pub count: u32,
    /// How the program last ended (`#{pane_last_exit_status}`).
    pub last_exit: Option<ExitStatus>,
    /// When it starts again.
    pub at: Option<Instant>,
    /// The wait before the last restart (it doubles while the program keeps dying).
    pub delay: std::time::Duration,
    /// When it died lately (too many too close together and the policy gives up).
    pub deaths: std::collections::VecDeque<Instant>,
}

impl Pane {
    /// The pane shows its big clock (clock-mode), which moves every second.
    pub fn shows_clock(&self) -> bool {
        matches!(self.modes.last(), Some(crate::modes::Mode::Clock(_)))
    }

    /// Connect pipe-pane's command to the pane's PTY as it is now (a program started
    /// again, an upgrade that could not go on); a pipe that cannot be connected is
    /// closed.
    pub fn reconnect_pipe(&mut self) {
        if let Some(pipe) = self.pipe.as_mut()
            && let Err(e) = pipe.attach(&self.pty)
        {
            tracing::warn!("pane {}: pipe-pane stopped: {e}", self.id);
            self.pipe = None;
        }
    }
}

impl std::fmt::Debug for Pane {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pane")
            .field("id", &self.id)
            .field("window", &self.window)
            .field("size", &self.size)
            .finish_non_exhaustive()
    }
}
