//! customize-mode (`C-b C`): the options of the server, sessions and windows, and the
//! key bindings, in a list; choosing one prompts for its new value (or command) with
//! the current one filled in, as tmux's options mode does.

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};
use crate::cmdline::quote_arg;
use crate::modes::{ChooseMode, Mode};
use crate::options::Scope;

pub static ENTRY: CmdEntry = CmdEntry {
    name: "customize-mode",
    alias: None,
    flags: "F:f:Nt:Z",
    args: (0, Some(0)),
    usage: "[-NZ] [-F format] [-f filter] [-t target-pane]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let found = ctx.target(args, 't', Kind::Pane)?;
    let srv = &*ctx.server;
    let mut items = Vec::new();
    let sections = [
        (Scope::Server, "Server Options", "set -s"),
        (Scope::Session, "Session Options", "set -g"),
        (Scope::Window, "Window & Pane Options", "set -wg"),
    ];
    for (scope, title, set) in sections {
        // A header: choosing it does nothing.
        items.push((title.to_string(), String::new()));
        for d in crate::options::OPTIONS
            .iter()
            .filter(|d| !d.hook && d.scope == scope)
        {
            let value = match scope {
                Scope::Server => srv.server_option(d.name),
                Scope::Session => srv.session_option(None, d.name),
                Scope::Window => srv.window_option(None, d.name),
            };
            let set_it = format!("{set} {} '%%'", d.name);
            let prompt = format!(
                "command-prompt -I {} -p {} {}",
                quote_arg(value),
                quote_arg(&format!("({})", d.name)),
                quote_arg(&set_it)
            );
            items.push((format!("  {}: {value}", d.name), prompt));
        }
    }
    let mut table = "";
    for (t, key, binding) in srv.keys.list() {
        if t != table {
            table = t;
            items.push((format!("Key Table - {t}"), String::new()));
        }
        let bind_it = format!("bind-key -T {t} {} %%", quote_arg(&key));
        let prompt = format!(
            "command-prompt -I {} -p {} {}",
            quote_arg(&binding.command),
            quote_arg(&format!("({key})")),
            quote_arg(&bind_it)
        );
        items.push((format!("  {key}: {}", binding.command), prompt));
    }
    ctx.server.enter_mode(
        found.pane,
        Mode::Choose(ChooseMode::new("options-mode", items)),
    );
    Ok(Flow::Continue)
}
