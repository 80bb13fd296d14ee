//! select-window and its relatives next-window, previous-window and last-window.

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};
use crate::ids::SessionId;

pub static ENTRY: CmdEntry = CmdEntry {
    name: "select-window",
    alias: Some("selectw"),
    flags: "lnpTt:",
    args: (0, Some(0)),
    usage: "[-lnpT] [-t target-window]",
    exec,
};

pub static NEXT_WINDOW: CmdEntry = CmdEntry {
    name: "next-window",
    alias: Some("next"),
    flags: "at:",
    args: (0, Some(0)),
    usage: "[-a] [-t target-session]",
    exec: exec_next,
};

pub static PREVIOUS_WINDOW: CmdEntry = CmdEntry {
    name: "previous-window",
    alias: Some("prev"),
    flags: "at:",
    args: (0, Some(0)),
    usage: "[-a] [-t target-session]",
    exec: exec_previous,
};

pub static LAST_WINDOW: CmdEntry = CmdEntry {
    name: "last-window",
    alias: Some("last"),
    flags: "t:",
    args: (0, Some(0)),
    usage: "[-t target-session]",
    exec: exec_last,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    if args.has('n') {
        return exec_next(ctx, args);
    }
    if args.has('p') {
        return exec_previous(ctx, args);
    }
    if args.has('l') {
        return exec_last(ctx, args);
    }
    let found = ctx.target(args, 't', Kind::Window)?;
    let index = found.index;
    let already = ctx
        .server
        .sessions
        .get(&found.session)
        .is_some_and(|s| s.current == index);
    if already && args.has('T') {
        return exec_last(ctx, args);
    }
    select(ctx, found.session, index);
    Ok(Flow::Continue)
}

/// Make window `index` current in `session` and redraw its clients.
pub fn select(ctx: &mut Ctx<'_>, session: SessionId, index: u32) {
    ctx.server.select_window(session, index);
}

fn step(ctx: &mut Ctx<'_>, args: &Args, forward: bool) -> CmdResult {
    let found = ctx.target(args, 't', Kind::Session)?;
    let s = ctx
        .server
        .sessions
        .get(&found.session)
        .ok_or("no such session")?;
    let alerts_only = args.has('a');
    let mut order: Vec<u32> = s
        .windows
        .iter()
        .filter(|(_, w)| {
            !alerts_only
                || ctx
                    .server
                    .windows
                    .get(w)
                    .is_some_and(|w| w.alerts.bell || w.alerts.activity || w.alerts.silence)
        })
        .map(|(i, _)| *i)
        .collect();
    if !forward {
        order.reverse();
    }
    let current = s.current;
    let next = order
        .iter()
        .find(|i| {
            if forward {
                **i > current
            } else {
                **i < current
            }
        })
        .or_else(|| order.first())
        .copied();
    match next {
        Some(i) if i != current || order.len() == 1 => {
            select(ctx, found.session, i);
            Ok(Flow::Continue)
        }
        _ if alerts_only => Err("no window with alert".to_string()),
        _ => Ok(Flow::Continue),
    }
}

fn exec_next(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    step(ctx, args, true)
}

fn exec_previous(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    step(ctx, args, false)
}

fn exec_last(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let found = ctx.target(args, 't', Kind::Session)?;
    let s = ctx
        .server
        .sessions
        .get(&found.session)
        .ok_or("no such session")?;
    let last = s
        .last_window()
        .and_then(|w| s.index_of(w))
        .ok_or("no last window")?;
    select(ctx, found.session, last);
    Ok(Flow::Continue)
}
