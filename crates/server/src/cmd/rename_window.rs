//! rename-window: give a window a name (which also stops automatic renaming).

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "rename-window",
    alias: Some("renamew"),
    flags: "t:",
    args: (1, Some(1)),
    usage: "[-t target-window] new-name",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let found = ctx.target(args, 't', Kind::Window)?;
    let name = crate::names::window_name(args.arg(0).unwrap_or(""));
    ctx.server.rename_window(found.window, name);
    Ok(Flow::Continue)
}
