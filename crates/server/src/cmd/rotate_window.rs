//! rotate-window: every pane moves one place along (`-U` up, the default, or `-D`).

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "rotate-window",
    alias: Some("rotatew"),
    flags: "Dt:UZ",
    args: (0, Some(0)),
    usage: "[-DUZ] [-t target-window]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let found = ctx.target(args, 't', Kind::Window)?;
    if !args.has('Z') {
        ctx.server.unzoom(found.window);
    }
    let w = ctx
        .server
        .windows
        .get_mut(&found.window)
        .ok_or("no such window")?;
    let upward = !args.has('D');
    let before = w.panes();
    let pos = before.iter().position(|p| *p == w.active).unwrap_or(0);
    w.layout.rotate(upward);
    // The focus stays with the place on screen, as in tmux.
    let after = w.panes();
    if let Some(p) = after.get(pos) {
        w.active = *p;
    }
    ctx.server.apply_layout(found.window);
    Ok(Flow::Continue)
}
