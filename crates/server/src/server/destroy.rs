//! Taking things away: a pane whose process exits or is killed leaves its window; the
//! window goes with its last pane, the session with its last window, and the server with
//! its last session.

use std::time::SystemTime;

use rmux_proto::ServerMessage;

use super::Server;
use super::hooks::HookTarget;
use crate::ids::{ClientId, PaneId, SessionId, WindowId};
use crate::pty::ExitStatus;

impl Server {
    /// A pane's process is gone: keep the pane if remain-on-exit says so, else remove it.
    pub fn pane_exited(&mut self, pane: PaneId, status: ExitStatus) {
        let Some(p) = self.panes.get_mut(&pane) else {
            return;
        };
        let window = p.window;
        let failed = status.code != 0 || status.signal.is_some();
        p.exited = Some((status.clone(), SystemTime::now()));
        let target = HookTarget {
            window: Some(window),
            pane: Some(pane),
            ..HookTarget::default()
        };
        let keep = match self.restart_after_exit(pane, &status) {
            super::restart::AfterExit::Restarting => {
                // The pane stays until its program starts again.
                self.fire_hook("pane-died", target);
                self.redraw_window(window);
                return;
            }
            super::restart::AfterExit::GivenUp => true,
            super::restart::AfterExit::Nothing => match self.pane_option(pane, "remain-on-exit") {
                "on" => true,
                "failed" => failed,
                _ => false,
            },
        };
        if keep {
            self.fire_hook("pane-died", target);
            self.show_pane_dead(pane);
            self.redraw_window(window);
        } else {
            self.fire_hook("pane-exited", target);
            self.kill_pane(pane);
        }
    }

    /// remain-on-exit: write remain-on-exit-format on a new last line of the pane, as
    /// tmux does.
    fn show_pane_dead(&mut self, pane: PaneId) {
        let format = self.pane_option(pane, "remain-on-exit-format").to_string();
        let text = crate::formats::FormatTarget::for_pane(self, pane).expand_plain(&format);
        if let Some(p) = self.panes.get(&pane)
            && let Ok(mut t) = p.term.lock()
        {
            let rows = t.size().rows;
            t.feed(format!("\x1b[0m\x1b[{rows};1H\r\n{text}").as_bytes());
        }
    }

    /// Remove a pane, hanging up its process.
    pub fn kill_pane(&mut self, pane: PaneId) {
        let Some(p) = self.panes.remove(&pane) else {
            return;
        };
        p.pty.hang_up();
        if self.marked == Some(pane) {
            self.marked = None;
        }
        self.remove_from_window(pane, p.window);
    }

    /// Take a pane that is gone out of its window's layout (the window goes with its
    /// last pane).
    pub fn remove_from_window(&mut self, pane: PaneId, window: WindowId) {
        let Some(w) = self.windows.get_mut(&window) else {
            return;
        };
        if w.layout.pane_count() <= 1 {
            self.destroy_window(window);
            return;
        }
        w.layout.remove(pane.0);
        if w.last_pane == Some(pane) {
            w.last_pane = None;
        }
        if w.active == pane {
            w.zoomed = false;
            let next = w.last_pane.take().or_else(|| w.panes().first().copied());
            if let Some(next) = next {
                w.active = next;
                self.activate_pane(next);
            }
        }
        self.apply_layout(window);
    }

    /// Remove a window from every session, killing its panes.
    pub fn kill_window(&mut self, window: WindowId) {
        let panes = self
            .windows
            .get(&window)
            .map(|w| w.panes())
            .unwrap_or_default();
        for p in panes {
            if let Some(pane) = self.panes.remove(&p) {
                pane.pty.hang_up();
            }
        }
        self.destroy_window(window);
    }

    fn destroy_window(&mut self, window: WindowId) {
        self.windows.remove(&window);
        let sessions: Vec<SessionId> = self
            .sessions
            .values()
            .filter(|s| s.index_of(window).is_some())
            .map(|s| s.id)
            .collect();
        for s in sessions {
            let renumber =
                crate::options::parse_flag(self.session_option(Some(s), "renumber-windows"))
                    .unwrap_or(false);
            let base = u32::try_from(self.session_number(Some(s), "base-index")).unwrap_or(0);
            let Some(session) = self.sessions.get_mut(&s) else {
                continue;
            };
            if session.remove_window(window) {
                self.fire_hook(
                    "window-unlinked",
                    HookTarget {
                        session: Some(s),
                        window: Some(window),
                        ..HookTarget::default()
                    },
                );
                let Some(session) = self.sessions.get_mut(&s) else {
                    continue;
                };
                if renumber {
                    session.renumber(base);
                }
                self.fit_session(s);
                self.changed();
            } else {
                self.destroy_session(s, "[exited]");
            }
        }
    }

