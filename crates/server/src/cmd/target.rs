//! Targets (`-t`, `-s`): tmux's `session:window.pane` syntax resolved against the server.
//!
//! ```text
//!  %3            pane by id          @2       window by id        $1   session by id
//!  belajar       session (or a window of the current session, tried first)
//!  belajar:1     window 1 of belajar  :1  window 1 of the current session
//!  belajar:1.2   pane 2 of it         .2  pane 2 of the current window
//!  {last} !  {next} +  {previous} -  {start} ^  {end} $   window tokens
//!  {last} {next} {previous} {top} {bottom} {left} {right}  pane tokens
//! ```
//! Windows are found by index, id, exact name, name prefix, then pattern; sessions by id,
//! exact name, unique prefix, then pattern. A leading `=` asks for an exact match only.

use crate::ids::{PaneId, SessionId, WindowId};
use crate::layout::Direction;
use crate::server::Server;

/// What a target must name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Session,
    Window,
    Pane,
}

/// Where a command runs from: the client's (or calling pane's) session, window, pane.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Current {
    pub session: Option<SessionId>,
    pub window: Option<WindowId>,
    pub pane: Option<PaneId>,
    /// The mouse event a binding runs for: the target `=` (or `{mouse}`).
    pub mouse: Option<crate::mouse::MouseAt>,
}

/// A resolved target: always a session; a window and pane unless the target was a
/// session alone (then they are its current ones).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    pub session: SessionId,
    /// The window's index in the session: a window linked at several indexes is
    /// reached through one of them.
    pub index: u32,
    pub window: WindowId,
    pub pane: PaneId,
}

/// Resolve `target` (or the current context when `None`) to a session, window and pane,
/// following tmux's order of attempts (cmd-find.c) so every target means what it means
/// there.
pub fn resolve(
    server: &Server,
    current: &Current,
    target: Option<&str>,
    kind: Kind,
) -> Result<Found, String> {
    if server.sessions.is_empty() {
        return Err("no sessions".to_string());
    }
    let cur = current_found(server, current)?;
    let Some(target) = target.filter(|t| !t.is_empty()) else {
        return Ok(cur);
    };
    if target == "~" || target == "{marked}" {
        let pane = server.marked.ok_or("no marked target")?;
        return pane_found(server, pane);
    }
    if target == "=" || target == "{mouse}" {
        return mouse_found(server, current);
    }
    let finder = Finder { server, cur };
    finder.find(target, kind)
}

/// The mouse's target: the pane under it, else the window it was over (a window in the
/// status line), in its session.
fn mouse_found(server: &Server, current: &Current) -> Result<Found, String> {
    let at = current.mouse.ok_or("no mouse target")?;
    if let Some(pane) = at.pane.filter(|p| server.panes.contains_key(p)) {
        return pane_found(server, pane);
    }
    let window = at.window.ok_or("no mouse target")?;
    window_found(server, at.session, window).map_err(|_| "no mouse target".to_string())
}

/// The parts of a target string, split as tmux splits them.
struct Parts<'a> {
    session: Option<&'a str>,
    window: Option<&'a str>,
    pane: Option<&'a str>,
    /// The window (pane) part came after a `:` (`.`): it cannot fall back to a session
    /// (window).
    window_only: bool,
    pane_only: bool,
    exact_session: bool,
    exact_window: bool,
}

