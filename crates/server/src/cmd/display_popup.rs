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
    let client = super::client_flag(ctx, args, 'c')?;
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
    let target = FormatTarget::for_found(ctx.server, Some(found), Some(client));
    let around = super::placement::Around::of(ctx, client, found);
    let (x, y) = super::placement::place(
        &target,
        args.get('x'),
        args.get('y'),
        (width, height),
        &around,
    );
    let title = args
        .get('T')
        .map(|t| target.expand_plain(t))
        .unwrap_or_default();
    let cwd = args.get('d').map(|d| {
        let dir = FormatTarget::for_found(ctx.server, Some(found), ctx.client).expand_plain(d);
        super::expand_path(ctx, &dir)
    });
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
        pane: NewPane {
            command,
            cwd,
            env,
            shown: None,
        },
    })?;
    Ok(Flow::Channel(channel_name(id), ChannelOp::Wait))
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
