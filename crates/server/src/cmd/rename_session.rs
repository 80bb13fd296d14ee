//! rename-session: give a session a new name.

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "rename-session",
    alias: Some("rename"),
    flags: "t:",
    args: (1, Some(1)),
    usage: "[-t target-session] new-name",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let found = ctx.target(args, 't', Kind::Session)?;
    let Some(name) = crate::names::session_name(args.arg(0).unwrap_or("")) else {
        return Err("invalid session: ".to_string());
    };
    if let Some(other) = ctx.server.session_by_name(&name) {
        if other == found.session {
            return Ok(Flow::Continue);
        }
        return Err(format!("duplicate session: {name}"));
    }
    ctx.server.rename_session(found.session, name);
    Ok(Flow::Continue)
}
