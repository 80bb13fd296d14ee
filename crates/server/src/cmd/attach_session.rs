//! attach-session: attach the calling terminal to a session.

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};
use crate::ids::SessionId;

pub static ENTRY: CmdEntry = CmdEntry {
    name: "attach-session",
    alias: Some("attach"),
    flags: "c:dEf:rt:x",
    args: (0, Some(0)),
    usage: "[-dErx] [-c working-directory] [-f flags] [-t target-session]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    if ctx.server.sessions.is_empty() {
        return Err("no sessions".to_string());
    }
    // A client that was attached when the server upgraded comes back (it executed
    // itself anew, same process) to the session it showed, as it was.
    let peer = ctx
        .client
        .and_then(|c| ctx.server.clients.get(&c))
        .map(|c| c.peer_pid);
    if !args.has('t')
        && let Some(back) = peer.and_then(|pid| ctx.server.take_reattach(pid))
        && ctx.server.sessions.contains_key(&back.session)
    {
        return attach(ctx, back.session, false, back.readonly);
    }
    let found = ctx.target(args, 't', Kind::Session)?;
    if let Some(dir) = args.get('c') {
        let dir = super::expand_path(ctx, dir);
        ctx.server.set_session_cwd(found.session, dir);
    }
    attach(ctx, found.session, args.has('d'), args.has('r'))
}

/// Attach the caller to `session` (or switch to it if the caller is already attached).
pub fn attach(
    ctx: &mut Ctx<'_>,
    session: SessionId,
    detach_others: bool,
    readonly: bool,
) -> CmdResult {
    if detach_others {
        let name = ctx
            .server
            .sessions
            .get(&session)
            .map(|s| s.name.clone())
            .unwrap_or_default();
        let others: Vec<_> = ctx
            .server
            .attached_clients(session)
            .map(|c| c.id)
            .filter(|c| Some(*c) != ctx.client)
            .collect();
        for c in others {
            ctx.server
                .detach_client(c, format!("[detached (from session {name})]"));
        }
    }
    if let Some(client) = ctx.attached_client() {
        ctx.server.switch_client(client, session);
        return Ok(Flow::Continue);
    }
    check_can_attach(ctx)?;
    Ok(Flow::Attach { session, readonly })
}

/// A client can attach only from a terminal, and not from inside one of our panes.
pub fn check_can_attach(ctx: &Ctx<'_>) -> Result<(), String> {
    if ctx.attached_client().is_some() {
        return Ok(());
    }
    // A control client attaches without a terminal: it is sent text, not frames.
    if ctx
        .client
        .and_then(|c| ctx.server.clients.get(&c))
        .is_some_and(|c| c.control.is_some())
    {
        return Ok(());
    }
    if ctx.terminal.is_none() {
        return Err("open terminal failed: not a terminal".to_string());
    }
    if ctx.env_var("RMUX").is_some_and(|v| !v.is_empty()) {
        return Err("sessions should be nested with care, unset $RMUX to force".to_string());
    }
    Ok(())
}
