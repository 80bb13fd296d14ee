//! list-commands: every command with its alias and usage, in tmux's shape or a `-F`
//! format (`#{command_list_name}`, `#{command_list_alias}`, `#{command_list_usage}`).

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, TABLE};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "list-commands",
    alias: Some("lscm"),
    flags: "F:",
    args: (0, Some(1)),
    usage: "[-F format] [command]",
    exec,
};

/// tmux's default line: `name (alias) usage`.
const TEMPLATE: &str =
    "#{command_list_name}#{?command_list_alias, (#{command_list_alias}),} #{command_list_usage}";

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    // A name or alias picks one command; anything else lists nothing, as in tmux.
    let only = args.arg(0);
    let template = args.get('F').unwrap_or(TEMPLATE);
    let now = chrono::Local::now();
    for e in TABLE
        .iter()
        .filter(|e| only.is_none_or(|o| o == e.name || Some(o) == e.alias))
    {
        let vars = |name: &str| -> Option<String> {
            Some(match name {
                "command_list_name" => e.name.to_string(),
                "command_list_alias" => e.alias.unwrap_or("").to_string(),
                "command_list_usage" => e.usage.to_string(),
                _ => return None,
            })
        };
        let line = crate::format::expand_no_time(template, &vars, now);
        ctx.print(&line);
    }
    Ok(Flow::Continue)
}
