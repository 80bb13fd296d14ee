//! set-option, set-window-option and set-hook: set, append to, unset or toggle an option
//! (or a hook) in the server, globally, or for one session, window or pane.

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};
use crate::formats::FormatTarget;
use crate::options::{self, Kind as OptKind, OptionDef, OptionStore, Scope};

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

pub static SET_HOOK: CmdEntry = CmdEntry {
    name: "set-hook",
    alias: None,
    flags: "agpRt:uw",
    args: (1, Some(2)),
    usage: "[-agpRuw] [-t target-pane] hook [command]",
    exec: exec_hook,
};

/// Which store a command writes: a level and, for the global levels, nothing more.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Server,
    GlobalSession,
    GlobalWindow,
    Session,
    Window,
    Pane,
}

fn exec_window(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    set(ctx, args, Some(Scope::Window), false)
}

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    set(ctx, args, super::scope_flag(args), false)
}

fn exec_hook(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    if args.has('R') {
        let name = args.arg(0).unwrap_or("");
        let (name, _) = options::split_index(name);
        return ctx.server.run_hook_now(ctx.client, name);
    }
    set(ctx, args, super::scope_flag(args), true)
}

/// The option (or hook) an argument names, as tmux finds it.
fn definition(name: &str, hook: bool) -> Result<Option<&'static OptionDef>, String> {
    if hook {
        return options::find_hook(name)
            .map(Some)
            .ok_or_else(|| format!("invalid hook: {name}"));
    }
    options::lookup(name)
}

/// The level a set-option or show-options works at, from its flags and the option. As in
/// tmux, a known option's own scope wins over -s/-w/-p: `set -p buffer-limit 5` sets the
/// server's, and only an option a pane can hold is set on the pane.
pub fn level(args: &Args, def: Option<&OptionDef>, forced: Option<Scope>) -> Level {
    let global = args.has('g');
    let scope = def.map(|d| d.scope).or(forced).unwrap_or(Scope::Session);
    if args.has('p') && def.is_none_or(|d| d.pane || d.hook) {
        return Level::Pane;
    }
    match (scope, global) {
        (Scope::Server, _) => Level::Server,
        (Scope::Session, true) => Level::GlobalSession,
        (Scope::Session, false) => Level::Session,
        (Scope::Window, true) => Level::GlobalWindow,
        (Scope::Window, false) => Level::Window,
    }
}

fn set(ctx: &mut Ctx<'_>, args: &Args, forced: Option<Scope>, hook: bool) -> CmdResult {
    let (raw, index) = options::split_index(args.arg(0).unwrap_or(""));
    let def = match definition(raw, hook) {
        Ok(d) => d,
        Err(_) if args.has('q') => return Ok(Flow::Continue),
        Err(e) => return Err(e),
    };
    let name = def.map_or(raw, |d| d.name);
    let level = level(args, def, forced);
    let mut value = args.arg(1).map(str::to_string);
    if args.has('F')
        && let Some(v) = &value
    {
        value = Some(expand(ctx, args, v));
    }
    let store = store_for(ctx, args, level)?;
    if let Some(d) = def.filter(|d| d.is_array()) {
        set_array(store, d, args, index, value, is_global(level))?;
        changed(ctx, d);
        return Ok(Flow::Continue);
    }
    if index.is_some() {
        return Err(format!("not an array: {name}"));
    }
    if args.has('u') || args.has('U') {
        match (def, is_global(level)) {
            // A global value goes back to its default rather than vanishing.
            (Some(d), true) => store.set_default(d),
            _ => {
                store.unset(name);
            }
        }
        if let Some(d) = def {
            changed(ctx, d);
        }
        return Ok(Flow::Continue);
    }
    if args.has('o') && store.get(name).is_some() && (def.is_none() || !is_global(level)) {
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
    changed(ctx, d);
    Ok(Flow::Continue)
}

fn is_global(level: Level) -> bool {
    matches!(
        level,
        Level::Server | Level::GlobalSession | Level::GlobalWindow
    )
}

/// After an option changed: the server applies it.
fn changed(ctx: &mut Ctx<'_>, _d: &OptionDef) {
    ctx.server.options_changed();
}

fn expand(ctx: &Ctx<'_>, args: &Args, text: &str) -> String {
    let found = ctx.target(args, 't', Kind::Pane).ok();
    FormatTarget::for_found(ctx.server, found, ctx.client).expand_plain(text)
}

/// set-option on an array option: the whole array (split as the option splits it), an
/// appended part, or one element (`name[index]`).
fn set_array(
    store: &mut OptionStore,
    d: &'static OptionDef,
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
            None if global => store.set_default(d),
            None => {
                store.unset(d.name);
            }
        }
        return Ok(());
    }
    let value = value.ok_or_else(|| format!("no value for option: {}", d.name))?;
    let value = options::validate(d, &value).map_err(|e| e.to_string())?;
    match index {
        Some(i) => store.set_element(d, i, value),
        // Without an index the array is replaced (a hook's commands too); -a adds.
        None if args.has('a') => store.append(d, &value),
        None => store.set(d, value),
    }
    Ok(())
}

/// The store a set-option writes at `level`.
pub fn store_for<'a>(
    ctx: &'a mut Ctx<'_>,
    args: &Args,
    level: Level,
) -> Result<&'a mut OptionStore, String> {
    match level {
        Level::Server => return Ok(&mut ctx.server.options.server),
        Level::GlobalSession => return Ok(&mut ctx.server.options.session),
        Level::GlobalWindow => return Ok(&mut ctx.server.options.window),
        _ => {}
    }
    let found = ctx.target(args, 't', Kind::Pane)?;
    let server = &mut ctx.server;
    match level {
        Level::Session => server
            .sessions
            .get_mut(&found.session)
            .map(|s| &mut s.options)
            .ok_or_else(|| "no such session".to_string()),
        Level::Window => server
            .windows
            .get_mut(&found.window)
            .map(|w| &mut w.options)
            .ok_or_else(|| "no such window".to_string()),
        _ => server
            .panes
            .get_mut(&found.pane)
            .map(|p| &mut p.options)
            .ok_or_else(|| "no such pane".to_string()),
    }
}
