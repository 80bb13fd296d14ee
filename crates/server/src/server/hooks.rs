//! Hooks, as tmux's: commands set with `set-hook` that run when something happens
//! (`session-created`, `pane-died`, `alert-bell`, …) or after a command
//! (`after-new-window`). A hook's commands are looked up like an option of what it is
//! about (pane, then window, then the global window options; session, then the global
//! session options) and run in a queue of their own, or, for an `after-` hook, right after
//! the command in its own queue.

use super::Server;

/// Hooks waiting to run at most (a storm of events drops the rest).
const MAX_PENDING_HOOKS: usize = 1024;
use super::queue::{Caller, Origin};
use crate::cmd::{Current, Item};
use crate::ids::{ClientId, PaneId, SessionId, WindowId};
use crate::options::{OptionStore, Scope};

/// What a hook is about.
#[derive(Clone, Copy, Debug, Default)]
pub struct HookTarget {
    pub client: Option<ClientId>,
    pub session: Option<SessionId>,
    pub window: Option<WindowId>,
    pub pane: Option<PaneId>,
}

impl Server {
    /// The commands of hook `name` for `target`, each element its own command string.
    pub fn hook_commands(&self, name: &str, target: &HookTarget) -> Vec<String> {
        let Some(def) = crate::options::find_hook(name) else {
            return Vec::new();
        };
        let mut stores: Vec<&OptionStore> = Vec::new();
        match def.scope {
            Scope::Window => {
                if let Some(p) = target.pane.and_then(|p| self.panes.get(&p)) {
                    stores.push(&p.options);
                }
                let window = target.window.or_else(|| {
                    target
                        .pane
                        .and_then(|p| self.panes.get(&p))
                        .map(|p| p.window)
                });
                if let Some(w) = window.and_then(|w| self.windows.get(&w)) {
                    stores.push(&w.options);
                }
                stores.push(&self.options.window);
            }
            Scope::Session | Scope::Server => {
                if let Some(s) = target.session.and_then(|s| self.sessions.get(&s)) {
                    stores.push(&s.options);
                }
                stores.push(&self.options.session);
            }
        }
        stores
            .iter()
            .find_map(|s| s.get_array(name))
            .map(|items| items.into_iter().map(str::to_string).collect())
            .unwrap_or_default()
    }

    /// Something happened: hook `name`'s commands, if it has any, run once the work at
    /// hand is done (never in the middle of changing what they might change).
    pub fn fire_hook(&mut self, name: &'static str, target: HookTarget) {
        if self.pending_hooks.len() < MAX_PENDING_HOOKS {
            self.pending_hooks.push((name, target));
        }
    }

    /// Run the hooks fired since the last time.
    pub fn run_pending_hooks(&mut self) {
        // Hooks may fire hooks: a bounded number of rounds.
        for _ in 0..8 {
            let mut pending = std::mem::take(&mut self.pending_hooks);
            if pending.is_empty() {
                return;
            }
            // tmux notifies a session's new current window before the window linked to
            // or unlinked from it: control clients see them in that order.
            pending.sort_by_key(|(name, _)| *name != "session-window-changed");
            for (name, target) in pending {
                self.control_notify(name, &target);
                self.run_hook(name, target);
            }
        }
    }

    fn run_hook(&mut self, name: &str, target: HookTarget) {
        let commands = self.hook_commands(name, &target);
        if commands.is_empty() {
            return;
        }
        let groups = self.hook_groups(&commands);
        let window = target.window.or_else(|| {
            target
                .pane
                .and_then(|p| self.panes.get(&p))
                .map(|p| p.window)
        });
        let session = target
            .session
            .or_else(|| window.and_then(|w| self.session_of_window(w)));
        let caller = Caller {
            client: target.client,
            current: Current {
                session,
                window,
                pane: target
                    .pane
                    .or_else(|| window.and_then(|w| self.active_pane(w))),
                mouse: None,
            },
            cwd: std::env::current_dir().unwrap_or_else(|_| "/".into()),
            env: self.global_env.clone(),
            terminal: None,
        };
        self.enqueue(caller, Origin::Detached, groups);
    }

    /// Each hook command string parsed into its commands, one group each.
    pub fn hook_groups(&self, commands: &[String]) -> Vec<Vec<Item>> {
        commands
            .iter()
            .filter_map(
                |c| match crate::cmd::parse_commands_blocks(c, &self.global_env) {
                    Ok(parsed) => Some(parsed.into_iter().map(Item::parsed).collect()),
                    Err(e) => {
                        tracing::info!("hook command {c:?}: {e}");
                        None
                    }
                },
            )
            .collect()
    }