fn split_target<'a>(target: &'a str, kind: Kind) -> Parts<'a> {
    let (head, after_colon) = match target.split_once(':') {
        Some((h, w)) => (h, Some(w)),
        None => (target, None),
    };
    let (session, window, pane, window_only, pane_only) = match after_colon {
        Some(rest) => match rest.split_once('.') {
            Some((w, p)) => (Some(head), Some(w), Some(p), true, true),
            None => (Some(head), Some(rest), None, true, false),
        },
        None => match head.split_once('.') {
            Some((w, p)) => (None, Some(w), Some(p), false, true),
            None if head.starts_with('$') => (Some(head), None, None, false, false),
            None if head.starts_with('@') => (None, Some(head), None, false, false),
            None if head.starts_with('%') => (None, None, Some(head), false, false),
            None => match kind {
                Kind::Session => (Some(head), None, None, false, false),
                Kind::Window => (None, Some(head), None, false, false),
                Kind::Pane => (None, None, Some(head), false, false),
            },
        },
    };
    let strip = |part: Option<&'a str>| match part.and_then(|p| p.strip_prefix('=')) {
        Some(rest) => (Some(rest), true),
        None => (part, false),
    };
    let (session, exact_session) = strip(session);
    let (window, exact_window) = strip(window);
    let none_if_empty = |p: Option<&'a str>| p.filter(|p| !p.is_empty());
    Parts {
        session: none_if_empty(session),
        window: none_if_empty(window).map(window_token),
        pane: none_if_empty(pane).map(pane_token),
        window_only,
        pane_only,
        exact_session,
        exact_window,
    }
}

fn window_token(w: &str) -> &str {
    match w {
        "{start}" => "^",
        "{last}" => "!",
        "{end}" => "$",
        "{next}" => "+",
        "{previous}" => "-",
        other => other,
    }
}

fn pane_token(p: &str) -> &str {
    match p {
        "{last}" => "!",
        "{next}" => "+",
        "{previous}" => "-",
        "{top}" => "top",
        "{bottom}" => "bottom",
        "{left}" => "left",
        "{right}" => "right",
        "{top-left}" => "top-left",
        "{top-right}" => "top-right",
        "{bottom-left}" => "bottom-left",
        "{bottom-right}" => "bottom-right",
        other => other,
    }
}

/// Lookups relative to the current session, window and pane.
struct Finder<'a> {
    server: &'a Server,
    cur: Found,
}

