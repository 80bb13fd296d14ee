//! lock-server, lock-session and lock-client: hand clients' terminals to lock-command
//! (`lock -np` by default) until it exits, as tmux does.

use rmux_proto::ServerMessage;

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};
use crate::ids::ClientId;

pub static LOCK_CLIENT: CmdEntry = CmdEntry {
    name: "lock-client",
    alias: Some("lockc"),
    flags: "t:",
    args: (0, Some(0)),
    usage: "[-t target-client]",
    exec: exec_client,
};

pub static LOCK_SERVER: CmdEntry = CmdEntry {
    name: "lock-server",
    alias: Some("lock"),
    flags: "",
    args: (0, Some(0)),
    usage: "",
    exec: exec_server,
};

pub static LOCK_SESSION: CmdEntry = CmdEntry {
    name: "lock-session",
    alias: Some("locks"),
    flags: "t:",
    args: (0, Some(0)),
    usage: "[-t target-session]",
    exec: exec_session,
};

fn exec_client(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let client = super::client_flag(ctx, args, 't')?;
    lock(ctx, &[client]);
    Ok(Flow::Continue)
}

fn exec_server(ctx: &mut Ctx<'_>, _args: &Args) -> CmdResult {
    let all: Vec<ClientId> = ctx
        .server
        .clients
        .values()
        .filter(|c| c.attached.is_some())
        .map(|c| c.id)
        .collect();
    lock(ctx, &all);
    Ok(Flow::Continue)
}

fn exec_session(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let found = ctx.target(args, 't', Kind::Session)?;
    let clients: Vec<ClientId> = ctx
        .server
        .attached_clients(found.session)
        .map(|c| c.id)
        .collect();
    lock(ctx, &clients);
    Ok(Flow::Continue)
}

/// Each attached client runs its session's lock-command.
fn lock(ctx: &mut Ctx<'_>, clients: &[ClientId]) {
    for &id in clients {
        let Some(c) = ctx.server.clients.get(&id) else {
            continue;
        };
        let Some(session) = c.session() else {
            continue;
        };
        let command = ctx
            .server
            .session_option(Some(session), "lock-command")
            .to_string();
        if let Some(c) = ctx.server.clients.get(&id) {
            c.send(&ServerMessage::Lock { command });
        }
    }
}
