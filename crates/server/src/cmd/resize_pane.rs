//! resize-pane: grow or shrink a pane (`-L`/`-R`/`-U`/`-D` by N cells, `-x`/`-y` to a
//! size), or zoom it to fill its window (`-Z`).

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "resize-pane",
    alias: Some("resizep"),
    flags: "DLMRTt:Ux:y:Z",
    args: (0, Some(1)),
    usage: "[-DLMRTUZ] [-x width] [-y height] [-t target-pane] [adjustment]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    if args.has('M') {
        // The border under the mouse follows it until the button is let go.
        let at = ctx.current.mouse.ok_or("no mouse target")?;
        ctx.server.start_border_drag(ctx.client, &at);
        return Ok(Flow::Continue);
    }
    let found = ctx.target(args, 't', Kind::Pane)?;
    if args.has('Z') {
        ctx.server.toggle_zoom(found.window, found.pane);
        return Ok(Flow::Continue);
    }
    let (win_w, win_h) = ctx
        .server
        .windows
        .get(&found.window)
        .map(|w| w.size())
        .unwrap_or((0, 0));
    let width = args.get('x').map(|v| dimension(v, win_w)).transpose()?;
    let height = args.get('y').map(|v| dimension(v, win_h)).transpose()?;
    ctx.server.unzoom(found.window);
    if (width.is_some() || height.is_some())
        && let Some(w) = ctx.server.windows.get_mut(&found.window)
    {
        w.layout.set_pane_size(found.pane.0, width, height);
    }
    let amount: u16 = match args.arg(0) {
        Some(a) => a
            .parse()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("adjustment {a} invalid"))?,
        None => 1,
    };
    let direction = super::direction_flag(args);
    if let Some(d) = direction
        && let Some(w) = ctx.server.windows.get_mut(&found.window)
    {
        w.layout.resize_pane(found.pane.0, d, amount);
    }
    ctx.server.apply_layout(found.window);
    Ok(Flow::Continue)
}

/// A size in cells or a percentage of the window.
fn dimension(v: &str, of: u16) -> Result<u16, String> {
    let parsed = match v.strip_suffix('%') {
        Some(p) => p
            .parse::<u32>()
            .ok()
            .map(|p| u16::try_from(u32::from(of) * p / 100).unwrap_or(of)),
        None => v.parse().ok(),
    };
    parsed
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("invalid size: {v}"))
}
