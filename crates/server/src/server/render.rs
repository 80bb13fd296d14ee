//! When frames go out: at once after a quiet spell or when a typed key's echo arrives,
//! otherwise at most once per frame interval while output floods, and never more than
//! a couple unacknowledged at a time, so a slow client gets the newest state, not a queue.

use std::time::{Duration, Instant};

use rmux_proto::ServerMessage;

use super::Server;
use crate::ids::ClientId;
use crate::modes::Mode;

/// Frames per second while a visible pane floods.
pub(super) const FRAME_INTERVAL: Duration = Duration::from_micros(16_667);
/// Frames a client may have unacknowledged (an echo may go one past it).
const MAX_IN_FLIGHT: u32 = 2;
/// How long after a key its echo still jumps the queue.
const ECHO_WINDOW: Duration = Duration::from_millis(250);
/// How long after a pane starts or prints its window's name is looked at each second.
const RENAME_AFTER: Duration = Duration::from_secs(5);

/// A pane whose program may have changed without the change having been looked at: it
/// started or printed within [`RENAME_AFTER`]. A program that changes shows something
/// (a prompt comes back, an editor draws), so watching the panes that did is enough;
/// tmux too looks at names only after output.
fn lately_active(pane: &crate::model::Pane, now: Instant) -> bool {
    let last = pane
        .last_output
        .map_or(pane.started, |t| t.max(pane.started));
    now.duration_since(last) < RENAME_AFTER
}

impl Server {
    pub fn render_clients(&mut self, now: Instant) {
        let ids: Vec<ClientId> = self.clients.keys().copied().collect();
        for id in ids {
            // A control client is sent text, never frames.
            let Some(a) = self
                .clients
                .get(&id)
                .filter(|c| c.control.is_none())
                .and_then(|c| c.attached.as_ref())
            else {
                continue;
            };
            if !a.needs_render {
                continue;
            }
            let on_time = a.urgent
                || a.last_frame
                    .is_none_or(|t| now.duration_since(t) >= FRAME_INTERVAL);
            if on_time && a.view.in_flight < MAX_IN_FLIGHT {
                self.render_client(id, now, None);
            } else if a.echo_ready && a.view.in_flight <= MAX_IN_FLIGHT {
                // Between frames of a flood, a key's echo goes out alone and small.
                let echo = a.echo_pane.map(|(p, _)| p);
                self.render_client(id, now, echo);
            }
        }
    }

    fn render_client(&mut self, id: ClientId, now: Instant, only: Option<crate::ids::PaneId>) {
        self.update_reports(id);
        let title = self.wanted_title(id);
        let scene = self.scene(id).map(|mut s| {
            s.only = only;
            s
        });
        let Some(c) = self.clients.get_mut(&id) else {
            return;
        };
        let Some(a) = c.attached.as_mut() else {
            return;
        };
        a.needs_render = false;
        a.urgent = false;
        a.echo_ready = false;
        a.echo_pane = None;
        let Some(scene) = scene else {
            return;
        };
        let frame = a.view.compose(&scene);
        if a.view.incomplete {
            a.needs_render = true;
        }
        if frame.is_some() {
            a.last_frame = Some(now);
        }
        // Bells and clipboards go with frames, so a client that stops reading gets
        // no more of them than of frames.
        let bell = std::mem::take(&mut a.bell);
        let clipboard = a.clipboard.take();
        let title = title.filter(|t| a.title.as_ref() != Some(t));
        if let Some(t) = &title {
            a.title = Some(t.clone());
        }
        if let Some(frame) = frame {
            c.send(&ServerMessage::Frame(frame));
        }
        if bell {
            c.send(&ServerMessage::Bell);
        }
        if let Some(data) = clipboard {
            c.send(&ServerMessage::Clipboard { data });
        }
        if let Some(t) = title {
            c.send(&ServerMessage::Title(t));
        }
    }

