//! start-server: make sure a server runs (the client already started one if needed).

use super::{Args, CmdEntry, CmdResult, Ctx, Flow};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "start-server",
    alias: Some("start"),
    flags: "",
    args: (0, Some(0)),
    usage: "",
    exec,
};

fn exec(_ctx: &mut Ctx<'_>, _args: &Args) -> CmdResult {
    Ok(Flow::Continue)
}
