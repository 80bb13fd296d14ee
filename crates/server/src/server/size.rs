//! Window sizes: a window takes the size of the most recent client looking at it (tmux's
//! `window-size latest`), and every pane follows its place in the layout.

use rmux_term::Size;

use super::Server;
use crate::ids::{SessionId, WindowId};

impl Server {
    /// The size a window of `session` should have: its latest client's terminal minus the
    /// status line, or the session's current size when nobody is attached.
    pub fn window_size_for(&self, session: SessionId) -> Size {
        if let Some(size) = self.latest_client_size(session) {
            return size;
        }
        let current = self
            .current_window(session)
            .and_then(|w| self.windows.get(&w));
        if let Some(w) = current {
            let (cols, rows) = w.size();
            return Size { cols, rows };
        }
        parse_size(self.session_option(Some(session), "default-size"))
            .unwrap_or(Size { cols: 80, rows: 24 })
    }

    fn latest_client_size(&self, session: SessionId) -> Option<Size> {
        let lines = self.status_lines(Some(session));
        self.attached_clients(session)
            .filter_map(|c| c.size().map(|s| (c.activity, s)))
            .max_by_key(|(t, _)| *t)
            .map(|(_, s)| Size {
                cols: s.cols.max(1),
                rows: s.rows.saturating_sub(lines).max(1),
            })
    }

    /// Give the session's current window the size of its latest client.
    pub fn fit_session(&mut self, session: SessionId) {
        let Some(size) = self.latest_client_size(session) else {
            return;
        };
        if let Some(window) = self.current_window(session) {
            self.resize_window(window, size);
        }
    }

    /// Resize a window's layout and every pane in it.
    pub fn resize_window(&mut self, window: WindowId, size: Size) {
        let Some(w) = self.windows.get_mut(&window) else {
            return;
        };
        if w.size() != (size.cols, size.rows) {
            w.layout.resize(size.cols, size.rows);
        }
        self.apply_layout(window);
    }

    /// Make every pane's screen and PTY match its rectangle (or the whole window when
    /// zoomed).
    pub fn apply_layout(&mut self, window: WindowId) {
        let Some(w) = self.windows.get(&window) else {
            return;
        };
        let (cols, rows) = w.size();
        let zoomed = w.zoomed.then_some(w.active);
        let sizes: Vec<_> = w
            .layout
            .panes()
            .into_iter()
            .map(|(p, r)| {
                let size = if zoomed.map(|z| z.0) == Some(p) {
                    Size { cols, rows }
                } else {
                    Size {
                        cols: r.width,
                        rows: r.height,
                    }
                };
                (crate::ids::PaneId(p), size)
            })
            .collect();
        for (pane, size) in sizes {
            if let Some(p) = self.panes.get_mut(&pane)
                && p.size != size
            {
                p.size = size;
                if let Ok(mut t) = p.term.lock() {
                    t.resize(size);
                }
                p.pty.resize(size);
            }
        }
        self.redraw_window(window);
    }

    /// Undo `resize-pane -Z` (any split, select or layout change does this, as in tmux).
    pub fn unzoom(&mut self, window: WindowId) {
        if let Some(w) = self.windows.get_mut(&window)
            && w.zoomed
        {
            w.zoomed = false;
            self.apply_layout(window);
        }
    }
}

/// "WIDTHxHEIGHT" as default-size and `-x`/`-y` give it.
pub fn parse_size(s: &str) -> Option<Size> {
    let (w, h) = s.split_once('x')?;
    Some(Size {
        cols: w.parse().ok()?,
        rows: h.parse().ok()?,
    })
}
