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
}

/// A resolved target: always a session; a window and pane unless the target was a
/// session alone (then they are its current ones).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    pub session: SessionId,
    pub window: WindowId,
    pub pane: PaneId,
}

/// Resolve `target` (or the current context when `None`) to a session, window and pane.
pub fn resolve(
    server: &Server,
    current: &Current,
    target: Option<&str>,
    kind: Kind,
) -> Result<Found, String> {
    if server.sessions.is_empty() {
        return Err("no sessions".to_string());
    }
    let Some(target) = target.filter(|t| !t.is_empty()) else {
        return current_found(server, current);
    };
    // Ids name one thing anywhere.
    if let Some(found) = by_id(server, target) {
        return found;
    }
    match kind {
        Kind::Session => {
            let t = target.strip_suffix(':').unwrap_or(target);
            let s = find_session(server, t)?;
            session_found(server, s)
        }
        Kind::Window => resolve_window(server, current, target),
        Kind::Pane => resolve_pane(server, current, target),
    }
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

fn window_found(server: &Server, session: SessionId, window: WindowId) -> Result<Found, String> {
    let pane = server.active_pane(window).ok_or("window has no panes")?;
    Ok(Found {
        session,
        window,
        pane,
    })
}

fn pane_found(server: &Server, pane: PaneId) -> Result<Found, String> {
    let window = server.panes.get(&pane).ok_or("no such pane")?.window;
    let session = server
        .session_of_window(window)
        .ok_or("pane is not in a session")?;
    Ok(Found {
        session,
        window,
        pane,
    })
}

fn by_id(server: &Server, target: &str) -> Option<Result<Found, String>> {
    let (sigil, rest) = target.split_at(target.char_indices().nth(1)?.0);
    let n: u32 = rest.parse().ok()?;
    match sigil {
        "%" => Some(if server.panes.contains_key(&PaneId(n)) {
            pane_found(server, PaneId(n))
        } else {
            Err(format!("can't find pane: {target}"))
        }),
        "@" => Some(match server.session_of_window(WindowId(n)) {
            Some(s) => window_found(server, s, WindowId(n)),
            None => Err(format!("can't find window: {target}")),
        }),
        "$" => Some(if server.sessions.contains_key(&SessionId(n)) {
            session_found(server, SessionId(n))
        } else {
            Err(format!("can't find session: {target}"))
        }),
        _ => None,
    }
}

/// A session by id, exact name, unique prefix, then pattern.
pub fn find_session(server: &Server, name: &str) -> Result<SessionId, String> {
    let not_found = || format!("can't find session: {name}");
    if let Some(exact) = name.strip_prefix('=') {
        return server.session_by_name(exact).ok_or_else(not_found);
    }
    if let Some(rest) = name.strip_prefix('$')
        && let Ok(n) = rest.parse::<u32>()
    {
        return server
            .sessions
            .contains_key(&SessionId(n))
            .then_some(SessionId(n))
            .ok_or_else(not_found);
    }
    if let Some(s) = server.session_by_name(name) {
        return Ok(s);
    }
    let prefixed: Vec<SessionId> = server
        .sessions
        .values()
        .filter(|s| s.name.starts_with(name))
        .map(|s| s.id)
        .collect();
    match prefixed.as_slice() {
        [one] => return Ok(*one),
        [] => {}
        _ => return Err(format!("more than one session: {name}")),
    }
    let matched: Vec<SessionId> = server
        .sessions
        .values()
        .filter(|s| fnmatch(name, &s.name))
        .map(|s| s.id)
        .collect();
    match matched.as_slice() {
        [one] => Ok(*one),
        [] => Err(not_found()),
        _ => Err(format!("more than one session: {name}")),
    }
}

fn resolve_window(server: &Server, current: &Current, target: &str) -> Result<Found, String> {
    let (session_part, window_part) = match target.split_once(':') {
        Some((s, w)) => (Some(s), w),
        None => (None, target),
    };
    // A window target may carry a pane part (`s:w.p`); it is ignored here.
    let window_part = window_part.split_once('.').map_or(window_part, |(w, _)| w);
    match session_part {
        Some(s) => {
            let session = if s.is_empty() {
                current_found(server, current)?.session
            } else {
                find_session(server, s)?
            };
            if window_part.is_empty() {
                return session_found(server, session);
            }
            let w = find_window(server, session, window_part)?;
            window_found(server, session, w)
        }
        None => {
            // tmux tries a window of the current session first, then a session.
            let cur = current_found(server, current)?;
            if let Ok(w) = find_window(server, cur.session, window_part) {
                return window_found(server, cur.session, w);
            }
            match find_session(server, window_part) {
                Ok(s) => session_found(server, s),
                Err(_) => Err(format!("can't find window: {window_part}")),
            }
        }
    }
}

fn resolve_pane(server: &Server, current: &Current, target: &str) -> Result<Found, String> {
    let (window_target, pane_part) = match target.rfind('.') {
        // A dot inside the session part (`a.b:1`) is not a pane separator.
        Some(i) if !target[i..].contains(':') => (&target[..i], Some(&target[i + 1..])),
        _ => (target, None),
    };
    let base = if window_target.is_empty() {
        current_found(server, current)?
    } else if pane_part.is_none() && !window_target.contains(':') {
        // Bare word: a pane token or index of the current window, else a window/session.
        let cur = current_found(server, current)?;
        if let Some(p) = find_pane(server, cur.window, Some(cur.pane), window_target) {
            return pane_found(server, p);
        }
        resolve_window(server, current, window_target)?
    } else {
        resolve_window(server, current, window_target)?
    };
    let Some(pane_part) = pane_part.filter(|p| !p.is_empty()) else {
        return Ok(base);
    };
    let pane = find_pane(server, base.window, Some(base.pane), pane_part)
        .ok_or_else(|| format!("can't find pane: {pane_part}"))?;
    Ok(Found { pane, ..base })
}

fn find_window(server: &Server, session: SessionId, name: &str) -> Result<WindowId, String> {
    let not_found = || format!("can't find window: {name}");
    let s = server.sessions.get(&session).ok_or_else(not_found)?;
    let current = s.current;
    let indexes: Vec<u32> = s.windows.keys().copied().collect();
    let token = match name {
        "{last}" | "!" => return s.last_window().ok_or_else(not_found),
        "{next}" | "+" => indexes.iter().find(|i| **i > current).or(indexes.first()),
        "{previous}" | "-" => indexes
            .iter()
            .rev()
            .find(|i| **i < current)
            .or(indexes.last()),
        "{start}" | "^" => indexes.first(),
        "{end}" | "$" => indexes.last(),
        _ => None,
    };
    if let Some(i) = token {
        return s.windows.get(i).copied().ok_or_else(not_found);
    }
    if let Some(offset) = name.strip_prefix('+').and_then(|n| n.parse::<u32>().ok()) {
        return s
            .windows
            .get(&current.saturating_add(offset))
            .copied()
            .ok_or_else(not_found);
    }
    if let Some(offset) = name.strip_prefix('-').and_then(|n| n.parse::<u32>().ok()) {
        return s
            .windows
            .get(&current.saturating_sub(offset))
            .copied()
            .ok_or_else(not_found);
    }
    let (exact, name) = match name.strip_prefix('=') {
        Some(n) => (true, n),
        None => (false, name),
    };
    if let Ok(i) = name.parse::<u32>()
        && let Some(w) = s.windows.get(&i)
    {
        return Ok(*w);
    }
    let named = |pred: &dyn Fn(&str) -> bool| -> Vec<WindowId> {
        s.windows
            .values()
            .filter(|w| server.windows.get(w).is_some_and(|win| pred(&win.name)))
            .copied()
            .collect()
    };
    let pick = |found: Vec<WindowId>| -> Option<Result<WindowId, String>> {
        match found.as_slice() {
            [] => None,
            [one] => Some(Ok(*one)),
            _ => Some(Err(format!("more than one window: {name}"))),
        }
    };
    if let Some(r) = pick(named(&|n| n == name)) {
        return r;
    }
    if exact {
        return Err(not_found());
    }
    if let Some(r) = pick(named(&|n| n.starts_with(name))) {
        return r;
    }
    pick(named(&|n| fnmatch(name, n))).unwrap_or_else(|| Err(not_found()))
}

/// A pane of `window` by token, index, or offset from `active`.
fn find_pane(
    server: &Server,
    window: WindowId,
    active: Option<PaneId>,
    name: &str,
) -> Option<PaneId> {
    let w = server.windows.get(&window)?;
    let panes = w.panes();
    let base = usize::try_from(
        server
            .window_option(Some(window), "pane-base-index")
            .parse::<u32>()
            .unwrap_or(0),
    )
    .unwrap_or(0);
    let active = active.filter(|a| panes.contains(a)).unwrap_or(w.active);
    let pos = panes.iter().position(|p| *p == active)?;
    let recency =
        |p: crate::layout::PaneId| server.panes.get(&PaneId(p)).map_or(0, |p| p.active_stamp);
    let towards = |d: Direction| w.layout.neighbour(active.0, d, &recency).map(PaneId);
    let corner = |pick: &dyn Fn(u16, u16) -> (i64, i64)| {
        w.layout
            .panes()
            .into_iter()
            .min_by_key(|(_, r)| pick(r.x, r.y))
            .map(|(p, _)| PaneId(p))
    };
    match name {
        "{last}" | "!" => return w.last_pane,
        "{next}" | "+" => return panes.get((pos + 1) % panes.len()).copied(),
        "{previous}" | "-" => return panes.get((pos + panes.len() - 1) % panes.len()).copied(),
        "{top}" => return corner(&|x, y| (i64::from(y), i64::from(x))),
        "{bottom}" => return corner(&|x, y| (-i64::from(y), i64::from(x))),
        "{left}" => return corner(&|x, y| (i64::from(x), i64::from(y))),
        "{right}" => return corner(&|x, y| (-i64::from(x), i64::from(y))),
        "{top-left}" => return corner(&|x, y| (i64::from(y), i64::from(x))),
        "{top-right}" => return corner(&|x, y| (i64::from(y), -i64::from(x))),
        "{bottom-left}" => return corner(&|x, y| (-i64::from(y), i64::from(x))),
        "{bottom-right}" => return corner(&|x, y| (-i64::from(y), -i64::from(x))),
        "{up-of}" => return towards(Direction::Up),
        "{down-of}" => return towards(Direction::Down),
        "{left-of}" => return towards(Direction::Left),
        "{right-of}" => return towards(Direction::Right),
        _ => {}
    }
    if let Some(n) = name.strip_prefix('+').and_then(|n| n.parse::<usize>().ok()) {
        return panes.get((pos + n) % panes.len()).copied();
    }
    if let Some(n) = name.strip_prefix('-').and_then(|n| n.parse::<usize>().ok()) {
        return panes
            .get((pos + panes.len() - n % panes.len()) % panes.len())
            .copied();
    }
    let index: usize = name.parse().ok()?;
    panes.get(index.checked_sub(base)?).copied()
}

/// Shell-style pattern match (`*`, `?`, `[...]`) as fnmatch(3) without flags.
pub fn fnmatch(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    match_from(&p, &t)
}

fn match_from(p: &[char], t: &[char]) -> bool {
    match p.first() {
        None => t.is_empty(),
        Some('*') => (0..=t.len()).any(|i| match_from(&p[1..], &t[i..])),
        Some('?') => !t.is_empty() && match_from(&p[1..], &t[1..]),
        Some('[') => {
            let Some(close) = p.iter().skip(1).position(|c| *c == ']').map(|i| i + 1) else {
                return t.first() == Some(&'[') && match_from(&p[1..], &t[1..]);
            };
            let Some(&c) = t.first() else { return false };
            let set = &p[1..close];
            let (negate, set) = match set.first() {
                Some('!' | '^') => (true, &set[1..]),
                _ => (false, set),
            };
            let mut hit = false;
            let mut i = 0;
            while i < set.len() {
                if i + 2 < set.len() && set[i + 1] == '-' {
                    hit |= set[i] <= c && c <= set[i + 2];
                    i += 3;
                } else {
                    hit |= set[i] == c;
                    i += 1;
                }
            }
            hit != negate && match_from(&p[close + 1..], &t[1..])
        }
        Some(c) => t.first() == Some(c) && match_from(&p[1..], &t[1..]),
    }
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
}
