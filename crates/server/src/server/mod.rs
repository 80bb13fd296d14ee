//! The server's state and the operations that span sessions, windows and panes.
//!
//! Everything here runs on the one server loop task; PTY threads only touch a pane's
//! screen (behind its mutex) and send events.

mod arrange;
mod attach;
mod changes;
mod channels;
mod commands;
mod control;
mod copy;
mod destroy;
mod events;
pub(crate) mod groups;
pub mod hooks;
pub mod menu;
mod pane_modes;
pub mod popup;
mod queue;
mod render;
mod restart;
pub mod resurrect;
mod scene;
pub mod size;
mod spawn;
mod status_jobs;
mod upgrade;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::SystemTime;

use tokio::sync::mpsc::UnboundedSender;

use crate::buffers::Buffers;
use crate::client::Client;
use crate::event::Event;
use crate::ids::{ClientId, IdCounter, PaneId, SessionId, WindowId};
use crate::keys::KeyTables;
use crate::model::{Pane, Session, Window};
use crate::options::{self, GlobalOptions};

pub use queue::Caller;
pub use size::parse_size;
pub use spawn::{NewPane, SplitPlacement};

#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Ids {
    session: IdCounter,
    window: IdCounter,
    pane: IdCounter,
    client: IdCounter,
}

pub struct Server {
    pub socket: PathBuf,
    pub pid: u32,
    pub started: SystemTime,
    pub hostname: String,
    pub options: GlobalOptions,
    pub sessions: BTreeMap<SessionId, Session>,
    pub windows: BTreeMap<WindowId, Window>,
    pub panes: BTreeMap<PaneId, Pane>,
    pub clients: BTreeMap<ClientId, Client>,
    pub keys: KeyTables,
    pub buffers: Buffers,
    ids: Ids,
    events: UnboundedSender<Event>,
    /// Grows with every pane activation (select-pane ties go to the most recent).
    active_counter: u64,
    /// Set when the server should stop after this turn of the loop.
    pub exiting: bool,
    /// Configuration errors, shown to the first client that attaches.
    pub config_errors: Vec<String>,
    /// The configuration files read at start (`#{config_files}`).
    pub config_files: Vec<String>,
    /// No configuration was found at start: the first client to attach is shown the
    /// few keys a newcomer needs (`first-run-hint`), once.
    pub first_run_hint_due: bool,
    /// Processes started so far (each pane start gets the next number).
    spawns: u64,
    /// The marked pane (`select-pane -m`, `{marked}`).
    pub marked: Option<PaneId>,
    /// Other users allowed to connect (server-access).
    pub access: crate::access::AccessList,
    /// The number of the last command block sent to a control client (one count for the
    /// whole server, as tmux's).
    command_number: u64,
    /// Panes keep a copy of their output for control clients.
    control_copies: bool,
    /// The global environment (`set-environment -g`): given to every new session.
    pub global_env: Vec<(String, String)>,
    /// Hidden global variables (`set-environment -gh`, `%hidden`): for formats and the
    /// configuration's `$NAME`, never given to programs.
    pub global_hidden: Vec<(String, String)>,
    /// Messages shown in status lines, oldest first, for show-messages.
    pub messages: std::collections::VecDeque<(SystemTime, String)>,
    /// Grows whenever a status line may show something else; clients redraw their
    /// status line only then (pane output alone does not change it, as in tmux).
    pub status_generation: u64,
    /// Grows with every change a snapshot keeps (see `changes.rs`).
    state_generation: u64,
    /// `state_generation` at the last tick: a change since makes every window's name
    /// looked at again.
    tick_generation: u64,
    /// When the status lines were last redrawn for `status-interval` (their clock,
    /// `#()` jobs): the next redraw is due an interval later, as a timer of its own.
    status_redrawn: std::time::Instant,
    /// The environment the last pane started with, shared with the next if the same.
    last_env: std::cell::RefCell<Option<crate::pty::Environment>>,
    /// Command queues and the jobs they wait for.
    pub queues: queue::Queues,
    channels: channels::Channels,
    pub prompt_history: crate::prompt::PromptHistory,
    pub jobs: crate::jobs::Jobs,
    /// The outputs of the status line's `#()` commands.
    pub status_jobs: status_jobs::StatusJobs,
    /// Hooks fired and not yet run.
    pub pending_hooks: Vec<(&'static str, hooks::HookTarget)>,
    /// What the change hooks last saw.
    observed: hooks::Observed,
    /// The windows each session group shares.
    group_windows: groups::GroupWindows,
    /// Open popups, by the id their program's events carry.
    pub popups: BTreeMap<PaneId, popup::Popup>,
    /// Open menus, one at most per client.
    pub menus: BTreeMap<ClientId, menu::Menu>,
    /// The last snapshot taken (resurrection).
    snapshot: resurrect::SnapshotState,
    /// The listening socket, which a live upgrade hands to the next server.
    pub listener_fd: Option<std::os::fd::RawFd>,
    /// Clients attached when this server took over from the one it replaced, put back
    /// where they were when they come back (until the time given).
    reattach: Vec<(crate::handover::Reattach, std::time::Instant)>,
}

impl Server {
    pub fn new(socket: PathBuf, events: UnboundedSender<Event>) -> Server {
        let hostname = rustix::system::uname()
            .nodename()
            .to_string_lossy()
            .into_owned();
        let mut options = GlobalOptions::new();
        let shell = default_shell();
        if let Some(d) = options::find("default-shell") {
            options.session.set(d, shell);
        }
        if let Some(d) = options::find("default-terminal") {
            options.server.set(d, default_terminal().to_string());
        }
        let jobs = crate::jobs::Jobs::new(events.clone());
        Server {
            socket,
            pid: std::process::id(),
            started: SystemTime::now(),
            hostname,
            options,
            sessions: BTreeMap::new(),
            windows: BTreeMap::new(),
            panes: BTreeMap::new(),
            clients: BTreeMap::new(),
            keys: KeyTables::with_defaults(),
            buffers: Buffers::new(50),
            ids: Ids::default(),
            events,
            active_counter: 0,
            exiting: false,
            config_errors: Vec::new(),
            config_files: Vec::new(),
            first_run_hint_due: false,
            spawns: 0,
            marked: None,
            access: crate::access::AccessList::default(),
            command_number: 0,
            control_copies: false,
            global_env: Vec::new(),
            global_hidden: Vec::new(),
            messages: std::collections::VecDeque::new(),
            status_generation: 0,
            state_generation: 0,
            tick_generation: u64::MAX,
            status_redrawn: std::time::Instant::now(),
            last_env: std::cell::RefCell::default(),
            queues: queue::Queues::default(),
            channels: channels::Channels::default(),
            prompt_history: crate::prompt::PromptHistory::new(100),
            jobs,
            status_jobs: status_jobs::StatusJobs::default(),
            pending_hooks: Vec::new(),
            observed: hooks::Observed::default(),
            group_windows: Default::default(),
            popups: BTreeMap::new(),
            menus: BTreeMap::new(),
            snapshot: Default::default(),
            listener_fd: None,
            reattach: Vec::new(),
        }
    }

