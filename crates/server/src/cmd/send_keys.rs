//! send-keys: type keys into a pane as if the user pressed them; send-prefix: send the
//! prefix key itself.

use rmux_proto::Key;

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};
use crate::ids::PaneId;
use crate::keyname::parse_key;

pub static ENTRY: CmdEntry = CmdEntry {
    name: "send-keys",
    alias: Some("send"),
    flags: "c:FHKlMN:Rt:X",
    args: (0, None),
    usage: "[-FHKlMRX] [-c target-client] [-N repeat-count] [-t target-pane] key ...",
    exec,
};

pub static SEND_PREFIX: CmdEntry = CmdEntry {
    name: "send-prefix",
    alias: None,
    flags: "2t:",
    args: (0, Some(0)),
    usage: "[-2] [-t target-pane]",
    exec: exec_prefix,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let found = ctx.target(args, 't', Kind::Pane)?;
    let repeat: usize = match args.get('N') {
        Some(n) => n
            .parse()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("repeat count {n} invalid"))?,
        None => 1,
    };
    if args.has('R') {
        let pane = ctx.server.panes.get(&found.pane).ok_or("no such pane")?;
        if let Ok(mut t) = pane.term.lock() {
            t.reset();
        }
    }
    if args.has('M') {
        // The mouse event of the binding, to the program under it.
        let at = ctx.current.mouse.ok_or("no mouse target")?;
        ctx.server.mouse_to_pane(&at);
        return Ok(Flow::Continue);
    }
    if args.has('X') {
        // A copy-mode command: the first argument names it, the rest are its arguments.
        let Some((name, rest)) = args.positional.split_first() else {
            return Err("no command given".to_string());
        };
        // From a mouse binding, the cursor goes to the mouse first (not for the wheel),
        // and begin-selection starts a selection that follows the mouse, as in tmux. A
        // selection already made stays as it is (tmux keeps word and line selections
        // whole wherever the cursor goes).
        let selecting = ctx
            .server
            .panes
            .get(&found.pane)
            .and_then(|p| p.copy.as_ref())
            .is_some_and(|c| c.anchor.is_some());
        if let Some(at) = ctx.current.mouse
            && at.pane == Some(found.pane)
            && (!selecting || name == "begin-selection")
            && !matches!(
                at.event.kind,
                rmux_proto::MouseKind::WheelUp | rmux_proto::MouseKind::WheelDown
            )
        {
            ctx.server.copy_cursor_to_mouse(found.pane, &at);
            if name == "begin-selection" {
                ctx.server.copy_command(found.pane, name, &[])?;
                ctx.server.start_drag(
                    ctx.client,
                    crate::mouse::Drag::Selection { pane: found.pane },
                );
                return Ok(Flow::Continue);
            }
        }
        let rest: Vec<String> = if args.has('F') {
            let f = crate::formats::FormatTarget::for_pane(ctx.server, found.pane);
            rest.iter().map(|a| f.expand_plain(a)).collect()
        } else {
            rest.to_vec()
        };
        for _ in 0..repeat {
            ctx.server.copy_command(found.pane, name, &rest)?;
        }
        return Ok(Flow::Continue);
    }
    if ctx.server.in_mode(found.pane) && !args.has('H') {
        // A pane showing a mode: the keys are the mode's, acted on for the client that
        // would see it (none when no client is attached, as in tmux).
        let client = super::current_client(ctx);
        for _ in 0..repeat {
            for arg in &args.positional {
                let keys: Vec<Key> = match (!args.has('l')).then(|| parse_key(arg)).flatten() {
                    Some(k) => vec![k],
                    None => arg
                        .chars()
                        .map(|c| Key {
                            code: rmux_proto::KeyCode::Char(c),
                            mods: rmux_proto::Mods::default(),
                        })
                        .collect(),
                };
                for k in keys {
                    ctx.server.mode_key(found.pane, k, client);
                }
            }
        }
        return Ok(Flow::Continue);
    }
    let mut bytes = Vec::new();
    for _ in 0..repeat {
        for arg in &args.positional {
            encode_arg(ctx, found.pane, args, arg, &mut bytes)?;
        }
    }
    write_to_pane(ctx, found.pane, bytes);
    Ok(Flow::Continue)
}

fn encode_arg(
    ctx: &Ctx<'_>,
    pane: PaneId,
    args: &Args,
    arg: &str,
    out: &mut Vec<u8>,
) -> Result<(), String> {
    if args.has('H') {
        for hex in arg.split_whitespace() {
            let b = u8::from_str_radix(hex, 16).map_err(|_| format!("invalid hex: {hex}"))?;
            out.push(b);
        }
        return Ok(());
    }
    let key = (!args.has('l')).then(|| parse_key(arg)).flatten();
    match key {
        Some(k) => encode_key(ctx, pane, k, out),
        // Not a key name: the text itself, character by character.
        None => out.extend_from_slice(arg.as_bytes()),
    }
    Ok(())
}

/// The bytes a key produces in a pane under its current modes.
pub fn encode_key(ctx: &Ctx<'_>, pane: PaneId, key: Key, out: &mut Vec<u8>) {
    if let Some(p) = ctx.server.panes.get(&pane)
        && let Ok(t) = p.term.lock()
    {
        t.encode_key(key, out);
    }
}

/// Keys reach the program unless its input is off (select-pane -d), as in tmux.
fn write_to_pane(ctx: &Ctx<'_>, pane: PaneId, bytes: Vec<u8>) {
    if let Some(p) = ctx.server.panes.get(&pane)
        && !p.input_off
    {
        p.pty.write(bytes);
    }
}

fn exec_prefix(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let found = ctx.target(args, 't', Kind::Pane)?;
    let option = if args.has('2') { "prefix2" } else { "prefix" };
    let name = ctx
        .server
        .session_option(Some(found.session), option)
        .to_string();
    if let Some(key) = parse_key(&name) {
        let mut bytes = Vec::new();
        encode_key(ctx, found.pane, key, &mut bytes);
        write_to_pane(ctx, found.pane, bytes);
    }
    Ok(Flow::Continue)
}
