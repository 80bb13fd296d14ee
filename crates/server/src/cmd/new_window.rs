//! new-window: add a window to a session.

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};
use crate::formats::FormatTarget;

pub static ENTRY: CmdEntry = CmdEntry {
    name: "new-window",
    alias: Some("neww"),
    flags: "abc:de:F:kn:PR:St:",
    args: (0, None),
    usage: "[-abdkPS] [-c start-directory] [-e environment] [-F format] [-n window-name] [-R restart-policy] [-t target-window] [shell-command]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let (session, index) = target_index(ctx, args)?;
    let new_pane = super::new_pane(ctx, args)?;
    if let Some(i) = index
        && args.has('k')
        && let Some(w) = ctx
            .server
            .sessions
            .get(&session)
            .and_then(|s| s.windows.get(&i))
    {
        let w = *w;
        ctx.server.kill_window(w);
    }
    let restart = super::restart_flag(args)?;
    let window = ctx.server.create_window(
        session,
        index,
        args.get('n').map(str::to_string),
        new_pane,
        !args.has('d'),
    )?;
    if let Some(pane) = ctx.server.active_pane(window) {
        super::set_restart(ctx, pane, restart);
    }
    if !args.has('d') {
        ctx.server.fit_session(session);
    }
    if args.has('P') {
        let pane = ctx.server.active_pane(window);
        let format = args.get('F').unwrap_or("#{session_name}:#{window_index}");
        let line = pane.map_or_else(String::new, |p| {
            FormatTarget::for_pane(ctx.server, p).expand_plain(format)
        });
        ctx.print(&line);
    }
    Ok(Flow::Continue)
}

/// The session and index a `-t` asks for: `session:index` places the window there,
/// a session alone (or nothing) the next free index; `-a`/`-b` go after/before the target.
fn target_index(
    ctx: &mut Ctx<'_>,
    args: &Args,
) -> Result<(crate::ids::SessionId, Option<u32>), String> {
    let t = args.get('t');
    // "sess:3" where 3 does not exist yet is an index to create, not a window to find.
    // A bare number is an index of the current session, as tmux reads it.
    if let Some(t) = t
        && let Some((s, w)) = t.rsplit_once(':').or(Some(("", t)))
        && let Ok(i) = w.parse::<u32>()
    {
        let session = if s.is_empty() {
            super::target::resolve(ctx.server, &ctx.current, None, Kind::Session)?.session
        } else {
            super::target::find_session(ctx.server, s)?
        };
        let exists = ctx
            .server
            .sessions
            .get(&session)
            .is_some_and(|s| s.windows.contains_key(&i));
        if !exists || args.has('k') {
            return Ok((session, Some(i)));
        }
        if !args.has('a') && !args.has('b') {
            return Err(format!("create window failed: index {i} in use"));
        }
    }
    let found = match t {
        Some(_) => ctx.target(args, 't', Kind::Window)?,
        None => super::target::resolve(ctx.server, &ctx.current, None, Kind::Window)?,
    };
    if args.has('a') || args.has('b') {
        let s = ctx
            .server
            .sessions
            .get(&found.session)
            .ok_or("no such session")?;
        let at = found.index;
        let want = if args.has('a') { at + 1 } else { at };
        if s.windows.contains_key(&want) {
            shift_up(ctx, found.session, want);
        }
        return Ok((found.session, Some(want)));
    }
    Ok((found.session, None))
}

/// Move the windows from `from` up to the first free index up by one, making room
/// (new-window and move-window -a/-b; tmux's winlink_shuffle_up). Returns the indexes
/// that moved.
pub fn shift_up(
    ctx: &mut Ctx<'_>,
    session: crate::ids::SessionId,
    from: u32,
) -> std::ops::Range<u32> {
    let Some(s) = ctx.server.sessions.get_mut(&session) else {
        return from..from;
    };
    let mut end = from;
    while s.windows.contains_key(&end) {
        end = end.saturating_add(1);
    }
    for i in (from..end).rev() {
        if let Some(w) = s.windows.remove(&i) {
            s.windows.insert(i.saturating_add(1), w);
        }
    }
    if (from..end).contains(&s.current) {
        s.current = s.current.saturating_add(1);
    }
    from..end
}
