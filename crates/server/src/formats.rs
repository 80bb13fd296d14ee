//! The variables formats can use (`#{session_name}`, `#{pane_current_command}`, ...),
//! looked up in the server's state for one client/session/window/pane.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::format::FormatContext;
use crate::ids::{ClientId, PaneId, SessionId, WindowId};
use crate::server::Server;

/// tmux's default `list-sessions` format.
pub const LIST_SESSIONS: &str = "#{session_name}: #{session_windows} windows (created #{t:session_created})#{?session_grouped, (group ,}#{session_group}#{?session_grouped,),}#{?session_attached, (attached),}";
/// tmux's default `list-windows` format.
pub const LIST_WINDOWS: &str = "#{window_index}: #{window_name}#{window_raw_flags} (#{window_panes} panes) [#{window_width}x#{window_height}] [layout #{window_layout}] #{window_id}#{?window_active, (active),}";
/// `list-windows -a`.
pub const LIST_WINDOWS_ALL: &str = "#{session_name}:#{window_index}: #{window_name}#{window_raw_flags} (#{window_panes} panes) [#{window_width}x#{window_height}] ";
/// tmux's default `list-panes` format.
pub const LIST_PANES: &str = "#{pane_index}: [#{pane_width}x#{pane_height}] [history #{history_size}/#{history_limit}, #{history_bytes} bytes] #{pane_id}#{?pane_active, (active),}#{?pane_dead, (dead),}";
/// `list-panes -a` / `-s`.
pub const LIST_PANES_ALL: &str = "#{session_name}:#{window_index}.#{pane_index}: [#{pane_width}x#{pane_height}] [history #{history_size}/#{history_limit}, #{history_bytes} bytes] #{pane_id}#{?pane_active, (active),}#{?pane_dead, (dead),}";
/// tmux's default `list-clients` format.
pub const LIST_CLIENTS: &str = "#{client_name}: #{session_name} [#{client_width}x#{client_height} #{client_termname}]#{?client_flags, (,}#{client_flags}#{?client_flags,),}";
/// The names of tmux 3.3a's format variables, sorted (`display-message -a` lists them;
/// a test checks each expands as in tmux).
pub fn variable_names() -> impl Iterator<Item = &'static str> {
    include_str!("format_variables.txt")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The default formats of tmux's choose modes, for `#{buffer_mode_format}` and the like.
pub const BUFFER_MODE_FORMAT: &str = "#{t/p:buffer_created}: #{buffer_sample}";
pub const CLIENT_MODE_FORMAT: &str = "#{t/p:client_activity}: session #{session_name}";
pub const TREE_MODE_FORMAT: &str = "#{?pane_format,#{?pane_marked,#[reverse],}#{pane_current_command}#{?pane_active,*,}#{?pane_marked,M,}#{?#{&&:#{pane_title},#{!=:#{pane_title},#{host_short}}},: \"#{pane_title}\",},#{?window_format,#{?window_marked_flag,#[reverse],}#{window_name}#{window_flags}#{?#{&&:#{==:#{window_panes},1},#{&&:#{pane_title},#{!=:#{pane_title},#{host_short}}}},: \"#{pane_title}\",},#{session_windows} windows#{?session_grouped, (group #{session_group}: #{session_group_list}),}#{?session_attached, (attached),}}}";
/// tmux's default `list-buffers` format.
pub const LIST_BUFFERS: &str = "#{buffer_name}: #{buffer_size} bytes: \"#{buffer_sample}\"";
/// `display-message` with no message.
pub const DISPLAY_MESSAGE: &str = "[#{session_name}] #{window_index}:#{window_name}, current pane #{pane_index} - (%H:%M %d-%b-%y)";

/// Where format variables are looked up.
pub struct FormatTarget<'a> {
    pub server: &'a Server,
    pub client: Option<ClientId>,
    pub session: Option<SessionId>,
    pub window: Option<WindowId>,
    pub pane: Option<PaneId>,
    /// The window's index in the session, when it was reached through one (a window
    /// can be linked at several); else the one tmux would pick.
    pub winlink: Option<u32>,
}

