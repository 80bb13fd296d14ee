//! Window sizes, as tmux's `window-size` decides them: the latest client looking at
//! the window (the default), the largest or smallest of them, or a size set by
//! resize-window (manual). With `aggressive-resize` only clients whose current window
//! it is count. Every pane follows its place in the layout.

use rmux_term::Size;

use super::Server;
use crate::ids::{PaneId, SessionId, WindowId};

/// tmux's WINDOW_MINIMUM and WINDOW_MAXIMUM.
pub const WINDOW_MIN: u16 = 1;
pub const WINDOW_MAX: u16 = 10_000;

impl Server {
    /// The size a new window of `session` gets: from its clients by the global
    /// window-size, else default-size.
    pub fn window_size_for(&self, session: SessionId) -> Size {
        let kind = self.window_option(None, "window-size").to_string();
        let sizes: Vec<(std::time::SystemTime, Size)> = self.client_sizes(session);
        pick_size(&kind, &sizes)
            .or_else(|| parse_size(self.session_option(Some(session), "default-size")))
            .unwrap_or(Size { cols: 80, rows: 24 })
    }

    /// The window area of every client attached to `session`, with its last activity.
    fn client_sizes(&self, session: SessionId) -> Vec<(std::time::SystemTime, Size)> {
        let lines = self.status_lines(Some(session));
        self.attached_clients(session)
            .filter_map(|c| c.size().map(|s| (c.activity, s, c.control.is_some())))
            .map(|(t, s, control)| {
                // A control client has no status line, as in tmux.
                let lines = if control { 0 } else { lines };
                let size = Size {
                    cols: s.cols.max(1),
                    rows: s.rows.saturating_sub(lines).max(1),
                };
                (t, size)
            })
            .collect()
    }

    /// The size `kind` picks from the clients of `session` (resize-window -A/-a).
    /// With no client to measure, default-size, as tmux's default_window_size.
    pub fn clients_pick_size(&self, session: SessionId, kind: &str) -> Size {
        pick_size(kind, &self.client_sizes(session))
            .or_else(|| parse_size(self.session_option(Some(session), "default-size")))
            .map_or(Size { cols: 80, rows: 24 }, clamp)
    }

    /// resize-window: the window keeps this size whatever its clients' (window-size
    /// manual, set on the window).
    pub fn set_manual_size(&mut self, window: WindowId, cols: u16, rows: u16) {
        let size = clamp(Size { cols, rows });
        let Some(w) = self.windows.get_mut(&window) else {
            return;
        };
        w.manual_size = Some((size.cols, size.rows));
        if let Some(d) = crate::options::find("window-size") {
            w.options.set(d, "manual".to_string());
        }
        self.recalculate_size(window);
        self.redraw_window(window);
    }

    /// Size every window of `session` for the clients looking at it now.
    pub fn fit_session(&mut self, session: SessionId) {
        let windows = self.windows_of(session);
        for window in windows {
            self.recalculate_size(window);
        }
    }

    /// tmux's recalculate_size: the window's size from its window-size option and the
    /// clients that count (those of every session holding the window; with
    /// aggressive-resize, only those whose session shows it); unchanged when none does.
    pub fn recalculate_size(&mut self, window: WindowId) {
        if self.session_of_window(window).is_none() {
            return;
        }
        let kind = self.window_option(Some(window), "window-size").to_string();
        let size = if kind == "manual" {
            self.windows
                .get(&window)
                .and_then(|w| w.manual_size)
                .map(|(cols, rows)| Size { cols, rows })
        } else {
            let current_only = self.window_flag(Some(window), "aggressive-resize");
            let sizes: Vec<_> = self
                .sessions
                .values()
                .filter(|s| {
                    if current_only {
                        s.current_window() == Some(window)
                    } else {
                        s.index_of(window).is_some()
                    }
                })
                .flat_map(|s| self.client_sizes(s.id))
                .collect();
            pick_size(&kind, &sizes)
        };
        if let Some(size) = size {
            self.resize_window(window, clamp(size));
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

    /// Make every pane's screen and PTY match its rectangle; when zoomed, the zoomed
    /// pane takes the whole window and the hidden ones keep their size, as in tmux.
    pub fn apply_layout(&mut self, window: WindowId) {
        let Some(w) = self.windows.get(&window) else {
            return;
        };
        let (cols, rows) = w.size();
        let zoomed = w.zoomed.then_some(w.active.0);
        let sizes: Vec<_> = w
            .layout
            .panes()
            .into_iter()
            .filter_map(|(p, r)| {
                let size = match zoomed {
                    Some(z) if z == p => Size { cols, rows },
                    Some(_) => return None,
                    None => Size {
                        cols: r.width,
                        rows: r.height,
                    },
                };
                Some((crate::ids::PaneId(p), size))
            })
            .collect();
        for (pane, size) in sizes {
            self.resize_pane_to(pane, size);
        }
        self.redraw_window(window);
    }

    /// Give one pane a size of its own (a pane hidden under a zoom).
    pub fn resize_pane_to(&mut self, pane: PaneId, size: Size) {
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

/// The size `kind` (largest, smallest, latest) picks from clients' sizes; `None` when
/// there are no clients.
fn pick_size(kind: &str, sizes: &[(std::time::SystemTime, Size)]) -> Option<Size> {
    let first = sizes.first()?.1;
    Some(match kind {
        "largest" => sizes
            .iter()
            .fold(Size { cols: 0, rows: 0 }, |a, (_, s)| Size {
                cols: a.cols.max(s.cols),
                rows: a.rows.max(s.rows),
            }),
        "smallest" => sizes.iter().fold(first, |a, (_, s)| Size {
            cols: a.cols.min(s.cols),
            rows: a.rows.min(s.rows),
        }),
        _ => sizes
            .iter()
            .max_by_key(|(t, _)| *t)
            .map_or(first, |(_, s)| *s),
    })
}

pub fn clamp(size: Size) -> Size {
    Size {
        cols: size.cols.clamp(WINDOW_MIN, WINDOW_MAX),
        rows: size.rows.clamp(WINDOW_MIN, WINDOW_MAX),
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
