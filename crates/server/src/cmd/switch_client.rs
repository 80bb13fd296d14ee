//! switch-client: show another session in a client (`-t`, or `-n`/`-p`/`-l` for the
//! next, previous or last session).

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};
use crate::ids::SessionId;

pub static ENTRY: CmdEntry = CmdEntry {
    name: "switch-client",
    alias: Some("switchc"),
    flags: "c:EFlnpt:rT:Z",
    args: (0, Some(0)),
    usage: "[-ElnprZ] [-c target-client] [-t target-session] [-T key-table]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let client = super::client_flag(ctx, args, 'c')?;
    if let Some(table) = args.get('T') {
        if let Some(a) = ctx
            .server
            .clients
            .get_mut(&client)
            .and_then(|c| c.attached.as_mut())
        {
            a.key_table = table.to_string();
        }
        return Ok(Flow::Continue);
    }
    let current = ctx
        .server
        .clients
        .get(&client)
        .and_then(|c| c.session())
        .ok_or("no current client")?;
    let ids: Vec<SessionId> = ctx.server.sessions.keys().copied().collect();
    let pos = ids.iter().position(|s| *s == current).unwrap_or(0);
    let target = if args.has('n') {
        ids[(pos + 1) % ids.len()]
    } else if args.has('p') {
        ids[(pos + ids.len() - 1) % ids.len()]
    } else if args.has('l') {
        ctx.server
            .sessions
            .values()
            .filter(|s| s.id != current)
            .max_by_key(|s| s.activity)
            .map(|s| s.id)
            .ok_or("no last session")?
    } else {
        ctx.target(args, 't', Kind::Pane)?.session
    };
    if args.get('t').is_some() && !args.has('n') && !args.has('p') && !args.has('l') {
        // A window or pane target also selects that window and pane.
        let found = ctx.target(args, 't', Kind::Pane)?;
        ctx.server.select_window(found.session, found.index);
        ctx.server.activate_pane(found.pane);
    }
    ctx.server.switch_client(client, target);
    Ok(Flow::Continue)
}
