//! kill-window: destroy a window (or, with `-a`, every other window of its session).

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "kill-window",
    alias: Some("killw"),
    flags: "at:",
    args: (0, Some(0)),
    usage: "[-a] [-t target-window]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let found = ctx.target(args, 't', Kind::Window)?;
    if args.has('a') {
        let others: Vec<_> = ctx
            .server
            .sessions
            .get(&found.session)
            .map(|s| s.windows.values().copied().collect::<Vec<_>>())
            .unwrap_or_default()
            .into_iter()
            .filter(|w| *w != found.window)
            .collect();
        for w in others {
            ctx.server.kill_window(w);
        }
    } else {
        ctx.server.kill_window(found.window);
    }
    Ok(Flow::Continue)
}
