//! suspend-client: stop the client as C-z stops a program (`C-b C-z`); `fg` brings it back.

use rmux_proto::ServerMessage;

use super::{Args, CmdEntry, CmdResult, Ctx, Flow};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "suspend-client",
    alias: Some("suspendc"),
    flags: "t:",
    args: (0, Some(0)),
    usage: "[-t target-client]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let client = super::client_flag(ctx, args, 't')?;
    if let Some(c) = ctx.server.clients.get(&client) {
        c.send(&ServerMessage::Suspend);
    }
    Ok(Flow::Continue)
}
