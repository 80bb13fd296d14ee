//! wait-for: scripts wait for each other on named channels. `wait-for NAME` blocks the
//! caller until `wait-for -S NAME`; `-L`/`-U` take and give back a channel as a lock.
//! The caller's queue waits, never the server ([`crate::server`] keeps the channels).

use super::{Args, CmdEntry, CmdResult, Ctx, Flow};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "wait-for",
    alias: Some("wait"),
    flags: "LSU",
    args: (1, Some(1)),
    usage: "[-L|-S|-U] channel",
    exec,
};

/// What wait-for does to its channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChannelOp {
    Wait,
    Signal,
    Lock,
    Unlock,
}

fn exec(_ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let name = args.arg(0).unwrap_or("").to_string();
    let op = if args.has('S') {
        ChannelOp::Signal
    } else if args.has('L') {
        ChannelOp::Lock
    } else if args.has('U') {
        ChannelOp::Unlock
    } else {
        ChannelOp::Wait
    };
    Ok(Flow::Channel(name, op))
}
