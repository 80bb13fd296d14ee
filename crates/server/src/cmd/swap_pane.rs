//! swap-pane: two panes change places (`-U`/`-D`: with the previous or next pane).

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "swap-pane",
    alias: Some("swapp"),
    flags: "dDs:t:UZ",
    args: (0, Some(0)),
    usage: "[-dDUZ] [-s src-pane] [-t dst-pane]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let dst = ctx.target(args, 't', Kind::Pane)?;
    let src = if args.has('U') || args.has('D') {
        let w = ctx
            .server
            .windows
            .get(&dst.window)
            .ok_or("no such window")?;
        let panes = w.panes();
        let pos = panes.iter().position(|p| *p == dst.pane).unwrap_or(0);
        let n = panes.len();
        let other = if args.has('U') {
            (pos + n - 1) % n
        } else {
            (pos + 1) % n
        };
        panes[other]
    } else {
        match (args.get('s'), ctx.server.marked) {
            (Some(_), _) => ctx.target(args, 's', Kind::Pane)?.pane,
            (None, Some(marked)) => marked,
            (None, None) => return Err("no marked target".to_string()),
        }
    };
    if src == dst.pane {
        return Ok(Flow::Continue);
    }
    let src_window = ctx.server.panes.get(&src).ok_or("no such pane")?.window;
    if src_window != dst.window {
        return Err("swap-pane between windows is not supported yet".to_string());
    }
    if !args.has('Z') {
        ctx.server.unzoom(dst.window);
    }
    let w = ctx
        .server
        .windows
        .get_mut(&dst.window)
        .ok_or("no such window")?;
    w.layout.swap(src.0, dst.pane.0);
    if args.has('d') {
        // The focus stays where it was on screen: on the pane now in that place.
        if w.active == dst.pane {
            w.active = src;
        } else if w.active == src {
            w.active = dst.pane;
        }
    } else {
        w.active = dst.pane;
    }
    ctx.server.apply_layout(dst.window);
    Ok(Flow::Continue)
}
