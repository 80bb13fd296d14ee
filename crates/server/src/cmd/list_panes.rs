//! list-panes: one line per pane of a window (`-s`: of a session, `-a`: everywhere).

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};
use crate::formats::{FormatTarget, LIST_PANES, LIST_PANES_ALL};
use crate::ids::{SessionId, WindowId};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "list-panes",
    alias: Some("lsp"),
    flags: "asF:f:t:",
    args: (0, Some(0)),
    usage: "[-as] [-F format] [-f filter] [-t target-window]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let mut windows: Vec<(SessionId, WindowId)> = Vec::new();
    if args.has('a') {
        for s in ctx.server.sessions.values() {
            windows.extend(s.windows.values().map(|w| (s.id, *w)));
        }
    } else if args.has('s') {
        let found = ctx.target(args, 't', Kind::Session)?;
        if let Some(s) = ctx.server.sessions.get(&found.session) {
            windows.extend(s.windows.values().map(|w| (s.id, *w)));
        }
    } else {
        let found = ctx.target(args, 't', Kind::Window)?;
        windows.push((found.session, found.window));
    }
    let default = if args.has('a') || args.has('s') {
        LIST_PANES_ALL
    } else {
        LIST_PANES
    };
    let format = args.get('F').unwrap_or(default);
    let mut lines = Vec::new();
    for (s, w) in windows {
        let panes = ctx
            .server
            .windows
            .get(&w)
            .map(|w| w.panes())
            .unwrap_or_default();
        for p in panes {
            let f = FormatTarget {
                server: ctx.server,
                client: None,
                session: Some(s),
                window: Some(w),
                pane: Some(p),
            };
            if super::filter_passes(&f, args.get('f')) {
                lines.push(f.expand_plain(format));
            }
        }
    }
    for l in lines {
        ctx.print(&l);
    }
    Ok(Flow::Continue)
}
