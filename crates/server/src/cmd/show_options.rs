//! show-options (and show-window-options): print option values as `name value`, or just
//! the value with `-v`.

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};
use crate::options::{self, Kind as OptKind, OPTIONS, Scope, Value};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "show-options",
    alias: Some("show"),
    flags: "AgHpqst:vw",
    args: (0, Some(1)),
    usage: "[-AgHpqsvw] [-t target-pane] [option]",
    exec,
};

pub static SHOW_WINDOW_OPTIONS: CmdEntry = CmdEntry {
    name: "show-window-options",
    alias: Some("showw"),
    flags: "gvt:",
    args: (0, Some(1)),
    usage: "[-gv] [-t target-window] [option]",
    exec: exec_window,
};

fn exec_window(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    show(ctx, args, Some(Scope::Window))
}

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    show(ctx, args, super::scope_flag(args))
}

fn show(ctx: &mut Ctx<'_>, args: &Args, forced: Option<Scope>) -> CmdResult {
    let global = args.has('g');
    let values_only = args.has('v');
    if let Some(arg) = args.arg(0) {
        let (name, index) = options::split_index(arg);
        let user = name.starts_with('@');
        let def = options::find(name);
        if def.is_none() && !user {
            if args.has('q') {
                return Ok(Flow::Continue);
            }
            return Err(format!("invalid option: {name}"));
        }
        let scope = def.map(|d| d.scope).or(forced).unwrap_or(Scope::Session);
        if let Some(Value::Many(items)) = lookup(ctx, args, scope, global, name)? {
            let chosen = items
                .into_iter()
                .filter(|(i, _)| index.is_none_or(|want| want == *i));
            print_array(ctx, name, chosen.collect(), values_only);
            return Ok(Flow::Continue);
        }
        if let Some(Value::One(v)) = lookup(ctx, args, scope, global, name)? {
            print(ctx, name, &v, values_only);
        }
        return Ok(Flow::Continue);
    }
    let scope = forced.unwrap_or(Scope::Session);
    let mut lines: Vec<(String, String)> = Vec::new();
    for d in OPTIONS.iter().filter(|d| d.scope == scope) {
        match lookup(ctx, args, scope, global || scope == Scope::Server, d.name)? {
            Some(Value::One(v)) => lines.push((d.name.to_string(), v)),
            Some(Value::Many(items)) if items.is_empty() && !values_only => {
                lines.push((d.name.to_string(), String::new()));
            }
            Some(Value::Many(items)) => lines.extend(
                items
                    .into_iter()
                    .map(|(i, v)| (format!("{}[{i}]", d.name), v)),
            ),
            None => {}
        }
    }
    let store = if global || scope == Scope::Server {
        Some(ctx.server.options.store(scope))
    } else {
        None
    };
    if let Some(store) = store {
        for (k, v) in store.iter().filter(|(k, _)| k.starts_with('@')) {
            lines.push((k.to_string(), v.to_string()));
        }
    }
    for (k, v) in lines {
        print(ctx, &k, &v, values_only);
    }
    Ok(Flow::Continue)
}

/// An array's elements as `name[index] value`; an empty array as its bare name.
fn print_array(ctx: &mut Ctx<'_>, name: &str, items: Vec<(u32, String)>, values_only: bool) {
    if items.is_empty() && !values_only {
        ctx.print(name);
    }
    for (i, v) in items {
        print(ctx, &format!("{name}[{i}]"), &v, values_only);
    }
}

fn print(ctx: &mut Ctx<'_>, name: &str, value: &str, values_only: bool) {
    if values_only {
        ctx.print(value);
    } else if value.is_empty() && name.ends_with(']') {
        ctx.print(&format!("{name} ''"));
    } else if value.is_empty() && options::find(name).is_some_and(|d| d.kind == OptKind::Array) {
        ctx.print(name);
    } else {
        ctx.print(&format!("{name} {}", options::quote_value(value)));
    }
}

/// The value as set at this level (without -g: only what the target itself has).
fn lookup(
    ctx: &Ctx<'_>,
    args: &Args,
    scope: Scope,
    global: bool,
    name: &str,
) -> Result<Option<Value>, String> {
    if global || scope == Scope::Server {
        return Ok(ctx.server.options.store(scope).value(name).cloned());
    }
    let found = ctx.target(args, 't', Kind::Pane)?;
    let store = match scope {
        Scope::Session => ctx.server.sessions.get(&found.session).map(|s| &s.options),
        Scope::Window => ctx.server.windows.get(&found.window).map(|w| &w.options),
        Scope::Server => None,
    };
    Ok(store.and_then(|s| s.value(name)).cloned())
}
