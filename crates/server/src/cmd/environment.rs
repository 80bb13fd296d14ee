//! set-environment and show-environment: the variables new panes get, for one session or
//! (with `-g`) every session started from now on.

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};

pub static SET_ENVIRONMENT: CmdEntry = CmdEntry {
    name: "set-environment",
    alias: Some("setenv"),
    flags: "Fhgrt:u",
    args: (1, Some(2)),
    usage: "[-Fhgru] [-t target-session] name [value]",
    exec: exec_set,
};

pub static SHOW_ENVIRONMENT: CmdEntry = CmdEntry {
    name: "show-environment",
    alias: Some("showenv"),
    flags: "hgst:",
    args: (0, Some(1)),
    usage: "[-hgs] [-t target-session] [name]",
    exec: exec_show,
};

/// The environment a command changes: the server's global one, or a session's.
fn environ<'a>(ctx: &'a mut Ctx<'_>, args: &Args) -> Result<&'a mut Vec<(String, String)>, String> {
    if args.has('g') {
        return Ok(&mut ctx.server.global_env);
    }
    let found = ctx.target(args, 't', Kind::Session)?;
    ctx.server
        .sessions
        .get_mut(&found.session)
        .map(|s| &mut s.environ)
        .ok_or_else(|| "no such session".to_string())
}

fn exec_set(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let name = args.arg(0).unwrap_or("").to_string();
    if name.is_empty() || name.contains('=') {
        return Err(format!("invalid variable: {name}"));
    }
    let value = args.arg(1).map(str::to_string);
    let env = environ(ctx, args)?;
    env.retain(|(k, _)| *k != name);
    if args.has('u') || args.has('r') {
        return Ok(Flow::Continue);
    }
    let Some(value) = value else {
        return Err("no value specified".to_string());
    };
    env.push((name, value));
    Ok(Flow::Continue)
}

fn exec_show(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let only = args.arg(0).map(str::to_string);
    let shell = args.has('s');
    let vars = environ(ctx, args)?.clone();
    let mut found = false;
    for (k, v) in vars {
        if only.as_deref().is_some_and(|o| o != k) {
            continue;
        }
        found = true;
        if shell {
            let quoted = v.replace('\'', "'\\''");
            ctx.print(&format!("{k}='{quoted}'; export {k};"));
        } else {
            ctx.print(&format!("{k}={v}"));
        }
    }
    match only {
        Some(name) if !found => Err(format!("unknown variable: {name}")),
        _ => Ok(Flow::Continue),
    }
}
