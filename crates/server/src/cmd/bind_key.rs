//! bind-key: run a command when a key is pressed (after the prefix, or in any table).

use super::{Args, CmdEntry, CmdResult, Ctx, Flow};
use crate::keyname::parse_key;
use crate::keys::Binding;

pub static ENTRY: CmdEntry = CmdEntry {
    name: "bind-key",
    alias: Some("bind"),
    flags: "nrN:T:",
    args: (1, None),
    usage: "[-nr] [-T key-table] [-N note] key [command [arguments]]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let name = args.arg(0).unwrap_or("");
    let key = parse_key(name).ok_or_else(|| format!("unknown key: {name}"))?;
    let table = table_name(args);
    let rest = &args.positional[1..];
    let command = match rest {
        [] => String::new(),
        // One argument is a command line of its own (`bind x 'split-window; select-pane'`
        // or a `{ … }` block).
        [one] => one.clone(),
        many => crate::cmdline::join_command(many),
    };
    if !command.is_empty() {
        super::parse_commands(&command, &ctx.env)?;
    }
    ctx.server.keys.bind(
        table,
        key,
        Binding {
            command,
            repeat: args.has('r'),
            note: args.get('N').map(str::to_string),
        },
    );
    Ok(Flow::Continue)
}

/// `-n` is the root table, `-T` any table, else the prefix table.
pub fn table_name(args: &Args) -> &str {
    if args.has('n') {
        "root"
    } else {
        args.get('T').unwrap_or("prefix")
    }
}
