//! Running command lines: from a command-line client (`rmux ls`), from a key binding or
//! the prompt of an attached client, and from the configuration file.

use std::path::{Path, PathBuf};

use rmux_proto::{CommandRequest, ServerMessage};

use super::Server;
use crate::cmd::{self, Ctx, Current, Flow};
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
        c.terminal = req.terminal.clone();
        c.cwd = PathBuf::from(&req.cwd);
        c.env = req.env.clone();
        let commands = if req.argv.is_empty() {
            vec![vec!["new-session".to_string()]]
        } else {
            crate::cmdline::split_argv(&req.argv)
        };
        let current = self.caller_context(&req.env);
        let mut ctx = Ctx {
            server: self,
            client: Some(client),
            current,
            cwd: PathBuf::from(&req.cwd),
            env: req.env,
            terminal: req.terminal,
            out: String::new(),
        };
        let result = cmd::run_list(&mut ctx, &commands);
        let out = std::mem::take(&mut ctx.out);
        let Some(c) = self.clients.get_mut(&client) else {
            return;
        };
        if !out.is_empty() {
            c.send(&ServerMessage::Stdout(out));
        }
        match result {
            Ok(Flow::Attach { session, readonly }) => {
                self.attach_client(client, session, readonly);
                self.show_config_errors(client);
            }
            Ok(Flow::Continue) => c.finish(&ServerMessage::Exit { status: 0 }),
            Err(e) => {
                if !e.is_empty() {
                    c.send(&ServerMessage::Stderr(format!("{e}\n")));
                }
                c.finish(&ServerMessage::Exit { status: 1 });
            }
        }
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
                }
            }
            None => Current::default(),
        }
    }

    /// A command line from a key binding or the prompt of an attached client; errors and
    /// output appear in its status line.
    pub fn run_client_command(&mut self, client: ClientId, line: &str) {
        let Some(c) = self.clients.get(&client) else {
            return;
        };
        let session = c.session();
        let environ = session
            .and_then(|s| self.sessions.get(&s))
            .map(|s| s.environ.clone())
            .unwrap_or_default();
        let commands = match cmd::parse_commands(line, &environ) {
            Ok(c) => c,
            Err(e) => {
                let delay = self.display_time(client);
                self.show_message(client, &e, delay);
                return;
            }
        };
        let window = session.and_then(|s| self.current_window(s));
        let current = Current {
            session,
            window,
            pane: window.and_then(|w| self.active_pane(w)),
        };
        let cwd = c.cwd.clone();
        let env = environ;
        let terminal = c.terminal.clone();
        let mut ctx = Ctx {
            server: self,
            client: Some(client),
            current,
            cwd,
            env,
            terminal,
            out: String::new(),
        };
        let result = cmd::run_list(&mut ctx, &commands);
        let out = std::mem::take(&mut ctx.out);
        let delay = self.display_time(client);
        match result {
            Err(e) if !e.is_empty() => self.show_message(client, &e, delay),
            Ok(Flow::Attach { session, .. }) => self.switch_client(client, session),
            _ if !out.is_empty() => {
                // Output of a command run from a key is shown to read, as tmux does.
                if let Some(a) = self.attached_mut(client) {
                    a.mode = Some(crate::modes::Mode::View(crate::modes::ViewMode::new(&out)));
                    a.needs_render = true;
                }
            }
            _ => {}
        }
    }

    fn display_time(&self, client: ClientId) -> u64 {
        let session = self.clients.get(&client).and_then(|c| c.session());
        self.session_number(session, "display-time").unsigned_abs()
    }

    /// Read the configuration: `-f file`, else ~/.rmux.conf and the XDG file if present.
    /// Errors are kept and shown to the first client that attaches.
    pub fn load_config(&mut self, file: Option<&Path>) {
        let files: Vec<PathBuf> = match file {
            Some(f) => vec![f.to_path_buf()],
            None => default_config_files(),
        };
        for f in files {
            let Ok(text) = std::fs::read_to_string(&f) else {
                continue;
            };
            let mut ctx = Ctx {
                server: self,
                client: None,
                current: Current::default(),
                cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/")),
                env: std::env::vars().collect(),
                terminal: None,
                out: String::new(),
            };
            let errors = cmd::run_config(&mut ctx, &f.display().to_string(), &text, false);
            self.config_errors.extend(errors);
        }
    }

    fn show_config_errors(&mut self, client: ClientId) {
        if self.config_errors.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.config_errors).join("; ");
        let delay = self.display_time(client).max(5000);
        self.show_message(client, &text, delay);
    }
}

fn default_config_files() -> Vec<PathBuf> {
    let mut files = vec![PathBuf::from("/etc/rmux.conf")];
    if let Ok(home) = std::env::var("HOME") {
        files.push(Path::new(&home).join(".rmux.conf"));
    }
    let xdg = std::env::var("XDG_CONFIG_HOME")
        .ok()
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var("HOME")
                .ok()
                .map(|h| Path::new(&h).join(".config"))
        });
    if let Some(x) = xdg {
        files.push(x.join("rmux/rmux.conf"));
    }
    files
}