    pub fn next_client_id(&mut self) -> ClientId {
        ClientId(self.ids.client.next())
    }

    // ---- options ----

    /// A session option as it applies to `session` (its own value, else the global one).
    pub fn session_option(&self, session: Option<SessionId>, name: &str) -> &str {
        session
            .and_then(|s| self.sessions.get(&s))
            .and_then(|s| s.options.get(name))
            .or_else(|| self.options.session.get(name))
            .unwrap_or("")
    }

    /// A window option as it applies to `window`.
    pub fn window_option(&self, window: Option<WindowId>, name: &str) -> &str {
        window
            .and_then(|w| self.windows.get(&w))
            .and_then(|w| w.options.get(name))
            .or_else(|| self.options.window.get(name))
            .unwrap_or("")
    }

    pub fn server_option(&self, name: &str) -> &str {
        self.options.server.get(name).unwrap_or("")
    }

    pub fn server_number(&self, name: &str) -> i64 {
        self.server_option(name).parse().unwrap_or(0)
    }

    pub fn server_flag(&self, name: &str) -> bool {
        options::parse_flag(self.server_option(name)).unwrap_or(false)
    }

    pub fn session_flag(&self, session: Option<SessionId>, name: &str) -> bool {
        options::parse_flag(self.session_option(session, name)).unwrap_or(false)
    }

    /// A window option as it applies to one pane: its own value (`set -p`), else its
    /// window's, else the global one.
    pub fn pane_option(&self, pane: PaneId, name: &str) -> &str {
        let p = self.panes.get(&pane);
        p.and_then(|p| p.options.get(name))
            .unwrap_or_else(|| self.window_option(p.map(|p| p.window), name))
    }

    pub fn pane_flag(&self, pane: PaneId, name: &str) -> bool {
        options::parse_flag(self.pane_option(pane, name)).unwrap_or(false)
    }

    pub fn session_number(&self, session: Option<SessionId>, name: &str) -> i64 {
        self.session_option(session, name).parse().unwrap_or(0)
    }

    pub fn window_flag(&self, window: Option<WindowId>, name: &str) -> bool {
        options::parse_flag(self.window_option(window, name)).unwrap_or(false)
    }

    /// Status lines the session's clients show (0 with `status off`).
    pub fn status_lines(&self, session: Option<SessionId>) -> u16 {
        match self.session_option(session, "status") {
            "off" => 0,
            "on" => 1,
            n => n.parse().unwrap_or(1),
        }
    }

    pub fn status_at_top(&self, session: Option<SessionId>) -> bool {
        self.session_option(session, "status-position") == "top"
    }

    // ---- lookups ----

