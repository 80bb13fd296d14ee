//! resize-window: give a window a size of its own (window-size becomes manual), or the
//! largest (`-A`) or smallest (`-a`) of its clients'.

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};
use crate::server::size::{WINDOW_MAX, WINDOW_MIN};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "resize-window",
    alias: Some("resizew"),
    flags: "aADLRUx:y:t:",
    args: (0, Some(1)),
    usage: "[-aADLRU] [-x width] [-y height] [-t target-window] [adjustment]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let found = ctx.target(args, 't', Kind::Window)?;
    let adjust = match args.arg(0) {
        None => 1,
        Some(a) => {
            super::parse_number(a, 1, i64::from(i32::MAX)).map_err(|e| format!("adjustment {e}"))?
        }
    };
    let adjust = u16::try_from(adjust).unwrap_or(u16::MAX);
    let w = ctx
        .server
        .windows
        .get(&found.window)
        .ok_or("no such window")?;
    let (mut cols, mut rows) = w.size();
    let dimension = |flag: char, what: &str| -> Result<Option<u16>, String> {
        args.get(flag)
            .map(|v| {
                super::parse_number(v, i64::from(WINDOW_MIN), i64::from(WINDOW_MAX))
                    .map(|n| u16::try_from(n).unwrap_or(WINDOW_MAX))
                    .map_err(|e| format!("{what} {e}"))
            })
            .transpose()
    };
    if let Some(x) = dimension('x', "width")? {
        cols = x;
    }
    if let Some(y) = dimension('y', "height")? {
        rows = y;
    }
    if args.has('L') {
        if cols >= adjust {
            cols -= adjust;
        }
    } else if args.has('R') {
        cols = cols.saturating_add(adjust);
    } else if args.has('U') {
        if rows >= adjust {
            rows -= adjust;
        }
    } else if args.has('D') {
        rows = rows.saturating_add(adjust);
    }
    let kind = if args.has('A') {
        Some("largest")
    } else if args.has('a') {
        Some("smallest")
    } else {
        None
    };
    if let Some(kind) = kind {
        let size = ctx.server.clients_pick_size(found.session, kind);
        (cols, rows) = (size.cols, size.rows);
    }
    ctx.server.set_manual_size(found.window, cols, rows);
    Ok(Flow::Continue)
}
