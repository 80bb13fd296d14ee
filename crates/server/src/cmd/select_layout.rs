//! select-layout (and next-layout, previous-layout): arrange a window's panes in one of
//! tmux's five layouts, spread them evenly (`-E`), or restore a `#{window_layout}` string.

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};
use crate::ids::WindowId;
use crate::layout::{Layout, Preset};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "select-layout",
    alias: Some("selectl"),
    flags: "Enopt:",
    args: (0, Some(1)),
    usage: "[-Enop] [-t target-pane] [layout-name]",
    exec,
};

pub static NEXT_LAYOUT: CmdEntry = CmdEntry {
    name: "next-layout",
    alias: Some("nextl"),
    flags: "t:",
    args: (0, Some(0)),
    usage: "[-t target-window]",
    exec: exec_next,
};

pub static PREVIOUS_LAYOUT: CmdEntry = CmdEntry {
    name: "previous-layout",
    alias: Some("prevl"),
    flags: "t:",
    args: (0, Some(0)),
    usage: "[-t target-window]",
    exec: exec_previous,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let found = ctx.target(args, 't', Kind::Pane)?;
    let window = found.window;
    ctx.server.unzoom(window);
    if args.has('n') {
        return cycle(ctx, window, 1);
    }
    if args.has('p') {
        return cycle(ctx, window, Preset::ALL.len() - 1);
    }
    let w = ctx
        .server
        .windows
        .get_mut(&window)
        .ok_or("no such window")?;
    if args.has('o') {
        let old = w.previous_layout.take().ok_or("no last layout")?;
        let current = std::mem::replace(&mut w.layout, old);
        w.previous_layout = Some(current);
        fit(ctx, window);
        return Ok(Flow::Continue);
    }
    if args.has('E') {
        w.previous_layout = Some(w.layout.clone());
        w.layout.spread_evenly(found.pane.0);
        ctx.server.apply_layout(window);
        return Ok(Flow::Continue);
    }
    let Some(name) = args.arg(0) else {
        // No name: the last preset again, as tmux does.
        let again = w.preset.unwrap_or(0);
        return apply_preset(ctx, window, again);
    };
    if let Some(i) = Preset::lookup(name).and_then(|p| Preset::ALL.iter().position(|q| *q == p)) {
        return apply_preset(ctx, window, i);
    }
    let panes = w.layout.pane_order().to_vec();
    let layout =
        Layout::from_tmux_string(name, &panes).map_err(|_| format!("invalid layout: {name}"))?;
    w.previous_layout = Some(std::mem::replace(&mut w.layout, layout));
    fit(ctx, window);
    Ok(Flow::Continue)
}

/// A restored layout string may be for another size: fit it to the window.
fn fit(ctx: &mut Ctx<'_>, window: WindowId) {
    if let Some(w) = ctx.server.windows.get_mut(&window) {
        let (cols, rows) = w.previous_layout.as_ref().map_or(w.size(), Layout::size);
        w.layout.resize(cols, rows);
    }
    ctx.server.apply_layout(window);
}

fn apply_preset(ctx: &mut Ctx<'_>, window: WindowId, index: usize) -> CmdResult {
    let preset = Preset::ALL[index % Preset::ALL.len()];
    let (cols, rows) = ctx
        .server
        .windows
        .get(&window)
        .map(|w| w.size())
        .ok_or("no such window")?;
    let main_width = option_size(
        ctx.server.window_option(Some(window), "main-pane-width"),
        cols,
        80,
    );
    let main_height = option_size(
        ctx.server.window_option(Some(window), "main-pane-height"),
        rows,
        24,
    );
    let other_width = option_size(
        ctx.server.window_option(Some(window), "other-pane-width"),
        cols,
        0,
    );
    let other_height = option_size(
        ctx.server.window_option(Some(window), "other-pane-height"),
        rows,
        0,
    );
    let w = ctx
        .server
        .windows
        .get_mut(&window)
        .ok_or("no such window")?;
    let first = w.layout.pane_order().first().copied().unwrap_or(w.active.0);
    w.previous_layout = Some(w.layout.clone());
    w.layout.apply_preset_sized(
        preset,
        [main_width, main_height, other_width, other_height],
        first,
    );
    w.preset = Some(index % Preset::ALL.len());
    ctx.server.apply_layout(window);
    Ok(Flow::Continue)
}

/// main-pane-width/height: cells, or a percentage of the window less its border.
fn option_size(value: &str, of: u16, default: u16) -> u16 {
    match value.strip_suffix('%') {
        Some(p) => p
            .parse::<u32>()
            .map(|p| {
                let cells = u32::from(of.saturating_sub(1)) * p / 100;
                u16::try_from(cells).unwrap_or(default)
            })
            .unwrap_or(default),
        None => value.parse().unwrap_or(default),
    }
}

fn cycle(ctx: &mut Ctx<'_>, window: WindowId, step: usize) -> CmdResult {
    let current = ctx.server.windows.get(&window).and_then(|w| w.preset);
    let next = match current {
        Some(i) => (i + step) % Preset::ALL.len(),
        // Nothing applied yet: tmux starts from even-horizontal going forward and from
        // tiled going back.
        None if step == 1 => 0,
        None => Preset::ALL.len() - 1,
    };
    apply_preset(ctx, window, next)
}

fn exec_next(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let found = ctx.target(args, 't', Kind::Window)?;
    ctx.server.unzoom(found.window);
    cycle(ctx, found.window, 1)
}

fn exec_previous(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let found = ctx.target(args, 't', Kind::Window)?;
    ctx.server.unzoom(found.window);
    cycle(ctx, found.window, Preset::ALL.len() - 1)
}
