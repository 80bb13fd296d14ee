//! What the loop does with each event: connections, messages, pane output and exits.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant, SystemTime};

use rmux_proto::{ClientMessage, ServerMessage};
use rmux_term::Event as TermEvent;
use tokio::net::UnixStream;
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinSet;

use super::Server;
use super::hooks::HookTarget;
use crate::client::Client;
use crate::event::Event;
use crate::ids::{ClientId, PaneId};

/// Output this soon after the previous output is a flood, not an echo or a prompt.
const FLOOD_GAP: Duration = Duration::from_millis(4);
/// How long a flooding pane's output waits to be taken in: one frame at the display's
/// pace, so nothing on screen is later than it would be anyway.
const OUTPUT_HOLD: Duration = super::render::FRAME_INTERVAL;

impl Server {
    pub fn handle_event(&mut self, ev: Event) {
        match ev {
            Event::PaneOutput(pane) if self.popup_output(pane) => {}
            Event::PaneOutput(pane) => self.pane_output(pane),
            Event::PaneExited(pane, spawn, status) if self.popups.contains_key(&pane) => {
                self.popup_exited(pane, spawn, &status);
            }
            Event::PaneExited(pane, spawn, status) => {
                // A respawned pane's old process exiting is not the pane's end.
                if self.panes.get(&pane).is_some_and(|p| p.pty.spawn == spawn) {
                    self.pane_exited(pane, status);
                }
            }
            Event::Message(client, msg, _permit) => self.client_message(client, msg),
            Event::Disconnected(client, reason) => self.client_gone(client, &reason),
            Event::JobDone(job, done) => self.job_done(job, done),
            Event::UpgradeRequest(client, reply) => {
                let why = match self.clients.get(&client) {
                    // Only the server's own user may replace it (no `server-access` user).
                    Some(c) if c.uid == rustix::process::getuid().as_raw() => {
                        self.upgrade().err().unwrap_or_default()
                    }
                    _ => "access not allowed".to_string(),
                };
                let _ = reply.send(why);
            }
        }
    }

    /// A new connection: only our own user (or root) may talk to us.
    pub fn accept(
        &mut self,
        stream: UnixStream,
        events: &UnboundedSender<Event>,
        tasks: &mut JoinSet<()>,
    ) {
        let me = rustix::process::getuid().as_raw();
        let uid;
        let peer_pid;
        let starter = match stream.peer_cred() {
            Ok(cred)
                if cred.uid() == me || cred.uid() == 0 || self.access.get(cred.uid()).is_some() =>
            {
                uid = cred.uid();
                peer_pid = cred.pid().and_then(|p| u32::try_from(p).ok()).unwrap_or(0);
                cred.pid()
                    .is_some_and(|pid| u32::try_from(pid).ok() == self.queues.starter_pid)
            }
            Ok(cred) => {
                // Told why, as tmux tells them, then closed.
                tracing::warn!("refused a connection from uid {}", cred.uid());
                let id = self.next_client_id();
                let out = crate::conn::start(id, stream, events.clone(), tasks);
                let mut client = Client::new(id, out);
                client.uid = cred.uid();
                client.send(&ServerMessage::Stderr("access not allowed\n".to_string()));
                client.finish(&ServerMessage::Exit { status: 1 });
                self.clients.insert(id, client);
                return;
            }
            Err(e) => {
                tracing::warn!("cannot check a connection's credentials: {e}");
                return;
            }
        };
        let id = self.next_client_id();
        if starter {
            self.queues.starter = Some(id);
            self.queues.starter_pid = None;
        }
        let out = crate::conn::start(id, stream, events.clone(), tasks);
        let mut client = Client::new(id, out);
        client.uid = uid;
        client.peer_pid = peer_pid;
        self.clients.insert(id, client);
    }

    fn client_message(&mut self, client: ClientId, msg: ClientMessage) {
        match msg {
            ClientMessage::Command(req) => self.command_request(client, req),
            ClientMessage::Input(input) => {
                if self
                    .clients
                    .get(&client)
                    .is_some_and(|c| c.attached.is_some())
                {
                    self.client_input(client, input);
                }
            }
            ClientMessage::Resize(size) => self.client_resize(client, size),
            ClientMessage::ControlLine(lines) => self.control_lines(client, &lines),
            ClientMessage::Redraw => {
                if let Some(a) = self.attached_mut(client) {
                    a.view.invalidate();
                    a.needs_render = true;
                }
            }
            ClientMessage::Ack { frame } => {
                if let Some(a) = self.attached_mut(client) {
                    a.view.acknowledge(frame);
                }
            }
        }
    }

