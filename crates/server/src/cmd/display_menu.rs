//! display-menu (`menu`): a menu over a client's screen (`C-b <`, `C-b >` and the
//! right-click menus are tmux's default bindings of it); the command that opens it
//! waits until it closes.

use super::{Args, ChannelOp, CmdEntry, CmdResult, Ctx, Flow, Kind};
use crate::formats::FormatTarget;
use crate::server::menu::{Menu, MenuItem, channel_name};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "display-menu",
    alias: Some("menu"),
    flags: "c:t:OT:x:y:",
    args: (1, None),
    usage: "[-O] [-c target-client] [-t target-pane] [-T title] [-x position] [-y position] name key command ...",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let client = super::client_flag(ctx, args, 'c')?;
    if ctx.server.menus.contains_key(&client) || ctx.server.popup_of(client).is_some() {
        return Ok(Flow::Continue);
    }
    let found = ctx.target(args, 't', Kind::Pane)?;
    let target = FormatTarget::for_found(ctx.server, Some(found), Some(client));
    let title = args
        .get('T')
        .map(|t| target.expand_plain(t))
        .unwrap_or_default();
    let screen_cols = ctx
        .server
        .clients
        .get(&client)
        .and_then(|c| c.size())
        .map_or(80, |s| s.cols);
    let items = items(
        &target,
        &args.positional,
        usize::from(screen_cols).saturating_sub(4),
    )?;
    if items.is_empty() {
        return Ok(Flow::Continue);
    }
    let width = items
        .iter()
        .map(|i| match i {
            MenuItem::Separator => 0,
            MenuItem::Entry {
                text, key_label, ..
            } => text.chars().count() + key_label.as_ref().map_or(0, |k| k.chars().count() + 3),
        })
        .max()
        .unwrap_or(0);
    let width = u16::try_from(width).unwrap_or(u16::MAX);
    let rows = u16::try_from(items.len()).unwrap_or(u16::MAX);
    let around = super::placement::Around::of(ctx, client, found);
    let (w, h) = (width.saturating_add(4), rows.saturating_add(2));
    // A menu that does not fit is not shown, as in tmux.
    if w > around.screen.0 || h > around.screen.1 {
        return Ok(Flow::Continue);
    }
    let (x, y) = super::placement::place(&target, args.get('x'), args.get('y'), (w, h), &around);
    let mouse = ctx.current.mouse;
    // Opened from the keyboard, the first item that can be chosen is chosen.
    let choice = match mouse {
        Some(_) => None,
        None => items.iter().position(|i| {
            matches!(
                i,
                MenuItem::Entry {
                    disabled: false,
                    ..
                }
            )
        }),
    };
    let id = ctx.server.menu_id();
    ctx.server.open_menu(Menu {
        client,
        id,
        x,
        y,
        width,
        title,
        items,
        choice,
        mouse,
        stay_open: args.has('O'),
    });
    Ok(Flow::Channel(channel_name(id), ChannelOp::Wait))
}

/// The items from `name key command` triples (an empty name alone is a separator), as
/// tmux's menu_add_item makes them: names and commands expanded, an item whose name
/// expands to nothing left out, no separator first.
fn items(target: &FormatTarget<'_>, args: &[String], room: usize) -> Result<Vec<MenuItem>, String> {
    let mut items = Vec::new();
    let mut rest = args.iter();
    while let Some(name) = rest.next() {
        if name.is_empty() {
            if !items.is_empty() {
                items.push(MenuItem::Separator);
            }
            continue;
        }
        let (Some(key), Some(command)) = (rest.next(), rest.next()) else {
            return Err("not enough arguments".to_string());
        };
        let shown = target.expand_plain(name);
        if shown.is_empty() {
            continue;
        }
        let (disabled, text) = match shown.strip_prefix('-') {
            Some(t) => (true, crate::server::menu::without_styles(t)),
            None => (false, crate::server::menu::without_styles(&shown)),
        };
        let parsed = crate::keyname::parse_key(key);
        // The key is shown (right-aligned) when it takes at most a quarter of the room.
        let label = parsed
            .filter(|_| !disabled)
            .map(crate::keyname::key_name)
            .filter(|k| k.chars().count() + 3 <= room / 4);
        let label_width = label.as_ref().map_or(0, |l| l.chars().count() + 3);
        let text = if text.chars().count() > room.saturating_sub(label_width) {
            let keep = room.saturating_sub(label_width + 1);
            format!("{}>", text.chars().take(keep).collect::<String>())
        } else {
            text
        };
        items.push(MenuItem::Entry {
            text,
            key: parsed,
            key_label: label,
            command: target.expand_plain(command),
            disabled,
        });
    }
    Ok(items)
}
