//! server-upgrade (rmux's own): the running server carries on as the rmux binary now on
//! disk, keeping every pane's program, screen and history (see `server/upgrade.rs`).

use super::{Args, CmdEntry, CmdResult, Ctx, Flow};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "server-upgrade",
    alias: None,
    flags: "",
    args: (0, Some(0)),
    usage: "",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, _args: &Args) -> CmdResult {
    // Returns only when the upgrade could not be done; the server carries on unchanged.
    ctx.server.upgrade()?;
    Ok(Flow::Continue)
}
