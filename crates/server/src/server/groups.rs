//! Linked windows and session groups (tmux's session.c): a window can be in several
//! sessions, and at several indexes of one; sessions made with `new-session -t` form a
//! group that shares one set of windows, each session with its own current window.
//!
//! A command changes one session's windows as it would without groups; after each
//! command `sync_groups` finds the member that changed and gives its windows to the
//! others, as tmux's session_group_synchronize_from does.

use std::collections::BTreeMap;

use super::Server;
use crate::ids::{SessionId, WindowId};

/// The windows each group last shared, by group name.
pub type GroupWindows = BTreeMap<String, BTreeMap<u32, WindowId>>;

impl Server {
    /// Every session, by name, as tmux keeps them (list-sessions and the `-a` lists).
    pub fn sessions_by_name(&self) -> Vec<SessionId> {
        let mut sessions: Vec<(&str, SessionId)> = self
            .sessions
            .values()
            .map(|s| (s.name.as_str(), s.id))
            .collect();
        sessions.sort();
        sessions.into_iter().map(|(_, id)| id).collect()
    }

    /// The sessions of `session`'s group in the order they joined (just `session` when
    /// it is in none).
    pub fn group_members(&self, session: SessionId) -> Vec<SessionId> {
        let Some(group) = self.sessions.get(&session).and_then(|s| s.group.as_ref()) else {
            return vec![session];
        };
        self.sessions
            .values()
            .filter(|s| s.group.as_ref() == Some(group))
            .map(|s| s.id)
            .collect()
    }

    /// The names of the group's sessions, or with `attached` one name per client
    /// attached to one of them (`#{session_group_attached_list}`).
    pub fn group_names(&self, session: SessionId, attached: bool) -> Vec<String> {
        let members = self.group_members(session);
        let name = |s: &SessionId| self.sessions.get(s).map(|s| s.name.clone());
        if !attached {
            return members.iter().filter_map(name).collect();
        }
        self.clients
            .values()
            .filter_map(|c| c.session())
            .filter(|s| members.contains(s))
            .filter_map(|s| name(&s))
            .collect()
    }

    /// How many indexes, over all sessions, hold the window (tmux's references).
    pub fn links_of_window(&self, window: WindowId) -> usize {
        self.sessions.values().map(|s| s.links_of(window)).sum()
    }

    /// Whether the window is also somewhere other than this session (or its group).
    pub fn session_is_linked(&self, session: SessionId, window: WindowId) -> bool {
        let own = match self.sessions.get(&session) {
            Some(s) if s.group.is_some() => self.group_members(session).len(),
            Some(_) => 1,
            None => return false,
        };
        self.links_of_window(window) != own
    }

    /// Put `session` in the group `name` (made if new, with `first` as its first member)
    /// and give it the group's windows.
    pub fn join_group(&mut self, session: SessionId, name: &str, first: Option<SessionId>) {
        if let Some(first) = first
            && let Some(s) = self.sessions.get_mut(&first)
            && s.group.is_none()
        {
            s.group = Some(name.to_string());
            self.group_windows
                .insert(name.to_string(), s.windows.clone());
        }
        let shared = self.group_windows.get(name).cloned();
        let Some(s) = self.sessions.get_mut(&session) else {
            return;
        };
        s.group = Some(name.to_string());
        match shared {
            Some(windows) if !windows.is_empty() => {
                s.windows = windows;
                s.last.clear();
                s.current = s.windows.keys().next().copied().unwrap_or(0);
            }
            _ => {
                self.group_windows
                    .insert(name.to_string(), s.windows.clone());
            }
        }
    }