impl<'a> FormatTarget<'a> {
    /// Everything from a pane up: its window, the window's session.
    pub fn for_pane(server: &'a Server, pane: PaneId) -> FormatTarget<'a> {
        let window = server.panes.get(&pane).map(|p| p.window);
        let session = window.and_then(|w| server.session_of_window(w));
        FormatTarget {
            server,
            winlink: None,
            client: None,
            session,
            window,
            pane: Some(pane),
        }
    }

    /// Everything a command's target names (nothing when there is none), for a client
    /// (or none).
    pub fn for_found(
        server: &'a Server,
        found: Option<crate::cmd::target::Found>,
        client: Option<ClientId>,
    ) -> FormatTarget<'a> {
        FormatTarget {
            server,
            winlink: found.map(|f| f.index),
            client,
            session: found.map(|f| f.session),
            window: found.map(|f| f.window),
            pane: found.map(|f| f.pane),
        }
    }

    /// Expand with strftime escapes too (`%H:%M`), as the status line and
    /// display-message do.
    pub fn expand(&self, template: &str) -> String {
        crate::format::expand(template, self, chrono::Local::now())
    }

    /// Expand formats only, leaving `%` alone, as `-F` and `-f` do in tmux.
    pub fn expand_plain(&self, template: &str) -> String {
        crate::format::expand_no_time(template, self, chrono::Local::now())
    }
}

/// A paste buffer's variables (`#{buffer_name}`, `#{buffer_sample}`, ...) over those of
/// a target, for list-buffers and choose-buffer.
pub struct WithBuffer<'a> {
    pub base: &'a FormatTarget<'a>,
    pub buffer: &'a crate::buffers::PasteBuffer,
}

impl WithBuffer<'_> {
    pub fn expand_plain(&self, template: &str) -> String {
        crate::format::expand_no_time(template, self, chrono::Local::now())
    }
}

impl FormatContext for WithBuffer<'_> {
    fn var(&self, name: &str) -> Option<String> {
        let b = self.buffer;
        Some(match name {
            "buffer_name" => b.name.clone(),
            "buffer_size" => b.data.len().to_string(),
            "buffer_sample" => b.sample(),
            "buffer_created" => b.created_epoch().to_string(),
            _ => return self.base.var(name),
        })
    }

    fn job(&self, command: &str) -> Option<String> {
        self.base.job(command)
    }

    fn children(&self, kind: crate::format::LoopKind) -> Vec<crate::format::LoopItem<'_>> {
        self.base.children(kind)
    }
}

/// The name of the user the server runs as.
fn user_name() -> String {
    let uid = rustix::process::getuid().as_raw();
    std::env::var("USER")
        .ok()
        .filter(|u| !u.is_empty())
        .or_else(|| {
            let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
            passwd.lines().find_map(|l| {
                let mut f = l.split(':');
                let name = f.next()?;
                (f.nth(1)? == uid.to_string()).then(|| name.to_string())
            })
        })
        .unwrap_or_else(|| uid.to_string())
}

fn epoch(t: SystemTime) -> String {
    t.duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
        .to_string()
}

fn flag(b: bool) -> String {
    if b { "1" } else { "0" }.to_string()
}

impl FormatContext for FormatTarget<'_> {
    fn job(&self, command: &str) -> Option<String> {
        Some(self.server.status_jobs.output(command))
    }

    fn var(&self, name: &str) -> Option<String> {
        let s = self.server;
        if let Some(v) = self.global_var(name) {
            return Some(v);
        }
        if name.starts_with("client_") {
            return self.client_var(name);
        }
        if name.starts_with("session_")
            || name == "active_window_index"
            || name == "last_window_index"
        {
            return self.session_var(name);
        }
        if name.starts_with("window_") {
            return self.window_var(name);
        }
        if let Some(v) = self.pane_var(name) {
            return Some(v);
        }
        if name.starts_with('@') {
            return self.user_option(name).map(str::to_string);
        }
        // Option names are variables too (#{status-left}); flags read as 1 or 0 there so
        // #{?synchronize-panes,...} tests them as tmux does.
        let d = crate::options::find(name)?;
        let value = match (d.scope, self.pane) {
            (crate::options::Scope::Server, _) => s.server_option(name),
            (crate::options::Scope::Session, _) => s.session_option(self.session, name),
            (crate::options::Scope::Window, Some(pane)) if d.pane => s.pane_option(pane, name),
            (crate::options::Scope::Window, _) => s.window_option(self.window, name),
        };
        Some(match d.kind {
            crate::options::Kind::Flag => {
                let on = crate::options::parse_flag(value).unwrap_or(false);
                if on { "1" } else { "0" }.to_string()
            }
            _ => value.to_string(),
        })
    }
}

