//! choose-tree (`C-b s`, `C-b w`) and find-window (`C-b f`): pick a session or window from
//! a list with a preview.

use super::{Args, CmdEntry, CmdResult, Ctx, Flow};
use crate::ids::ClientId;
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

fn open(ctx: &mut Ctx<'_>, client: ClientId, mode: TreeMode) {
    if let Some(a) = ctx.server.attached_mut(client) {
        a.mode = Some(Mode::Tree(mode));
        a.prompt = None;
        a.needs_render = true;
    }
}

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let (client, session) = super::attached_session(ctx)?;
    let kind = if args.has('s') {
        TreeKind::Sessions
    } else {
        TreeKind::Windows
    };
    let mode = TreeMode::new(kind, ctx.server, session, None);
    open(ctx, client, mode);
    Ok(Flow::Continue)
}

fn exec_find(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let (client, session) = super::attached_session(ctx)?;
    let needle = args.arg(0).unwrap_or("").to_string();
    let mode = TreeMode::new(TreeKind::Windows, ctx.server, session, Some(needle.clone()));
    if mode.is_empty(ctx.server) {
        return Err(format!("no windows matching: {needle}"));
    }
    open(ctx, client, mode);
    Ok(Flow::Continue)
}