    /// The title `set-titles` gives the client's terminal (`set-titles-string`), if it
    /// is on and the terminal has titles.
    fn wanted_title(&self, id: ClientId) -> Option<String> {
        let session = self.clients.get(&id)?.session()?;
        if !self.session_flag(Some(session), "set-titles") {
            return None;
        }
        let has_titles = self
            .clients
            .get(&id)
            .and_then(|c| c.attached.as_ref())
            .and_then(|a| a.features)
            .is_some_and(|f| f.has(rmux_proto::Feature::Title));
        if !has_titles {
            return None;
        }
        let window = self.current_window(session);
        let format = self.session_option(Some(session), "set-titles-string");
        let target = crate::formats::FormatTarget {
            server: self,
            winlink: None,
            client: Some(id),
            session: Some(session),
            window,
            pane: window.and_then(|w| self.active_pane(w)),
        };
        Some(target.expand(format))
    }

    /// Tell the client's terminal to report the mouse (`mouse on`) and focus
    /// (`focus-events on`), when that changed.
    fn update_reports(&mut self, id: ClientId) {
        let Some(session) = self.clients.get(&id).and_then(|c| c.session()) else {
            return;
        };
        let flag = |v: &str| crate::options::parse_flag(v).unwrap_or(false);
        let wanted = (
            flag(self.session_option(Some(session), "mouse")),
            flag(self.server_option("focus-events")),
        );
        let Some(c) = self.clients.get_mut(&id) else {
            return;
        };
        if let Some(a) = c.attached.as_mut()
            && a.reports != Some(wanted)
        {
            a.reports = Some(wanted);
            c.send(&ServerMessage::TerminalModes {
                mouse: wanted.0,
                focus: wanted.1,
            });
        }
    }

    /// The next time the loop must wake up without an event.
    pub fn next_wake(&self) -> Option<Instant> {
        let mut wake: Option<Instant> = None;
        let mut consider = |t: Instant| {
            wake = Some(wake.map_or(t, |w| w.min(t)));
        };
        for c in self.clients.values() {
            let Some(a) = &c.attached else { continue };
            if a.needs_render
                && a.view.in_flight < MAX_IN_FLIGHT
                && let Some(t) = a.last_frame
            {
                consider(t + FRAME_INTERVAL);
            }
            if let Some((_, until)) = &a.message {
                consider(*until);
            }
            if let Some((_, until)) = &a.hint {
                consider(*until);
            }
            if let Some(t) = a.repeat_until {
                consider(t);
            }
            if let Some(Mode::DisplayPanes(d)) = &a.mode {
                consider(d.until);
            }
            if let Some(t) = a.mouse.deadline() {
                consider(t);
            }
        }
        for p in self.panes.values() {
            if let Some(t) = p.held_until {
                consider(t);
            }
        }
        if let Some(t) = self.next_restart() {
            consider(t);
        }
        if let Some(t) = self.status_due() {
            consider(t);
        }
        wake
    }

    /// Take in held output, drop messages and repeat windows whose time is up.
    pub fn expire(&mut self, now: Instant) {
        if self.status_due().is_some_and(|t| t <= now) {
            self.status_redrawn = now;
            self.redraw_all();
        }
        self.release_held_output(now);
        self.expire_mouse(now);
        self.due_restarts(now);
        // Looked up only for a client whose repeat time is over (rare), not every turn.
        let repeats_over: Vec<(ClientId, crate::ids::SessionId)> = self
            .clients
            .values()
            .filter_map(|c| {
                let a = c.attached.as_ref()?;
                a.repeat_until
                    .is_some_and(|t| t <= now)
                    .then_some((c.id, a.session))
            })
            .collect();
        for (client, session) in repeats_over {
            let table = self.session_option(Some(session), "key-table").to_string();
            if let Some(a) = self.attached_mut(client) {
                a.repeat_until = None;
                a.key_table = table;
            }
        }
        for c in self.clients.values_mut() {
            let Some(a) = c.attached.as_mut() else {
                continue;
            };
            if a.message.as_ref().is_some_and(|(_, until)| *until <= now) {
                a.message = None;
                a.needs_render = true;
            }
            if a.hint.as_ref().is_some_and(|(_, until)| *until <= now) {
                a.hint = None;
                a.needs_render = true;
                // The status line is drawn again without it.
                a.status_cache.replace(None);
            }
            if matches!(&a.mode, Some(Mode::DisplayPanes(d)) if d.until <= now) {
                a.mode = None;
                a.needs_render = true;
            }
            if a.echo_pane
                .is_some_and(|(_, t)| now.duration_since(t) > ECHO_WINDOW)
            {
                a.echo_pane = None;
            }
        }
    }