    /// The attached state of a client, if it is attached.
    pub fn attached_mut(&mut self, client: ClientId) -> Option<&mut crate::client::Attached> {
        self.clients
            .get_mut(&client)
            .and_then(|c| c.attached.as_mut())
    }

    pub fn session_by_name(&self, name: &str) -> Option<SessionId> {
        self.sessions
            .values()
            .find(|s| s.name == name)
            .map(|s| s.id)
    }

    /// The most recently used session: the default target outside a client.
    pub fn best_session(&self) -> Option<SessionId> {
        self.sessions
            .values()
            .max_by_key(|s| (s.activity, s.id))
            .map(|s| s.id)
    }

    pub fn current_window(&self, session: SessionId) -> Option<WindowId> {
        self.sessions.get(&session)?.current_window()
    }

    pub fn active_pane(&self, window: WindowId) -> Option<PaneId> {
        self.windows.get(&window).map(|w| w.active)
    }

    /// The id the next new session gets (`#{next_session_id}`).
    pub fn next_session_id(&self) -> u32 {
        self.ids.session.peek()
    }

    /// The session a window is in: of several, the most recently used, as tmux's
    /// cmd_find_best_session_with_window picks.
    pub fn session_of_window(&self, window: WindowId) -> Option<SessionId> {
        self.sessions
            .values()
            .filter(|s| s.index_of(window).is_some())
            .max_by_key(|s| (s.activity, s.id))
            .map(|s| s.id)
    }

    pub fn attached_clients(&self, session: SessionId) -> impl Iterator<Item = &Client> {
        self.clients
            .values()
            .filter(move |c| c.session() == Some(session))
    }

    pub fn attached_count(&self, session: SessionId) -> usize {
        self.attached_clients(session).count()
    }

    /// Make `pane` the active pane of its window.
    pub fn activate_pane(&mut self, pane: PaneId) {
        let Some(window) = self.panes.get(&pane).map(|p| p.window) else {
            return;
        };
        self.active_counter += 1;
        let stamp = self.active_counter;
        if let Some(p) = self.panes.get_mut(&pane) {
            p.active_stamp = stamp;
        }
        if let Some(w) = self.windows.get_mut(&window)
            && w.active != pane
        {
            w.last_pane = Some(w.active);
            w.active = pane;
        }
        self.redraw_window(window);
    }

    /// Every client showing `window` needs a new frame.
    pub fn redraw_window(&mut self, window: WindowId) {
        self.status_generation += 1;
        self.redraw_window_contents(window);
    }

    /// Clients showing `window` need a new frame for what its panes show; the status
    /// line is not affected (new output in a pane).
    pub fn redraw_window_contents(&mut self, window: WindowId) {
        let sessions: Vec<SessionId> = self
            .sessions
            .values()
            .filter(|s| s.current_window() == Some(window))
            .map(|s| s.id)
            .collect();
        for c in self.clients.values_mut() {
            if let Some(a) = c.attached.as_mut()
                && sessions.contains(&a.session)
            {
                a.needs_render = true;
            }
        }
    }

    /// One client needs a new frame (its popup changed).
    pub fn redraw_client(&mut self, client: ClientId) {
        if let Some(a) = self
            .clients
            .get_mut(&client)
            .and_then(|c| c.attached.as_mut())
        {
            a.needs_render = true;
        }
    }

    /// Every attached client needs a new frame (options, status, anything global).
    pub fn redraw_all(&mut self) {
        self.status_generation += 1;
        for c in self.clients.values_mut() {
            if let Some(a) = c.attached.as_mut() {
                a.needs_render = true;
            }
        }
    }
}

/// `$SHELL`, else the user's login shell, else /bin/sh.
fn default_shell() -> String {
    if let Ok(s) = std::env::var("SHELL")
        && options::suitable_shell(&s)
    {
        return s;
    }
    passwd_shell().unwrap_or_else(|| "/bin/sh".to_string())
}

fn passwd_shell() -> Option<String> {
    let uid = rustix::process::getuid().as_raw().to_string();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let fields: Vec<&str> = line.split(':').collect();
        (fields.len() >= 7 && fields[2] == uid && options::suitable_shell(fields[6]))
            .then(|| fields[6].to_string())
    })
}

/// tmux-256color where this machine knows it, else screen-256color (both tell programs
/// they run inside a multiplexer).
fn default_terminal() -> &'static str {
    let dirs = [
        "/usr/share/terminfo",
        "/lib/terminfo",
        "/etc/terminfo",
        "/usr/lib/terminfo",
    ];
    let home = std::env::var("HOME").ok().map(|h| format!("{h}/.terminfo"));
    let found = dirs
        .iter()
        .map(|d| (*d).to_string())
        .chain(home)
        .any(|d| std::path::Path::new(&d).join("t/tmux-256color").exists());
    if found {
        "tmux-256color"
    } else {
        "screen-256color"
    }
}
