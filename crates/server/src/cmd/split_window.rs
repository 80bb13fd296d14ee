//! split-window: split a pane in two and start a program in the new one.

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};
use crate::formats::FormatTarget;
use crate::layout::{SplitDirection, SplitSize};
use crate::server::SplitPlacement;

pub static ENTRY: CmdEntry = CmdEntry {
    name: "split-window",
    alias: Some("splitw"),
    flags: "bc:de:fF:hIl:p:PR:t:vZ",
    args: (0, None),
    usage: "[-bdefhIPvZ] [-c start-directory] [-e environment] [-F format] [-l size] [-R restart-policy] [-t target-pane] [shell-command]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let found = ctx.target(args, 't', Kind::Pane)?;
    let direction = if args.has('h') {
        SplitDirection::Horizontal
    } else {
        SplitDirection::Vertical
    };
    let size = split_size(args)?;
    let new_pane = super::new_pane(ctx, args)?;
    let restart = super::restart_flag(args)?;
    let pane = ctx.server.split_pane(
        found.pane,
        direction,
        size,
        SplitPlacement {
            before: args.has('b'),
            full: args.has('f'),
        },
        new_pane,
        !args.has('d'),
    )?;
    super::set_restart(ctx, pane, restart);
    // -Z: the window stays (or becomes) zoomed on its active pane: the new one, or with
    // -d the old one, the new pane then hidden at the window's size as tmux creates it.
    if args.has('Z') {
        ctx.server.set_zoomed(found.window, true);
        if args.has('d')
            && let Some((cols, rows)) = ctx.server.windows.get(&found.window).map(|w| w.size())
        {
            ctx.server
                .resize_pane_to(pane, rmux_term::Size { cols, rows });
        }
    }
    if args.has('P') {
        let format = args
            .get('F')
            .unwrap_or("#{session_name}:#{window_index}.#{pane_index}");
        let line = FormatTarget::for_pane(ctx.server, pane).expand_plain(format);
        ctx.print(&line);
    }
    Ok(Flow::Continue)
}

/// `-l N`, `-l N%` or the old `-p N`.
pub fn split_size(args: &Args) -> Result<SplitSize, String> {
    if let Some(l) = args.get('l') {
        return parse_size(l).ok_or_else(|| format!("invalid size: {l}"));
    }
    if let Some(p) = args.get('p') {
        let n: u16 = p
            .parse()
            .ok()
            .filter(|n| *n <= 100)
            .ok_or_else(|| format!("invalid percentage: {p}"))?;
        return Ok(SplitSize::Percent(n));
    }
    Ok(SplitSize::Half)
}

fn parse_size(s: &str) -> Option<SplitSize> {
    match s.strip_suffix('%') {
        Some(p) => p.parse().ok().filter(|n| *n <= 100).map(SplitSize::Percent),
        None => s.parse().ok().map(SplitSize::Cells),
    }
}