    /// Whether the once-a-second work has anything to do. When nothing is attached and
    /// no program has shown anything for a while, it has not, and the server sleeps
    /// until something happens (tmux's idle server does not wake either).
    pub fn wants_tick(&self) -> bool {
        let now = Instant::now();
        !self.keys.prepared()
            // With no session left, the tick is what lets an idle server end.
            || self.sessions.is_empty()
            // A pane's big clock moves every second (status lines have a timer of their
            // own, see `status_due`).
            || self.panes.values().any(crate::model::Pane::shows_clock)
            || self.state_generation() != self.tick_generation
            || self.panes.values().any(|p| lately_active(p, now))
            || self
                .windows
                .keys()
                .any(|w| self.window_option(Some(*w), "monitor-silence") != "0")
            || self.snapshot_due_sometime()
    }

    /// Once a second (while [`Server::wants_tick`]): window names follow their
    /// programs, the status line's clock moves.
    pub fn tick(&mut self) {
        // The default key bindings, left unparsed at start (see `KeyTables`).
        self.keys.prepare();
        let mut changed = false;
        let now = Instant::now();
        let generation = self.state_generation();
        let every_window = std::mem::replace(&mut self.tick_generation, generation) != generation;
        let windows: Vec<crate::ids::WindowId> = self.windows.keys().copied().collect();
        for w in windows {
            if !self.window_flag(Some(w), "automatic-rename") {
                continue;
            }
            let Some(pane) = self.active_pane(w) else {
                continue;
            };
            if !every_window && !self.panes.get(&pane).is_some_and(|p| lately_active(p, now)) {
                continue;
            }
            let format = self
                .window_option(Some(w), "automatic-rename-format")
                .to_string();
            let name = crate::names::window_name(
                &crate::formats::FormatTarget::for_pane(self, pane).expand_plain(&format),
            );
            if let Some(win) = self.windows.get_mut(&w)
                && !name.is_empty()
                && win.name != name
            {
                win.name = name;
                changed = true;
            }
        }
        changed |= self.check_silence();
        self.snapshot_tick();
        // A pane's big clock moves every second.
        let clocks: Vec<crate::ids::WindowId> = self
            .panes
            .values()
            .filter(|p| p.shows_clock())
            .map(|p| p.window)
            .collect();
        for w in clocks {
            self.redraw_window(w);
        }
        if changed {
            self.redraw_all();
        }
    }

    /// When the status lines are next redrawn for `status-interval` (their clock and
    /// `#()` jobs move then, as tmux's do): none without an attached client, or with an
    /// interval of 0.
    fn status_due(&self) -> Option<Instant> {
        if !self.clients.values().any(|c| c.attached.is_some()) {
            return None;
        }
        let interval = u64::try_from(self.session_number(None, "status-interval")).ok()?;
        (interval > 0).then(|| self.status_redrawn + Duration::from_secs(interval))
    }

    /// monitor-silence: flag windows (not on anyone's screen) quiet for that long.
    fn check_silence(&mut self) -> bool {
        let now = Instant::now();
        let mut changed = false;
        let windows: Vec<crate::ids::WindowId> = self.windows.keys().copied().collect();
        for w in windows {
            let secs = self
                .window_option(Some(w), "monitor-silence")
                .parse::<u64>()
                .unwrap_or(0);
            if secs == 0 {
                continue;
            }
            let quiet = self.windows.get(&w).is_some_and(|win| {
                win.panes().iter().all(|p| {
                    self.panes.get(p).is_none_or(|p| {
                        let since = p.last_output.unwrap_or(p.started);
                        now.duration_since(since) >= Duration::from_secs(secs)
                    })
                })
            });
            let visible = self
                .clients
                .values()
                .any(|c| c.session().and_then(|s| self.current_window(s)) == Some(w));
            if let Some(win) = self.windows.get_mut(&w)
                && quiet
                && !visible
                && !win.alerts.silence
            {
                win.alerts.silence = true;
                changed = true;
                self.alert(w, super::events::Alert::Silence);
            }
        }
        changed
    }
}
