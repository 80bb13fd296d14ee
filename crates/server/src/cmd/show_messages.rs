//! show-messages: the messages shown in status lines lately (`C-b ~`).

use super::{Args, CmdEntry, CmdResult, Ctx, Flow};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "show-messages",
    alias: Some("showmsgs"),
    flags: "JTt:",
    args: (0, Some(0)),
    usage: "[-JT] [-t target-client]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, _args: &Args) -> CmdResult {
    let lines: Vec<String> = ctx
        .server
        .messages
        .iter()
        .map(|(when, text)| {
            let t: chrono::DateTime<chrono::Local> = (*when).into();
            format!("{}: {text}", crate::format::ctime(t))
        })
        .collect();
    for l in lines {
        ctx.print(&l);
    }
    Ok(Flow::Continue)
}
