//! Control-mode clients (tmux's control.c and control-notify.c): their command lines,
//! the blocks that frame each command's answer, pane output as `%output`, and the
//! notifications the same events that fire hooks send them.

use std::time::SystemTime;

use rmux_proto::ServerMessage;

use super::Server;
use super::hooks::HookTarget;
use super::queue::{Caller, Origin};
use crate::cmd::{self, Current, Item};
use crate::control::ControlClient;
use crate::formats::FormatTarget;
use crate::ids::{ClientId, PaneId, SessionId, WindowId};

/// Output a control client may leave unread before it is told it is too far behind and
/// let go (tmux lets go of one whose oldest unread output is 5 minutes old): the server
/// holds no more than this for it.
const CONTROL_BACKLOG_MAX: usize = 16 * 1024 * 1024;

/// An open `%begin` block: who it is for and how it is numbered.
#[derive(Clone, Copy, Debug)]
pub struct Block {
    client: ClientId,
    time: u64,
    number: u64,
    flags: u8,
}

impl Server {
    /// A client asked for control mode with its command line.
    pub fn start_control(&mut self, client: ClientId) {
        if let Some(c) = self.clients.get_mut(&client) {
            c.control = Some(ControlClient::default());
        }
    }

    /// Write protocol text to a control client.
    pub fn control_write(&self, client: ClientId, text: String) {
        if let Some(c) = self.clients.get(&client)
            && c.control.is_some()
        {
            c.send(&ServerMessage::Stdout(text));
        }
    }

    /// Open a block for the next command of a control client's queue.
    pub fn control_begin(&mut self, client: ClientId, flags: u8) -> Block {
        self.command_number += 1;
        let time = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let block = Block {
            client,
            time,
            number: self.command_number,
            flags,
        };
        self.control_write(
            client,
            crate::control::guard("begin", time, block.number, flags),
        );
        block
    }

    pub fn control_end(&mut self, block: Block, failed: bool) {
        if failed
            && let Some(control) = self
                .clients
                .get_mut(&block.client)
                .and_then(|c| c.control.as_mut())
        {
            control.failed = true;
        }
        let kind = if failed { "error" } else { "end" };
        self.control_write(
            block.client,
            crate::control::guard(kind, block.time, block.number, block.flags),
        );
    }

    /// Lines a control client read together: each runs before what they changed is
    /// reported; an empty one means the client leaves (what follows it is not run).
    pub fn control_lines(&mut self, client: ClientId, lines: &[u8]) {
        for line in lines.split(|b| *b == b'\n') {
            self.control_line(client, line);
            if line.is_empty() {
                return;
            }
        }
    }

    /// A line from a control client: its commands run in its queue, each in a block; an
    /// empty line means it leaves; a line that does not parse runs nothing and answers
    /// with one `parse error` block.
    fn control_line(&mut self, client: ClientId, line: &[u8]) {
        let Some(c) = self.clients.get(&client) else {
            return;
        };
        if c.control.is_none() || c.closing {
            return;
        }
        if line.is_empty() {
            if let Some(c) = self.clients.get_mut(&client) {
                c.finish(&ServerMessage::Exit { status: 0 });
            }
            return;
        }
        let text = String::from_utf8_lossy(line).into_owned();
        let session = c.session();
        let environ = session
            .and_then(|s| self.sessions.get(&s))
            .map(|s| s.environ.clone())
            .unwrap_or_else(|| c.env.clone());
        // As tmux parses a line, an unknown command fails the whole line before any runs.
        let parsed = cmd::parse_commands_blocks(&text, &environ).and_then(|commands| {
            cmd::check_names(&commands, |name| cmd::alias_of(self, name).is_some())?;
            Ok(commands)
        });
        let commands = match parsed {
            Ok(commands) => commands,
            Err(e) => {
                let block = self.control_begin(client, 1);
                self.control_write(client, format!("parse error: {e}\n"));
                self.control_end(block, true);
                return;
            }
        };
        if commands.is_empty() {
            return;
        }
        let window = session.and_then(|s| self.current_window(s));
        let Some(c) = self.clients.get(&client) else {
            return;
        };
        let caller = Caller {
            client: Some(client),
            current: Current {
                session,
                window,
                pane: window.and_then(|w| self.active_pane(w)),
                mouse: None,
            },
            cwd: c.cwd.clone(),
            env: environ,
            terminal: None,
        };
        // Each command of the line is a group of its own, as tmux queues them.
        let groups = commands
            .into_iter()
            .map(|words| vec![Item::parsed(words)])
            .collect();
        self.enqueue(caller, Origin::Control(1), groups);
    }

    /// The control clients, with the session each is attached to.
    fn control_clients(&self) -> Vec<(ClientId, Option<SessionId>)> {
        self.clients
            .values()
            .filter(|c| c.control.as_ref().is_some_and(|k| k.exit.is_none()) && !c.closing)
            .map(|c| (c.id, c.session()))
            .collect()
    }

