//! set-option (and set-window-option): set, append to, unset or toggle an option in the
//! server, globally, or for one session or window.

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};
use crate::formats::FormatTarget;
use crate::options::{self, Kind as OptKind, OptionStore, Scope};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "set-option",
    alias: Some("set"),
    flags: "aFgopqst:uUw",
    args: (1, Some(2)),
    usage: "[-aFgopqsuUw] [-t target-pane] option [value]",
    exec,
};

pub static SET_WINDOW_OPTION: CmdEntry = CmdEntry {
    name: "set-window-option",
    alias: Some("setw"),
    flags: "aFgoqt:u",
    args: (1, Some(2)),
    usage: "[-aFgoqu] [-t target-window] option [value]",
    exec: exec_window,
};

fn exec_window(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    set(ctx, args, Some(Scope::Window))
}

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    set(ctx, args, super::scope_flag(args))
}

fn set(ctx: &mut Ctx<'_>, args: &Args, forced: Option<Scope>) -> CmdResult {
    let (name, index) = options::split_index(args.arg(0).unwrap_or(""));
    let user = name.starts_with('@');
    let def = options::find(name);
    if def.is_none() && !user {
        if args.has('q') {
            return Ok(Flow::Continue);
        }
        return Err(format!("invalid option: {name}"));
    }
    let scope = def.map(|d| d.scope).or(forced).unwrap_or(Scope::Session);
    let mut value = args.arg(1).map(str::to_string);
    if args.has('F')
        && let Some(v) = &value
    {
        let found = ctx.target(args, 't', Kind::Pane).ok();
        let f = FormatTarget {
            server: ctx.server,
            client: ctx.client,
            session: found.map(|f| f.session),
            window: found.map(|f| f.window),
            pane: found.map(|f| f.pane),
        };
        value = Some(f.expand_plain(v));
    }
    let global = args.has('g') || scope == Scope::Server;
    let store = store_for(ctx, args, scope, global)?;
    if let Some(d) = def.filter(|d| d.kind == OptKind::Array) {
        set_array(store, d, args, index, value, global)?;
        ctx.server.options_changed();
        return Ok(Flow::Continue);
    }
    if index.is_some() {
        return Err(format!("not an array: {name}"));
    }
    if args.has('u') || args.has('U') {
        match (def, global) {
            // A global value goes back to its default rather than vanishing.
            (Some(d), true) => store.set(d, d.default.to_string()),
            _ => {
                store.unset(name);
            }
        }
        ctx.server.options_changed();
        return Ok(Flow::Continue);
    }
    if args.has('o') && store.get(name).is_some() && (user || !global) {
        return Err(format!("already set: {name}"));
    }
    let Some(d) = def else {
        let v = value.unwrap_or_default();
        let v = match (args.has('a'), store.get(name)) {
            (true, Some(old)) => format!("{old}{v}"),
            _ => v,
        };
        store.set_user(name, v);
        ctx.server.options_changed();
        return Ok(Flow::Continue);
    };
    let new = match (value, d.kind) {
        (None, OptKind::Flag) => {
            let on = store
                .get(name)
                .and_then(options::parse_flag)
                .unwrap_or(false);
            if on { "off" } else { "on" }.to_string()
        }
        (None, _) => return Err(format!("no value for option: {name}")),
        (Some(v), _) if args.has('a') => {
            let old = store.get(name).unwrap_or("");
            let sep = if matches!(d.kind, OptKind::Style) && !old.is_empty() {
                ","
            } else {
                ""
            };
            options::validate(d, &format!("{old}{sep}{v}")).map_err(|e| e.to_string())?
        }
        (Some(v), _) => options::validate(d, &v).map_err(|e| e.to_string())?,
    };
    store.set(d, new);
    ctx.server.options_changed();
    Ok(Flow::Continue)
}

/// set-option on an array option: the whole array (split at `,`), an appended part, or
/// one element (`name[index]`).
fn set_array(
    store: &mut OptionStore,
    d: &'static options::OptionDef,
    args: &Args,
    index: Option<u32>,
    value: Option<String>,
    global: bool,
) -> Result<(), String> {
    if args.has('u') || args.has('U') {
        match index {
            Some(i) => {
                store.unset_element(d.name, i);
            }
            None if global => store.set(d, d.default.to_string()),
            None => {
                store.unset(d.name);
            }
        }
        return Ok(());
    }
    let value = value.ok_or_else(|| format!("no value for option: {}", d.name))?;
    match index {
        Some(i) => store.set_element(d, i, value),
        None if args.has('a') => store.append(d, &value),
        None => store.set(d, value),
    }
    Ok(())
}

/// The store a set-option writes: global, server, or the target session's or window's.
fn store_for<'a>(
    ctx: &'a mut Ctx<'_>,
    args: &Args,
    scope: Scope,
    global: bool,
) -> Result<&'a mut OptionStore, String> {
    if global {
        return Ok(ctx.server.options.store_mut(scope));
    }
    let found = ctx.target(args, 't', Kind::Pane)?;
    match scope {
        Scope::Server => Ok(&mut ctx.server.options.server),
        Scope::Session => ctx
            .server
            .sessions
            .get_mut(&found.session)
            .map(|s| &mut s.options)
            .ok_or_else(|| "no such session".to_string()),
        Scope::Window => ctx
            .server
            .windows
            .get_mut(&found.window)
            .map(|w| &mut w.options)
            .ok_or_else(|| "no such window".to_string()),
    }
}
