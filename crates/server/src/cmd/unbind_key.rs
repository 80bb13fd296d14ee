//! unbind-key: remove a key binding (or with `-a` every binding of a table).

use super::{Args, CmdEntry, CmdResult, Ctx, Flow};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "unbind-key",
    alias: Some("unbind"),
    flags: "anqT:",
    args: (0, Some(1)),
    usage: "[-anq] [-T key-table] key",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let table = super::bind_key::table_name(args);
    if args.has('a') {
        ctx.server.keys.unbind_all(table);
        return Ok(Flow::Continue);
    }
    let Some(name) = args.arg(0) else {
        return Err("missing key".to_string());
    };
    let key = match crate::keyname::parse_bind_key(name) {
        Some(k) => k,
        None if args.has('q') => return Ok(Flow::Continue),
        None => return Err(format!("unknown key: {name}")),
    };
    ctx.server.keys.unbind(table, key);
    Ok(Flow::Continue)
}
