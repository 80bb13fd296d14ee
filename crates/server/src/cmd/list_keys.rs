//! list-keys: the key bindings, as `bind-key` commands (or with `-N` their notes).

use super::{Args, CmdEntry, CmdResult, Ctx, Flow};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "list-keys",
    alias: Some("lsk"),
    flags: "1aNP:T:",
    args: (0, Some(1)),
    usage: "[-1aN] [-P prefix-string] [-T key-table] [key]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let table = args.get('T');
    if let Some(t) = table
        && !ctx.server.keys.has_table(t)
    {
        return Err(format!("table {t} doesn't exist"));
    }
    let only_key = args.arg(0);
    let list: Vec<(String, String, bool, String, Option<String>)> = ctx
        .server
        .keys
        .list()
        .into_iter()
        .filter(|(t, _, _)| table.is_none_or(|want| *t == want))
        .filter(|(_, k, _)| only_key.is_none_or(|want| k == want))
        .map(|(t, k, b)| {
            (
                t.to_string(),
                k,
                b.repeat,
                b.command.clone(),
                b.note.clone(),
            )
        })
        .collect();
    if args.has('N') {
        let prefix = ctx.server.session_option(None, "prefix").to_string();
        let shown: Vec<(String, String)> = list
            .iter()
            .filter(|(t, ..)| t == "prefix" || t == "root")
            .filter_map(|(t, k, _, _, note)| {
                let note = note.clone()?;
                let key = if t == "prefix" {
                    format!("{} {k}", args.get('P').unwrap_or(&prefix))
                } else {
                    k.clone()
                };
                Some((key, note))
            })
            .collect();
        let width = shown
            .iter()
            .map(|(k, _)| k.chars().count())
            .max()
            .unwrap_or(0);
        for (k, note) in shown {
            ctx.print(&format!("{k:<width$} {note}"));
        }
        return Ok(Flow::Continue);
    }
    let tw = list.iter().map(|l| l.0.chars().count()).max().unwrap_or(0);
    let kw = list
        .iter()
        .map(|l| escape_key(&l.1).chars().count())
        .max()
        .unwrap_or(0);
    // The repeat column is there only when a listed binding repeats, as in tmux.
    let any_repeat = list.iter().any(|l| l.2);
    for (t, k, repeat, command, _) in list {
        let r = match (any_repeat, repeat) {
            (false, _) => "",
            (true, true) => "-r ",
            (true, false) => "   ",
        };
        let k = escape_key(&k);
        // Commands joined by ` \; ` as tmux prints them, so the line sources back.
        let command = super::parse_commands_blocks(&command, &[])
            .ok()
            .and_then(|c| super::print_commands(&c, " \\; "))
            .unwrap_or(command);
        let line = format!("bind-key {r}-T {t:<tw$} {k:<kw$} {command}");
        ctx.print(line.trim_end());
        if args.has('1') {
            break;
        }
    }
    Ok(Flow::Continue)
}

/// A key as a config file must spell it, as tmux lists it, so list-keys output can be
/// pasted into a config: a lone character the command parser would take for something
/// else (`;`, `#`, a quote, …) gets a backslash, a longer name with one is quoted.
fn escape_key(key: &str) -> String {
    const SPECIAL: &str = "#';${}%";
    let mut chars = key.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if SPECIAL.contains(c) || c == '"' || c == '~' => format!("\\{c}"),
        _ if key.contains(|c| SPECIAL.contains(c)) => {
            let inner: String = key
                .chars()
                .flat_map(|c| {
                    let escape = matches!(c, '"' | '$' | '\\');
                    escape.then_some('\\').into_iter().chain([c])
                })
                .collect();
            format!("\"{inner}\"")
        }
        _ if key.contains('"') => format!("'{key}'"),
        _ => key.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::escape_key;

    #[test]
    fn keys_the_parser_would_misread_are_escaped_like_tmux() {
        assert_eq!(escape_key(";"), "\\;");
        assert_eq!(escape_key("\""), "\\\"");
        assert_eq!(escape_key("%"), "\\%");
        assert_eq!(escape_key("c"), "c");
        assert_eq!(escape_key("M-{"), "\"M-{\"");
        assert_eq!(escape_key("M-$"), "\"M-\\$\"");
        assert_eq!(escape_key("M-<"), "M-<");
    }
}
