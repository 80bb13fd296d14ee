//! Clients and sessions: attaching, switching, and what a client shows besides panes
//! (messages, prompts).

use std::time::{Duration, Instant, SystemTime};

use rmux_proto::{ServerMessage, TerminalFeatures};

use super::Server;
use super::hooks::HookTarget;
use crate::client::Attached;
use crate::ids::{ClientId, SessionId};
use crate::prompt::Prompt;
use crate::render::View;
use crate::termfeatures::{self, TerminalFacts};

impl Server {
    /// The variables `update-environment` names, copied from `client`'s environment into
    /// `session`'s (or removed from it where the client has none), as tmux does when a
    /// client attaches: a new SSH login's `SSH_AUTH_SOCK` reaches the panes made after.
    pub fn update_environment(&mut self, client: ClientId, session: SessionId) {
        let Some(c) = self.clients.get(&client) else {
            return;
        };
        let patterns: Vec<String> = self
            .sessions
            .get(&session)
            .and_then(|s| s.options.get_array("update-environment"))
            .or_else(|| self.options.session.get_array("update-environment"))
            .unwrap_or_default()
            .into_iter()
            .map(str::to_string)
            .collect();
        let mut updates: Vec<(String, Option<String>)> = Vec::new();
        for pattern in &patterns {
            match c
                .env
                .iter()
                .find(|(k, _)| crate::format::fnmatch(pattern, k, false))
            {
                Some((k, v)) => updates.push((k.clone(), Some(v.clone()))),
                None => updates.push((pattern.clone(), None)),
            }
        }
        let Some(s) = self.sessions.get_mut(&session) else {
            return;
        };
        for (name, value) in updates {
            s.environ.retain(|(k, _)| *k != name);
            if let Some(v) = value {
                s.environ.push((name, v));
            }
        }
    }

    /// Turn a connected client into an attached one showing `session`.
    pub fn attach_client(&mut self, client: ClientId, session: SessionId, readonly: bool) {
        self.update_environment(client, session);
        let Some(name) = self.sessions.get(&session).map(|s| s.name.clone()) else {
            return;
        };
        let now = SystemTime::now();
        let key_table = self.session_option(Some(session), "key-table").to_string();
        let Some(c) = self.clients.get_mut(&client) else {
            return;
        };
        c.activity = now;
        // A user let in read-only (server-access -r) attaches read-only whatever -r says.
        let readonly = readonly || self.access.get(c.uid).is_some_and(|g| !g.write);
        c.attached = Some(Attached {
            session,
            readonly,
            view: View::default(),
            key_table,
            repeat_until: None,
            prompt: None,
            mode: None,
            message: None,
            hint: None,
            needs_render: true,
            last_frame: None,
            echo_pane: None,
            echo_ready: false,
            urgent: false,
            reports: None,
            features: None,
            bell: false,
            clipboard: None,
            title: None,
            mouse: Default::default(),
            status_cache: Default::default(),
        });
        c.send(&ServerMessage::Attached { session: name });
        self.tell_features(client);
        if let Some(s) = self.sessions.get_mut(&session) {
            s.activity = now;
        }
        self.fit_session(session);
        self.redraw_all();
        self.fire_hook(
            "client-attached",
            HookTarget {
                client: Some(client),
                session: Some(session),
                ..HookTarget::default()
            },
        );
    }

    /// Show another session in an attached client.
    pub fn switch_client(&mut self, client: ClientId, session: SessionId) {
        self.update_environment(client, session);
        let now = SystemTime::now();
        let Some(a) = self.attached_mut(client) else {
            return;
        };
        a.session = session;
        a.prompt = None;
        a.mode = None;
        a.view.invalidate();
        a.needs_render = true;
        if let Some(c) = self.clients.get_mut(&client) {
            c.activity = now;
        }
        if let Some(s) = self.sessions.get_mut(&session) {
            s.activity = now;
        }
        self.fit_session(session);
        self.redraw_all();
        self.fire_hook(
            "client-session-changed",
            HookTarget {
                client: Some(client),
                session: Some(session),
                ..HookTarget::default()
            },
        );
    }

    /// Show `text` in a client's status line for `millis`.
    pub fn show_message(&mut self, client: ClientId, text: &str, millis: u64) {
        let limit = usize::try_from(
            self.options
                .server
                .get("message-limit")
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(1000),
        )
        .unwrap_or(1000);
        self.messages
            .push_back((SystemTime::now(), text.to_string()));
        while self.messages.len() > limit {
            self.messages.pop_front();
        }
        if let Some(a) = self.attached_mut(client) {
            a.message = Some((
                text.to_string(),
                Instant::now() + Duration::from_millis(millis),
            ));
            a.needs_render = true;
        }
    }

    pub fn open_prompt(&mut self, client: ClientId, prompt: Prompt) {
        if let Some(a) = self.attached_mut(client) {
            a.prompt = Some(prompt);
            a.message = None;
            a.needs_render = true;
        }
    }

    /// After options change: sizes (the status line may have come or gone), styles,
    /// what each terminal can show.
    pub fn options_changed(&mut self) {
        self.buffers.limit = usize::try_from(self.server_number("buffer-limit")).unwrap_or(50);
        self.prompt_history.limit =
            usize::try_from(self.server_number("prompt-history-limit")).unwrap_or(100);
        let sessions: Vec<SessionId> = self.sessions.keys().copied().collect();
        for s in sessions {
            self.fit_session(s);
        }
        let clients: Vec<ClientId> = self.clients.keys().copied().collect();
        for c in clients {
            self.tell_features(c);
        }
        let panes: Vec<crate::ids::PaneId> = self.panes.keys().copied().collect();
        for p in panes {
            self.apply_pane_settings(p);
        }
        self.redraw_all();
    }

    /// Tell a pane's emulator what its options let the program do.
    pub fn apply_pane_settings(&self, pane: crate::ids::PaneId) {
        let settings = rmux_term::Settings {
            alternate_screen: self.pane_flag(pane, "alternate-screen"),
            scroll_on_clear: self.pane_flag(pane, "scroll-on-clear"),
        };
        if let Some(p) = self.panes.get(&pane)
            && let Ok(mut t) = p.term.lock()
        {
            t.set_settings(settings);
        }
    }

    /// What `client`'s terminal can show under the current options.
    pub fn client_features(&self, client: ClientId) -> Option<TerminalFeatures> {
        let c = self.clients.get(&client)?;
        let t = c.terminal.as_ref()?;
        let env = |name: &str| {
            c.env
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let facts = TerminalFacts {
            term: &t.term,
            terminfo: &t.terminfo,
            named: &t.features,
            env: &env,
        };
        let server = &self.options.server;
        let features = server.get_array("terminal-features").unwrap_or_default();
        let overrides = server.get_array("terminal-overrides").unwrap_or_default();
        Some(termfeatures::features(&facts, &features, &overrides))
    }

    /// Tell an attached client what its terminal can show, if that changed; it then
    /// needs every cell again, drawn the new way.
    fn tell_features(&mut self, client: ClientId) {
        let Some(features) = self.client_features(client) else {
            return;
        };
        let Some(c) = self.clients.get_mut(&client) else {
            return;
        };
        let Some(a) = c.attached.as_mut() else {
            return;
        };
        if a.features == Some(features) {
            return;
        }
        a.features = Some(features);
        a.view.invalidate();
        a.needs_render = true;
        c.send(&ServerMessage::Features(features));
    }
}
