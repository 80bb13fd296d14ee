//! detach-client: detach a client (by default the one asking), or every client of a
//! session with `-s`, or all other clients with `-a`.

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};
use crate::ids::ClientId;

pub static ENTRY: CmdEntry = CmdEntry {
    name: "detach-client",
    alias: Some("detach"),
    flags: "aE:s:t:P",
    args: (0, Some(0)),
    usage: "[-aP] [-E shell-command] [-s target-session] [-t target-client]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    if let Some(target) = args.get('s') {
        let found = super::target::resolve(ctx.server, &ctx.current, Some(target), Kind::Session)?;
        let clients: Vec<ClientId> = ctx
            .server
            .attached_clients(found.session)
            .map(|c| c.id)
            .collect();
        for c in clients {
            detach(ctx, c);
        }
        return Ok(Flow::Continue);
    }
    let me = super::client_flag(ctx, args, 't')?;
    if args.has('a') {
        let others: Vec<ClientId> = ctx
            .server
            .clients
            .values()
            .filter(|c| c.attached.is_some() && c.id != me)
            .map(|c| c.id)
            .collect();
        for c in others {
            detach(ctx, c);
        }
    } else {
        detach(ctx, me);
    }
    Ok(Flow::Continue)
}

fn detach(ctx: &mut Ctx<'_>, client: ClientId) {
    let name = ctx
        .server
        .clients
        .get(&client)
        .and_then(|c| c.session())
        .and_then(|s| ctx.server.sessions.get(&s))
        .map(|s| s.name.clone())
        .unwrap_or_default();
    ctx.server
        .detach_client(client, format!("[detached (from session {name})]"));
}
