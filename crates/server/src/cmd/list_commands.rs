//! list-commands: every command with its alias and usage.

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, TABLE};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "list-commands",
    alias: Some("lscm"),
    flags: "F:",
    args: (0, Some(1)),
    usage: "[-F format] [command]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    for e in TABLE {
        if args
            .arg(0)
            .is_some_and(|c| c != e.name && Some(c) != e.alias)
        {
            continue;
        }
        let alias = e.alias.map(|a| format!(" ({a})")).unwrap_or_default();
        let line = format!("{}{alias} {}", e.name, e.usage);
        ctx.print(line.trim_end());
    }
    Ok(Flow::Continue)
}
