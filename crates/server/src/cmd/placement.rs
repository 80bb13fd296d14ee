//! Where a popup or menu goes on a client's screen: tmux's `-x`/`-y` positions
//! (cmd-display-menu.c): `C` centred, `R`/`P` by the target pane, `M` by the mouse, `W`
//! by the window's entry in the status line, `S` by the status line, else a number (a
//! format, expanded). The `-y` value names the box's bottom line; the box stays on the
//! screen.

use super::Ctx;
use super::target::Found;
use crate::formats::FormatTarget;
use crate::ids::ClientId;
use crate::layout::Rect;

/// What the positions are worked out from.
pub struct Around {
    pub screen: (u16, u16),
    /// The target pane on the client's screen.
    pub pane: Rect,
    pub mouse: Option<(u16, u16)>,
    /// The first column of the target window in the status line.
    pub window_x: Option<u16>,
    /// The status line: how many rows, and whether on top.
    pub status: Option<(u16, bool)>,
}

impl Around {
    pub fn of(ctx: &Ctx<'_>, client: ClientId, found: Found) -> Around {
        let srv = &*ctx.server;
        let screen = srv
            .clients
            .get(&client)
            .and_then(|c| c.size())
            .map_or((80, 24), |s| (s.cols, s.rows));
        let lines = srv.status_lines(Some(found.session)).min(screen.1);
        Around {
            screen,
            pane: srv.pane_rect_on(client, found.pane),
            mouse: ctx.current.mouse.map(|m| (m.event.col, m.event.row)),
            window_x: crate::status::window_column(srv, client, found.window, screen.0),
            status: (lines > 0).then(|| (lines, srv.status_at_top(Some(found.session)))),
        }
    }
}

/// A position argument: a format, expanded, read as a number as strtol reads it.
fn number(target: &FormatTarget<'_>, text: &str) -> i64 {
    let s = target.expand_plain(text);
    let s = s.trim_start();
    let (sign, digits) = match s.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, s.strip_prefix('+').unwrap_or(s)),
    };
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    sign * digits[..end].parse::<i64>().unwrap_or(0)
}

/// The top-left corner of a `w`x`h` box placed by `-x`/`-y`.
pub fn place(
    target: &FormatTarget<'_>,
    x: Option<&str>,
    y: Option<&str>,
    (w, h): (u16, u16),
    around: &Around,
) -> (u16, u16) {
    let (sx, sy) = (i64::from(around.screen.0), i64::from(around.screen.1));
    let (w, h) = (i64::from(w), i64::from(h));
    let pane = around.pane;
    let n = match x {
        None | Some("C") => ((sx - 1) / 2 - w / 2).max(0),
        Some("R") => (i64::from(pane.x) + i64::from(pane.width) - w).max(0),
        Some("P") => i64::from(pane.x),
        Some("M") => around
            .mouse
            .map_or(0, |(mx, _)| (i64::from(mx) - w / 2).max(0)),
        Some("W") => around.window_x.map_or(0, i64::from),
        Some(other) => number(target, other),
    };
    let left = if n + w >= sx { sx - w } else { n.max(0) };
    let bottom = match y {
        None | Some("C") => {
            let n = (sy - 1) / 2 + h / 2;
            if n >= sy { sy - h } else { n }
        }
        Some("P") => i64::from(pane.y) + i64::from(pane.height),
        Some("M") => around.mouse.map_or(0, |(_, my)| {
            let n = i64::from(my) + h;
            if n >= sy { sy - 1 } else { n }
        }),
        Some("S") => match around.status {
            Some((lines, true)) => i64::from(lines) + h,
            Some((lines, false)) => sy - i64::from(lines),
            None => 0,
        },
        Some("W") => match around.status {
            Some((_, true)) => 1 + h,
            Some((lines, false)) => sy - i64::from(lines),
            None => 0,
        },
        Some(other) => number(target, other),
    };
    let top = if bottom < h { 0 } else { bottom - h };
    let top = if top + h >= sy { sy - h } else { top.max(0) };
    (
        u16::try_from(left.max(0)).unwrap_or(0),
        u16::try_from(top.max(0)).unwrap_or(0),
    )
}
