//! Moving things around: panes between windows (break-pane, join-pane), windows between
//! indexes and sessions (move-window, swap-window), and restarting a pane's program.

use super::{NewPane, Server};
use crate::ids::{PaneId, SessionId, WindowId};
use crate::layout::{SplitDirection, SplitSize};
use crate::model::Window;
use crate::pty::{self, PaneFlags};

impl Server {
    /// Take a pane out of its window's layout without stopping it. The window must keep
    /// at least one other pane.
    pub fn unlink_pane(&mut self, pane: PaneId) -> Result<WindowId, String> {
        let window = self.panes.get(&pane).ok_or("no such pane")?.window;
        let w = self.windows.get_mut(&window).ok_or("no such window")?;
        if w.layout.pane_count() < 2 {
            return Err("can't break with only one pane".to_string());
        }
        w.zoomed = false;
        w.layout.remove(pane.0);
        if w.last_pane == Some(pane) {
            w.last_pane = None;
        }
        if w.active == pane {
            let next = w.last_pane.take().or_else(|| w.panes().first().copied());
            if let Some(next) = next {
                w.active = next;
            }
        }
        self.apply_layout(window);
        Ok(window)
    }

    /// A new window in `session` holding the (unlinked) `pane`.
    pub fn window_from_pane(
        &mut self,
        session: SessionId,
        index: Option<u32>,
        name: Option<String>,
        pane: PaneId,
        select: bool,
    ) -> Result<WindowId, String> {
        let base = u32::try_from(self.session_number(Some(session), "base-index")).unwrap_or(0);
        let s = self.sessions.get(&session).ok_or("no such session")?;
        let index = match index {
            Some(i) if s.windows.contains_key(&i) => return Err(format!("index in use: {i}")),
            Some(i) => i,
            None => s.free_index(base),
        };
        let size = self.window_size_for(session);
        let window = WindowId(self.ids.window.next());
        let p = self.panes.get_mut(&pane).ok_or("no such pane")?;
        p.window = window;
        let named = name.is_some();
        let name = name.unwrap_or_else(|| crate::formats::current_command(p));
        self.windows.insert(
            window,
            Window::new(window, name, named, pane, size.cols, size.rows),
        );
        if let Some(s) = self.sessions.get_mut(&session) {
            s.windows.insert(index, window);
            if select {
                s.select(index);
            }
        }
        self.apply_layout(window);
        self.changed();
        Ok(window)
    }

    /// Move `pane` next to `target` (join-pane/move-pane), splitting the target's space.
    pub fn join_pane(
        &mut self,
        pane: PaneId,
        target: PaneId,
        direction: SplitDirection,
        size: SplitSize,
        placement: super::SplitPlacement,
        select: bool,
    ) -> Result<(), String> {
        if pane == target {
            return Err("source and target panes must be different".to_string());
        }
        let from = self.panes.get(&pane).ok_or("no such pane")?.window;
        let to = self.panes.get(&target).ok_or("no such pane")?.window;
        self.unzoom(to);
        // Check there is room before taking the pane anywhere.
        let mut trial = self
            .windows
            .get(&to)
            .ok_or("no such window")?
            .layout
            .clone();
        if from == to {
            trial.remove(pane.0);
        }
        trial
            .split(
                target.0,
                pane.0,
                direction,
                size,
                placement.before,
                placement.full,
            )
            .map_err(|_| "no space for new pane".to_string())?;
        let last_in_source = self
            .windows
            .get(&from)
            .is_some_and(|w| w.layout.pane_count() == 1);
        if last_in_source {
            // The source window goes away with its only pane moved out.
            self.windows.remove(&from);
            let sessions: Vec<SessionId> = self.sessions.keys().copied().collect();
            for s in sessions {
                if let Some(sess) = self.sessions.get_mut(&s) {
                    sess.remove_window(from);
                }
            }
        } else if from != to {
            self.unlink_pane(pane)?;
        }
        if let Some(w) = self.windows.get_mut(&to) {
            w.layout = trial;
        }
        if let Some(p) = self.panes.get_mut(&pane) {
            p.window = to;
        }
        self.apply_layout(to);
        if from != to && !last_in_source {
            self.apply_layout(from);
        }
        if select {
            self.activate_pane(pane);
        }
        self.changed();
        Ok(())
    }

    /// Run `spec` as a pane's program anew, its output going on in `screen` (the pane's
    /// own, kept by a restart policy) or on a fresh one (respawn-pane).
    pub(super) fn start_again(
        &mut self,
        pane: PaneId,
        spec: pty::SpawnSpec,
        screen: Option<pty::SharedTerminal>,
    ) -> Result<(), String> {
        self.spawns += 1;
        let flags = PaneFlags::default();
        let (pty, term) = pty::spawn_into(
            pane,
            self.spawns,
            &spec,
            flags.clone(),
            self.events.clone(),
            screen,
        )
        .map_err(|e| format!("{e:#}"))?;
        if let Some(p) = self.panes.get_mut(&pane) {
            p.pty = pty;
            // pipe-pane goes on with the new program, as in tmux.
            p.reconnect_pipe();
            p.term = term;
            p.flags = flags;
            p.exited = None;
            p.spec = spec;
            p.started = std::time::Instant::now();
        }
        self.apply_pane_settings(pane);
        Ok(())
    }

    /// Start a pane's program again in the same place (respawn-pane).
    pub fn respawn_pane(&mut self, pane: PaneId, new: NewPane) -> Result<(), String> {
        let p = self.panes.get(&pane).ok_or("no such pane")?;
        let window = p.window;
        let mut spec = p.spec.clone();
        spec.size = p.size;
        if let Some(c) = new.command {
            spec.command = Some(c);
        }
        if let Some(d) = new.cwd {
            spec.cwd = d;
        }
        p.pty.hang_up();
        self.start_again(pane, spec, None)?;
        if let Some(p) = self.panes.get_mut(&pane) {
            p.copy = None;
            // Started by hand: a restart the policy had planned is off, and its count
            // starts again.
            p.restart = Default::default();
        }
        for c in self.clients.values_mut() {
            if let Some(a) = c.attached.as_mut() {
                a.view.forget_pane(pane);
            }
        }
        self.redraw_window(window);
        Ok(())
    }
}