    /// Give every group the windows of the member a command changed.
    pub fn sync_groups(&mut self) {
        if self.group_windows.is_empty() {
            return;
        }
        let names: Vec<String> = self.group_windows.keys().cloned().collect();
        let mut changed = Vec::new();
        for name in names {
            let members: Vec<SessionId> = self
                .sessions
                .values()
                .filter(|s| s.group.as_deref() == Some(name.as_str()))
                .map(|s| s.id)
                .collect();
            let Some(shared) = self.group_windows.get(&name) else {
                continue;
            };
            if members.is_empty() {
                self.group_windows.remove(&name);
                continue;
            }
            let source = members
                .iter()
                .filter_map(|m| self.sessions.get(m))
                .find(|s| s.windows != *shared)
                .map(|s| (s.id, s.windows.clone()));
            let Some((source, windows)) = source else {
                continue;
            };
            if windows.is_empty() {
                // That session is about to go; the others keep what they have.
                continue;
            }
            self.group_windows.insert(name, windows.clone());
            for m in members.into_iter().filter(|m| *m != source) {
                let Some(s) = self.sessions.get_mut(&m) else {
                    continue;
                };
                if s.windows == windows {
                    continue;
                }
                s.windows = windows.clone();
                if !s.windows.contains_key(&s.current) {
                    // The current window went: the next one, else the one before.
                    let next = s
                        .windows
                        .range(s.current..)
                        .next()
                        .or_else(|| s.windows.range(..s.current).next_back())
                        .map(|(i, _)| *i);
                    s.current = next.unwrap_or(0);
                }
                let held: Vec<WindowId> = s.windows.values().copied().collect();
                s.last.retain(|w| held.contains(w));
                changed.push(m);
            }
        }
        if !changed.is_empty() {
            for s in changed {
                self.fit_session(s);
            }
            self.changed();
        }
    }
}

impl Server {
    /// Link the window at `src`'s `index` into `dst` at `at` (or the first free index
    /// from base-index), as tmux's server_link_window: `kill` replaces a window already
    /// there, `select` makes the new link current. Returns the index used.
    pub fn link_window(
        &mut self,
        src: SessionId,
        window: WindowId,
        dst: SessionId,
        at: Option<u32>,
        kill: bool,
        select: bool,
    ) -> Result<u32, String> {
        let grouped = |s: SessionId| self.sessions.get(&s).and_then(|s| s.group.clone());
        if src != dst && grouped(src).is_some() && grouped(src) == grouped(dst) {
            return Err("sessions are grouped".to_string());
        }
        let base = u32::try_from(self.session_number(Some(dst), "base-index")).unwrap_or(0);
        let mut select = select;
        let d = self.sessions.get_mut(&dst).ok_or("no such session")?;
        let index = match at {
            Some(i) => {
                match d.windows.get(&i).copied() {
                    Some(w) if w == window => return Err(format!("same index: {i}")),
                    Some(old) if kill => {
                        if d.current == i {
                            select = true;
                        }
                        d.windows.remove(&i);
                        if d.index_of(old).is_none() {
                            d.last.retain(|w| *w != old);
                        }
                        self.unlinked(dst, old);
                    }
                    Some(_) => return Err(format!("index in use: {i}")),
                    None => {}
                }
                i
            }
            None => d.free_index(base),
        };
        let d = self.sessions.get_mut(&dst).ok_or("no such session")?;
        d.windows.insert(index, window);
        if select || d.windows.len() == 1 {
            d.select(index);
        }
        self.fire_hook(
            "window-linked",
            super::hooks::HookTarget {
                session: Some(dst),
                window: Some(window),
                ..Default::default()
            },
        );
        self.sync_groups();
        self.fit_session(dst);
        self.changed();
        Ok(index)
    }

    /// Take the window at `index` out of `session` (and its group), as tmux's
    /// server_unlink_window: a window no session holds any more is killed, and a
    /// session left with no windows ends.
    pub fn unlink_window(&mut self, session: SessionId, index: u32) {
        let Some(s) = self.sessions.get_mut(&session) else {
            return;
        };
        let Some(window) = s.windows.get(&index).copied() else {
            return;
        };
        let left = s.unlink(index);
        if left {
            self.sync_groups();
        }
        self.unlinked(session, window);
        if left {
            self.fit_session(session);
            self.changed();
            return;
        }
        // Only this session ends: the rest of its group keeps the window (tmux
        // takes the session out of its group before it would end the group).
        self.kill_session(session);
    }

    /// After a window left a session: it fires window-unlinked, and dies if nothing
    /// holds it any more.
    fn unlinked(&mut self, session: SessionId, window: WindowId) {
        self.fire_hook(
            "window-unlinked",
            super::hooks::HookTarget {
                session: Some(session),
                window: Some(window),
                ..Default::default()
            },
        );
        if self.links_of_window(window) == 0 {
            self.kill_window(window);
        }
    }
}
