//! has-session: exit 0 if the session exists; if not, tmux's error and exit 1 (scripts
//! test it with `2>/dev/null`).

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "has-session",
    alias: Some("has"),
    flags: "t:",
    args: (0, Some(0)),
    usage: "[-t target-session]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    ctx.target(args, 't', Kind::Session)?;
    Ok(Flow::Continue)
}
