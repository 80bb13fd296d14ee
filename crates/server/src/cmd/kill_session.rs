//! kill-session: destroy a session (or, with `-a`, every other session).

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};
use crate::ids::SessionId;

pub static ENTRY: CmdEntry = CmdEntry {
    name: "kill-session",
    alias: None,
    flags: "aCt:",
    args: (0, Some(0)),
    usage: "[-aC] [-t target-session]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let found = ctx.target(args, 't', Kind::Session)?;
    if args.has('C') {
        ctx.server.clear_alerts(found.session);
        return Ok(Flow::Continue);
    }
    if args.has('a') {
        let others: Vec<SessionId> = ctx
            .server
            .sessions
            .keys()
            .copied()
            .filter(|s| *s != found.session)
            .collect();
        for s in others {
            ctx.server.kill_session(s);
        }
    } else {
        ctx.server.kill_session(found.session);
    }
    Ok(Flow::Continue)
}
