//! list-windows: one line per window of a session (`-a`: of every session).

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};
use crate::formats::{FormatTarget, LIST_WINDOWS, LIST_WINDOWS_ALL};
use crate::ids::SessionId;

pub static ENTRY: CmdEntry = CmdEntry {
    name: "list-windows",
    alias: Some("lsw"),
    flags: "aF:f:t:",
    args: (0, Some(0)),
    usage: "[-a] [-F format] [-f filter] [-t target-session]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let sessions: Vec<SessionId> = if args.has('a') {
        ctx.server.sessions_by_name()
    } else {
        vec![ctx.target(args, 't', Kind::Session)?.session]
    };
    let default = if args.has('a') {
        LIST_WINDOWS_ALL
    } else {
        LIST_WINDOWS
    };
    let format = args.get('F').unwrap_or(default);
    let mut lines = Vec::new();
    for s in sessions {
        let Some(session) = ctx.server.sessions.get(&s) else {
            continue;
        };
        for (&index, &w) in &session.windows {
            let f = FormatTarget {
                server: ctx.server,
                winlink: Some(index),
                client: None,
                session: Some(s),
                window: Some(w),
                pane: ctx.server.active_pane(w),
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