    fn session_has_window(&self, session: SessionId, window: WindowId) -> bool {
        self.sessions
            .get(&session)
            .is_some_and(|s| s.index_of(window).is_some())
    }

    /// The notification an event (named as its hook) sends control clients.
    pub fn control_notify(&mut self, name: &str, t: &HookTarget) {
        let clients = self.control_clients();
        if clients.is_empty() {
            return;
        }
        let session_name = |id: Option<SessionId>| {
            id.and_then(|s| self.sessions.get(&s))
                .map(|s| s.name.clone())
                .unwrap_or_default()
        };
        let window_name = |id: Option<WindowId>| {
            id.and_then(|w| self.windows.get(&w))
                .map(|w| w.name.clone())
                .unwrap_or_default()
        };
        let id = |prefix: char, n: Option<u32>| n.map(|n| format!("{prefix}{n}"));
        let (s, w, p) = (
            id('$', t.session.map(|s| s.0)),
            id('@', t.window.map(|w| w.0)),
            id('%', t.pane.map(|p| p.0)),
        );
        let mut lines: Vec<(ClientId, String)> = Vec::new();
        let everyone = |text: String, lines: &mut Vec<(ClientId, String)>| {
            lines.extend(clients.iter().map(|(c, _)| (*c, text.clone())));
        };
        match name {
            "window-linked" | "window-renamed" => {
                let Some((window, w)) = t.window.zip(w) else {
                    return;
                };
                let (ours, theirs) = if name == "window-linked" {
                    (
                        format!("%window-add {w}"),
                        format!("%unlinked-window-add {w}"),
                    )
                } else {
                    let n = window_name(Some(window));
                    (
                        format!("%window-renamed {w} {n}"),
                        format!("%unlinked-window-renamed {w} {n}"),
                    )
                };
                for (c, session) in &clients {
                    let Some(session) = session else { continue };
                    let text = if self.session_has_window(*session, window) {
                        ours.clone()
                    } else {
                        theirs.clone()
                    };
                    lines.push((*c, text));
                }
            }
            // The window is gone from its session by now: tmux reports it unlinked.
            "window-unlinked" => {
                let Some(w) = w else { return };
                for (c, session) in &clients {
                    if session.is_some() {
                        lines.push((*c, format!("%unlinked-window-close {w}")));
                    }
                }
            }
            "session-created" | "session-closed" => {
                everyone("%sessions-changed".to_string(), &mut lines);
            }
            "session-renamed" => {
                let Some(s) = s else { return };
                everyone(
                    format!("%session-renamed {s} {}", session_name(t.session)),
                    &mut lines,
                );
            }
            "session-window-changed" => {
                let (Some(s), Some(w)) = (s, w) else { return };
                everyone(format!("%session-window-changed {s} {w}"), &mut lines);
            }
            "window-pane-changed" => {
                let (Some(w), Some(p)) = (w, p) else { return };
                everyone(format!("%window-pane-changed {w} {p}"), &mut lines);
            }
            "pane-mode-changed" => {
                let Some(p) = p else { return };
                everyone(format!("%pane-mode-changed {p}"), &mut lines);
            }
            "window-layout-changed" => {
                let Some(window) = t.window else { return };
                for (c, session) in &clients {
                    let Some(session) = session.filter(|s| self.session_has_window(*s, window))
                    else {
                        continue;
                    };
                    let pane = self.active_pane(window);
                    let target = FormatTarget {
                        server: self,
                        winlink: None,
                        client: Some(*c),
                        session: Some(session),
                        window: Some(window),
                        pane,
                    };
                    let text = target.expand_plain(
                        "%layout-change #{window_id} #{window_layout} \
                         #{window_visible_layout} #{window_raw_flags}",
                    );
                    lines.push((*c, text));
                }
            }
            "client-attached" | "client-session-changed" => {
                let (Some(client), Some(s)) = (t.client, s) else {
                    return;
                };
                let sname = session_name(t.session);
                let cname = self
                    .clients
                    .get(&client)
                    .map(|c| c.name())
                    .unwrap_or_default();
                for (c, session) in &clients {
                    if *c == client {
                        lines.push((*c, format!("%session-changed {s} {sname}")));
                    } else if session.is_some() {
                        lines.push((*c, format!("%client-session-changed {cname} {s} {sname}")));
                    }
                }
            }
            "client-detached" => {
                let Some(client) = t.client else { return };
                let cname = self
                    .clients
                    .get(&client)
                    .map(|c| c.name())
                    .unwrap_or_default();
                for (c, _) in &clients {
                    if *c != client {
                        lines.push((*c, format!("%client-detached {cname}")));
                    }
                }
            }
            _ => {}
        }
        for (c, text) in lines {
            self.control_write(c, format!("{text}\n"));
        }
    }

