//! resurrect (rmux's own): make again the sessions of the last snapshot that do not
//! exist now (after `kill-server`, a crash or a reboot).

use super::{Args, CmdEntry, CmdResult, Ctx, Flow};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "resurrect",
    alias: None,
    flags: "",
    args: (0, Some(0)),
    usage: "",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, _args: &Args) -> CmdResult {
    ctx.server.resurrect()?;
    Ok(Flow::Continue)
}
