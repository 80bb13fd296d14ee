//! bind-key: run a command when a key is pressed (after the prefix, or in any table).

use super::{Args, CmdEntry, CmdResult, Ctx, Flow};
use crate::keyname::{BindKey, parse_bind_key};
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
    let server: &crate::server::Server = ctx.server;
    let (table, key, binding) = binding(args, &ctx.env, |name| {
        super::alias_of(server, name).is_some()
    })?;
    ctx.server.keys.bind(&table, key, binding);
    Ok(Flow::Continue)
}

/// The binding bind-key's arguments make: (table, key, binding). The command is kept as
/// tmux prints it back (full names, its own quoting, blocks as blocks), so list-keys
/// shows what tmux would, and it parses back to the same commands. Every command must
/// exist (or be a `command-alias`, as `is_alias` says), as tmux checks when binding.
pub fn binding(
    args: &Args,
    env: &[(String, String)],
    is_alias: impl Fn(&str) -> bool,
) -> Result<(String, BindKey, Binding), String> {
    let name = args.arg(0).unwrap_or("");
    let key = parse_bind_key(name).ok_or_else(|| format!("unknown key: {name}"))?;
    let table = table_name(args).to_string();
    let list = super::command_list(args, 1, env)?;
    super::check_names(&list, is_alias)?;
    let command = super::print_commands(&list, " ; ").unwrap_or_else(|| {
        list.iter()
            .map(|(argv, _)| crate::cmdline::join_command(argv))
            .collect::<Vec<_>>()
            .join(" ; ")
    });
    Ok((
        table,
        key,
        Binding {
            command,
            repeat: args.has('r'),
            note: args.get('N').map(str::to_string),
        },
    ))
}

/// `-n` is the root table, `-T` any table, else the prefix table.
pub fn table_name(args: &Args) -> &str {
    if args.has('n') {
        "root"
    } else {
        args.get('T').unwrap_or("prefix")
    }
}
