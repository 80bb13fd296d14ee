//! clock-mode: show a large clock over a pane until a key is pressed.

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};
use crate::modes::{ClockMode, Mode};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "clock-mode",
    alias: None,
    flags: "t:",
    args: (0, Some(0)),
    usage: "[-t target-pane]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let found = ctx.target(args, 't', Kind::Pane)?;
    ctx.server.enter_mode(found.pane, Mode::Clock(ClockMode));
    Ok(Flow::Continue)
}
