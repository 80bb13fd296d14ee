//! kill-pane: destroy a pane (or, with `-a`, every other pane in its window).

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "kill-pane",
    alias: Some("killp"),
    flags: "at:",
    args: (0, Some(0)),
    usage: "[-a] [-t target-pane]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let found = ctx.target(args, 't', Kind::Pane)?;
    if args.has('a') {
        let others: Vec<_> = ctx
            .server
            .windows
            .get(&found.window)
            .map(|w| w.panes())
            .unwrap_or_default()
            .into_iter()
            .filter(|p| *p != found.pane)
            .collect();
        for p in others {
            ctx.server.kill_pane(p);
        }
    } else {
        ctx.server.kill_pane(found.pane);
    }
    Ok(Flow::Continue)
}
