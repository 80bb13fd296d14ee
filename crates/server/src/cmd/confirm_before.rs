//! confirm-before: ask `(y/n)` in the status line before running a command.

use super::{Args, CmdEntry, CmdResult, Ctx, Flow};
use crate::prompt::Prompt;

pub static ENTRY: CmdEntry = CmdEntry {
    name: "confirm-before",
    alias: Some("confirm"),
    flags: "bc:p:t:y",
    args: (1, Some(1)),
    usage: "[-by] [-c confirm-key] [-p prompt] [-t target-client] command",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let client = super::client_flag(ctx, args, 't')?;
    let command = args.arg(0).unwrap_or("").to_string();
    let label = match args.get('p') {
        Some(p) => super::expand_for_client(ctx, client, p),
        None => {
            let first = command.split_whitespace().next().unwrap_or("");
            format!("Confirm '{first}'? (y/n)")
        }
    };
    ctx.server
        .open_prompt(client, Prompt::confirm(label, command));
    Ok(Flow::Continue)
}
