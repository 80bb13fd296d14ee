//! last-pane: go back to the previously active pane of the window.

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "last-pane",
    alias: Some("lastp"),
    flags: "det:Z",
    args: (0, Some(0)),
    usage: "[-deZ] [-t target-window]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let found = ctx.target(args, 't', Kind::Window)?;
    let last = ctx
        .server
        .windows
        .get(&found.window)
        .and_then(|w| w.last_pane)
        .filter(|p| ctx.server.panes.contains_key(p))
        .ok_or("no last pane")?;
    if !args.has('Z') {
        ctx.server.unzoom(found.window);
    }
    ctx.server.activate_pane(last);
    Ok(Flow::Continue)
}
