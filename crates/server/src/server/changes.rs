//! Changes to sessions, windows and panes that clients show and snapshots keep, made
//! through methods that record both: every client is redrawn and the next snapshot is
//! due. Commands call these rather than change the model and remember the rest.

use std::path::PathBuf;

use super::Server;
use crate::ids::{PaneId, SessionId, WindowId};

impl Server {
    /// The model changed: every client redraws it, and the next snapshot holds it.
    pub fn changed(&mut self) {
        self.changed_quietly();
        for c in self.clients.values_mut() {
            if let Some(a) = c.attached.as_mut() {
                a.urgent = true;
            }
        }
    }

    /// As [`Server::changed`], the frames going at the pace of output (what a
    /// program changes: a title set on every line of a flood must not make every loop
    /// turn a frame).
    fn changed_quietly(&mut self) {
        self.state_generation += 1;
        self.redraw_all();
    }

    /// The windows of `session`, in index order (a window linked twice, twice).
    pub fn windows_of(&self, session: SessionId) -> Vec<WindowId> {
        self.sessions
            .get(&session)
            .map(|s| s.windows.values().copied().collect())
            .unwrap_or_default()
    }

    /// Changes to the model so far (the snapshot compares it with the last one taken).
    pub fn state_generation(&self) -> u64 {
        self.state_generation
    }

    pub fn rename_session(&mut self, session: SessionId, name: String) {
        if let Some(s) = self.sessions.get_mut(&session) {
            s.name = name;
        }
        self.changed();
    }

    /// A name given to a window, which then stops naming itself after its program.
    pub fn rename_window(&mut self, window: WindowId, name: String) {
        if let Some(w) = self.windows.get_mut(&window) {
            w.name = name;
            if let Some(d) = crate::options::find("automatic-rename") {
                w.options.set(d, "off".to_string());
            }
        }
        self.changed();
    }

    /// Make window `index` current in `session`: its alerts are seen, the session's
    /// size follows what its clients now show.
    pub fn select_window(&mut self, session: SessionId, index: u32) {
        if let Some(s) = self.sessions.get_mut(&session) {
            s.select(index);
            if let Some(w) = s.current_window()
                && let Some(win) = self.windows.get_mut(&w)
            {
                win.alerts = Default::default();
            }
        }
        self.fit_session(session);
        self.changed();
    }

    /// A pane's title: set by a command (`select-pane -T`), or by its program (drawn
    /// with its output).
    pub fn set_pane_title(&mut self, pane: PaneId, title: String, by_program: bool) {
        if let Some(p) = self.panes.get_mut(&pane) {
            p.title = title;
        }
        if by_program {
            self.changed_quietly();
        } else {
            self.changed();
        }
    }

    /// The marked pane (`select-pane -m`), or none.
    pub fn set_marked(&mut self, pane: Option<PaneId>) {
        self.marked = pane;
        self.changed();
    }

    /// Forget the alerts of every window of `session` (`kill-session -C`).
    pub fn clear_alerts(&mut self, session: SessionId) {
        let windows = self.windows_of(session);
        for w in windows {
            if let Some(win) = self.windows.get_mut(&w) {
                win.alerts = Default::default();
            }
        }
        self.changed();
    }

    /// Number `session`'s windows from `base` up, without gaps (`move-window -r`).
    pub fn renumber_windows(&mut self, session: SessionId, base: u32) {
        if let Some(s) = self.sessions.get_mut(&session) {
            s.renumber(base);
        }
        self.changed();
    }

    /// Where new windows of `session` start (`attach-session -c`).
    pub fn set_session_cwd(&mut self, session: SessionId, dir: PathBuf) {
        if let Some(s) = self.sessions.get_mut(&session) {
            s.cwd = dir;
        }
        self.state_generation += 1;
    }

    /// A pane's own value of option `name` (`set -p`), from code that knows it valid.
    pub fn set_pane_option(&mut self, pane: PaneId, name: &str, value: String) {
        if let (Some(d), Some(p)) = (crate::options::find(name), self.panes.get_mut(&pane)) {
            p.options.set(d, value);
        }
        self.state_generation += 1;
    }

    /// Zoom `window`'s active pane (split-window -Z), or not.
    pub fn set_zoomed(&mut self, window: WindowId, zoomed: bool) {
        if let Some(w) = self.windows.get_mut(&window) {
            w.zoomed = zoomed;
        }
        self.apply_layout(window);
        self.changed();
    }

    /// `resize-pane -Z`: unzoom a zoomed window, or zoom `pane` (if it has company).
    pub fn toggle_zoom(&mut self, window: WindowId, pane: PaneId) {
        if let Some(w) = self.windows.get_mut(&window) {
            if w.zoomed {
                w.zoomed = false;
            } else if w.layout.pane_count() > 1 {
                w.zoomed = true;
                w.active = pane;
            }
        }
        self.apply_layout(window);
        self.changed();
    }

    /// `swap-window`: the windows at two links trade places; with `select`, each
    /// session shows the window now at its index.
    pub fn swap_windows(&mut self, a: (SessionId, u32), b: (SessionId, u32), select: bool) {
        let window_at = |server: &Server, (s, i): (SessionId, u32)| {
            server
                .sessions
                .get(&s)
                .and_then(|s| s.windows.get(&i))
                .copied()
        };
        let (Some(wa), Some(wb)) = (window_at(self, a), window_at(self, b)) else {
            return;
        };
        for ((session, index), window) in [(a, wb), (b, wa)] {
            if let Some(s) = self.sessions.get_mut(&session) {
                s.windows.insert(index, window);
            }
        }
        if select {
            for (session, index) in [b, a] {
                if let Some(s) = self.sessions.get_mut(&session) {
                    s.select(index);
                }
            }
        }
        self.fit_session(a.0);
        self.fit_session(b.0);
        self.changed();
    }
}
