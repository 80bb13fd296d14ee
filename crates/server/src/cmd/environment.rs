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

/// The environment a command changes: the server's global one, or a session's; the
/// hidden one (`-h`) or the one programs get.
fn environ<'a>(ctx: &'a mut Ctx<'_>, args: &Args) -> Result<&'a mut Vec<(String, String)>, String> {
    environ_of(ctx, args, args.has('h'))
}

/// The environment of the other kind (hidden or not) at the same level.
fn environ_other<'a>(
    ctx: &'a mut Ctx<'_>,
    args: &Args,
) -> Result<&'a mut Vec<(String, String)>, String> {
    environ_of(ctx, args, !args.has('h'))
}

/// The global (`-g`) or target session's environment, hidden or not.
fn environ_of<'a>(
    ctx: &'a mut Ctx<'_>,
    args: &Args,
    hidden: bool,
) -> Result<&'a mut Vec<(String, String)>, String> {
    if args.has('g') {
        return Ok(if hidden {
            &mut ctx.server.global_hidden
        } else {
            &mut ctx.server.global_env
        });
    }
    let found = ctx.target(args, 't', Kind::Session)?;
    ctx.server
        .sessions
        .get_mut(&found.session)
        .map(|s| {
            if hidden {
                &mut s.hidden
            } else {
                &mut s.environ
            }
        })
        .ok_or_else(|| "no such session".to_string())
}

fn exec_set(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let name = args.arg(0).unwrap_or("").to_string();
    if name.is_empty() || name.contains('=') {
        return Err(format!("invalid variable: {name}"));
    }
    // -F: the value is a format, expanded now.
    let value = match args.arg(1) {
        Some(v) if args.has('F') => {
            let found = ctx.target(args, 't', Kind::Session).ok();
            let target = crate::formats::FormatTarget::for_found(ctx.server, found, ctx.client);
            Some(target.expand_plain(v))
        }
        v => v.map(str::to_string),
    };
    // A variable is either hidden or not: setting one kind removes the other.
    if let Ok(other) = environ_other(ctx, args) {
        other.retain(|(k, _)| *k != name);
    }
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
        // A variable of the other kind (hidden, or not) exists but is not shown here.
        Some(name) if !found => {
            let other = environ_other(ctx, args)?;
            if other.iter().any(|(k, _)| *k == name) {
                Ok(Flow::Continue)
            } else {
                Err(format!("unknown variable: {name}"))
            }
        }
        _ => Ok(Flow::Continue),
    }
}