    fn client_resize(&mut self, client: ClientId, size: rmux_proto::Size) {
        let Some(c) = self.clients.get_mut(&client) else {
            return;
        };
        if let Some(t) = c.terminal.as_mut() {
            t.size = crate::client::clamp_size(size);
        }
        c.activity = SystemTime::now();
        let session = c.session();
        if let Some(a) = c.attached.as_mut() {
            a.needs_render = true;
            a.urgent = true;
        }
        if let Some(s) = session {
            self.fit_session(s);
        }
        self.fire_hook(
            "client-resized",
            HookTarget {
                client: Some(client),
                session,
                ..HookTarget::default()
            },
        );
    }

    fn client_gone(&mut self, client: ClientId, reason: &str) {
        tracing::debug!(client = client.0, "connection closed: {reason}");
        self.forget_queues_of(client);
        let Some(c) = self.clients.remove(&client) else {
            return;
        };
        if let Some(session) = c.session() {
            self.fit_session(session);
            self.redraw_all();
            self.fire_hook(
                "client-detached",
                HookTarget {
                    client: Some(client),
                    session: Some(session),
                    ..HookTarget::default()
                },
            );
            self.client_left(session);
        }
    }

    /// A pane printed. Output that closely follows other output (a flood) is taken in at
    /// most once per hold: `dirty` stays raised meanwhile, so the pane's reader stops
    /// waking the loop at every read and the parsing gets the cores. A pane someone just
    /// typed into is never held: its echo goes out at once.
    fn pane_output(&mut self, pane: PaneId) {
        let now = Instant::now();
        let Some(p) = self.panes.get(&pane) else {
            return;
        };
        if p.held_until.is_some() {
            return;
        }
        let flooding = p
            .last_output
            .is_some_and(|t| now.duration_since(t) < FLOOD_GAP);
        if flooding && !self.typed_into(pane) {
            // Panes flooding together are taken in together: one wake-up per frame.
            let release = self
                .panes
                .values()
                .filter_map(|p| p.held_until)
                .min()
                .unwrap_or(now + OUTPUT_HOLD);
            if let Some(p) = self.panes.get_mut(&pane) {
                p.held_until = Some(release);
            }
            return;
        }
        self.take_output(pane, now);
    }

    /// Whether a client typed into `pane` and waits for the echo.
    fn typed_into(&self, pane: PaneId) -> bool {
        self.clients.values().any(|c| {
            c.attached
                .as_ref()
                .is_some_and(|a| a.echo_pane.is_some_and(|(p, _)| p == pane))
        })
    }

    /// Take in the output of panes whose hold is over.
    pub fn release_held_output(&mut self, now: Instant) {
        let due: Vec<PaneId> = self
            .panes
            .values()
            .filter(|p| p.held_until.is_some_and(|t| t <= now))
            .map(|p| p.id)
            .collect();
        for pane in due {
            if let Some(p) = self.panes.get_mut(&pane) {
                p.held_until = None;
            }
            self.take_output(pane, now);
        }
    }

    /// Take in a pane's new output: pick up what the program told the terminal (title,
    /// bell, clipboard), flag the window, and redraw whoever shows it.
    fn take_output(&mut self, pane: PaneId, now: Instant) {
        let Some(p) = self.panes.get_mut(&pane) else {
            return;
        };
        p.flags.dirty.store(false, Ordering::Release);
        p.last_output = Some(now);
        let window = p.window;
        // The screen is locked only when there is something to fetch from it: a pane
        // flooding output is left alone by the loop.
        let want_events = p.flags.events.swap(false, Ordering::AcqRel);
        let events = if want_events || p.copy.is_some() {
            match p.term.lock() {
                Ok(mut t) => {
                    if let Some(copy) = p.copy.as_mut() {
                        copy.follow(&t);
                    }
                    if want_events {
                        t.take_events()
                    } else {
                        Vec::new()
                    }
                }
                Err(_) => Vec::new(),
            }
        } else {
            Vec::new()
        };
        for ev in events {
            match ev {
                TermEvent::Title(title) => {
                    self.set_pane_title(pane, title, true);
                    self.fire_hook("pane-title-changed", pane_target(window, pane));
                }
                TermEvent::Bell => self.bell(window),
                TermEvent::Clipboard { data, .. } => {
                    self.clipboard(data);
                    self.fire_hook("pane-set-clipboard", pane_target(window, pane));
                }
                TermEvent::Cwd(_) => {}
                TermEvent::Name(name) => self.rename_from_pane(window, pane, &name),
            }
        }
        self.activity(window);
        for c in self.clients.values_mut() {
            if let Some(a) = c.attached.as_mut()
                && a.echo_pane.is_some_and(|(p, _)| p == pane)
            {
                a.echo_ready = true;
            }
        }
        self.redraw_window_contents(window);
    }

