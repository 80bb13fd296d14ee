//! list-clients: one line per attached client.

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};
use crate::formats::{FormatTarget, LIST_CLIENTS};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "list-clients",
    alias: Some("lsc"),
    flags: "F:t:",
    args: (0, Some(0)),
    usage: "[-F format] [-t target-session]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let only = match args.get('t') {
        Some(_) => Some(ctx.target(args, 't', Kind::Session)?.session),
        None => None,
    };
    let format = args.get('F').unwrap_or(LIST_CLIENTS);
    let mut lines = Vec::new();
    // A client told to go (its last messages still being written) is not listed.
    for c in ctx.server.clients.values().filter(|c| !c.closing) {
        let Some(session) = c.session() else { continue };
        if only.is_some_and(|s| s != session) {
            continue;
        }
        let window = ctx.server.current_window(session);
        let f = FormatTarget {
            server: ctx.server,
            winlink: None,
            client: Some(c.id),
            session: Some(session),
            window,
            pane: window.and_then(|w| ctx.server.active_pane(w)),
        };
        lines.push(f.expand_plain(format));
    }
    for l in lines {
        ctx.print(&l);
    }
    Ok(Flow::Continue)
}
