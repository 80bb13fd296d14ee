//! server-access: let other users connect, with write access or read-only, as tmux 3.3.

use super::{Args, CmdEntry, CmdResult, Ctx, Flow};
use crate::access::{user_name, user_uid};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "server-access",
    alias: None,
    flags: "adlrwt:",
    args: (0, Some(1)),
    usage: "[-adlrw] [-t target-pane] [user]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    if args.has('l') {
        // The owner is always there and shown first, as tmux lists it (root never).
        let owner = rustix::process::getuid().as_raw();
        if owner != 0 {
            ctx.print(&format!(
                "{} (W)",
                user_name(owner).unwrap_or_else(|| "unknown".to_string())
            ));
        }
        for line in ctx.server.access.lines() {
            ctx.print(&line);
        }
        return Ok(Flow::Continue);
    }
    let name = args.arg(0).ok_or("missing user argument")?;
    let name = ctx.formats().expand_plain(name);
    let uid = user_uid(&name).ok_or_else(|| format!("unknown user: {name}"))?;
    if uid == 0 || uid == rustix::process::getuid().as_raw() {
        return Err(format!("{name} owns the server, can't change access"));
    }
    if args.has('a') && args.has('d') {
        return Err("-a and -d cannot be used together".to_string());
    }
    if args.has('w') && args.has('r') {
        return Err("-r and -w cannot be used together".to_string());
    }
    if args.has('d') {
        if !ctx.server.access.deny(uid) {
            return Err(format!("user {name} not found"));
        }
        ctx.server.disconnect_user(uid);
        return Ok(Flow::Continue);
    }
    if args.has('a') {
        if ctx.server.access.get(uid).is_some() {
            return Err(format!("user {name} is already added"));
        }
        ctx.server.access.allow(uid);
    } else if args.has('r') || args.has('w') {
        ctx.server.access.allow(uid);
    }
    if args.has('w') || args.has('r') {
        let write = args.has('w');
        ctx.server.access.set_write(uid, write);
        ctx.server.set_user_readonly(uid, !write);
    }
    Ok(Flow::Continue)
}