    /// Kill a session: its windows go (unless linked elsewhere), its clients are detached.
    pub fn kill_session(&mut self, session: SessionId) {
        let windows = self.windows_of(session);
        // The session goes first so its windows' removal does not detach twice.
        self.destroy_session(session, "[exited]");
        // Each window leaves the session, as tmux's session_destroy unlinks them.
        for w in &windows {
            self.fire_hook(
                "window-unlinked",
                HookTarget {
                    session: Some(session),
                    window: Some(*w),
                    ..HookTarget::default()
                },
            );
        }
        for w in windows {
            if self.session_of_window(w).is_none() {
                self.kill_window(w);
            }
        }
    }

    fn destroy_session(&mut self, session: SessionId, message: &str) {
        if self.sessions.remove(&session).is_none() {
            return;
        }
        self.fire_hook(
            "session-closed",
            HookTarget {
                session: Some(session),
                ..HookTarget::default()
            },
        );
        let clients: Vec<ClientId> = self.attached_clients(session).map(|c| c.id).collect();
        for c in clients {
            // detach-on-destroy off: on to the most recent other session; no-detached:
            // to the most recent one nobody else is attached to, if any.
            let next = match self.session_option(None, "detach-on-destroy") {
                "off" => self.best_session(),
                "no-detached" => self
                    .sessions
                    .values()
                    .filter(|s| self.attached_count(s.id) == 0)
                    .max_by_key(|s| (s.activity, s.id))
                    .map(|s| s.id),
                _ => None,
            };
            match next {
                Some(other) => self.switch_client(c, other),
                None => self.detach_client(c, message.to_string()),
            }
        }
        if self.sessions.is_empty()
            && crate::options::parse_flag(self.server_option("exit-empty")).unwrap_or(true)
        {
            self.exiting = true;
        }
    }

    /// server-access -d: every client of `uid` goes, told why.
    pub fn disconnect_user(&mut self, uid: u32) {
        let theirs: Vec<ClientId> = self
            .clients
            .values()
            .filter(|c| c.uid == uid)
            .map(|c| c.id)
            .collect();
        for id in theirs {
            if self.clients.get(&id).is_some_and(|c| c.attached.is_some()) {
                self.detach_client(id, "access not allowed".to_string());
            } else if let Some(c) = self.clients.get_mut(&id) {
                c.finish(&ServerMessage::Exit { status: 1 });
            }
        }
    }

    /// server-access -r/-w: the user's attached clients become read-only or writable.
    pub fn set_user_readonly(&mut self, uid: u32, readonly: bool) {
        for c in self.clients.values_mut().filter(|c| c.uid == uid) {
            if let Some(a) = c.attached.as_mut() {
                a.readonly = readonly;
            }
        }
    }

    /// Detach a client: it restores the user's terminal, prints `message` and exits 0.
    pub fn detach_client(&mut self, client: ClientId, message: String) {
        let Some(c) = self.clients.get_mut(&client) else {
            return;
        };
        if let Some(a) = c.attached.take() {
            c.finish(&ServerMessage::Detached { message, status: 0 });
            self.fire_hook(
                "client-detached",
                HookTarget {
                    client: Some(client),
                    session: Some(a.session),
                    ..HookTarget::default()
                },
            );
            self.client_left(a.session);
        }
    }

    /// A client left `session` (detached or gone): a session that destroys itself when
    /// unattached goes, and a server that exits when unattached exits.
    pub fn client_left(&mut self, session: SessionId) {
        self.close_orphan_popups();
        self.close_orphan_menus();
        // The windows fit the clients that are left.
        self.fit_session(session);
        self.changed();
        if self.attached_count(session) == 0
            && self.sessions.contains_key(&session)
            && self.session_flag(Some(session), "destroy-unattached")
        {
            self.kill_session(session);
        }
        let anyone = self.clients.values().any(|c| c.attached.is_some());
        if !anyone && self.server_flag("exit-unattached") {
            self.kill_server();
        }
    }

    /// Kill the server: every client is told, every pane hung up.
    pub fn kill_server(&mut self) {
        // What the sessions were, for `resurrect`.
        self.snapshot_now();
        let ids: Vec<ClientId> = self.clients.keys().copied().collect();
        for id in ids {
            if let Some(c) = self.clients.get_mut(&id)
                && c.attached.take().is_some()
            {
                c.finish(&ServerMessage::Detached {
                    message: "[server exited]".to_string(),
                    status: 0,
                });
            }
        }
        for (_, p) in std::mem::take(&mut self.panes) {
            p.pty.hang_up();
        }
        self.hang_up_popups();
        self.windows.clear();
        self.sessions.clear();
        self.exiting = true;
    }
}