    /// How a pane's new output goes to a control client: with pause-after, a pane whose
    /// earlier output has waited longer than that to be written is paused instead, as
    /// tmux's control_check_age does.
    fn pause_check(&mut self, client: ClientId, pane: PaneId) -> Paced {
        let Some(c) = self.clients.get_mut(&client) else {
            return Paced::Plain;
        };
        let (_, written) = c.progress();
        let backlog = c.backlog();
        let Some(control) = c.control.as_mut() else {
            return Paced::Plain;
        };
        let Some(limit) = control.pause_after else {
            return Paced::Plain;
        };
        while control
            .unwritten
            .front()
            .is_some_and(|(end, _, _)| *end <= written)
        {
            control.unwritten.pop_front();
        }
        let oldest = control
            .unwritten
            .iter()
            .find(|(_, _, p)| *p == pane)
            .map(|(_, t, _)| t.elapsed());
        // Too old, or (where tmux would stop reading the pane) too much waiting: the
        // client keeps up with the other panes and can continue this one.
        let too_old =
            oldest.is_some_and(|age| age > std::time::Duration::from_secs(u64::from(limit)));
        if too_old || backlog > PAUSE_BACKLOG {
            control.paused.insert(pane);
            control.off.insert(pane);
            control.unwritten.retain(|(_, _, p)| *p != pane);
            return Paced::Paused;
        }
        Paced::Extended
    }

    /// Remember where a pane's `%extended-output` just queued ends.
    fn note_unwritten(&mut self, client: ClientId, pane: PaneId) {
        if let Some(c) = self.clients.get_mut(&client) {
            let (queued, _) = c.progress();
            if let Some(control) = c.control.as_mut() {
                control
                    .unwritten
                    .push_back((queued, std::time::Instant::now(), pane));
            }
        }
    }

    /// Send each control client the output of the panes of its session since the last
    /// turn, as `%output` lines; keep copies of output only while control clients exist.
    /// Clients told to leave during the turn leave now, after the turn's blocks.
    pub fn flush_control_output(&mut self) {
        for c in self.clients.values_mut() {
            let Some(control) = c.control.as_mut() else {
                continue;
            };
            if let Some(mut msg) = control.exit.take() {
                // A command of the client failed: it leaves with status 1, as in tmux.
                if let ServerMessage::Exit { status } = &mut msg
                    && control.failed
                {
                    *status = 1;
                }
                c.finish_now(&msg);
            }
        }
        let clients = self.control_clients();
        if clients.is_empty() {
            if self.control_copies {
                for p in self.panes.values() {
                    p.pty.stop_control_copy();
                }
                self.control_copies = false;
            }
            return;
        }
        self.control_copies = true;
        for (client, _) in &clients {
            if let Some(c) = self.clients.get_mut(client)
                && c.backlog() > CONTROL_BACKLOG_MAX
            {
                tracing::info!(client = client.0, "control client too far behind");
                c.finish(&ServerMessage::Detached {
                    message: "too far behind".to_string(),
                    status: 0,
                });
            }
        }
        let clients = self.control_clients();
        let panes: Vec<(PaneId, WindowId)> =
            self.panes.values().map(|p| (p.id, p.window)).collect();
        for (pane, window) in panes {
            let Some(p) = self.panes.get(&pane) else {
                continue;
            };
            let bytes = p.pty.take_control_copy();
            if bytes.is_empty() {
                continue;
            }
            for (client, session) in &clients {
                if !session.is_some_and(|s| self.session_has_window(s, window)) {
                    continue;
                }
                let Some(control) = self
                    .clients
                    .get_mut(client)
                    .and_then(|c| c.control.as_mut())
                else {
                    continue;
                };
                if control.no_output || control.off.contains(&pane) {
                    continue;
                }
                let text = control.escape_output(pane, &bytes);
                if text.is_empty() {
                    continue;
                }
                match self.pause_check(*client, pane) {
                    Paced::Plain => {
                        self.control_write(*client, format!("%output {pane} {text}\n"));
                    }
                    Paced::Extended => {
                        // Written at once: it has waited no time in the server.
                        self.control_write(
                            *client,
                            format!("%extended-output {pane} 0 : {text}\n"),
                        );
                        self.note_unwritten(*client, pane);
                    }
                    Paced::Paused => {
                        self.control_write(*client, format!("%pause {pane}\n"));
                    }
                }
            }
        }
    }
}

/// With pause-after, a pane's output is paused rather than queued past this many
/// unwritten bytes, so such a client never reaches the limit that lets a client go.
const PAUSE_BACKLOG: usize = 4 * 1024 * 1024;

/// How a pane's output goes to a control client now.
enum Paced {
    /// `%output` (no pause-after).
    Plain,
    /// `%extended-output`, its age given.
    Extended,
    /// Too far behind: `%pause`, and nothing until `%continue`.
    Paused,
}
