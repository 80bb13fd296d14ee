//! select-pane: make a pane active (`-t`, or the neighbour with `-L`/`-R`/`-U`/`-D`,
//! or the last one with `-l`); `-T` sets its title.

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};
use crate::ids::PaneId;
use crate::layout::Direction;

pub static ENTRY: CmdEntry = CmdEntry {
    name: "select-pane",
    alias: Some("selectp"),
    flags: "DdegLlMmP:RT:t:UZ",
    args: (0, Some(0)),
    usage: "[-DdeLlMmRUZ] [-T title] [-t target-pane]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let found = ctx.target(args, 't', Kind::Pane)?;
    if let Some(title) = args.get('T') {
        ctx.server
            .set_pane_title(found.pane, title.to_string(), false);
        return Ok(Flow::Continue);
    }
    if args.has('M') {
        ctx.server.set_marked(None);
        return Ok(Flow::Continue);
    }
    if args.has('m') {
        let unmark = ctx.server.marked == Some(found.pane);
        ctx.server.set_marked((!unmark).then_some(found.pane));
        return Ok(Flow::Continue);
    }
    if args.has('d') || args.has('e') {
        if let Some(p) = ctx.server.panes.get_mut(&found.pane) {
            p.input_off = args.has('d');
        }
        return Ok(Flow::Continue);
    }
    if args.has('g') {
        return Ok(Flow::Continue);
    }
    let direction = super::direction_flag(args);
    let target = if args.has('l') {
        let w = ctx
            .server
            .windows
            .get(&found.window)
            .ok_or("no such window")?;
        w.last_pane.ok_or("no last pane")?
    } else if let Some(d) = direction {
        match neighbour(ctx, found.pane, d) {
            Some(p) => p,
            None => return Ok(Flow::Continue),
        }
    } else {
        found.pane
    };
    let zoomed = ctx
        .server
        .windows
        .get(&found.window)
        .is_some_and(|w| w.zoomed);
    if zoomed && !args.has('Z') {
        ctx.server.unzoom(found.window);
    }
    ctx.server.activate_pane(target);
    Ok(Flow::Continue)
}

/// The pane next to `pane` in direction `d`, preferring the most recently active.
pub fn neighbour(ctx: &Ctx<'_>, pane: PaneId, d: Direction) -> Option<PaneId> {
    let window = ctx.server.panes.get(&pane)?.window;
    let w = ctx.server.windows.get(&window)?;
    let recency = |p: crate::layout::PaneId| {
        ctx.server
            .panes
            .get(&PaneId(p))
            .map_or(0, |p| p.active_stamp)
    };
    w.layout.neighbour(pane.0, d, &recency).map(PaneId)
}
