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

pub static LINK_WINDOW: CmdEntry = CmdEntry {
    name: "link-window",
    alias: Some("linkw"),
    flags: "abdks:t:",
    args: (0, Some(0)),
    usage: "[-abdk] [-s src-window] [-t dst-window]",
    exec: exec_link,
};

pub static UNLINK_WINDOW: CmdEntry = CmdEntry {
    name: "unlink-window",
    alias: Some("unlinkw"),
    flags: "kt:",
    args: (0, Some(0)),
    usage: "[-k] [-t target-window]",
    exec: exec_unlink,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    if args.has('r') {
        let found = ctx.target(args, 't', Kind::Session)?;
        let base = base_index(ctx, found.session);
        ctx.server.renumber_windows(found.session, base);
        return Ok(Flow::Continue);
    }
    link(ctx, args, true)
}

fn exec_link(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    link(ctx, args, false)
}

/// link-window, and move-window as tmux does it: a link at the destination, then (to
/// move) the source's link taken away.
fn link(ctx: &mut Ctx<'_>, args: &Args, moving: bool) -> CmdResult {
    let mut src = ctx.target(args, 's', Kind::Window)?;
    let (dst_session, index) = if args.has('a') || args.has('b') {
        // Next to the target window: after (-a) or before (-b) it, the windows in the
        // way moved up, as tmux does.
        let at = ctx.target(args, 't', Kind::Window)?;
        let want = if args.has('a') {
            at.index + 1
        } else {
            at.index
        };
        let moved = super::new_window::shift_up(ctx, at.session, want);
        if src.session == at.session && moved.contains(&src.index) {
            src.index += 1;
        }
        (at.session, Some(want))
    } else {
        match args.get('t') {
            Some(t) => super::break_pane::destination(ctx, t)?,
            None => (
                super::target::resolve(ctx.server, &ctx.current, None, Kind::Session)?.session,
                None,
            ),
        }
    };
    ctx.server.link_window(
        src.session,
        src.window,
        dst_session,
        index,
        args.has('k'),
        !args.has('d'),
    )?;
    if moving {
        ctx.server.unlink_window(src.session, src.index);
        let renumber = crate::options::parse_flag(
            ctx.server
                .session_option(Some(src.session), "renumber-windows"),
        )
        .unwrap_or(false);
        if renumber && !args.has('s') && ctx.server.sessions.contains_key(&src.session) {
            let base = base_index(ctx, src.session);
            ctx.server.renumber_windows(src.session, base);
        }
    }
    ctx.server.changed();
    Ok(Flow::Continue)
}

fn exec_unlink(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let found = ctx.target(args, 't', Kind::Window)?;
    if !args.has('k') && !ctx.server.session_is_linked(found.session, found.window) {
        return Err("window only linked to one session".to_string());
    }
    ctx.server.unlink_window(found.session, found.index);
    Ok(Flow::Continue)
}

fn exec_swap(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let src = ctx.target(args, 's', Kind::Window)?;
    let dst = ctx.target(args, 't', Kind::Window)?;
    if src.window == dst.window {
        return Ok(Flow::Continue);
    }
    ctx.server.swap_windows(
        (src.session, src.index),
        (dst.session, dst.index),
        !args.has('d'),
    );
    Ok(Flow::Continue)
}
