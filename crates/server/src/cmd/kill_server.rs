//! kill-server: end every session and the server.

use super::{Args, CmdEntry, CmdResult, Ctx, Flow};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "kill-server",
    alias: None,
    flags: "",
    args: (0, Some(0)),
    usage: "",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, _args: &Args) -> CmdResult {
    ctx.server.kill_server();
    Ok(Flow::Continue)
}
