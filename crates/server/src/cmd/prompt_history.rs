//! show-prompt-history and clear-prompt-history: what was typed at each type of prompt.

use super::{Args, CmdEntry, CmdResult, Ctx, Flow};
use crate::prompt::PromptType;

pub static SHOW: CmdEntry = CmdEntry {
    name: "show-prompt-history",
    alias: Some("showphist"),
    flags: "T:",
    args: (0, Some(0)),
    usage: "[-T type]",
    exec: exec_show,
};

pub static CLEAR: CmdEntry = CmdEntry {
    name: "clear-prompt-history",
    alias: Some("clearphist"),
    flags: "T:",
    args: (0, Some(0)),
    usage: "[-T type]",
    exec: exec_clear,
};

/// The `-T` type, if given; an unknown one is an error worded as tmux words it.
fn prompt_type(args: &Args) -> Result<Option<PromptType>, String> {
    args.get('T')
        .map(|t| PromptType::from_name(t).ok_or_else(|| format!("invalid type: {t}")))
        .transpose()
}

fn exec_show(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let types = match prompt_type(args)? {
        Some(t) => vec![t],
        None => PromptType::ALL.to_vec(),
    };
    let mut out = String::new();
    for t in types {
        out.push_str(&format!("History for {}:\n\n", t.name()));
        for (i, line) in ctx.server.prompt_history.list(t).iter().enumerate() {
            out.push_str(&format!("{}: {line}\n", i + 1));
        }
        out.push('\n');
    }
    ctx.out.push_str(&out);
    Ok(Flow::Continue)
}

fn exec_clear(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let t = prompt_type(args)?;
    ctx.server.prompt_history.clear(t);
    Ok(Flow::Continue)
}
