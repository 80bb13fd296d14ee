//! command-prompt: read a line in the status line, then run a command made from it
//! (`C-b :` for any command, `C-b ,` to rename a window).

use super::{Args, CmdEntry, CmdResult, Ctx, Flow};
use crate::formats::FormatTarget;
use crate::prompt::{Prompt, PromptType};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "command-prompt",
    alias: None,
    flags: "1bFkiI:Np:t:T:",
    args: (0, Some(1)),
    usage: "[-1bFikN] [-I inputs] [-p prompts] [-t target-client] [-T type] [template]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let client = super::client_flag(ctx, args, 't')?;
    let ptype = match args.get('T') {
        Some(t) => PromptType::from_name(t).ok_or_else(|| format!("unknown type: {t}"))?,
        None => PromptType::Command,
    };
    // One prompt open at a time, as in tmux: a second is ignored.
    if ctx
        .server
        .clients
        .get(&client)
        .and_then(|c| c.attached.as_ref())
        .is_some_and(|a| a.prompt.is_some())
    {
        return Ok(Flow::Continue);
    }
    let template = args.arg(0).unwrap_or("").to_string();
    let expand = |s: &str| super::expand_for_client(ctx, client, s);
    let labels: Vec<String> = match args.get('p') {
        Some(p) => expand(p).split(',').map(|l| format!("{l} ")).collect(),
        None if template.is_empty() => vec![":".to_string()],
        None => {
            let first = template.split_whitespace().next().unwrap_or("");
            vec![format!("({first}) ")]
        }
    };
    let inputs: Vec<String> = args
        .get('I')
        .map(|i| expand(i).split(',').map(str::to_string).collect())
        .unwrap_or_default();
    let first = labels.first().cloned().unwrap_or_default();
    let mut prompt = if args.has('k') {
        Prompt::key_name(first, template)
    } else if args.has('1') {
        Prompt::single_key(first, template)
    } else {
        let questions = labels
            .into_iter()
            .enumerate()
            .map(|(i, l)| (l, inputs.get(i).cloned().unwrap_or_default()))
            .collect();
        Prompt::questions(questions, template)
    };
    prompt.ptype = ptype;
    prompt.numeric = args.has('N') && !args.has('1');
    if args.has('i') {
        // As tmux: the -I text is what C-s/C-r bring back, the line starts empty, and
        // the command runs once at once (`=`), so a search knows where it starts.
        prompt.incremental = true;
        prompt.last = std::mem::take(&mut prompt.input);
        prompt.cursor = 0;
        let first = prompt.incremental_line('=');
        ctx.server.open_prompt(client, prompt);
        if let Some(line) = first {
            super::insert_commands(ctx, &line)?;
        }
        return Ok(Flow::Continue);
    }
    ctx.server.open_prompt(client, prompt);
    Ok(Flow::Continue)
}

/// Expand a format for the client's current pane.
pub fn expand_for_client(ctx: &Ctx<'_>, client: crate::ids::ClientId, s: &str) -> String {
    let session = ctx.server.clients.get(&client).and_then(|c| c.session());
    let window = session.and_then(|s| ctx.server.current_window(s));
    FormatTarget {
        server: ctx.server,
        winlink: None,
        client: Some(client),
        session,
        window,
        pane: window.and_then(|w| ctx.server.active_pane(w)),
    }
    .expand(s)
}
