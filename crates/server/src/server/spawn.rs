//! Creating sessions, windows and panes (each new pane starts a process in a PTY).

use std::path::PathBuf;
use std::time::SystemTime;

use rmux_term::Size;

use super::Server;
use super::hooks::HookTarget;
use crate::ids::{PaneId, SessionId, WindowId};
use crate::layout::{SplitDirection, SplitSize};
use crate::model::{Pane, Session, Window};
use crate::options::OptionStore;
use crate::pty::{self, PaneFlags, SpawnSpec};

/// What the user asked to run in a new pane.
#[derive(Clone, Debug, Default)]
pub struct NewPane {
    /// A shell command line; `None` for the default shell (or default-command).
    pub command: Option<String>,
    /// Start directory; `None` for the session's.
    pub cwd: Option<PathBuf>,
    /// Variables for this program alone (`-e NAME=value`), over the session's.
    pub env: Vec<(String, String)>,
    /// What the pane shows before its program's output: a resurrected pane's saved
    /// screen and history.
    pub shown: Option<crate::pty::SharedTerminal>,
}

/// Variables a program must not inherit from the caller (they describe another
/// multiplexer, or an rmux pane that is not this one).
const DROPPED_ENV: &[&str] = &["TMUX", "TMUX_PANE", "RMUX", "RMUX_PANE", "COLUMNS", "LINES"];

impl Server {
    /// A new session with its first window (none when it is to share a group's); the
    /// name defaults to the next session number.
    pub fn create_session(
        &mut self,
        name: Option<String>,
        first_window: Option<(Option<String>, NewPane)>,
        size: Size,
        cwd: PathBuf,
        environ: Vec<(String, String)>,
    ) -> Result<SessionId, String> {
        let number = self.ids.session.peek();
        let name = name.unwrap_or_else(|| {
            let mut n = number;
            while self.session_by_name(&n.to_string()).is_some() {
                n += 1;
            }
            n.to_string()
        });
        let Some(name) = crate::names::session_name(&name) else {
            return Err("invalid session: ".to_string());
        };
        if self.session_by_name(&name).is_some() {
            return Err(format!("duplicate session: {name}"));
        }
        let mut environ = environ;
        for (k, v) in &self.global_env {
            environ.retain(|(key, _)| key != k);
            environ.push((k.clone(), v.clone()));
        }
        let id = SessionId(self.ids.session.next());
        let now = SystemTime::now();
        self.sessions.insert(
            id,
            Session {
                id,
                name,
                created: now,
                activity: now,
                windows: Default::default(),
                current: 0,
                last: Vec::new(),
                environ,
                hidden: Vec::new(),
                cwd,
                options: OptionStore::default(),
                group: None,
            },
        );
        let base = u32::try_from(self.session_number(Some(id), "base-index")).unwrap_or(0);
        if let Some((window_name, pane)) = first_window
            && let Err(e) = self.create_window_sized(id, Some(base), window_name, pane, true, size)
        {
            self.sessions.remove(&id);
            return Err(e);
        }
        self.fire_hook(
            "session-created",
            HookTarget {
                session: Some(id),
                ..HookTarget::default()
            },
        );
        Ok(id)
    }

    /// A new window in `session` at `index` (or the first free one from base-index).
    pub fn create_window(
        &mut self,
        session: SessionId,
        index: Option<u32>,
        name: Option<String>,
        pane: NewPane,
        select: bool,
    ) -> Result<WindowId, String> {
        let size = self.window_size_for(session);
        self.create_window_sized(session, index, name, pane, select, size)
    }

    fn create_window_sized(
        &mut self,
        session: SessionId,
        index: Option<u32>,
        name: Option<String>,
        pane: NewPane,
        select: bool,
        size: Size,
    ) -> Result<WindowId, String> {
        let base = u32::try_from(self.session_number(Some(session), "base-index")).unwrap_or(0);
        let s = self.sessions.get(&session).ok_or("no such session")?;
        let index = match index {
            Some(i) if s.windows.contains_key(&i) => {
                return Err(format!("index in use: {i}"));
            }
            Some(i) => i,
            None => s.free_index(base),
        };
        let window = WindowId(self.ids.window.next());
        let pane_id = PaneId(self.ids.pane.next());
        let size = Size {
            cols: size.cols.max(1),
            rows: size.rows.max(1),
        };
        let spec = self.spawn_spec(session, &pane, size);
        let automatic = name.is_none();
        let window_name = crate::names::window_name(&name.unwrap_or_else(|| command_name(&spec)));
        self.start_pane(pane_id, window, spec, pane.shown.clone())?;
        self.windows.insert(
            window,
            Window::new(
                window,
                window_name,
                !automatic,
                pane_id,
                size.cols,
                size.rows,
            ),
        );
        if let Some(s) = self.sessions.get_mut(&session) {
            s.windows.insert(index, window);
            if select || s.windows.len() == 1 {
                s.select(index);
            }
        }
        self.activate_pane(pane_id);
        self.changed();
        self.fire_hook(
            "window-linked",
            HookTarget {
                session: Some(session),
                window: Some(window),
                ..HookTarget::default()
            },
        );
        Ok(window)
    }

