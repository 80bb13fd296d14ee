//! list-sessions: one line per session.

use super::{Args, CmdEntry, CmdResult, Ctx, Flow};
use crate::formats::{FormatTarget, LIST_SESSIONS};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "list-sessions",
    alias: Some("ls"),
    flags: "F:f:",
    args: (0, Some(0)),
    usage: "[-F format] [-f filter]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let format = args.get('F').unwrap_or(LIST_SESSIONS);
    let mut lines = Vec::new();
    for id in ctx.server.sessions_by_name() {
        let window = ctx.server.current_window(id);
        let f = FormatTarget {
            server: ctx.server,
            winlink: None,
            client: None,
            session: Some(id),
            window,
            pane: window.and_then(|w| ctx.server.active_pane(w)),
        };
        if super::filter_passes(&f, args.get('f')) {
            lines.push(f.expand_plain(format));
        }
    }
    for l in lines {
        ctx.print(&l);
    }
    Ok(Flow::Continue)
}
