//! show-options, show-window-options and show-hooks: print values as `name value` (an
//! array as `name[i] value`, an empty one as its bare name), or just the values with
//! `-v`. `-A` adds what is inherited from the levels above, marked with `*`; `-H` adds
//! the hooks.

use super::set_option::{Level, level};
use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};
use crate::options::{self, HOOKS, Kind as OptKind, OPTIONS, OptionDef, OptionStore, Scope, Value};

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

pub static SHOW_HOOKS: CmdEntry = CmdEntry {
    name: "show-hooks",
    alias: None,
    flags: "gpt:w",
    args: (0, Some(1)),
    usage: "[-gpw] [-t target-pane] [hook]",
    exec: exec_hooks,
};

fn exec_window(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    show(ctx, args, Some(Scope::Window), Listing::Options)
}

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let listing = if args.has('H') {
        Listing::Both
    } else {
        Listing::Options
    };
    show(ctx, args, super::scope_flag(args), listing)
}

fn exec_hooks(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    show(ctx, args, super::scope_flag(args), Listing::Hooks)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Listing {
    Options,
    Hooks,
    Both,
}

fn show(ctx: &mut Ctx<'_>, args: &Args, forced: Option<Scope>, listing: Listing) -> CmdResult {
    let values_only = args.has('v');
    let inherited = args.has('A');
    if let Some(arg) = args.arg(0) {
        let (raw, index) = options::split_index(arg);
        let def = if listing == Listing::Hooks {
            options::find_hook(raw)
                .map(Some)
                .ok_or_else(|| format!("invalid hook: {raw}"))
        } else {
            options::lookup(raw)
        };
        let def = match def {
            Ok(d) => d,
            Err(_) if args.has('q') => return Ok(Flow::Continue),
            Err(e) => return Err(e),
        };
        let name = def.map_or(raw, |d| d.name);
        let level = level(args, def, forced);
        let stores = stores(ctx, args, level)?;
        if let Some((value, from_above)) = find_value(&stores, name, inherited) {
            let mut lines = Vec::new();
            entry(
                &mut lines,
                name,
                &value,
                from_above,
                def,
                values_only,
                index,
            );
            for l in lines {
                ctx.print(&l);
            }
        }
        return Ok(Flow::Continue);
    }
    let scope = forced.unwrap_or(Scope::Session);
    let level = level(args, None, Some(scope));
    let stores = stores(ctx, args, level)?;
    let defs: Vec<&OptionDef> = match listing {
        Listing::Options => OPTIONS.iter().collect(),
        Listing::Hooks => HOOKS.iter().collect(),
        Listing::Both => OPTIONS.iter().chain(HOOKS).collect(),
    };
    let mut lines = Vec::new();
    if listing != Listing::Hooks {
        // User options, of this level only, first: tmux lists options by name and `@`
        // sorts before letters.
        if let Some(own) = stores.first() {
            let mut users: Vec<(&str, &str)> =
                own.iter().filter(|(k, _)| k.starts_with('@')).collect();
            users.sort_unstable();
            for (k, v) in users {
                entry(
                    &mut lines,
                    k,
                    &Value::One(v.to_string()),
                    false,
                    None,
                    values_only,
                    None,
                );
            }
        }
    }
    for d in defs.into_iter().filter(|d| belongs(d, level)) {
        if let Some((value, from_above)) = find_value(&stores, d.name, inherited) {
            entry(
                &mut lines,
                d.name,
                &value,
                from_above,
                Some(d),
                values_only,
                None,
            );
        }
    }
    for l in lines {
        ctx.print(&l);
    }
    Ok(Flow::Continue)
}

/// Whether `d` is listed at `level`.
fn belongs(d: &OptionDef, level: Level) -> bool {
    match level {
        Level::Server => d.scope == Scope::Server,
        Level::GlobalSession | Level::Session => d.scope == Scope::Session,
        Level::GlobalWindow | Level::Window => d.scope == Scope::Window,
        Level::Pane => d.scope == Scope::Window && (d.pane || d.hook),
    }
}

/// The value of `name`: at this level, or (with `inherited`) from the first level above
/// that has it, with whether it came from above.
fn find_value(stores: &[&OptionStore], name: &str, inherited: bool) -> Option<(Value, bool)> {
    let reach = if inherited { stores.len() } else { 1 };
    stores
        .iter()
        .take(reach)
        .enumerate()
        .find_map(|(i, s)| s.value(name).map(|v| (v.clone(), i > 0)))
}

/// Lines for one option: `name value`, `name[i] value` per element, a bare name for an
/// empty array; `name*` when inherited.
fn entry(
    lines: &mut Vec<String>,
    name: &str,
    value: &Value,
    from_above: bool,
    def: Option<&OptionDef>,
    values_only: bool,
    index: Option<u32>,
) {
    let star = if from_above { "*" } else { "" };
    // Strings are quoted as the parser needs them; numbers, flags, choices, keys and
    // colours are printed bare, as tmux prints them.
    let quoted = def.is_none_or(|d| matches!(d.kind, OptKind::String | OptKind::Style));
    let show = |v: &str| {
        if def.is_some_and(|d| d.hook) {
            crate::cmd::canonical(v)
        } else if quoted {
            options::quote_value(v)
        } else {
            v.to_string()
        }
    };
    match value {
        Value::One(v) => {
            if values_only {
                lines.push(v.clone());
            } else {
                lines.push(format!("{name}{star} {}", show(v)));
            }
        }
        Value::Many(items) => {
            let chosen: Vec<(&u32, &String)> = items
                .iter()
                .filter(|(i, _)| index.is_none_or(|want| want == **i))
                .collect();
            match (chosen.is_empty(), index) {
                (true, None) if !values_only => lines.push(format!("{name}{star}")),
                // An element asked for and not set: shown empty, as tmux shows it.
                (true, Some(_)) if values_only => lines.push(String::new()),
                (true, Some(i)) => lines.push(format!("{name}[{i}]{star} {}", show(""))),
                _ => {}
            }
            for (i, v) in chosen {
                if values_only {
                    lines.push(v.clone());
                } else {
                    lines.push(format!("{name}[{i}]{star} {}", show(v)));
                }
            }
        }
    }
}

/// The stores a level reads, its own first, then those it inherits from.
fn stores<'a>(ctx: &'a Ctx<'_>, args: &Args, level: Level) -> Result<Vec<&'a OptionStore>, String> {
    let global = &ctx.server.options;
    Ok(match level {
        Level::Server => vec![&global.server],
        Level::GlobalSession => vec![&global.session],
        Level::GlobalWindow => vec![&global.window],
        Level::Session => {
            let found = ctx.target(args, 't', Kind::Session)?;
            let s = ctx
                .server
                .sessions
                .get(&found.session)
                .ok_or("no such session")?;
            vec![&s.options, &global.session]
        }
        Level::Window => {
            let found = ctx.target(args, 't', Kind::Window)?;
            let w = ctx
                .server
                .windows
                .get(&found.window)
                .ok_or("no such window")?;
            vec![&w.options, &global.window]
        }
        Level::Pane => {
            let found = ctx.target(args, 't', Kind::Pane)?;
            let p = ctx.server.panes.get(&found.pane).ok_or("no such pane")?;
            let w = ctx
                .server
                .windows
                .get(&found.window)
                .ok_or("no such window")?;
            vec![&p.options, &w.options, &global.window]
        }
    })
}
