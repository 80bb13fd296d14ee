//! join-pane (and move-pane): move a pane into another pane's space, splitting it.

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};
use crate::layout::SplitDirection;
use crate::server::SplitPlacement;

pub static ENTRY: CmdEntry = CmdEntry {
    name: "join-pane",
    alias: Some("joinp"),
    flags: "bdfhvp:l:s:t:",
    args: (0, Some(0)),
    usage: "[-bdfhv] [-l size] [-s src-pane] [-t dst-pane]",
    exec,
};

pub static MOVE_PANE: CmdEntry = CmdEntry {
    name: "move-pane",
    alias: Some("movep"),
    flags: "bdfhvp:l:s:t:",
    args: (0, Some(0)),
    usage: "[-bdfhv] [-l size] [-s src-pane] [-t dst-pane]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    // Without -s the marked pane moves, as in tmux.
    let src = match (args.get('s'), ctx.server.marked) {
        (None, Some(marked)) => super::target::resolve(
            ctx.server,
            &ctx.current,
            Some(&marked.to_string()),
            Kind::Pane,
        )?,
        _ => ctx.target(args, 's', Kind::Pane)?,
    };
    let dst = ctx.target(args, 't', Kind::Pane)?;
    let direction = if args.has('h') {
        SplitDirection::Horizontal
    } else {
        SplitDirection::Vertical
    };
    let size = super::split_window::split_size(args)?;
    ctx.server.join_pane(
        src.pane,
        dst.pane,
        direction,
        size,
        SplitPlacement {
            before: args.has('b'),
            full: args.has('f'),
        },
        !args.has('d'),
    )?;
    if !args.has('d') {
        ctx.server.select_window(dst.session, dst.index);
    }
    Ok(Flow::Continue)
}
