//! choose-tree (`C-b s`, `C-b w`) and find-window (`C-b f`): pick a session or window from
//! a list with a preview.

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};
use crate::modes::{Mode, TreeKind, TreeMode};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "choose-tree",
    alias: None,
    flags: "F:f:GK:NO:rst:wZ",
    args: (0, Some(1)),
    usage: "[-GNrswZ] [-F format] [-f filter] [-K key-format] [-O sort-order] [-t target-pane] [template]",
    exec,
};

pub static FIND_WINDOW: CmdEntry = CmdEntry {
    name: "find-window",
    alias: Some("findw"),
    flags: "CiNrt:TZ",
    args: (1, Some(1)),
    usage: "[-CiNrTZ] [-t target-pane] match-string",
    exec: exec_find,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let found = ctx.target(args, 't', Kind::Pane)?;
    let kind = if args.has('s') {
        TreeKind::Sessions
    } else {
        TreeKind::Windows
    };
    let mode = TreeMode::new(kind, ctx.server, found.session, None);
    ctx.server.enter_mode(found.pane, Mode::Tree(mode));
    Ok(Flow::Continue)
}

fn exec_find(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let found = ctx.target(args, 't', Kind::Pane)?;
    let needle = args.arg(0).unwrap_or("").to_string();
    let mut mode = TreeMode::new(TreeKind::Windows, ctx.server, found.session, Some(needle));
    if mode.is_empty(ctx.server) {
        // Nothing matches: every window is shown, as tmux drops a filter that leaves
        // nothing.
        mode = TreeMode::new(TreeKind::Windows, ctx.server, found.session, None);
    }
    ctx.server.enter_mode(found.pane, Mode::Tree(mode));
    Ok(Flow::Continue)
}
