//! break-pane: move a pane out into a window of its own.

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};
use crate::formats::FormatTarget;

pub static ENTRY: CmdEntry = CmdEntry {
    name: "break-pane",
    alias: Some("breakp"),
    flags: "abdPF:n:s:t:",
    args: (0, Some(0)),
    usage: "[-abdP] [-F format] [-n window-name] [-s src-pane] [-t dst-window]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let src = ctx.target(args, 's', Kind::Pane)?;
    let (session, index) = match args.get('t') {
        Some(t) => destination(ctx, t)?,
        None => (src.session, None),
    };
    ctx.server.unlink_pane(src.pane)?;
    let select = !args.has('d');
    let window = ctx.server.window_from_pane(
        session,
        index,
        args.get('n').map(str::to_string),
        src.pane,
        select,
    )?;
    if select {
        ctx.server.fit_session(session);
    }
    let _ = window;
    if args.has('P') {
        let format = args
            .get('F')
            .unwrap_or("#{session_name}:#{window_index}.#{pane_index}");
        let line = FormatTarget::for_pane(ctx.server, src.pane).expand_plain(format);
        ctx.print(&line);
    }
    Ok(Flow::Continue)
}

/// `-t session:index` (the index need not exist yet) or a session.
pub fn destination(
    ctx: &Ctx<'_>,
    target: &str,
) -> Result<(crate::ids::SessionId, Option<u32>), String> {
    if let Some((s, w)) = target.rsplit_once(':') {
        let session = if s.is_empty() {
            super::target::resolve(ctx.server, &ctx.current, None, Kind::Session)?.session
        } else {
            super::target::find_session(ctx.server, s)?
        };
        let index = if w.is_empty() {
            None
        } else {
            Some(w.parse().map_err(|_| format!("bad window index: {w}"))?)
        };
        return Ok((session, index));
    }
    let found = super::target::resolve(ctx.server, &ctx.current, Some(target), Kind::Session)?;
    Ok((found.session, None))
}
