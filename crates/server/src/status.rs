//! The status line: `status-left`, the window list and `status-right`, each a format
//! expanded for the client's session, styled as the options say; and what replaces it for
//! a moment (a message, a prompt).

use rmux_proto::{Cursor, CursorShape, Style};
use rmux_term::Size;
use unicode_width::UnicodeWidthChar;

use crate::format::style::{parse_style, styled_segments};
use crate::formats::FormatTarget;
use crate::ids::ClientId;
use crate::render::{Line, Scene};
use crate::server::Server;

type Cells = Vec<(char, Style)>;

/// The status line(s) of a client, starting at row `y`.
pub fn status_lines(server: &Server, client: ClientId, y: u16, cols: u16) -> Vec<Line> {
    let Some(c) = server.clients.get(&client) else {
        return Vec::new();
    };
    let Some(session) = c.session() else {
        return Vec::new();
    };
    let window = server.current_window(session);
    let pane = window.and_then(|w| server.active_pane(w));
    let ctx = FormatTarget {
        server,
        client: Some(client),
        session: Some(session),
        window,
        pane,
    };
    let opt = |name: &str| server.session_option(Some(session), name);
    let base = style_option(&ctx, opt("status-style"), Style::default());

    let left_style = style_option(&ctx, opt("status-left-style"), base);
    let mut left = styled(&ctx.expand(opt("status-left")), left_style);
    truncate(&mut left, opt("status-left-length").parse().unwrap_or(10));

    let right_style = style_option(&ctx, opt("status-right-style"), base);
    let mut right = styled(&ctx.expand(opt("status-right")), right_style);
    truncate(&mut right, opt("status-right-length").parse().unwrap_or(40));

    let (list, current_span) = window_list(server, client, session, base);
    let cols = usize::from(cols);
    let space = cols.saturating_sub(width(&left) + width(&right));
    let list = fit_list(list, current_span, space);

    let mut cells = left;
    cells.extend(list);
    let pad = cols.saturating_sub(width(&cells) + width(&right));
    cells.extend(std::iter::repeat_n((' ', base), pad));
    cells.extend(right);
    vec![Line {
        y,
        cells,
        fill: base,
    }]
}

/// The window list cells and the span (start, end) of the current window in them.
fn window_list(
    server: &Server,
    client: ClientId,
    session: crate::ids::SessionId,
    base: Style,
) -> (Cells, (usize, usize)) {
    let Some(s) = server.sessions.get(&session) else {
        return (Vec::new(), (0, 0));
    };
    let mut cells = Vec::new();
    let mut span = (0, 0);
    let count = s.windows.len();
    for (n, (_, &window)) in s.windows.iter().enumerate() {
        let ctx = FormatTarget {
            server,
            client: Some(client),
            session: Some(session),
            window: Some(window),
            pane: server.active_pane(window),
        };
        let wopt = |name: &str| server.window_option(Some(window), name);
        let current = s.current_window() == Some(window);
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
        let start = cells.len();
        cells.extend(styled(&ctx.expand(format), style));
        if current {
            span = (start, cells.len());
        }
        if n + 1 < count {
            cells.extend(styled(&ctx.expand(wopt("window-status-separator")), base));
        }
    }
    (cells, span)
}

/// Cut the window list to `space` columns, keeping the current window in view and
/// marking cut ends with `<` and `>` as tmux does.
fn fit_list(list: Cells, current: (usize, usize), space: usize) -> Cells {
    if width(&list) <= space {
        return list;
    }
    if space < 3 {
        return Vec::new();
    }
    let inner = space - 2;
    let start = current.1.saturating_sub(inner).min(current.0);
    let mut out: Cells = Vec::new();
    let marker_style = list.first().map(|c| c.1).unwrap_or_default();
    out.push((if start > 0 { '<' } else { ' ' }, marker_style));
    let mut taken = 0;
    let mut end = start;
    for &(ch, st) in &list[start..] {
        let w = ch.width().unwrap_or(0);
        if taken + w > inner {
            break;
        }
        out.push((ch, st));
        taken += w;
        end += 1;
    }
    out.push((if end < list.len() { '>' } else { ' ' }, marker_style));
    out
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