impl Finder<'_> {
    fn find(&self, target: &str, kind: Kind) -> Result<Found, String> {
        let p = split_target(target, kind);
        let no_session = |s: &str| no_such_session(self.server, s);
        let no_window = |w: &str| format!("can't find window: {w}");
        let no_pane = |q: &str| format!("can't find pane: {q}");
        if let Some(session) = p.session {
            let s = self
                .session(session, p.exact_session)
                .ok_or_else(|| no_session(session))?;
            return match (p.window, p.pane) {
                (None, None) => session_found(self.server, s),
                (Some(w), None) => {
                    let index = self
                        .window_in_session(s, w, p.exact_window)
                        .ok_or_else(|| no_window(w))?;
                    winlink_found(self.server, s, index)
                }
                (None, Some(q)) => {
                    if let Some(id) = pane_id(q) {
                        return self.pane_anywhere(id).ok_or_else(|| no_pane(q));
                    }
                    let base = session_found(self.server, s)?;
                    let pane = self
                        .pane_in_window(base.window, q)
                        .ok_or_else(|| no_pane(q))?;
                    Ok(Found { pane, ..base })
                }
                (Some(w), Some(q)) => {
                    let index = self
                        .window_in_session(s, w, p.exact_window)
                        .ok_or_else(|| no_window(w))?;
                    let base = winlink_found(self.server, s, index)?;
                    let pane = self
                        .pane_in_window(base.window, q)
                        .ok_or_else(|| no_pane(q))?;
                    Ok(Found { pane, ..base })
                }
            };
        }
        match (p.window, p.pane) {
            (Some(w), Some(q)) => {
                let base = self
                    .window(w, p.window_only, p.exact_window)
                    .ok_or_else(|| no_window(w))?;
                let pane = self
                    .pane_in_window(base.window, q)
                    .ok_or_else(|| no_pane(q))?;
                Ok(Found { pane, ..base })
            }
            (Some(w), None) => self
                .window(w, p.window_only, p.exact_window)
                .ok_or_else(|| no_window(w)),
            (None, Some(q)) => self.pane(q, p.pane_only).ok_or_else(|| no_pane(q)),
            (None, None) => Ok(self.cur),
        }
    }

    /// By id, exact name, a client's tty, unique prefix, then unique pattern.
    fn session(&self, name: &str, exact: bool) -> Option<SessionId> {
        let srv = self.server;
        if let Some(n) = name.strip_prefix('$') {
            let id = SessionId(n.parse().ok()?);
            return srv.sessions.contains_key(&id).then_some(id);
        }
        if let Some(s) = srv.session_by_name(name) {
            return Some(s);
        }
        let by_client = srv.clients.values().find(|c| {
            let tty = c.tty();
            !tty.is_empty() && (tty == name || tty.strip_prefix("/dev/") == Some(name))
        });
        if let Some(s) = by_client.and_then(|c| c.session()) {
            return Some(s);
        }
        if exact {
            return None;
        }
        let unique = |pred: &dyn Fn(&str) -> bool| -> Option<Option<SessionId>> {
            let mut hits = srv.sessions.values().filter(|s| pred(&s.name));
            let first = hits.next()?;
            Some(hits.next().is_none().then_some(first.id))
        };
        if let Some(hit) = unique(&|n| n.starts_with(name)) {
            return hit;
        }
        unique(&|n| fnmatch(name, n)).flatten()
    }

    /// A window of the current session, else (unless `only`) a session's current window.
    fn window(&self, name: &str, only: bool, exact: bool) -> Option<Found> {
        if let Some(id) = window_id(name) {
            let s = self.server.session_of_window(id)?;
            return window_found(self.server, s, id).ok();
        }
        if let Some(i) = self.window_in_session(self.cur.session, name, exact) {
            return winlink_found(self.server, self.cur.session, i).ok();
        }
        if only {
            return None;
        }
        let s = self.session(name, false)?;
        session_found(self.server, s).ok()
    }

    /// The index in `session` that `name` means.
    fn window_in_session(&self, session: SessionId, name: &str, exact: bool) -> Option<u32> {
        let srv = self.server;
        let s = srv.sessions.get(&session)?;
        if let Some(id) = window_id(name) {
            return s.index_of(id);
        }
        let indexes: Vec<u32> = s.windows.keys().copied().collect();
        let at = indexes.iter().position(|i| *i == s.current)?;
        if !exact && let Some((forward, n)) = offset(name) {
            let len = indexes.len();
            let step = n % len;
            let i = if forward {
                (at + step) % len
            } else {
                (at + len - step) % len
            };
            return indexes.get(i).copied();
        }
        if !exact {
            match name {
                "!" => return s.last_window().and_then(|w| s.index_of(w)),
                "^" => return indexes.first().copied(),
                "$" => return indexes.last().copied(),
                _ => {}
            }
        }
        if !name.starts_with(['+', '-'])
            && let Ok(i) = name.parse::<u32>()
            && s.windows.contains_key(&i)
        {
            return Some(i);
        }
        let unique = |pred: &dyn Fn(&str) -> bool| -> Option<Option<u32>> {
            let mut hits = s
                .windows
                .iter()
                .filter(|(_, w)| srv.windows.get(w).is_some_and(|win| pred(&win.name)));
            let first = hits.next()?;
            Some(hits.next().is_none().then_some(*first.0))
        };
        if let Some(hit) = unique(&|n| n == name) {
            return hit;
        }
        if exact {
            return None;
        }
        if let Some(hit) = unique(&|n| n.starts_with(name)) {
            return hit;
        }
        unique(&|n| fnmatch(name, n)).flatten()
    }

    /// A pane of the current window, else (unless `only`) a window's active pane.
    fn pane(&self, name: &str, only: bool) -> Option<Found> {
        if let Some(id) = pane_id(name) {
            return self.pane_anywhere(id);
        }
        if let Some(p) = self.pane_in_window(self.cur.window, name) {
            return Some(Found {
                pane: p,
                ..self.cur
            });
        }
        if only {
            return None;
        }
        self.window(name, false, false)
    }

    fn pane_anywhere(&self, id: PaneId) -> Option<Found> {
        self.server
            .panes
            .contains_key(&id)
            .then(|| pane_found(self.server, id).ok())
            .flatten()
    }

    fn pane_in_window(&self, window: WindowId, name: &str) -> Option<PaneId> {
        let srv = self.server;
        let w = srv.windows.get(&window)?;
        if let Some(id) = pane_id(name) {
            return (srv.panes.get(&id)?.window == window).then_some(id);
        }
        let recency =
            |p: crate::layout::PaneId| srv.panes.get(&PaneId(p)).map_or(0, |p| p.active_stamp);
        let next_to = |d: Direction| {
            let cur = self.cur.pane;
            let cw = srv.windows.get(&srv.panes.get(&cur)?.window)?;
            cw.layout.neighbour(cur.0, d, &recency).map(PaneId)
        };
        match name {
            "!" => return w.last_pane,
            "{up-of}" => return next_to(Direction::Up),
            "{down-of}" => return next_to(Direction::Down),
            "{left-of}" => return next_to(Direction::Left),
            "{right-of}" => return next_to(Direction::Right),
            _ => {}
        }
        if let Some((forward, n)) = offset(name) {
            return Some(self.walk_panes(window, forward, n));
        }
        if let Ok(i) = name.parse::<usize>() {
            let base: usize = srv
                .window_option(Some(window), "pane-base-index")
                .parse()
                .unwrap_or(0);
            if let Some(p) = i.checked_sub(base).and_then(|i| w.panes().get(i).copied()) {
                return Some(p);
            }
        }
        pane_at_edge(srv, window, name)
    }

    /// Step `n` panes on from the current pane, in pane order. Like tmux, the walk
    /// starts in the current pane's own window and continues in the target window once
    /// it runs off the end.
    fn walk_panes(&self, window: WindowId, forward: bool, n: usize) -> PaneId {
        let srv = self.server;
        let target: Vec<PaneId> = srv
            .windows
            .get(&window)
            .map(|w| w.panes())
            .unwrap_or_default();
        let own_window = srv.panes.get(&self.cur.pane).map(|p| p.window);
        let own: Vec<PaneId> = own_window
            .and_then(|w| srv.windows.get(&w))
            .map(|w| w.panes())
            .unwrap_or_default();
        let mut list = &own;
        let mut at = own.iter().position(|p| *p == self.cur.pane);
        for _ in 0..n {
            let next = match (at, forward) {
                (Some(i), true) if i + 1 < list.len() => Some(i + 1),
                (Some(i), false) if i > 0 => Some(i - 1),
                _ => None,
            };
            at = match next {
                Some(i) => Some(i),
                None => {
                    list = &target;
                    if forward {
                        Some(0)
                    } else {
                        target.len().checked_sub(1)
                    }
                }
            };
        }
        at.and_then(|i| list.get(i).copied())
            .or_else(|| target.first().copied())
            .unwrap_or(self.cur.pane)
    }
}

