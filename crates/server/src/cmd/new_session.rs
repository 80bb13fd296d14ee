//! new-session: create a session (and attach to it unless `-d`).

use super::{Args, CmdEntry, CmdResult, Ctx, Flow};
use crate::formats::FormatTarget;
use crate::server::NewPane;
use rmux_term::Size;

pub static ENTRY: CmdEntry = CmdEntry {
    name: "new-session",
    alias: Some("new"),
    flags: "Ac:dDe:EF:f:n:PR:s:t:x:Xy:",
    args: (0, None),
    usage: "[-AdDEPX] [-c start-directory] [-e environment] [-F format] [-f flags] [-n window-name] [-R restart-policy] [-s session-name] [-t target-session] [-x width] [-y height] [shell-command]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let name = args.get('s').map(str::to_string);
    if args.has('A')
        && let Some(existing) = name.as_deref().and_then(|n| ctx.server.session_by_name(n))
    {
        if args.has('d') {
            return Ok(Flow::Continue);
        }
        return super::attach_session::attach(ctx, existing, args.has('D'), false);
    }
    let detached = args.has('d');
    if !detached {
        super::attach_session::check_can_attach(ctx)?;
    }
    let size = requested_size(ctx, args, detached)?;
    let cwd = match args.get('c') {
        Some(dir) => super::expand_path(ctx, dir),
        None => ctx.cwd.clone(),
    };
    let mut environ = ctx.env.clone();
    for e in args.all('e') {
        if let Some((k, v)) = e.split_once('=') {
            environ.retain(|(key, _)| key != k);
            environ.push((k.to_string(), v.to_string()));
        }
    }
    let command = (!args.positional.is_empty()).then(|| args.positional.join(" "));
    let restart = super::restart_flag(args)?;
    let group = match args.get('t') {
        Some(t) => {
            if command.is_some() || args.has('n') {
                return Err("command or window name given with target".to_string());
            }
            Some(group_for(ctx, t)?)
        }
        None => None,
    };
    let name = match (&name, &group) {
        (None, Some(g)) => Some(format!("{}-{}", g.name, ctx.server.next_session_id())),
        _ => name,
    };
    // A session joining a group takes the group's windows instead of a first one.
    let first_window = match &group {
        Some(g) if g.shared => None,
        _ => Some((
            args.get('n').map(str::to_string),
            NewPane {
                command,
                cwd: Some(cwd.clone()),
                env: Vec::new(),
                shown: None,
            },
        )),
    };
    let session = ctx
        .server
        .create_session(name, first_window, size, cwd, environ)?;
    if let Some(g) = group {
        ctx.server.join_group(session, &g.name, g.with);
        ctx.server.fit_session(session);
    } else if let Some(pane) = ctx
        .server
        .current_window(session)
        .and_then(|w| ctx.server.active_pane(w))
    {
        super::set_restart(ctx, pane, restart);
    }
    // As tmux: -x/-y become the session's default-size, so its later windows match.
    if args.has('x') || args.has('y') {
        let dim = |flag: char, fallback: u16| {
            args.get(flag)
                .and_then(|v| v.parse::<u16>().ok())
                .unwrap_or(fallback)
        };
        let value = format!("{}x{}", dim('x', size.cols), dim('y', size.rows));
        if let (Some(d), Some(s)) = (
            crate::options::find("default-size"),
            ctx.server.sessions.get_mut(&session),
        ) {
            s.options.set(d, value);
        }
    }
    if args.has('P') {
        let pane = ctx
            .server
            .current_window(session)
            .and_then(|w| ctx.server.active_pane(w));
        let line = pane.map_or_else(String::new, |p| {
            FormatTarget::for_pane(ctx.server, p)
                .expand_plain(args.get('F').unwrap_or("#{session_name}:"))
        });
        ctx.print(&line);
    }
    if detached {
        Ok(Flow::Continue)
    } else {
        Ok(Flow::Attach {
            session,
            readonly: false,
        })
    }
}

/// The first window's size: the client's terminal when attaching, else `-x`/`-y` or
/// default-size.
fn requested_size(ctx: &Ctx<'_>, args: &Args, detached: bool) -> Result<Size, String> {
    let default = crate::server::parse_size(ctx.server.session_option(None, "default-size"))
        .unwrap_or(Size { cols: 80, rows: 24 });
    let mut size = match (&ctx.terminal, detached) {
        (Some(t), false) => Size {
            cols: t.size.cols,
            rows: t.size.rows.saturating_sub(ctx.server.status_lines(None)),
        },
        _ => default,
    };
    let dim = |v: &str, what: &str| -> Result<u16, String> {
        match v.parse::<u16>() {
            Ok(n) if n >= 1 => Ok(n),
            _ => Err(format!("{what} {v}")),
        }
    };
    if let Some(x) = args.get('x').filter(|x| *x != "-") {
        size.cols = dim(x, "width")?;
    }
    if let Some(y) = args.get('y').filter(|y| *y != "-") {
        size.rows = dim(y, "height")?;
    }
    Ok(Size {
        cols: size.cols.max(1),
        rows: size.rows.max(1),
    })
}

/// The group a `new-session -t` joins.
struct Group {
    name: String,
    /// The session to group with, when the target named one.
    with: Option<crate::ids::SessionId>,
    /// It has windows to share (the target was a session or an existing group).
    shared: bool,
}

/// As tmux: the target session's group (or a new one named after it), else an
/// existing group of that name, else a new empty group of that name.
fn group_for(ctx: &Ctx<'_>, target: &str) -> Result<Group, String> {
    let srv = &*ctx.server;
    if let Ok(id) = super::target::find_session(srv, target)
        && let Some(s) = srv.sessions.get(&id)
    {
        return Ok(Group {
            name: s.group.clone().unwrap_or_else(|| s.name.clone()),
            with: Some(id),
            shared: true,
        });
    }
    if srv
        .sessions
        .values()
        .any(|s| s.group.as_deref() == Some(target))
    {
        return Ok(Group {
            name: target.to_string(),
            with: None,
            shared: true,
        });
    }
    let name = crate::names::session_name(target)
        .ok_or_else(|| format!("invalid session group: {target}"))?;
    Ok(Group {
        name,
        with: None,
        shared: false,
    })
}
