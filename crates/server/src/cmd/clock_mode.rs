//! clock-mode: show a large clock over the active pane until a key is pressed.

use super::{Args, CmdEntry, CmdResult, Ctx, Flow};
use crate::modes::{ClockMode, Mode};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "clock-mode",
    alias: None,
    flags: "t:",
    args: (0, Some(0)),
    usage: "[-t target-pane]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, _args: &Args) -> CmdResult {
    let (client, _) = super::attached_session(ctx)?;
    if let Some(a) = ctx.server.attached_mut(client) {
        a.mode = Some(Mode::Clock(ClockMode));
        a.needs_render = true;
    }
    Ok(Flow::Continue)
}