/// `+N` / `-N` (`+` alone is one): direction and count.
fn offset(s: &str) -> Option<(bool, usize)> {
    let forward = match s.chars().next()? {
        '+' => true,
        '-' => false,
        _ => return None,
    };
    let rest = &s[1..];
    let n = if rest.is_empty() {
        1
    } else {
        rest.parse().ok()?
    };
    (n > 0).then_some((forward, n))
}

fn pane_id(s: &str) -> Option<PaneId> {
    s.strip_prefix('%')?.parse().ok().map(PaneId)
}

fn window_id(s: &str) -> Option<WindowId> {
    s.strip_prefix('@')?.parse().ok().map(WindowId)
}

/// `top`, `bottom-left`, …: the pane at that edge's middle (or corner), as tmux picks it,
/// counting each pane's right and bottom border as its own.
fn pane_at_edge(server: &Server, window: WindowId, name: &str) -> Option<PaneId> {
    let w = server.windows.get(&window)?;
    let (sx, sy) = w.size();
    let (mid_x, mid_y, right, bottom) =
        (sx / 2, sy / 2, sx.saturating_sub(1), sy.saturating_sub(1));
    let (x, y) = match name.to_ascii_lowercase().as_str() {
        "top" => (mid_x, 0),
        "bottom" => (mid_x, bottom),
        "left" => (0, mid_y),
        "right" => (right, mid_y),
        "top-left" => (0, 0),
        "top-right" => (right, 0),
        "bottom-left" => (0, bottom),
        "bottom-right" => (right, bottom),
        _ => return None,
    };
    w.layout
        .panes()
        .into_iter()
        .find(|(_, r)| x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height)
        .map(|(p, _)| PaneId(p))
}

