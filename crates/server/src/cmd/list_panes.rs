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
    let mut windows: Vec<(SessionId, u32, WindowId)> = Vec::new();
    let sessions = if args.has('a') {
        ctx.server.sessions_by_name()
    } else if args.has('s') {
        vec![ctx.target(args, 't', Kind::Session)?.session]
    } else {
        Vec::new()
    };
    for id in sessions {
        if let Some(s) = ctx.server.sessions.get(&id) {
            windows.extend(s.windows.iter().map(|(i, w)| (id, *i, *w)));
        }
    }
    if !args.has('a') && !args.has('s') {
        let found = ctx.target(args, 't', Kind::Window)?;
        windows.push((found.session, found.index, found.window));
    }
    let default = if args.has('a') || args.has('s') {
        LIST_PANES_ALL
    } else {
        LIST_PANES
    };
    let format = args.get('F').unwrap_or(default);
    let mut lines = Vec::new();
    for (s, index, w) in windows {
        let panes = ctx
            .server
            .windows
            .get(&w)
            .map(|w| w.panes())
            .unwrap_or_default();
        for p in panes {
            let f = FormatTarget {
                server: ctx.server,
                winlink: Some(index),
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