impl FormatTarget<'_> {
    /// `#{@name}`: the nearest that has it of the pane, its window, the global window
    /// options, the session, the global session options and the server's, as tmux looks.
    fn user_option(&self, name: &str) -> Option<&str> {
        let s = self.server;
        self.pane
            .and_then(|p| s.panes.get(&p))
            .and_then(|p| p.options.get(name))
            .or_else(|| {
                self.window
                    .and_then(|w| s.windows.get(&w))
                    .and_then(|w| w.options.get(name))
            })
            .or_else(|| s.options.window.get(name))
            .or_else(|| {
                self.session
                    .and_then(|id| s.sessions.get(&id))
                    .and_then(|x| x.options.get(name))
            })
            .or_else(|| s.options.session.get(name))
            .or_else(|| s.options.server.get(name))
    }

    fn global_var(&self, name: &str) -> Option<String> {
        let s = self.server;
        Some(match name {
            "host" => s.hostname.clone(),
            "host_short" => s.hostname.split('.').next().unwrap_or("").to_string(),
            "pid" => s.pid.to_string(),
            // Configs compare this with tmux versions: answer with the one rmux follows.
            "version" => crate::tmux_face::TMUX_VERSION.to_string(),
            "rmux_version" => env!("CARGO_PKG_VERSION").to_string(),
            "socket_path" => s.socket.display().to_string(),
            "start_time" => epoch(s.started),
            "uid" => rustix::process::getuid().as_raw().to_string(),
            "user" => user_name(),
            "config_files" => s.config_files.join(","),
            "next_session_id" => format!("${}", s.next_session_id()),
            "buffer_mode_format" => BUFFER_MODE_FORMAT.to_string(),
            "client_mode_format" => CLIENT_MODE_FORMAT.to_string(),
            "tree_mode_format" => TREE_MODE_FORMAT.to_string(),
            // What kind of item a format is expanded for (tree mode draws by it).
            "pane_format" => flag(self.pane.is_some()),
            "window_format" => flag(self.pane.is_none() && self.window.is_some()),
            "session_format" => flag(self.window.is_none() && self.session.is_some()),
            _ => return None,
        })
    }

    fn client_var(&self, name: &str) -> Option<String> {
        let c = self.server.clients.get(&self.client?)?;
        let size = c.size().unwrap_or(if c.control.is_some() {
            rmux_term::Size { cols: 80, rows: 24 }
        } else {
            rmux_term::Size::default()
        });
        Some(match name {
            "client_name" => c.name(),
            "client_tty" => c.tty().to_string(),
            "client_control_mode" => flag(c.control.is_some()),
            "client_pid" => c.pid().to_string(),
            "client_width" => size.cols.to_string(),
            // tmux leaves a control client's height empty.
            "client_height" if c.control.is_some() && c.terminal.is_none() => String::new(),
            "client_height" => size.rows.to_string(),
            "client_termname" => c.terminal.as_ref().map_or_else(
                || {
                    // A control client's is the TERM it was started with, as in tmux.
                    c.env
                        .iter()
                        .find(|(k, _)| k == "TERM")
                        .map_or_else(|| "unknown".to_string(), |(_, v)| v.clone())
                },
                |t| t.term.clone(),
            ),
            "client_session" => c
                .session()
                .and_then(|id| self.server.sessions.get(&id))
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            "client_created" => epoch(c.created),
            "client_activity" => epoch(c.activity),
            "client_readonly" => flag(c.attached.as_ref().is_some_and(|a| a.readonly)),
            "client_prefix" => flag(c.attached.as_ref().is_some_and(|a| a.key_table == "prefix")),
            "client_key_table" => c
                .attached
                .as_ref()
                .map(|a| a.key_table.clone())
                .unwrap_or_default(),
            "client_flags" => {
                // tmux's order (server_client_get_flags).
                let mut flags = Vec::new();
                if c.attached.is_some() {
                    flags.push("attached".to_string());
                    flags.push("focused".to_string());
                }
                if let Some(control) = &c.control {
                    flags.push("control-mode".to_string());
                    flags.extend(control.flag_names());
                }
                if c.attached.as_ref().is_some_and(|a| a.readonly) {
                    flags.push("read-only".to_string());
                }
                flags.push("UTF-8".to_string());
                flags.join(",")
            }
            "client_uid" => rustix::process::getuid().as_raw().to_string(),
            "client_termfeatures" => self
                .server
                .client_features(c.id)
                .map(|f| f.names())
                .unwrap_or_default(),
            "client_termtype" => String::new(),
            "client_utf8" => flag(true),
            _ => return None,
        })
    }

    fn session_var(&self, name: &str) -> Option<String> {
        let srv = self.server;
        let s = srv.sessions.get(&self.session?)?;
        Some(match name {
            "session_name" => s.name.clone(),
            "session_id" => s.id.to_string(),
            "session_windows" => s.windows.len().to_string(),
            "session_attached" => srv.attached_count(s.id).to_string(),
            "session_created" => epoch(s.created),
            "session_activity" => epoch(s.activity),
            "session_path" => s.cwd.display().to_string(),
            "session_grouped" => flag(s.group.is_some()),
            "session_group" => s.group.clone().unwrap_or_default(),
            "session_group_size" => s
                .group
                .as_ref()
                .map(|_| srv.group_members(s.id).len().to_string())
                .unwrap_or_default(),
            "session_group_list" => s
                .group
                .as_ref()
                .map(|_| srv.group_names(s.id, false).join(","))
                .unwrap_or_default(),
            "session_group_attached_list" => s
                .group
                .as_ref()
                .map(|_| srv.group_names(s.id, true).join(","))
                .unwrap_or_default(),
            "session_group_attached" => s
                .group
                .as_ref()
                .map(|_| srv.group_names(s.id, true).len().to_string())
                .unwrap_or_default(),
            "session_group_many_attached" => s
                .group
                .as_ref()
                .map(|_| flag(srv.group_names(s.id, true).len() > 1))
                .unwrap_or_default(),
            "session_many_attached" => flag(srv.attached_count(s.id) > 1),
            "session_marked" => flag(
                srv.marked
                    .and_then(|p| srv.panes.get(&p))
                    .and_then(|p| srv.session_of_window(p.window))
                    == Some(s.id),
            ),
            "session_stack" => s
                .current_window()
                .into_iter()
                .chain(s.stack())
                .filter_map(|w| s.index_of(w))
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(","),
            "active_window_index" => s
                .current_window()
                .and_then(|w| s.index_of(w))
                .map(|i| i.to_string())
                .unwrap_or_default(),
            "last_window_index" => s
                .windows
                .keys()
                .next_back()
                .map(|i| i.to_string())
                .unwrap_or_default(),
            "session_alerts" => {
                let mut out = Vec::new();
                for (i, w) in &s.windows {
                    if let Some(win) = srv.windows.get(w) {
                        let f = alert_flags(win.alerts);
                        if !f.is_empty() {
                            out.push(format!("{i}{f}"));
                        }
                    }
                }
                out.join(",")
            }
            _ => return None,
        })
    }

    fn window_var(&self, name: &str) -> Option<String> {
        let srv = self.server;
        let w = srv.windows.get(&self.window?)?;
        let session = self.session.and_then(|s| srv.sessions.get(&s));
        let index = self
            .winlink
            .filter(|i| session.and_then(|s| s.windows.get(i)) == Some(&w.id))
            .or_else(|| session.and_then(|s| s.index_of(w.id)));
        let current = index.is_some() && session.map(|s| s.current) == index;
        let last = session.and_then(|s| s.last_window()) == Some(w.id);
        let (cols, rows) = w.size();
        let with_client = |f: &dyn Fn((bool, u16, u16)) -> String| {
            self.client
                .and_then(|c| srv.client_offset(c, w.id))
                .map(f)
                .unwrap_or_default()
        };
        let viewers = || {
            srv.clients
                .values()
                .filter_map(|c| c.session())
                .filter(|s| srv.current_window(*s) == Some(w.id))
                .count()
        };
        Some(match name {
            "window_bigger" => with_client(&|o| flag(o.0)),
            "window_offset_x" => {
                with_client(&|o| if o.0 { o.1.to_string() } else { String::new() })
            }
            "window_offset_y" => {
                with_client(&|o| if o.0 { o.2.to_string() } else { String::new() })
            }
            "window_active_clients" => viewers().to_string(),
            "window_active_sessions" => srv
                .sessions
                .values()
                .filter(|s| s.current_window() == Some(w.id))
                .count()
                .to_string(),
            "window_activity" => epoch(w.activity),
            "window_cell_width" => "16".to_string(),
            "window_cell_height" => "32".to_string(),
            "window_linked" => flag(session.is_some_and(|s| srv.session_is_linked(s.id, w.id))),
            "window_linked_sessions" => srv.links_of_window(w.id).to_string(),
            "window_linked_sessions_list" => srv
                .sessions
                .values()
                .flat_map(|s| std::iter::repeat_n(s.name.as_str(), s.links_of(w.id)))
                .collect::<Vec<_>>()
                .join(","),
            "window_stack_index" => session
                .and_then(|s| s.stack().iter().position(|x| *x == w.id))
                .map_or_else(|| "0".to_string(), |i| (i + 1).to_string()),
            "window_index" => index.map(|i| i.to_string()).unwrap_or_default(),
            "window_name" => w.name.clone(),
            "window_id" => w.id.to_string(),
            "window_active" => flag(current),
            "window_panes" => w.layout.pane_count().to_string(),
            "window_width" => cols.to_string(),
            "window_height" => rows.to_string(),
            "window_visible_layout" if w.zoomed => {
                let (cols, rows) = w.size();
                crate::layout::Layout::zoomed_tmux_string(w.active.0, cols, rows)
            }
            "window_layout" | "window_visible_layout" => w.layout.to_tmux_string(),
            "window_zoomed_flag" => flag(w.zoomed),
            "window_marked_flag" => flag(srv.marked.is_some_and(|p| w.layout.contains(p.0))),
            "window_last_flag" => flag(last),
            "window_bell_flag" => flag(w.alerts.bell),
            "window_activity_flag" => flag(w.alerts.activity),
            "window_silence_flag" => flag(w.alerts.silence),
            "window_start_flag" => {
                flag(session.and_then(|s| s.windows.keys().next().copied()) == index)
            }
            "window_end_flag" => {
                flag(session.and_then(|s| s.windows.keys().next_back().copied()) == index)
            }
            "window_flags" | "window_raw_flags" => {
                let mut f = alert_flags(w.alerts);
                if current {
                    f.push('*');
                }
                if last {
                    f.push('-');
                }
                if srv.marked.is_some_and(|p| w.layout.contains(p.0)) {
                    f.push('M');
                }
                if w.zoomed {
                    f.push('Z');
                }
                f
            }
            _ => return None,
        })
    }

    fn pane_var(&self, name: &str) -> Option<String> {
        let srv = self.server;
        let p = srv.panes.get(&self.pane?)?;
        let w = srv.windows.get(&p.window);
        // A zoomed pane fills the window: it is at the top left, as tmux reports it.
        let rect = match w {
            Some(w) if w.zoomed && w.active == p.id => {
                let (width, height) = w.size();
                crate::layout::Rect {
                    x: 0,
                    y: 0,
                    width,
                    height,
                }
            }
            Some(w) => w.layout.rect(p.id.0).unwrap_or_default(),
            None => crate::layout::Rect::default(),
        };
        Some(match name {
            "pane_id" => p.id.to_string(),
            "pane_index" => {
                let base: usize = srv
                    .window_option(Some(p.window), "pane-base-index")
                    .parse()
                    .unwrap_or(0);
                w.and_then(|w| w.pane_position(p.id))
                    .map(|i| (i + base).to_string())
                    .unwrap_or_default()
            }
            "pane_title" => p.title.clone(),
            "pane_active" => flag(w.is_some_and(|w| w.active == p.id)),
            "pane_marked" => flag(srv.marked == Some(p.id)),
            "pane_marked_set" => flag(srv.marked.is_some()),
            "pane_width" => p.size.cols.to_string(),
            "pane_height" => p.size.rows.to_string(),
            "pane_left" => rect.x.to_string(),
            "pane_top" => rect.y.to_string(),
            "pane_right" => (rect.x + rect.width).saturating_sub(1).to_string(),
            "pane_bottom" => (rect.y + rect.height).saturating_sub(1).to_string(),
            "pane_pid" => p.pty.pid().map(|x| x.to_string()).unwrap_or_default(),
            "pane_tty" => p
                .pty
                .tty_name()
                .map(|t| t.display().to_string())
                .unwrap_or_default(),
            "pane_at_left" => flag(rect.x == 0),
            "pane_at_top" => flag(rect.y == 0),
            "pane_at_right" => flag(w.is_some_and(|w| rect.x + rect.width >= w.size().0)),
            "pane_at_bottom" => flag(w.is_some_and(|w| rect.y + rect.height >= w.size().1)),
            "pane_last" => flag(w.is_some_and(|w| w.last_pane == Some(p.id))),
            "pane_input_off" => flag(p.input_off),
            "pane_start_path" => p.spec.cwd.display().to_string(),
            "pane_fg" | "pane_bg" => "default".to_string(),
            "pane_dead" => flag(p.exited.is_some()),
            "pane_restarts" => p.restart.count.to_string(),
            "pane_last_exit_status" => p
                .restart
                .last_exit
                .as_ref()
                .map(|s| match &s.signal {
                    Some(sig) => sig.clone(),
                    None => s.code.to_string(),
                })
                .unwrap_or_default(),
            "pane_pipe" => flag(p.pipe.is_some()),
            "pane_dead_status" => p
                .exited
                .as_ref()
                .filter(|(s, _)| s.signal.is_none())
                .map(|(s, _)| s.code.to_string())
                .unwrap_or_default(),
            "pane_dead_signal" => p
                .exited
                .as_ref()
                .and_then(|(s, _)| s.signal.clone())
                .unwrap_or_default(),
            "pane_dead_time" => p
                .exited
                .as_ref()
                .map(|(_, t)| epoch(*t))
                .unwrap_or_default(),
            // tmux counts the modes stacked up in the pane.
            "pane_in_mode" => (p.modes.len() + usize::from(p.copy.is_some())).to_string(),
            "pane_mode" => p
                .modes
                .last()
                .map(crate::modes::Mode::name)
                .or(p.copy.as_ref().map(|_| "copy-mode"))
                .unwrap_or_default()
                .to_string(),
            "scroll_position" | "rectangle_toggle" | "copy_cursor_x" | "copy_cursor_y"
            | "selection_active" | "selection_start_x" | "selection_start_y"
            | "selection_end_x" | "selection_end_y" | "search_present" | "search_match"
            | "copy_cursor_word" | "copy_cursor_line" => {
                let copy = p.copy.as_ref()?;
                let term = p.term.lock().ok()?;
                let separators = srv.session_option(None, "word-separators");
                copy.format_var(name, &term, separators).unwrap_or_default()
            }
            "pane_search_string" => p
                .copy
                .as_ref()
                .and_then(|c| c.search.as_ref())
                .map(|s| s.text.clone())
                .unwrap_or_default(),
            "selection_present" => flag(p.copy.as_ref().is_some_and(|c| c.anchor.is_some())),
            "pane_start_command" => p.spec.command.clone().unwrap_or_default(),
            "pane_current_command" => current_command(p),
            "pane_current_path" => current_path(p),
            "pane_synchronized" => flag(srv.window_flag(Some(p.window), "synchronize-panes")),
            "history_size"
            | "history_limit"
            | "history_bytes"
            | "cursor_x"
            | "cursor_y"
            | "alternate_on"
            | "cursor_flag"
            | "insert_flag"
            | "keypad_cursor_flag"
            | "keypad_flag"
            | "mouse_any_flag"
            | "wrap_flag"
            | "origin_flag"
            | "mouse_standard_flag"
            | "mouse_button_flag"
            | "mouse_all_flag"
            | "mouse_sgr_flag"
            | "mouse_utf8_flag"
            | "scroll_region_upper"
            | "scroll_region_lower"
            | "pane_tabs"
            | "alternate_saved_x"
            | "alternate_saved_y"
            | "cursor_character"
            | "history_all_bytes" => {
                let t = p.term.lock().ok()?;
                let cur = t.cursor();
                let modes = t.modes();
                let details = t.details();
                // tmux shows "no saved cursor" as the largest unsigned number.
                let saved = |pick: fn((u16, u16)) -> u16| {
                    details
                        .alt_saved_cursor
                        .map_or_else(|| u32::MAX.to_string(), |c| pick(c).to_string())
                };
                use rmux_term::{MouseEncoding, MouseMode};
                match name {
                    "mouse_standard_flag" => flag(modes.mouse == MouseMode::Normal),
                    "mouse_button_flag" => flag(modes.mouse == MouseMode::Button),
                    "mouse_all_flag" => flag(modes.mouse == MouseMode::Any),
                    "mouse_sgr_flag" => flag(modes.mouse_encoding == MouseEncoding::Sgr),
                    "mouse_utf8_flag" => flag(modes.mouse_encoding == MouseEncoding::Utf8),
                    "scroll_region_upper" => details.scroll_region.0.to_string(),
                    "scroll_region_lower" => details.scroll_region.1.to_string(),
                    "pane_tabs" => details
                        .tabs
                        .iter()
                        .map(|x| x.to_string())
                        .collect::<Vec<_>>()
                        .join(","),
                    "alternate_saved_x" => saved(|c| c.0),
                    "alternate_saved_y" => saved(|c| c.1),
                    "cursor_character" => details.cursor_char.map(String::from).unwrap_or_default(),
                    // tmux's shape: lines (history and screen), bytes, then four counts
                    // of its own grid internals (none here).
                    "history_all_bytes" => {
                        let lines = t.history_len() + usize::from(t.size().rows);
                        format!("{lines},{},0,0,0,0", t.heap_bytes())
                    }
                    "history_size" => t.history_len().to_string(),
                    "history_limit" => t.history_limit().to_string(),
                    // What the pane's screen and history take in memory (tmux counts only
                    // the history's cells; ours is the honest total).
                    "history_bytes" => t.heap_bytes().to_string(),
                    "cursor_x" => cur.col.to_string(),
                    "cursor_y" => cur.row.to_string(),
                    "cursor_flag" => flag(cur.visible),
                    "alternate_on" => flag(modes.alt_screen),
                    "insert_flag" => flag(modes.insert),
                    "keypad_cursor_flag" => flag(modes.app_cursor),
                    "keypad_flag" => flag(modes.app_keypad),
                    "mouse_any_flag" => flag(modes.mouse != rmux_term::MouseMode::Off),
                    "wrap_flag" => flag(modes.autowrap),
                    _ => flag(modes.origin),
                }
            }
            _ => return None,
        })
    }
}