fn current_found(server: &Server, current: &Current) -> Result<Found, String> {
    if let Some(pane) = current.pane.filter(|p| server.panes.contains_key(p)) {
        return pane_found(server, pane);
    }
    let session = current
        .session
        .filter(|s| server.sessions.contains_key(s))
        .or_else(|| server.best_session())
        .ok_or("no current session")?;
    session_found(server, session)
}

fn session_found(server: &Server, session: SessionId) -> Result<Found, String> {
    let window = server
        .current_window(session)
        .ok_or("session has no windows")?;
    window_found(server, session, window)
}

/// A window of a session, at the index tmux would pick (the current one if it holds the
/// window, else the lowest).
fn window_found(server: &Server, session: SessionId, window: WindowId) -> Result<Found, String> {
    let index = server
        .sessions
        .get(&session)
        .and_then(|s| s.index_of(window))
        .ok_or("window is not in the session")?;
    let pane = server.active_pane(window).ok_or("window has no panes")?;
    Ok(Found {
        session,
        index,
        window,
        pane,
    })
}

/// The window at `index` of a session.
fn winlink_found(server: &Server, session: SessionId, index: u32) -> Result<Found, String> {
    let window = *server
        .sessions
        .get(&session)
        .and_then(|s| s.windows.get(&index))
        .ok_or("no such window")?;
    let pane = server.active_pane(window).ok_or("window has no panes")?;
    Ok(Found {
        session,
        index,
        window,
        pane,
    })
}

fn pane_found(server: &Server, pane: PaneId) -> Result<Found, String> {
    let window = server.panes.get(&pane).ok_or("no such pane")?.window;
    let session = server
        .session_of_window(window)
        .ok_or("pane is not in a session")?;
    let found = window_found(server, session, window)?;
    Ok(Found { pane, ..found })
}

/// tmux's words for a session not found, and the name that was likely meant.
fn no_such_session(server: &Server, name: &str) -> String {
    let names = server.sessions.values().map(|s| s.name.as_str());
    match crate::names::did_you_mean(name, names) {
        Some(m) => format!("can't find session: {name} (did you mean {m}?)"),
        None => format!("can't find session: {name}"),
    }
}

/// A session by name as `-t` finds it (for commands that take a session name only).
pub fn find_session(server: &Server, name: &str) -> Result<SessionId, String> {
    if server.sessions.is_empty() {
        return Err("no sessions".to_string());
    }
    let (name, exact) = match name.strip_prefix('=') {
        Some(n) => (n, true),
        None => (name, false),
    };
    let cur = current_found(server, &Current::default())?;
    Finder { server, cur }
        .session(name, exact)
        .ok_or_else(|| no_such_session(server, name))
}

/// Shell-style pattern match (`*`, `?`, `[...]`) as fnmatch(3) without flags: the one
/// matcher formats use too, linear whatever the pattern.
pub fn fnmatch(pattern: &str, text: &str) -> bool {
    crate::format::fnmatch(pattern, text, false)
}

#[cfg(test)]
mod tests {
    use super::fnmatch;

    #[test]
    fn patterns() {
        assert!(fnmatch("bel*", "belajar"));
        assert!(fnmatch("b?l[a-c]jar", "belajar"));
        assert!(!fnmatch("b[!e]*", "belajar"));
        assert!(fnmatch("*", ""));
        assert!(!fnmatch("x", "belajar"));
    }

    #[test]
    fn many_stars_stay_fast() {
        // The recursive matcher this replaced took about a second here.
        let text = "a".repeat(60);
        let start = std::time::Instant::now();
        assert!(!fnmatch("*a*a*a*a*a*a*a*a*a*a*ab", &text));
        assert!(start.elapsed() < std::time::Duration::from_millis(100));
    }
}