    /// Split `target`'s space and start a new pane there.
    pub fn split_pane(
        &mut self,
        target: PaneId,
        direction: SplitDirection,
        size: SplitSize,
        placement: SplitPlacement,
        pane: NewPane,
        select: bool,
    ) -> Result<PaneId, String> {
        let window = self.panes.get(&target).ok_or("no such pane")?.window;
        let session = self
            .session_of_window(window)
            .ok_or("window not in a session")?;
        self.unzoom(window);
        let new = PaneId(self.ids.pane.next());
        let w = self.windows.get_mut(&window).ok_or("no such window")?;
        let mut layout = w.layout.clone();
        layout
            .split(
                target.0,
                new.0,
                direction,
                size,
                placement.before,
                placement.full,
            )
            .map_err(|_| "no space for new pane".to_string())?;
        let rect = layout.rect(new.0).ok_or("no space for new pane")?;
        let spec = self.spawn_spec(
            session,
            &pane,
            Size {
                cols: rect.width,
                rows: rect.height,
            },
        );
        self.start_pane(new, window, spec, pane.shown.clone())?;
        if let Some(w) = self.windows.get_mut(&window) {
            w.layout = layout;
        }
        self.apply_layout(window);
        if select {
            self.activate_pane(new);
        }
        self.redraw_window(window);
        Ok(new)
    }

    /// Start a process for a new pane and register it.
    fn start_pane(
        &mut self,
        id: PaneId,
        window: WindowId,
        spec: SpawnSpec,
        shown: Option<crate::pty::SharedTerminal>,
    ) -> Result<(), String> {
        let flags = PaneFlags::default();
        self.spawns += 1;
        // A saved screen fitted to the pane as it is now, under its history-limit.
        let first = shown.inspect(|term| {
            if let Ok(mut t) = term.lock() {
                t.set_history_limit(spec.history_limit);
                t.resize(spec.size);
            }
        });
        let (pty, term) = pty::spawn_into(
            id,
            self.spawns,
            &spec,
            flags.clone(),
            self.events.clone(),
            first,
        )
        .map_err(|e| format!("{e:#}"))?;
        let pane = Pane {
            id,
            window,
            pty,
            term,
            flags,
            size: spec.size,
            title: self.hostname.clone(),
            exited: None,
            spec,
            active_stamp: 0,
            last_output: None,
            held_until: None,
            started: std::time::Instant::now(),
            copy: None,
            modes: Vec::new(),
            options: crate::options::OptionStore::default(),
            input_off: false,
            restart: Default::default(),
            pipe: None,
        };
        self.panes.insert(id, pane);
        self.apply_pane_settings(id);
        Ok(())
    }

    /// How to start a pane of `session`: shell, directory, environment.
    pub fn spawn_spec(&self, session: SessionId, pane: &NewPane, size: Size) -> SpawnSpec {
        let s = self.sessions.get(&session);
        let cwd = pane
            .cwd
            .clone()
            .or_else(|| s.map(|s| s.cwd.clone()))
            .unwrap_or_else(|| PathBuf::from("/"));
        let mut env: Vec<(String, String)> = s
            .map(|s| s.environ.clone())
            .unwrap_or_default()
            .into_iter()
            .filter(|(k, _)| !DROPPED_ENV.contains(&k.as_str()) && k != "TERM")
            .collect();
        env.push((
            "TERM".to_string(),
            self.server_option("default-terminal").to_string(),
        ));
        let value = crate::tmux_face::tmux_variable(&self.socket, self.pid, Some(session.0));
        env.push(("RMUX".to_string(), value.clone()));
        // Programs in panes see rmux as tmux (vim-tmux-navigator, fzf's tmux mode, libtmux)
        // unless `tmux-compat` is off.
        if crate::options::parse_flag(self.server_option("tmux-compat")).unwrap_or(true) {
            env.push(("TMUX".to_string(), value));
            let path = env
                .iter()
                .find(|(k, _)| k == "PATH")
                .map(|(_, v)| v.clone());
            let path = crate::tmux_face::path_with_shim(&self.socket, path.as_deref());
            crate::tmux_face::set_var(&mut env, "PATH", path);
        }
        for (k, v) in &pane.env {
            crate::tmux_face::set_var(&mut env, k, v.clone());
        }
        let default_command = self.session_option(Some(session), "default-command");
        let command = pane
            .command
            .clone()
            .or_else(|| (!default_command.is_empty()).then(|| default_command.to_string()));
        let history_limit =
            usize::try_from(self.session_number(Some(session), "history-limit")).unwrap_or(0);
        SpawnSpec {
            command,
            shell: self
                .session_option(Some(session), "default-shell")
                .to_string(),
            cwd,
            env: self.shared_env(env),
            size,
            history_limit,
        }
    }

    /// `env` as the last pane's environment when it is the same: every pane keeps the
    /// environment it started with (for respawns and restarts), and most panes of a
    /// server start with one and the same, a few kilobytes each.
    fn shared_env(&self, env: Vec<(String, String)>) -> crate::pty::Environment {
        let mut last = self.last_env.borrow_mut();
        match &*last {
            Some(shared) if **shared == *env => std::sync::Arc::clone(shared),
            _ => {
                let shared: crate::pty::Environment = env.into();
                *last = Some(std::sync::Arc::clone(&shared));
                shared
            }
        }
    }
}

/// Where a split puts the new pane.
#[derive(Clone, Copy, Debug, Default)]
pub struct SplitPlacement {
    /// Left of / above the target (`-b`).
    pub before: bool,
    /// Across the whole window (`-f`).
    pub full: bool,
}

/// The name a window gets from what it runs: the command's first word, or the shell.
fn command_name(spec: &SpawnSpec) -> String {
    let program = match &spec.command {
        Some(cmd) => cmd.split_whitespace().next().unwrap_or("").to_string(),
        None => spec.shell.clone(),
    };
    program
        .rsplit('/')
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or("sh")
        .to_string()
}
