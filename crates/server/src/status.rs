//! The status line: `status-left`, the window list and `status-right`, each a format
//! expanded for the client's session, styled as the options say; and what replaces it for
//! a moment (a message, a prompt).

use rmux_proto::{Cursor, CursorShape, Style};
use rmux_term::Size;
use unicode_width::UnicodeWidthChar;

use crate::format::style::{parse_style, styled_segments};
use crate::formats::FormatTarget;
use crate::ids::{ClientId, WindowId};
use crate::render::{Line, Scene};
use crate::server::Server;

type Cells = Vec<(char, Style)>;

/// A composed status line: its cells, its fill, and where each window sits in it
/// (first and last column) so a mouse click can find it.
struct Composed {
    cells: Cells,
    fill: Style,
    windows: Vec<(usize, usize, WindowId)>,
    /// Where status-left ends and status-right starts.
    left_end: usize,
    right_start: usize,
}

/// What a column of the status line shows (where a mouse event was).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusHit {
    Window(WindowId),
    Left,
    Right,
    Other,
}

/// What is at column `col` of a client's status line.
pub fn status_hit(server: &Server, client: ClientId, col: u16, cols: u16) -> StatusHit {
    let Some(c) = compose(server, client, cols) else {
        return StatusHit::Other;
    };
    let col = usize::from(col);
    if let Some((_, _, w)) = c.windows.iter().find(|(s, e, _)| col >= *s && col <= *e) {
        return StatusHit::Window(*w);
    }
    if col < c.left_end {
        StatusHit::Left
    } else if col >= c.right_start {
        StatusHit::Right
    } else {
        StatusHit::Other
    }
}

/// The first column of a window's entry in a client's status line (where tmux's menus
/// and popups placed with `-x W` start).
pub fn window_column(
    server: &Server,
    client: ClientId,
    window: WindowId,
    cols: u16,
) -> Option<u16> {
    let c = compose(server, client, cols)?;
    let (start, _, _) = c.windows.iter().find(|(_, _, w)| *w == window)?;
    u16::try_from(*start).ok()
}

/// The status line(s) of a client, starting at row `y`.
pub fn status_lines(server: &Server, client: ClientId, y: u16, cols: u16) -> Vec<Line> {
    compose(server, client, cols)
        .map(|c| {
            vec![Line {
                y,
                cells: c.cells,
                fill: c.fill,
            }]
        })
        .unwrap_or_default()
}

fn compose(server: &Server, client: ClientId, cols: u16) -> Option<Composed> {
    let session = server.clients.get(&client)?.session()?;
    let window = server.current_window(session);
    let pane = window.and_then(|w| server.active_pane(w));
    let ctx = FormatTarget {
        server,
        winlink: None,
        client: Some(client),
        session: Some(session),
        window,
        pane,
    };
    let opt = |name: &str| server.session_option(Some(session), name);
    let mut base = style_option(&ctx, opt("status-style"), Style::default());
    // The older status-fg and status-bg win over status-style when set, as in tmux.
    for (name, background) in [("status-fg", false), ("status-bg", true)] {
        if let Some(crate::format::ColourSpec::Colour(c)) = crate::format::parse_colour(opt(name)) {
            if background {
                base.bg = c;
            } else {
                base.fg = c;
            }
        }
    }

    let left_style = style_option(&ctx, opt("status-left-style"), base);
    let mut left = styled(&ctx.expand(opt("status-left")), left_style);
    truncate(&mut left, opt("status-left-length").parse().unwrap_or(10));

    let right_style = style_option(&ctx, opt("status-right-style"), base);
    let hint = server
        .clients
        .get(&client)
        .and_then(|c| c.attached.as_ref())
        .and_then(|a| a.hint.as_ref())
        .map(|(text, _)| text);
    let right = match hint {
        // The first-run hint stands where status-right does, whatever its length.
        Some(text) => styled(&text.replace('#', "##"), right_style),
        None => {
            let mut right = styled(&ctx.expand(opt("status-right")), right_style);
            truncate(&mut right, opt("status-right-length").parse().unwrap_or(40));
            right
        }
    };

    let list = window_list(server, client, session, base);
    let cols = usize::from(cols);
    let space = cols.saturating_sub(width(&left) + width(&right));
    let (shown, first) = fit_list(&list, space);
    let left_width = width(&left);
    // Columns of each window: list cell i sits at shown index i - first (+1 for the '<'
    // marker when the list was cut).
    let marker = usize::from(shown.len() != list.cells.len());
    let column_of = |cell: usize| -> Option<usize> {
        let at = cell.checked_sub(first)? + marker;
        (at < shown.len()).then(|| left_width + width(&shown[..at].to_vec()))
    };
    let windows = list
        .spans
        .iter()
        .filter_map(|&(start, end, w)| {
            let s = column_of(start)?;
            let e = column_of(end.saturating_sub(1)).unwrap_or(s);
            Some((s, e, w))
        })
        .collect();

    let mut cells = left;
    cells.extend(shown);
    let pad = cols.saturating_sub(width(&cells) + width(&right));
    cells.extend(std::iter::repeat_n((' ', base), pad));
    let right_start = width(&cells);
    cells.extend(right);
    Some(Composed {
        cells,
        fill: base,
        windows,
        left_end: left_width,
        right_start,
    })
}

/// The window list: its cells, and each window's cells (start, end exclusive).
struct WindowList {
    cells: Cells,
    current: (usize, usize),
    spans: Vec<(usize, usize, WindowId)>,
}

