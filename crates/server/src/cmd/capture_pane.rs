//! capture-pane: the text of a pane, with its history, to stdout (`-p`) or a paste
//! buffer; clear-history: forget a pane's history.

use rmux_term::CaptureOptions;

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "capture-pane",
    alias: Some("capturep"),
    flags: "ab:CeE:JNpPqS:t:T",
    args: (0, Some(0)),
    usage: "[-aCeJNpPqT] [-b buffer-name] [-E end-line] [-S start-line] [-t target-pane]",
    exec,
};

pub static CLEAR_HISTORY: CmdEntry = CmdEntry {
    name: "clear-history",
    alias: Some("clearhist"),
    flags: "t:",
    args: (0, Some(0)),
    usage: "[-t target-pane]",
    exec: exec_clear,
};

fn exec_clear(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let found = ctx.target(args, 't', Kind::Pane)?;
    let pane = ctx
        .server
        .panes
        .get_mut(&found.pane)
        .ok_or("no such pane")?;
    // A view into the history would point at nothing: leave it, as tmux does.
    pane.copy = None;
    pane.term
        .lock()
        .map_err(|_| "pane is unavailable".to_string())?
        .clear_history();
    ctx.server.redraw_window(found.window);
    Ok(Flow::Continue)
}

fn line_arg(v: Option<&str>, dash: i64) -> Result<Option<i64>, String> {
    match v {
        None => Ok(None),
        Some("-") => Ok(Some(dash)),
        Some(n) => n
            .parse()
            .map(Some)
            .map_err(|_| format!("invalid line number: {n}")),
    }
}

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let found = ctx.target(args, 't', Kind::Pane)?;
    let pane = ctx.server.panes.get(&found.pane).ok_or("no such pane")?;
    let opts = CaptureOptions {
        start: line_arg(args.get('S'), i64::MIN)?,
        end: line_arg(args.get('E'), i64::MAX)?,
        escapes: args.has('e'),
        join: args.has('J'),
        keep_trailing: args.has('N') || args.has('J'),
    };
    let text = pane
        .term
        .lock()
        .map_err(|_| "pane is unavailable".to_string())?
        .capture(&opts);
    if args.has('p') {
        ctx.out.push_str(&text);
    } else {
        ctx.server.buffers.set(args.get('b'), text);
    }
    Ok(Flow::Continue)
}
