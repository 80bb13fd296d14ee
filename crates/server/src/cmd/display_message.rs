//! display-message: expand a format and show it in the status line, or print it (`-p`).

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};
use crate::formats::{DISPLAY_MESSAGE, FormatTarget};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "display-message",
    alias: Some("display"),
    flags: "aCc:d:lINpt:F:v",
    args: (0, Some(1)),
    usage: "[-aCIlNpv] [-c target-client] [-d delay] [-F format] [-t target-pane] [message]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let found = ctx.target(args, 't', Kind::Pane).ok();
    let client = match args.get('c') {
        Some(c) => Some(super::find_client(ctx, c)?),
        None => super::current_client(ctx),
    };
    if args.arg(0).is_some() && args.has('F') {
        return Err("only one of -F or argument must be given".to_string());
    }
    if args.has('a') {
        // Every variable this target has, by name, as tmux lists them.
        let target = FormatTarget::for_found(ctx.server, found, client);
        let lines: Vec<String> = crate::formats::variable_names()
            .filter_map(|name| {
                crate::format::FormatContext::var(&target, name).map(|v| format!("{name}={v}"))
            })
            .collect();
        for l in lines {
            ctx.print(&l);
        }
        return Ok(Flow::Continue);
    }
    let template = args.arg(0).or(args.get('F')).unwrap_or(DISPLAY_MESSAGE);
    let text = if args.has('l') {
        template.to_string()
    } else {
        FormatTarget::for_found(ctx.server, found, client).expand(template)
    };
    let to_status = !args.has('p') && client.is_some();
    if !to_status {
        ctx.print(&text);
        return Ok(Flow::Continue);
    }
    if let Some(c) = client {
        let delay = match args.get('d') {
            Some(d) => d
                .parse::<u64>()
                .map_err(|_| format!("invalid delay: {d}"))?,
            None => {
                let session = ctx.server.clients.get(&c).and_then(|c| c.session());
                ctx.server
                    .session_number(session, "display-time")
                    .unsigned_abs()
            }
        };
        ctx.server.show_message(c, &text, delay);
    }
    Ok(Flow::Continue)
}
