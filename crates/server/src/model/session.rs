//! A session: a name, numbered windows, the current and last window, its environment.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::SystemTime;

use crate::ids::{SessionId, WindowId};
use crate::options::OptionStore;

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Session {
    pub id: SessionId,
    pub name: String,
    pub created: SystemTime,
    /// Last time a client used it: the "most recently used" session is the default target.
    pub activity: SystemTime,
    /// Window index -> window.
    pub windows: BTreeMap<u32, WindowId>,
    /// Index of the current window.
    pub current: u32,
    /// Previously current windows, most recent last (for `C-b l` and `{last}`).
    pub last: Vec<WindowId>,
    /// The environment new panes get.
    pub environ: Vec<(String, String)>,
    /// Hidden variables (`set-environment -h`): never given to programs.
    pub hidden: Vec<(String, String)>,
    /// Where new windows start when no `-c` is given.
    pub cwd: PathBuf,
    pub options: OptionStore,
    /// The session group it shares its windows with (`new-session -t`): the group's
    /// name, which is the name its first session had.
    pub group: Option<String>,
}

impl Session {
    pub fn current_window(&self) -> Option<WindowId> {
        self.windows.get(&self.current).copied()
    }

    /// Where the window is in this session: the current index if it holds the window,
    /// else the lowest (a window can be linked at several indexes; tmux's
    /// cmd_find_best_winlink_with_window picks the same way).
    pub fn index_of(&self, window: WindowId) -> Option<u32> {
        if self.windows.get(&self.current) == Some(&window) {
            return Some(self.current);
        }
        self.windows
            .iter()
            .find(|(_, w)| **w == window)
            .map(|(i, _)| *i)
    }

    /// How many indexes hold the window.
    pub fn links_of(&self, window: WindowId) -> usize {
        self.windows.values().filter(|w| **w == window).count()
    }

    /// Make the window at `index` current, remembering the previous one.
    pub fn select(&mut self, index: u32) -> bool {
        let Some(&new) = self.windows.get(&index) else {
            return false;
        };
        if index != self.current
            && let Some(old) = self.current_window()
        {
            self.last.retain(|w| *w != old && *w != new);
            self.last.push(old);
        }
        self.current = index;
        true
    }

    /// The most recent previous window still in the session.
    /// Windows that were current before, most recent first (tmux's window stack).
    pub fn stack(&self) -> Vec<WindowId> {
        let current = self.current_window();
        self.last
            .iter()
            .rev()
            .filter(|w| Some(**w) != current && self.index_of(**w).is_some())
            .copied()
            .collect()
    }

    pub fn last_window(&self) -> Option<WindowId> {
        let current = self.current_window();
        self.last
            .iter()
            .rev()
            .find(|w| Some(**w) != current && self.index_of(**w).is_some())
            .copied()
    }

    /// The lowest free index at or above `base`.
    pub fn free_index(&self, base: u32) -> u32 {
        let mut i = base;
        while self.windows.contains_key(&i) {
            i = i.saturating_add(1);
        }
        i
    }

    /// Forget a window at every index it holds; see `unlink`.
    pub fn remove_window(&mut self, window: WindowId) -> bool {
        let indexes: Vec<u32> = self
            .windows
            .iter()
            .filter(|(_, w)| **w == window)
            .map(|(i, _)| *i)
            .collect();
        let mut left = !self.windows.is_empty();
        for i in indexes {
            left = self.unlink(i);
        }
        left
    }

    /// Forget the window at `index`; if it was current, the last (else the next, else
    /// the previous) window becomes current. Returns false when the session has no
    /// windows left.
    pub fn unlink(&mut self, index: u32) -> bool {
        let Some(window) = self.windows.remove(&index) else {
            return !self.windows.is_empty();
        };
        if self.index_of(window).is_none() {
            self.last.retain(|w| *w != window);
        }
        if self.windows.is_empty() {
            return false;
        }
        if index == self.current {
            let next = self
                .last
                .pop()
                .and_then(|w| self.index_of(w))
                .or_else(|| self.windows.range(index..).next().map(|(i, _)| *i))
                .or_else(|| self.windows.range(..index).next_back().map(|(i, _)| *i));
            if let Some(i) = next {
                self.current = i;
            }
        }
        true
    }

    /// Close the gaps in window numbers (renumber-windows), keeping the current window.
    pub fn renumber(&mut self, base: u32) {
        let current = self.current_window();
        let windows: Vec<WindowId> = self.windows.values().copied().collect();
        self.windows = windows
            .into_iter()
            .enumerate()
            .map(|(i, w)| (base.saturating_add(u32::try_from(i).unwrap_or(u32::MAX)), w))
            .collect();
        if let Some(cur) = current
            && let Some(i) = self.index_of(cur)
        {
            self.current = i;
        }
    }
}
