//! Clients and sessions: attaching, switching, and what a client shows besides panes
//! (messages, prompts).

use std::time::{Duration, Instant, SystemTime};

use rmux_proto::ServerMessage;

use super::Server;
use crate::client::Attached;
use crate::ids::{ClientId, SessionId};
use crate::prompt::Prompt;
use crate::render::View;

impl Server {
    /// Turn a connected client into an attached one showing `session`.
    pub fn attach_client(&mut self, client: ClientId, session: SessionId, readonly: bool) {
        let Some(name) = self.sessions.get(&session).map(|s| s.name.clone()) else {
            return;
        };
        let now = SystemTime::now();
        let Some(c) = self.clients.get_mut(&client) else {
            return;
        };
        c.activity = now;
        c.attached = Some(Attached {
            session,
            readonly,
            view: View::default(),
            key_table: "root".to_string(),
            repeat_until: None,
            prompt: None,
            mode: None,
            message: None,
            needs_render: true,
            last_frame: None,
            echo_pane: None,
            echo_ready: false,
            reports: None,
            drag: None,
            status_cache: Default::default(),
        });
        c.send(&ServerMessage::Attached { session: name });
        if let Some(s) = self.sessions.get_mut(&session) {
            s.activity = now;
        }
        self.fit_session(session);
        self.redraw_all();
    }

    /// Show another session in an attached client.
    pub fn switch_client(&mut self, client: ClientId, session: SessionId) {
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

    /// After options change: sizes (the status line may have come or gone), styles.
    pub fn options_changed(&mut self) {
        let sessions: Vec<SessionId> = self.sessions.keys().copied().collect();
        for s in sessions {
            self.fit_session(s);
        }
        self.redraw_all();
    }
}
