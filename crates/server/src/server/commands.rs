//! Running command lines: from a command-line client (`rmux ls`), from a key binding or
//! the prompt of an attached client, and from the configuration file.

use std::os::unix::ffi::OsStringExt;
use std::path::{Path, PathBuf};

use rmux_proto::CommandRequest;

use super::Server;
use super::queue::{Caller, Origin};
use crate::cmd::{self, Current, Item};
use crate::ids::{ClientId, PaneId};

impl Server {
    /// `rmux <argv>` from a client process: run it and answer with its output and status,
    /// or attach the client.
    pub fn command_request(&mut self, client: ClientId, req: CommandRequest) {
        let Some(c) = self.clients.get_mut(&client) else {
            return;
        };
        if c.attached.is_some() {
            return;
        }
        let terminal = req.terminal.map(|mut t| {
            t.size = crate::client::clamp_size(t.size);
            t
        });
        c.terminal = terminal.clone();
        let cwd = PathBuf::from(std::ffi::OsString::from_vec(req.cwd));
        // Commands are text: bytes that are not UTF-8 become U+FFFD here, in one place.
        let text = |b: Vec<u8>| {
            String::from_utf8(b)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
        };
        let argv: Vec<String> = req.argv.into_iter().map(text).collect();
        let env: Vec<(String, String)> = req
            .env
            .into_iter()
            .map(|(k, v)| (text(k), text(v)))
            .collect();
        c.cwd = cwd.clone();
        c.env = env.clone();
        let commands = if argv.is_empty() {
            vec![vec!["new-session".to_string()]]
        } else {
            crate::cmdline::split_argv(&argv)
        };
        let current = self.caller_context(&env);
        let caller = Caller {
            client: Some(client),
            current,
            cwd,
            env,
            terminal,
        };
        // `a \; b` on the command line is one group: b does not run if a fails.
        let group = commands.into_iter().map(Item::new).collect();
        let origin = if req.control > 0 {
            self.start_control(client);
            Origin::Control(0)
        } else {
            Origin::CommandLine
        };
        self.enqueue(caller, origin, vec![group]);
    }

    /// Where a command from outside runs: in the pane it was typed in (`$RMUX_PANE`, when
    /// that pane belongs to this server), else the most recently used session.
    fn caller_context(&self, env: &[(String, String)]) -> Current {
        let var = |name: &str| env.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
        let ours = var("RMUX")
            .is_some_and(|v| v.split(',').next() == Some(self.socket.to_string_lossy().as_ref()));
        let pane = var("RMUX_PANE")
            .filter(|_| ours)
            .and_then(|p| p.strip_prefix('%'))
            .and_then(|n| n.parse().ok())
            .map(PaneId)
            .filter(|p| self.panes.contains_key(p));
        match pane {
            Some(p) => {
                let window = self.panes.get(&p).map(|p| p.window);
                Current {
                    session: window.and_then(|w| self.session_of_window(w)),
                    window,
                    pane: Some(p),
                    mouse: None,
                }
            }
            None => Current::default(),
        }
    }

    /// A command line from a key binding or the prompt of an attached client; errors and
    /// output appear in its status line.
    pub fn run_client_command(&mut self, client: ClientId, line: &str) {
        self.run_client_command_at(client, line, None);
    }

    /// As [`Server::run_client_command`], for a mouse binding: `mouse` is its target `=`
    /// (and the pane the commands run in, as tmux runs them).
    pub fn run_client_command_at(
        &mut self,
        client: ClientId,
        line: &str,
        mouse: Option<crate::mouse::MouseAt>,
    ) {
        let Some(c) = self.clients.get(&client) else {
            return;
        };
        let session = c.session();
        let environ = session
            .and_then(|s| self.sessions.get(&s))
            .map(|s| s.environ.clone())
            .unwrap_or_default();
        let commands = match cmd::parse_commands_blocks(line, &environ) {
            Ok(c) => c,
            Err(e) => {
                let delay = self.display_time(client);
                self.show_message(client, &e, delay);
                return;
            }
        };
        let window = session.and_then(|s| self.current_window(s));
        // A mouse binding runs where the mouse was (tmux's cmd_find_from_mouse).
        let current = match mouse.and_then(|at| at.window.map(|w| (at, w))) {
            Some((at, w)) => Current {
                session: Some(at.session),
                window: Some(w),
                pane: at.pane.or_else(|| self.active_pane(w)),
                mouse,
            },
            None => Current {
                session,
                window,
                pane: window.and_then(|w| self.active_pane(w)),
                mouse,
            },
        };
        let caller = Caller {
            client: Some(client),
            current,
            cwd: c.cwd.clone(),
            env: environ,
            terminal: c.terminal.clone(),
        };
        let group = commands.into_iter().map(Item::parsed).collect();
        self.enqueue(caller, Origin::Client, vec![group]);
    }

