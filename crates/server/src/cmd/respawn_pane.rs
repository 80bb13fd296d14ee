//! respawn-pane and respawn-window: start a pane's program again (after it exited, or
//! killing it with `-k`).

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "respawn-pane",
    alias: Some("respawnp"),
    flags: "c:e:kR:t:",
    args: (0, None),
    usage: "[-k] [-c start-directory] [-e environment] [-R restart-policy] [-t target-pane] [shell-command]",
    exec,
};

pub static RESPAWN_WINDOW: CmdEntry = CmdEntry {
    name: "respawn-window",
    alias: Some("respawnw"),
    flags: "c:e:kt:",
    args: (0, None),
    usage: "[-k] [-c start-directory] [-e environment] [-t target-window] [shell-command]",
    exec: exec_window,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let found = ctx.target(args, 't', Kind::Pane)?;
    let alive = ctx
        .server
        .panes
        .get(&found.pane)
        .is_some_and(|p| p.exited.is_none());
    if alive && !args.has('k') {
        return Err(format!("pane {} still active", found.pane));
    }
    let new = super::new_pane(ctx, args)?;
    let restart = super::restart_flag(args)?;
    ctx.server.respawn_pane(found.pane, new)?;
    super::set_restart(ctx, found.pane, restart);
    Ok(Flow::Continue)
}

fn exec_window(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let found = ctx.target(args, 't', Kind::Window)?;
    let panes = ctx
        .server
        .windows
        .get(&found.window)
        .map(|w| w.panes())
        .unwrap_or_default();
    let alive = panes
        .iter()
        .any(|p| ctx.server.panes.get(p).is_some_and(|p| p.exited.is_none()));
    if alive && !args.has('k') {
        return Err(format!("window {} still active", found.window));
    }
    let Some((&first, rest)) = panes.split_first() else {
        return Err("window has no panes".to_string());
    };
    for p in rest {
        ctx.server.kill_pane(*p);
    }
    let new = super::new_pane(ctx, args)?;
    ctx.server.respawn_pane(first, new)?;
    ctx.server.activate_pane(first);
    Ok(Flow::Continue)
}
