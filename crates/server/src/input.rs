//! What an attached client's input does: keys go through the key tables (the prefix, then
//! a binding) or to the active pane, encoded for the program's modes; pastes, mouse and
//! focus events likewise.

use std::time::{Duration, Instant};

use rmux_proto::{self as proto, Input, Key};

use crate::ids::{ClientId, PaneId};
use crate::keyname::{normalize, parse_key};
use crate::modes::ModeAction;
use crate::prompt::PromptAction;
use crate::server::Server;

impl Server {
    pub fn client_input(&mut self, client: ClientId, input: Input) {
        // A client that types becomes the latest: with window-size latest the window
        // takes its size, as in tmux.
        let session = self.clients.get(&client).and_then(|c| c.session());
        let was_latest = session.is_none_or(|s| {
            self.attached_clients(s)
                .max_by_key(|c| c.activity)
                .map(|c| c.id)
                == Some(client)
        });
        if let Some(c) = self.clients.get_mut(&client) {
            c.activity = std::time::SystemTime::now();
        }
        if let Some(s) = session
            && !was_latest
        {
            self.fit_session(s);
        }
        match input {
            Input::Key(key) => self.client_key(client, key),
            Input::Paste(text) => self.client_paste(client, &text),
            Input::Mouse(m) => self.client_mouse(client, m),
            Input::Focus { gained } => self.client_focus(client, gained),
        }
    }

    /// A read-only client's keys do nothing but detach and switch sessions, as in tmux.
    fn allowed_for(&self, client: ClientId, command: &str) -> bool {
        let readonly = self
            .clients
            .get(&client)
            .and_then(|c| c.attached.as_ref())
            .is_some_and(|a| a.readonly);
        if !readonly {
            return true;
        }
        let first = command.split_whitespace().next().unwrap_or("");
        crate::cmd::lookup(first).is_ok_and(|e| matches!(e.name, "detach-client" | "switch-client"))
    }

    fn client_key(&mut self, client: ClientId, key: Key) {
        if self.menu_key(client, key) || self.popup_key(client, key) {
            return;
        }
        let Some(a) = self.attached_mut(client) else {
            return;
        };
        if let Some(mut prompt) = a.prompt.take() {
            a.needs_render = true;
            match prompt.key(key, &mut self.prompt_history) {
                PromptAction::Continue => {
                    if let Some(a) = self.attached_mut(client) {
                        a.prompt = Some(prompt);
                    }
                }
                PromptAction::Cancel => {}
                PromptAction::Run(line) => self.run_client_command(client, &line),
                PromptAction::Changed(line) => {
                    if let Some(a) = self.attached_mut(client) {
                        a.prompt = Some(prompt);
                    }
                    self.run_client_command(client, &line);
                }
            }
            return;
        }
        if let Some(mut mode) = a.mode.take() {
            a.needs_render = true;
            match mode.key(key, self) {
                ModeAction::Stay => {
                    if let Some(a) = self.attached_mut(client) {
                        a.mode = Some(mode);
                    }
                }
                ModeAction::Leave => {}
                ModeAction::Run(line) => self.run_client_command(client, &line),
            }
            return;
        }
        // Any key clears a message, as in tmux.
        if a.message.take().is_some() {
            a.needs_render = true;
        }
        let session = a.session;
        let now = Instant::now();
        // The session's key table (`key-table`, root by default) is where every key
        // starts; the prefix and repeats lead elsewhere for a key.
        let default = self.session_option(Some(session), "key-table").to_string();
        let Some(a) = self.attached_mut(client) else {
            return;
        };
        if a.repeat_until.is_some_and(|t| now > t) {
            a.repeat_until = None;
            a.key_table = default.clone();
        }
        let table = a.key_table.clone();
        if table == default
            && let Some(pane) = self.input_pane(client).filter(|p| self.in_mode(*p))
        {
            // A pane showing a chooser or the clock: the prefix still works, every other
            // key is the mode's.
            if self.is_prefix(session, key) {
                self.set_key_table(client, "prefix", None);
            } else {
                self.mode_key(pane, key, Some(client));
            }
            return;
        }
        if table == default
            && let Some(copy_table) = self.copy_table(client)
        {
            // A pane in copy mode: its table first, then the prefix; other keys do nothing.
            if let Some(b) = self.keys.lookup(copy_table, key).cloned() {
                self.run_client_command(client, &b.command);
            } else if self.is_prefix(session, key) {
                self.set_key_table(client, "prefix", None);
            }
            return;
        }
        if table == default {
            if self.is_prefix(session, key) {
                self.set_key_table(client, "prefix", None);
                return;
            }
            if let Some(b) = self.keys.lookup(&default, key).cloned() {
                if self.allowed_for(client, &b.command) {
                    self.run_client_command(client, &b.command);
                }
                return;
            }
            self.key_to_pane(client, key);
            return;
        }
        match self.keys.lookup(&table, key).cloned() {
            Some(b) => {
                let repeat = b.repeat.then(|| {
                    let ms = self.session_number(Some(session), "repeat-time").max(0);
                    now + Duration::from_millis(ms.unsigned_abs())
                });
                let next = if repeat.is_some() {
                    table.as_str()
                } else {
                    default.as_str()
                };
                self.set_key_table(client, next, repeat);
                if self.allowed_for(client, &b.command) {
                    self.run_client_command(client, &b.command);
                }
            }
            None => {
                let repeating = self
                    .clients
                    .get(&client)
                    .and_then(|c| c.attached.as_ref())
                    .is_some_and(|a| a.repeat_until.is_some());
                self.set_key_table(client, &default, None);
                // After a repeatable key, an unbound key is an ordinary key again. Any
                // other key unbound here is tried in the default table (as tmux does), and
                // dropped if it is not bound there either.
                if repeating {
                    self.client_key(client, key);
                } else if let Some(b) = self.keys.lookup(&default, key).cloned()
                    && self.allowed_for(client, &b.command)
                {
                    self.run_client_command(client, &b.command);
                }
            }
        }
    }