/// `#` activity, `!` bell, `~` silence, in tmux's order.
fn alert_flags(alerts: crate::model::Alerts) -> String {
    let mut f = String::new();
    for (on, c) in [
        (alerts.activity, '#'),
        (alerts.bell, '!'),
        (alerts.silence, '~'),
    ] {
        if on {
            f.push(c);
        }
    }
    f
}

/// The server's own process name: a pane's process has it for the moment between the
/// fork and the exec of its program.
fn own_comm() -> &'static str {
    static OWN: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    OWN.get_or_init(|| {
        std::fs::read_to_string("/proc/self/comm")
            .map(|s| s.trim_end().to_string())
            .unwrap_or_default()
    })
}

/// The name of what runs in the foreground of a pane (`#{pane_current_command}`); the
/// program about to start (as tmux names a new window) while the process is not it yet.
pub fn current_command(p: &crate::model::Pane) -> String {
    let pid = p.pty.foreground_pid().or(p.pty.pid());
    pid.and_then(|pid| std::fs::read_to_string(format!("/proc/{pid}/comm")).ok())
        .map(|s| s.trim_end().to_string())
        .filter(|c| c != own_comm())
        .unwrap_or_else(|| {
            p.spec
                .command
                .clone()
                .unwrap_or_else(|| p.spec.shell.rsplit('/').next().unwrap_or("").to_string())
        })
}

/// The working directory of a pane's foreground process (`#{pane_current_path}`).
pub fn current_path(p: &crate::model::Pane) -> String {
    let pid = p.pty.foreground_pid().or(p.pty.pid());
    pid.and_then(|pid| std::fs::read_link(format!("/proc/{pid}/cwd")).ok())
        .map(|d| d.display().to_string())
        .unwrap_or_else(|| p.spec.cwd.display().to_string())
}