    pub(crate) fn display_time(&self, client: ClientId) -> u64 {
        let session = self.clients.get(&client).and_then(|c| c.session());
        self.session_number(session, "display-time").unsigned_abs()
    }

    /// Read the configuration: `-f file`, else the default files that exist, through
    /// the same `source-file` a user would type (so it may wait for jobs: the loop runs
    /// meanwhile, and the client that started the server waits for it to finish). Errors
    /// are kept and shown to the first client that attaches.
    pub fn load_config(&mut self, file: Option<&Path>) {
        self.config_files = match file {
            Some(f) => vec![f.display().to_string()],
            None => default_config_files()
                .into_iter()
                .filter(|f| f.exists())
                .map(|f| f.display().to_string())
                .collect(),
        };
        self.first_run_hint_due = file.is_none() && self.config_files.is_empty();
        let sources: Vec<Vec<String>> = match file {
            Some(f) => vec![vec!["source-file".into(), f.display().to_string()]],
            None => default_config_files()
                .into_iter()
                .map(|f| vec!["source-file".into(), "-q".into(), f.display().to_string()])
                .collect(),
        };
        let caller = Caller {
            client: None,
            current: Current::default(),
            cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/")),
            env: std::env::vars_os()
                .map(|(k, v)| {
                    (
                        k.to_string_lossy().into_owned(),
                        v.to_string_lossy().into_owned(),
                    )
                })
                .collect(),
            terminal: None,
        };
        let groups = sources
            .into_iter()
            .map(|argv| vec![Item::new(argv)])
            .collect();
        self.enqueue(caller, Origin::Config, groups);
    }

    /// A newcomer (no configuration file at all) attaching for the first time sees the
    /// keys to leave, add a window, split and find the rest, with the prefix really
    /// bound; a configuration, or `set -s first-run-hint off`, means they know.
    pub(super) fn show_first_run_hint(&mut self, client: ClientId) {
        if !std::mem::take(&mut self.first_run_hint_due) || !self.server_flag("first-run-hint") {
            return;
        }
        let session = self.clients.get(&client).and_then(|c| c.session());
        let prefix = self.session_option(session, "prefix").to_string();
        if prefix.is_empty() || prefix == "None" {
            return;
        }
        let text = format!(
            "{prefix} d detach \u{b7} {prefix} c new window \u{b7} {prefix} % split \u{b7} {prefix} ? keys"
        );
        let delay = self.display_time(client).max(FIRST_RUN_HINT_MILLIS);
        let until = std::time::Instant::now() + std::time::Duration::from_millis(delay);
        if let Some(a) = self.attached_mut(client) {
            a.hint = Some((text, until));
            a.needs_render = true;
            a.status_cache.replace(None);
        }
    }

    pub(super) fn show_config_errors(&mut self, client: ClientId) {
        if self.config_errors.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.config_errors).join("; ");
        let delay = self.display_time(client).max(5000);
        self.show_message(client, &text, delay);
    }
}

/// How long the first-run hint stays at least: long enough to read four hints.
const FIRST_RUN_HINT_MILLIS: u64 = 8000;

/// The configuration files read when no `-f` is given: rmux's own (`/etc/rmux.conf`,
/// `~/.rmux.conf`, `$XDG_CONFIG_HOME/rmux/rmux.conf`) if any exists, else the ones tmux
/// reads, so a tmux user's configuration works unchanged.
fn default_config_files() -> Vec<PathBuf> {
    let home = std::env::var("HOME").ok().filter(|h| !h.is_empty());
    let xdg = std::env::var("XDG_CONFIG_HOME")
        .ok()
        .filter(|x| !x.is_empty())
        .map(PathBuf::from)
        .or_else(|| home.as_ref().map(|h| Path::new(h).join(".config")));
    let in_home = |rel: &str| home.as_ref().map(|h| Path::new(h).join(rel));
    let rmux: Vec<PathBuf> = [
        Some(PathBuf::from("/etc/rmux.conf")),
        in_home(".rmux.conf"),
        xdg.as_ref().map(|x| x.join("rmux/rmux.conf")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if rmux.iter().any(|f| f.exists()) {
        return rmux;
    }
    let mut tmux: Vec<PathBuf> = [
        Some(PathBuf::from("/etc/tmux.conf")),
        in_home(".tmux.conf"),
        xdg.as_ref().map(|x| x.join("tmux/tmux.conf")),
        in_home(".config/tmux/tmux.conf"),
    ]
    .into_iter()
    .flatten()
    .collect();
    tmux.dedup();
    tmux
}