    /// The copy-mode key table, if the client's active pane is in copy mode.
    fn copy_table(&self, client: ClientId) -> Option<&'static str> {
        let a = self.clients.get(&client)?.attached.as_ref()?;
        let window = self.current_window(a.session)?;
        let pane = self.panes.get(&self.active_pane(window)?)?;
        pane.copy.as_ref()?;
        Some(if self.window_option(Some(window), "mode-keys") == "vi" {
            "copy-mode-vi"
        } else {
            "copy-mode"
        })
    }

    fn is_prefix(&self, session: crate::ids::SessionId, key: Key) -> bool {
        ["prefix", "prefix2"].iter().any(|opt| {
            parse_key(self.session_option(Some(session), opt))
                .is_some_and(|k| normalize(k) == normalize(key))
        })
    }

    fn set_key_table(&mut self, client: ClientId, table: &str, repeat_until: Option<Instant>) {
        if let Some(a) = self.attached_mut(client) {
            a.key_table = table.to_string();
            a.repeat_until = repeat_until;
            a.needs_render = true;
        }
    }

    /// The pane keys from this client go to, unless the client may not type.
    fn input_pane(&self, client: ClientId) -> Option<PaneId> {
        let a = self.clients.get(&client)?.attached.as_ref()?;
        if a.readonly {
            return None;
        }
        let window = self.current_window(a.session)?;
        self.active_pane(window)
    }

    /// Panes that get what is typed into `pane` (all of its window with synchronize-panes).
    fn input_targets(&self, pane: PaneId) -> Vec<PaneId> {
        let Some(window) = self.panes.get(&pane).map(|p| p.window) else {
            return Vec::new();
        };
        let targets = if self.window_flag(Some(window), "synchronize-panes") {
            self.windows
                .get(&window)
                .map(|w| w.panes())
                .unwrap_or_default()
        } else {
            vec![pane]
        };
        // A pane whose input is off (select-pane -d) takes nothing typed.
        targets
            .into_iter()
            .filter(|p| self.panes.get(p).is_some_and(|p| !p.input_off))
            .collect()
    }

    fn key_to_pane(&mut self, client: ClientId, key: Key) {
        let Some(pane) = self.input_pane(client) else {
            return;
        };
        // Backspace sends what the `backspace` option says (C-? by default), as in tmux.
        let key = if key.code == proto::KeyCode::Backspace && key.mods.is_empty() {
            crate::keyname::parse_key(self.server_option("backspace")).unwrap_or(key)
        } else {
            key
        };
        for target in self.input_targets(pane) {
            let Some(p) = self.panes.get(&target) else {
                continue;
            };
            if p.exited.is_some() {
                continue;
            }
            let mut bytes = Vec::new();
            if let Ok(t) = p.term.lock() {
                t.encode_key(key, &mut bytes);
            }
            p.pty.write(bytes);
        }
        if let Some(a) = self.attached_mut(client) {
            a.echo_pane = Some((pane, Instant::now()));
        }
    }

    fn client_paste(&mut self, client: ClientId, text: &str) {
        if let Some(a) = self.attached_mut(client)
            && let Some(prompt) = a.prompt.as_mut()
        {
            prompt.paste(text);
            a.needs_render = true;
            return;
        }
        let Some(pane) = self.input_pane(client) else {
            return;
        };
        for target in self.input_targets(pane) {
            if let Some(p) = self.panes.get(&target) {
                let mut bytes = Vec::new();
                if let Ok(t) = p.term.lock() {
                    t.encode_paste(text, &mut bytes);
                }
                p.pty.write(bytes);
            }
        }
    }

    fn client_focus(&mut self, client: ClientId, gained: bool) {
        if !crate::options::parse_flag(self.server_option("focus-events")).unwrap_or(false) {
            return;
        }
        let Some(pane) = self.input_pane(client) else {
            return;
        };
        if let Some(p) = self.panes.get(&pane) {
            let mut bytes = Vec::new();
            if p.term
                .lock()
                .is_ok_and(|t| t.encode_focus(gained, &mut bytes))
            {
                p.pty.write(bytes);
            }
        }
    }
}
