//! The modes a pane can be in besides copy mode (tmux's window modes): a chooser, the
//! clock, command output to read. They belong to the pane, so every client showing it
//! sees the mode, and a script can start one with no client attached.

use rmux_proto::Key;

use super::Server;
use crate::ids::{ClientId, PaneId};
use crate::modes::{Mode, ModeAction};

impl Server {
    /// Show `mode` in the pane in place of its program. A mode of a kind already in the
    /// pane's stack replaces it at the top, as tmux moves it there.
    pub fn enter_mode(&mut self, pane: PaneId, mode: Mode) {
        let Some(p) = self.panes.get_mut(&pane) else {
            return;
        };
        p.modes.retain(|m| m.name() != mode.name());
        p.modes.push(mode);
        let window = p.window;
        self.redraw_window(window);
    }

    /// Whether the pane shows a mode that takes keys before the program.
    pub fn in_mode(&self, pane: PaneId) -> bool {
        self.panes.get(&pane).is_some_and(|p| !p.modes.is_empty())
    }

    /// A key for the pane's mode. As in tmux, a mode acts only on a key some client
    /// pressed (or sent): what it runs needs that client.
    pub fn mode_key(&mut self, pane: PaneId, key: Key, client: Option<ClientId>) {
        let Some(client) = client else {
            return;
        };
        let Some(mut mode) = self.panes.get_mut(&pane).and_then(|p| p.modes.pop()) else {
            return;
        };
        let action = mode.key(key, self);
        let window = self.panes.get(&pane).map(|p| p.window);
        match action {
            ModeAction::Stay => {
                if let Some(p) = self.panes.get_mut(&pane) {
                    p.modes.push(mode);
                }
            }
            ModeAction::Leave => {}
            ModeAction::Run(line) => self.run_client_command(client, &line),
        }
        if let Some(w) = window {
            self.redraw_window(w);
        }
    }
}