    fn is_window_visible(&self, window: crate::ids::WindowId) -> bool {
        self.clients.values().any(|c| {
            c.session()
                .and_then(|s| self.current_window(s))
                .is_some_and(|w| w == window)
        })
    }

    fn bell(&mut self, window: crate::ids::WindowId) {
        if !self.window_flag(Some(window), "monitor-bell") {
            return;
        }
        let visible = self.is_window_visible(window);
        if !visible && let Some(w) = self.windows.get_mut(&window) {
            w.alerts.bell = true;
        }
        self.alert(window, Alert::Bell);
        self.redraw_all();
    }

    fn activity(&mut self, window: crate::ids::WindowId) {
        if let Some(w) = self.windows.get_mut(&window) {
            w.activity = std::time::SystemTime::now();
        }
        if !self.window_flag(Some(window), "monitor-activity") || self.is_window_visible(window) {
            return;
        }
        if let Some(w) = self.windows.get_mut(&window)
            && !w.alerts.activity
        {
            w.alerts.activity = true;
            self.redraw_all();
            self.alert(window, Alert::Activity);
        }
    }

    /// A program named its window (`ESC k name ST`): with `allow-rename` the window takes
    /// the name and stops renaming itself, as in tmux.
    fn rename_from_pane(&mut self, window: crate::ids::WindowId, pane: PaneId, name: &str) {
        if !self.pane_flag(pane, "allow-rename") {
            return;
        }
        self.rename_window(window, crate::names::window_name(name));
    }

    /// An alert in `window`, passed on to the clients of its session as tmux's alerts.c
    /// does: if its `*-action` applies (any window, the current one, the others, none),
    /// its hook runs and each client gets a bell, a message (`visual-*`), or both.
    pub fn alert(&mut self, window: crate::ids::WindowId, alert: Alert) {
        let Some(session) = self.session_of_window(window) else {
            return;
        };
        let (action, visual, hook, what) = match alert {
            Alert::Bell => ("bell-action", "visual-bell", "alert-bell", "Bell"),
            Alert::Activity => (
                "activity-action",
                "visual-activity",
                "alert-activity",
                "Activity",
            ),
            Alert::Silence => (
                "silence-action",
                "visual-silence",
                "alert-silence",
                "Silence",
            ),
        };
        let current = self.current_window(session) == Some(window);
        let applies = match self.session_option(Some(session), action) {
            "any" => true,
            "current" => current,
            "other" => !current,
            _ => false,
        };
        if !applies {
            return;
        }
        self.fire_hook(
            hook,
            HookTarget {
                session: Some(session),
                window: Some(window),
                ..HookTarget::default()
            },
        );
        let visual = self.session_option(Some(session), visual).to_string();
        let index = self
            .sessions
            .get(&session)
            .and_then(|s| s.index_of(window))
            .unwrap_or(0);
        let message = if current {
            format!("{what} in current window")
        } else {
            format!("{what} in window {index}")
        };
        let delay = self
            .session_number(Some(session), "display-time")
            .unsigned_abs();
        let clients: Vec<ClientId> = self.attached_clients(session).map(|c| c.id).collect();
        for id in clients {
            if (visual == "off" || visual == "both")
                && let Some(a) = self.attached_mut(id)
            {
                a.bell = true;
                a.needs_render = true;
            }
            if visual != "off" {
                self.show_message(id, &message, delay);
            }
        }
    }

    /// OSC 52 from a pane: keep it as a paste buffer and pass it to the outer terminals
    /// (set-clipboard external or on).
    fn clipboard(&mut self, data: Vec<u8>) {
        let mode = self.server_option("set-clipboard").to_string();
        if mode == "off" {
            return;
        }
        if mode == "on" {
            self.buffers
                .add(String::from_utf8_lossy(&data).into_owned());
        }
        self.set_clients_clipboard(&data);
    }

    /// Give every attached client's terminal `data` as its clipboard, with the next
    /// frame: a program setting it in a loop sends one, the newest, per frame.
    pub fn set_clients_clipboard(&mut self, data: &[u8]) {
        for c in self.clients.values_mut() {
            if let Some(a) = c.attached.as_mut() {
                a.clipboard = Some(data.to_vec());
                a.needs_render = true;
            }
        }
    }
}

/// What an alert is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alert {
    Bell,
    Activity,
    Silence,
}

fn pane_target(window: crate::ids::WindowId, pane: PaneId) -> HookTarget {
    HookTarget {
        window: Some(window),
        pane: Some(pane),
        ..HookTarget::default()
    }
}
