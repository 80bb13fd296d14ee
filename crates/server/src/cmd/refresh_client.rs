//! refresh-client: redraw a client from scratch (`-S`: just the status line); for a
//! control client also its size (`-C`), flags (`-f`) and per-pane output (`-A`).

use super::{Args, CmdEntry, CmdResult, Ctx, Flow};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "refresh-client",
    alias: Some("refresh"),
    flags: "A:B:cC:Df:F:lLRSt:U",
    args: (0, Some(1)),
    usage: "[-cDlLRSU] [-C XxY] [-f flags] [-t target-client] [adjustment]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let client = super::client_flag(ctx, args, 't')?;
    for list in [args.get('f'), args.get('F')].into_iter().flatten() {
        set_flags(ctx, client, list);
    }
    let control = ctx
        .server
        .clients
        .get(&client)
        .is_some_and(|c| c.control.is_some());
    if args.has('A') || args.has('C') {
        if !control {
            return Err("not a control client".to_string());
        }
        if args.has('A') {
            for action in args.all('A') {
                pane_action(ctx, client, action);
            }
            return Ok(Flow::Continue);
        }
        if let Some(size) = args.get('C') {
            return control_size(ctx, client, size);
        }
    }
    if control {
        return Ok(Flow::Continue);
    }
    if let Some(a) = ctx
        .server
        .clients
        .get_mut(&client)
        .and_then(|c| c.attached.as_mut())
    {
        if !args.has('S') {
            a.view.invalidate();
        }
        a.needs_render = true;
    }
    Ok(Flow::Continue)
}

/// `-f`: control flags for a control client; `read-only` for any (and, as in tmux, a
/// read-only client cannot clear it itself).
fn set_flags(ctx: &mut Ctx<'_>, client: crate::ids::ClientId, list: &str) {
    let Some(c) = ctx.server.clients.get_mut(&client) else {
        return;
    };
    if let Some(control) = c.control.as_mut() {
        control.set_flags(list);
    }
    if list.split(',').any(|f| f == "read-only")
        && let Some(a) = c.attached.as_mut()
    {
        a.readonly = true;
    }
}

/// `-C WxH` (or `W,H`): the size a control client's windows may take.
fn control_size(ctx: &mut Ctx<'_>, client: crate::ids::ClientId, text: &str) -> CmdResult {
    let (w, h) = text
        .split_once(['x', ','])
        .and_then(|(w, h)| Some((w.parse::<u32>().ok()?, h.parse::<u32>().ok()?)))
        .ok_or("bad size argument")?;
    let range = 1..=u32::from(crate::server::size::WINDOW_MAX);
    if !range.contains(&w) || !range.contains(&h) {
        return Err("size too small or too big".to_string());
    }
    let size = rmux_term::Size {
        cols: u16::try_from(w).unwrap_or(u16::MAX),
        rows: u16::try_from(h).unwrap_or(u16::MAX),
    };
    let Some(c) = ctx.server.clients.get_mut(&client) else {
        return Ok(Flow::Continue);
    };
    if let Some(control) = c.control.as_mut() {
        control.size = Some(size);
    }
    if let Some(session) = c.session() {
        ctx.server.fit_session(session);
    }
    Ok(Flow::Continue)
}

/// `-A %N:on|off|pause|continue`: a pane's output for this control client. A missing
/// pane or a bad action is ignored, as in tmux.
fn pane_action(ctx: &mut Ctx<'_>, client: crate::ids::ClientId, action: &str) {
    let Some((pane, what)) = action.split_once(':') else {
        return;
    };
    let Some(pane) = pane
        .strip_prefix('%')
        .and_then(|n| n.parse().ok())
        .map(crate::ids::PaneId)
        .filter(|p| ctx.server.panes.contains_key(p))
    else {
        return;
    };
    let Some(control) = ctx
        .server
        .clients
        .get_mut(&client)
        .and_then(|c| c.control.as_mut())
    else {
        return;
    };
    match what {
        "on" => {
            control.off.remove(&pane);
            control.paused.remove(&pane);
        }
        "off" => {
            control.off.insert(pane);
        }
        "pause" if control.paused.insert(pane) => {
            control.off.insert(pane);
            ctx.print(&format!("%pause {pane}"));
        }
        "continue" if control.paused.remove(&pane) => {
            control.off.remove(&pane);
            ctx.print(&format!("%continue {pane}"));
        }
        _ => {}
    }
}