fn window_list(
    server: &Server,
    client: ClientId,
    session: crate::ids::SessionId,
    base: Style,
) -> WindowList {
    let mut list = WindowList {
        cells: Vec::new(),
        current: (0, 0),
        spans: Vec::new(),
    };
    let Some(s) = server.sessions.get(&session) else {
        return list;
    };
    let count = s.windows.len();
    for (n, (&index, &window)) in s.windows.iter().enumerate() {
        let ctx = FormatTarget {
            server,
            winlink: Some(index),
            client: Some(client),
            session: Some(session),
            window: Some(window),
            pane: server.active_pane(window),
        };
        let wopt = |name: &str| server.window_option(Some(window), name);
        let current = s.current == index;
        let mut style = style_option(&ctx, wopt("window-status-style"), base);
        if current {
            style = style_option(&ctx, wopt("window-status-current-style"), style);
        } else if s.last_window() == Some(window) {
            style = style_option(&ctx, wopt("window-status-last-style"), style);
        }
        if let Some(w) = server.windows.get(&window) {
            if w.alerts.bell {
                style = style_option(&ctx, wopt("window-status-bell-style"), style);
            } else if w.alerts.activity || w.alerts.silence {
                style = style_option(&ctx, wopt("window-status-activity-style"), style);
            }
        }
        let format = if current {
            wopt("window-status-current-format")
        } else {
            wopt("window-status-format")
        };
        let start = list.cells.len();
        list.cells.extend(styled(&ctx.expand(format), style));
        list.spans.push((start, list.cells.len(), window));
        if current {
            list.current = (start, list.cells.len());
        }
        if n + 1 < count {
            list.cells
                .extend(styled(&ctx.expand(wopt("window-status-separator")), base));
        }
    }
    list
}

/// Cut the window list to `space` columns, keeping the current window in view and
/// marking cut ends with `<` and `>` as tmux does; also the first list cell shown.
fn fit_list(list: &WindowList, space: usize) -> (Cells, usize) {
    let cells = &list.cells;
    if width(cells) <= space {
        return (cells.clone(), 0);
    }
    if space < 3 {
        return (Vec::new(), 0);
    }
    let inner = space - 2;
    let start = list.current.1.saturating_sub(inner).min(list.current.0);
    let mut out: Cells = Vec::new();
    let marker_style = cells.first().map(|c| c.1).unwrap_or_default();
    out.push((if start > 0 { '<' } else { ' ' }, marker_style));
    let mut taken = 0;
    let mut end = start;
    for &(ch, st) in &cells[start..] {
        let w = ch.width().unwrap_or(0);
        if taken + w > inner {
            break;
        }
        out.push((ch, st));
        taken += w;
        end += 1;
    }
    out.push((if end < cells.len() { '>' } else { ' ' }, marker_style));
    (out, start)
}

/// The status row replaced by a prompt or a message, if the client has one; returns where
/// the cursor goes for a prompt.
pub fn overlay(
    server: &Server,
    client: ClientId,
    y: u16,
    size: Size,
    scene: &mut Scene,
) -> Option<Cursor> {
    let c = server.clients.get(&client)?;
    let a = c.attached.as_ref()?;
    let session = Some(a.session);
    let y = if server.status_lines(session) == 0 {
        size.rows.saturating_sub(1)
    } else {
        y
    };
    let ctx = FormatTarget {
        server,
        winlink: None,
        client: Some(client),
        session,
        window: None,
        pane: None,
    };
    let style = style_option(
        &ctx,
        server.session_option(session, "message-style"),
        Style::default(),
    );
    let (text, cursor) = if let Some(p) = &a.prompt {
        let before: String = p.input.chars().take(p.cursor).collect();
        let cursor = display_width(&p.label) + display_width(&before);
        (format!("{}{}", p.label, p.input), Some(cursor))
    } else if let Some((msg, _)) = &a.message {
        (msg.clone(), None)
    } else {
        return None;
    };
    let mut cells: Cells = text.chars().map(|ch| (ch, style)).collect();
    truncate(&mut cells, usize::from(size.cols));
    scene.lines.retain(|l| l.y != y);
    scene.lines.push(Line {
        y,
        cells,
        fill: style,
    });
    let x = u16::try_from(cursor?)
        .unwrap_or(u16::MAX)
        .min(size.cols.saturating_sub(1));
    Some(Cursor {
        x,
        y,
        shape: CursorShape::Default,
        color: rmux_proto::Color::Default,
    })
}

/// A style option's value (itself a format) applied over `base`.
fn style_option(ctx: &FormatTarget<'_>, spec: &str, base: Style) -> Style {
    let spec = if spec.contains("#{") {
        ctx.expand(spec)
    } else {
        spec.to_string()
    };
    parse_style(&spec, base).unwrap_or(base)
}

/// Format output with `#[...]` style blocks turned into styled cells.
fn styled(expanded: &str, base: Style) -> Cells {
    let mut out = Vec::new();
    for seg in styled_segments(expanded, base) {
        out.extend(
            seg.text
                .chars()
                .filter(|c| !c.is_control())
                .map(|ch| (ch, seg.style)),
        );
    }
    out
}

fn width(cells: &Cells) -> usize {
    cells.iter().map(|(c, _)| c.width().unwrap_or(0)).sum()
}

fn display_width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Keep the first `max` columns.
fn truncate(cells: &mut Cells, max: usize) {
    let mut w = 0;
    let keep = cells
        .iter()
        .take_while(|(c, _)| {
            w += c.width().unwrap_or(0);
            w <= max
        })
        .count();
    cells.truncate(keep);
}
