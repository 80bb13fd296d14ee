//! display-popup (`popup`): a command in a box over a client's screen; the command that
//! opens it waits until it closes (fzf's tmux mode and many plugins rely on that).

use super::{Args, ChannelOp, CmdEntry, CmdResult, Ctx, Flow, Kind};
use crate::formats::FormatTarget;
use crate::layout::Rect;
use crate::server::NewPane;
use crate::server::popup::{BoxLines, CloseOn, PopupSpec, channel_name};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "display-popup",
    alias: Some("popup"),
    flags: "Bb:Cc:d:e:Eh:s:S:t:T:w:x:y:",
    args: (0, None),
    usage: "[-BCE] [-b border-lines] [-c target-client] [-d start-directory] [-e environment] [-h height] [-s style] [-S border-style] [-t target-pane] [-T title] [-w width] [-x position] [-y position] [shell-command]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let client = match args.get('c') {
        Some(name) => super::find_client(ctx, name)?,
        None => super::current_client(ctx).ok_or("no current client")?,
    };
    if args.has('C') {
        if let Some(id) = ctx.server.popup_of(client) {
            ctx.server.close_popup(id);
        }
        return Ok(Flow::Continue);
    }
    if ctx.server.popup_of(client).is_some() {
        return Ok(Flow::Continue);
    }
    let found = ctx.target(args, 't', Kind::Pane)?;
    // A control client has no terminal: tmux gives it 80x24 until told otherwise.
    let screen = ctx
        .server
        .clients
        .get(&client)
        .and_then(|c| c.size())
        .unwrap_or(rmux_term::Size { cols: 80, rows: 24 });
    let (sx, sy) = (screen.cols, screen.rows);
    let width = match args.get('w') {
        Some(v) => percentage(v, sx).map_err(|e| format!("width {e}"))?,
        None => sx / 2,
    };
    let height = match args.get('h') {
        Some(v) => percentage(v, sy).map_err(|e| format!("height {e}"))?,
        None => sy / 2,
    };
    let (width, height) = (width.clamp(1, sx), height.clamp(1, sy));
    let target = FormatTarget {
        server: ctx.server,
        winlink: Some(found.index),
        client: Some(client),
        session: Some(found.session),
        window: Some(found.window),
        pane: Some(found.pane),
    };
    let pane = ctx.server.pane_rect_on(client, found.pane);
    let x = position_x(&target, args.get('x'), pane, sx, width);
    let y = position_y(&target, args.get('y'), pane, sy, height);
    let title = args
        .get('T')
        .map(|t| target.expand_plain(t))
        .unwrap_or_default();
    let cwd = args
        .get('d')
        .map(|d| super::expand_path(ctx, &target_text(ctx, found, d)));
    let lines = if args.has('B') {
        None
    } else {
        let name = match args.get('b') {
            Some(b) => b.to_string(),
            None => ctx
                .server
                .window_option(Some(found.window), "popup-border-lines")
                .to_string(),
        };
        BoxLines::named(&name).ok_or_else(|| format!("popup-border-lines unknown value: {name}"))?
    };
    let border_style = match args.get('S') {
        Some(s) => crate::format::style::parse_style(s, rmux_proto::Style::default())
            .map_err(|_| format!("invalid style: {s}"))?,
        None => ctx.server.option_style(
            Some(found.session),
            Some(found.window),
            "popup-border-style",
        ),
    };
    let mut env = Vec::new();
    for e in args.all('e') {
        if let Some((k, v)) = e.split_once('=') {
            env.retain(|(key, _): &(String, String)| key != k);
            env.push((k.to_string(), v.to_string()));
        }
    }
    let command = (!args.positional.is_empty()).then(|| args.positional.join(" "));
    let close = match args.count('E') {
        0 => CloseOn::Keys,
        1 => CloseOn::Exit,
        _ => CloseOn::Success,
    };
    let id = ctx.server.open_popup(PopupSpec {
        client,
        session: found.session,
        rect: Rect {
            x,
            y,
            width,
            height,
        },
        lines,
        title,
        border_style,
        close,
        pane: NewPane { command, cwd, env },
    })?;
    Ok(Flow::Channel(channel_name(id), ChannelOp::Wait))
}

/// A format expanded for the target pane (for -d).
fn target_text(ctx: &Ctx<'_>, found: super::target::Found, text: &str) -> String {
    FormatTarget {
        server: ctx.server,
        winlink: Some(found.index),
        client: ctx.client,
        session: Some(found.session),
        window: Some(found.window),
        pane: Some(found.pane),
    }
    .expand_plain(text)
}

/// `-w`/`-h`: a number of cells or a percentage of the client's size.
fn percentage(value: &str, whole: u16) -> Result<u16, String> {
    let n = match value.strip_suffix('%') {
        Some(p) => {
            let p: u32 = p.parse().map_err(|_| "invalid".to_string())?;
            if p > 100 {
                return Err("too large".to_string());
            }
            u32::from(whole) * p / 100
        }
        None => value.parse::<u32>().map_err(|_| "invalid".to_string())?,
    };
    if n < 1 {
        return Err("too small".to_string());
    }
    if n > u32::from(whole) {
        return Err("too large".to_string());
    }
    u16::try_from(n).map_err(|_| "too large".to_string())
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

/// The left column, as tmux works it out: `C` centred, `R` at the pane's right, `P` at
/// its left, else a number; kept on the screen.
fn position_x(target: &FormatTarget<'_>, x: Option<&str>, pane: Rect, sx: u16, w: u16) -> u16 {
    let (sx, w) = (i64::from(sx), i64::from(w));
    let n = match x {
        None | Some("C") => ((sx - 1) / 2 - w / 2).max(0),
        Some("R") => (i64::from(pane.x) + i64::from(pane.width) - w).max(0),
        Some("P") => i64::from(pane.x),
        Some(other) => number(target, other),
    };
    let n = if n + w >= sx { sx - w } else { n.max(0) };
    u16::try_from(n.max(0)).unwrap_or(0)
}

/// The top row: the argument names the popup's bottom line, as tmux reads it (`C`
/// centred, `P` under the pane, else a number); kept on the screen.
fn position_y(target: &FormatTarget<'_>, y: Option<&str>, pane: Rect, sy: u16, h: u16) -> u16 {
    let (sy, h) = (i64::from(sy), i64::from(h));
    let bottom = match y {
        None | Some("C") => {
            let n = (sy - 1) / 2 + h / 2;
            if n >= sy { sy - h } else { n }
        }
        Some("P") => i64::from(pane.y) + i64::from(pane.height),
        Some(other) => number(target, other),
    };
    let n = if bottom < h { 0 } else { bottom - h };
    let n = if n + h >= sy { sy - h } else { n.max(0) };
    u16::try_from(n.max(0)).unwrap_or(0)
}
