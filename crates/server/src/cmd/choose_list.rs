//! choose-buffer (`C-b =`: paste a buffer) and choose-client (`C-b D`: detach a client),
//! each a list to pick from.

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};
use crate::cmdline::quote_arg;
use crate::modes::{ChooseMode, Mode};

pub static CHOOSE_BUFFER: CmdEntry = CmdEntry {
    name: "choose-buffer",
    alias: None,
    flags: "F:f:GK:NO:rt:Z",
    args: (0, Some(1)),
    usage: "[-NrZ] [-F format] [-f filter] [-K key-format] [-O sort-order] [-t target-pane] [template]",
    exec: exec_buffer,
};

pub static CHOOSE_CLIENT: CmdEntry = CmdEntry {
    name: "choose-client",
    alias: None,
    flags: "F:f:K:NO:rt:Z",
    args: (0, Some(1)),
    usage: "[-NrZ] [-F format] [-f filter] [-K key-format] [-O sort-order] [-t target-pane] [template]",
    exec: exec_client,
};

/// The list in the target pane; with nothing to choose from there is no mode, as in
/// tmux.
fn open(
    ctx: &mut Ctx<'_>,
    args: &Args,
    name: &'static str,
    items: Vec<(String, String)>,
) -> CmdResult {
    let found = ctx.target(args, 't', Kind::Pane)?;
    if !items.is_empty() {
        ctx.server
            .enter_mode(found.pane, Mode::Choose(ChooseMode::new(name, items)));
    }
    Ok(Flow::Continue)
}

/// The template's `%%` replaced by an item's name, quoted.
fn fill(template: &str, name: &str) -> String {
    template.replace("%%", &quote_arg(name))
}

/// A buffer as list-buffers shows it.
fn buffer_line(b: &crate::buffers::PasteBuffer) -> String {
    format!("{}: {} bytes: \"{}\"", b.name, b.data.len(), b.sample())
}

fn exec_buffer(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let template = args.arg(0).unwrap_or("paste-buffer -p -b %%").to_string();
    let items = ctx
        .server
        .buffers
        .iter()
        .map(|b| (buffer_line(b), fill(&template, &b.name)))
        .collect();
    open(ctx, args, "buffer-mode", items)
}

fn exec_client(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let template = args.arg(0).unwrap_or("detach-client -t %%").to_string();
    let items = ctx
        .server
        .clients
        .values()
        .filter_map(|c| {
            let session = c.session()?;
            let name = ctx.server.sessions.get(&session)?.name.clone();
            let size = c.size().unwrap_or_default();
            let label = format!("{}: {name} [{}x{}]", c.tty(), size.cols, size.rows);
            Some((label, fill(&template, c.tty())))
        })
        .collect();
    open(ctx, args, "client-mode", items)
}
