//! has-session: exit 0 if the session exists, 1 if not. Silent either way, unlike tmux,
//! which prints "can't find session" — scripts use it as a test.

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
    match ctx.target(args, 't', Kind::Session) {
        Ok(_) => Ok(Flow::Continue),
        Err(_) => Err(String::new()),
    }
}