    /// `set-hook -R name`: run a hook now, for the caller's current session.
    pub fn run_hook_now(&mut self, client: Option<ClientId>, name: &str) -> crate::cmd::CmdResult {
        if crate::options::find_hook(name).is_none() {
            return Err(format!("invalid hook: {name}"));
        }
        let session = client
            .and_then(|c| self.clients.get(&c))
            .and_then(|c| c.session())
            .or_else(|| self.best_session());
        self.run_hook(
            name,
            HookTarget {
                client,
                session,
                ..HookTarget::default()
            },
        );
        Ok(crate::cmd::Flow::Continue)
    }
}

/// What the hooks that report changes last saw of a session, a window and a pane: the
/// changes are found by comparing, after each turn of the loop, so every way of making
/// one (a command, a key, a mouse click, the layout code) fires its hook.
#[derive(Debug, Default)]
pub struct Observed {
    sessions: std::collections::HashMap<SessionId, (String, Option<WindowId>)>,
    windows: std::collections::HashMap<WindowId, WindowSeen>,
    panes: std::collections::HashMap<PaneId, bool>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct WindowSeen {
    name: String,
    active: PaneId,
    size: (u16, u16),
    layout: Vec<(PaneId, crate::layout::Rect)>,
    /// Zooming changes the layout shown, and tmux reports it as a layout change.
    zoomed: bool,
}

impl Server {
    /// Fire the hooks of what changed since the last look.
    pub fn observe_changes(&mut self) {
        let mut observed = std::mem::take(&mut self.observed);
        let mut fired: Vec<(&'static str, HookTarget)> = Vec::new();
        let focus = crate::options::parse_flag(self.server_option("focus-events")).unwrap_or(false);
        // Compared in place, copied only when something changed: this runs at every turn
        // of the loop, once for each key typed.
        for s in self.sessions.values() {
            let current = s.current_window();
            let target = HookTarget {
                session: Some(s.id),
                window: current,
                ..HookTarget::default()
            };
            match observed.sessions.get_mut(&s.id) {
                None => {
                    observed.sessions.insert(s.id, (s.name.clone(), current));
                }
                Some(before) if before.0 != s.name => {
                    fired.push(("session-renamed", target));
                    *before = (s.name.clone(), current);
                }
                Some(before) if before.1 != current => {
                    fired.push(("session-window-changed", target));
                    before.1 = current;
                }
                Some(_) => {}
            }
        }
        for w in self.windows.values() {
            let layout = || {
                w.layout
                    .pane_order()
                    .iter()
                    .filter_map(|&p| w.layout.rect(p).map(|r| (PaneId(p), r)))
            };
            let size = w.size();
            let Some(before) = observed.windows.get_mut(&w.id) else {
                let seen = WindowSeen {
                    name: w.name.clone(),
                    active: w.active,
                    size,
                    layout: layout().collect(),
                    zoomed: w.zoomed,
                };
                observed.windows.insert(w.id, seen);
                continue;
            };
            let target = || HookTarget {
                session: self.session_of_window(w.id),
                window: Some(w.id),
                pane: Some(w.active),
                ..HookTarget::default()
            };
            if before.name != w.name {
                fired.push(("window-renamed", target()));
                before.name.clone_from(&w.name);
            }
            if before.active != w.active {
                fired.push(("window-pane-changed", target()));
                if focus {
                    let old = HookTarget {
                        pane: Some(before.active),
                        ..target()
                    };
                    fired.push(("pane-focus-out", old));
                    fired.push(("pane-focus-in", target()));
                }
                before.active = w.active;
            }
            if before.size != size {
                fired.push(("window-resized", target()));
                before.size = size;
            }
            if !before.layout.iter().copied().eq(layout()) || before.zoomed != w.zoomed {
                fired.push(("window-layout-changed", target()));
                before.layout = layout().collect();
                before.zoomed = w.zoomed;
            }
        }
        for p in self.panes.values() {
            let in_mode = p.copy.is_some() || !p.modes.is_empty();
            if observed
                .panes
                .insert(p.id, in_mode)
                .is_some_and(|b| b != in_mode)
            {
                fired.push((
                    "pane-mode-changed",
                    HookTarget {
                        window: Some(p.window),
                        pane: Some(p.id),
                        ..HookTarget::default()
                    },
                ));
            }
        }
        observed
            .sessions
            .retain(|id, _| self.sessions.contains_key(id));
        observed
            .windows
            .retain(|id, _| self.windows.contains_key(id));
        observed.panes.retain(|id, _| self.panes.contains_key(id));
        self.observed = observed;
        for (name, target) in fired {
            self.fire_hook(name, target);
        }
    }
}
