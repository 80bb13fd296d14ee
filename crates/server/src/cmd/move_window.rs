//! move-window (and swap-window): a window to another index or session, or with `-r`
//! the session's windows renumbered without gaps.

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};
use crate::ids::SessionId;

pub static ENTRY: CmdEntry = CmdEntry {
    name: "move-window",
    alias: Some("movew"),
    flags: "abdkrs:t:",
    args: (0, Some(0)),
    usage: "[-abdkr] [-s src-window] [-t dst-window]",
    exec,
};

pub static SWAP_WINDOW: CmdEntry = CmdEntry {
    name: "swap-window",
    alias: Some("swapw"),
    flags: "ds:t:",
    args: (0, Some(0)),
    usage: "[-d] [-s src-window] [-t dst-window]",
    exec: exec_swap,
};

fn base_index(ctx: &Ctx<'_>, session: SessionId) -> u32 {
    u32::try_from(ctx.server.session_number(Some(session), "base-index")).unwrap_or(0)
}

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    if args.has('r') {
        let found = ctx.target(args, 't', Kind::Session)?;
        let base = base_index(ctx, found.session);
        if let Some(s) = ctx.server.sessions.get_mut(&found.session) {
            s.renumber(base);
        }
        ctx.server.redraw_all();
        return Ok(Flow::Continue);
    }
    let src = ctx.target(args, 's', Kind::Window)?;
    let (dst_session, index) = if args.has('a') || args.has('b') {
        // Next to the target window: after (-a) or before (-b) it, the windows in the
        // way moved up, as tmux does.
        let at = ctx.target(args, 't', Kind::Window)?;
        let index = ctx
            .server
            .sessions
            .get(&at.session)
            .and_then(|s| s.index_of(at.window))
            .ok_or("no such window")?;
        let want = if args.has('a') { index + 1 } else { index };
        super::new_window::shift_up(ctx, at.session, want);
        (at.session, Some(want))
    } else {
        match args.get('t') {
            Some(t) => super::break_pane::destination(ctx, t)?,
            None => (src.session, None),
        }
    };
    let base = base_index(ctx, dst_session);
    let dst = ctx
        .server
        .sessions
        .get(&dst_session)
        .ok_or("no such session")?;
    let index = match index {
        Some(i) if dst.windows.get(&i) == Some(&src.window) => return Ok(Flow::Continue),
        Some(i) if dst.windows.contains_key(&i) => {
            if !args.has('k') {
                return Err(format!("index in use: {i}"));
            }
            if let Some(&w) = dst.windows.get(&i) {
                ctx.server.kill_window(w);
            }
            i
        }
        Some(i) => i,
        None => dst.free_index(base),
    };
    let src_session = ctx
        .server
        .sessions
        .get_mut(&src.session)
        .ok_or("no such session")?;
    let was_current = src_session.current_window() == Some(src.window);
    let Some(old) = src_session.index_of(src.window) else {
        return Err("no such window".to_string());
    };
    src_session.windows.remove(&old);
    if src_session.windows.is_empty() {
        // The last window left: the session ends, as in tmux.
        ctx.server.sessions.remove(&src.session);
    } else if was_current {
        src_session.remove_window(src.window);
    }
    if let Some(s) = ctx.server.sessions.get_mut(&dst_session) {
        s.windows.insert(index, src.window);
        if !args.has('d') || (src.session == dst_session && was_current) {
            s.select(index);
        }
    }
    ctx.server.fit_session(dst_session);
    ctx.server.redraw_all();
    Ok(Flow::Continue)
}

fn exec_swap(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let src = ctx.target(args, 's', Kind::Window)?;
    let dst = ctx.target(args, 't', Kind::Window)?;
    if src.window == dst.window {
        return Ok(Flow::Continue);
    }
    let si = ctx
        .server
        .sessions
        .get(&src.session)
        .and_then(|s| s.index_of(src.window))
        .ok_or("no such window")?;
    let di = ctx
        .server
        .sessions
        .get(&dst.session)
        .and_then(|s| s.index_of(dst.window))
        .ok_or("no such window")?;
    if let Some(s) = ctx.server.sessions.get_mut(&src.session) {
        s.windows.insert(si, dst.window);
    }
    if let Some(s) = ctx.server.sessions.get_mut(&dst.session) {
        s.windows.insert(di, src.window);
        if !args.has('d') {
            s.select(di);
        }
    }
    if !args.has('d')
        && let Some(s) = ctx.server.sessions.get_mut(&src.session)
    {
        s.select(si);
    }
    ctx.server.fit_session(src.session);
    ctx.server.fit_session(dst.session);
    ctx.server.redraw_all();
    Ok(Flow::Continue)
}
