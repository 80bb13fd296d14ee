//! list-keys: the key bindings, as `bind-key` commands (or with `-N` their notes).

use super::{Args, CmdEntry, CmdResult, Ctx, Flow};
use crate::keyname::{BindKey, bind_key_name, normalize_bind, parse_bind_key};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "list-keys",
    alias: Some("lsk"),
    flags: "1aNP:T:",
    args: (0, Some(1)),
    usage: "[-1aN] [-P prefix-string] [-T key-table] [key]",
    exec,
};

/// One listed binding: table, key name, repeat, command, note.
type Listed = (String, String, bool, String, Option<String>);

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    // The key is compared as tmux spells it, so `^B` finds `C-b`.
    let only = match args.arg(0) {
        Some(name) => Some(
            parse_bind_key(name)
                .map(|k| bind_key_name(normalize_bind(k)))
                .ok_or_else(|| format!("invalid key: {name}"))?,
        ),
        None => None,
    };
    let table = args.get('T');
    if let Some(t) = table
        && !ctx.server.keys.has_table(t)
    {
        return Err(format!("table {t} doesn't exist"));
    }
    let list: Vec<Listed> = ctx
        .server
        .keys
        .list()
        .into_iter()
        .filter(|(t, _, _)| table.is_none_or(|want| *t == want))
        .filter(|(_, k, _)| only.as_ref().is_none_or(|want| k == want))
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
    let found = if args.has('N') {
        print_notes(ctx, args, &list)
    } else {
        print_bindings(ctx, &list)
    };
    match (args.arg(0), found) {
        (Some(name), false) => Err(format!("unknown key: {name}")),
        _ => Ok(Flow::Continue),
    }
}

/// `-N`: each binding's note (with `-a`, its command when it has none), the prefix
/// table's keys after the prefix; root and prefix keys together unless `-T` names a
/// table. With `-1` only the first, shown in the status line of an attached client
/// (`C-b /` answers there). Whether anything was listed.
fn print_notes(ctx: &mut Ctx<'_>, args: &Args, list: &[Listed]) -> bool {
    let shown = |(t, k, _, _, note): &Listed, want: &str| {
        t == want
            && !matches!(parse_bind_key(k), Some(BindKey::Mouse(_)))
            && (note.as_deref().is_some_and(|n| !n.is_empty()) || args.has('a'))
    };
    // The width counts keys with notes only, even with -a, as tmux 3.3a counts them
    // (so a table without notes prints its keys and commands run together, as there).
    let width_of = |want: &str| {
        list.iter()
            .filter(|(t, k, _, _, note)| {
                t == want
                    && !matches!(parse_bind_key(k), Some(BindKey::Mouse(_)))
                    && note.as_deref().is_some_and(|n| !n.is_empty())
            })
            .map(|l| l.1.chars().count())
            .max()
            .unwrap_or(0)
    };
    // (table, what goes before each key)
    let mut sections: Vec<(String, String)> = Vec::new();
    let mut keywidth;
    match args.get('T') {
        Some(t) => {
            keywidth = width_of(t);
            sections.push((t.to_string(), args.get('P').unwrap_or("").to_string()));
        }
        None => {
            let prefix = ctx.server.session_option(None, "prefix").to_string();
            let start = match args.get('P') {
                Some(p) => p.to_string(),
                None if prefix == "None" => String::new(),
                None => format!("{prefix} "),
            };
            keywidth = width_of("root");
            sections.push(("root".into(), " ".repeat(start.chars().count())));
            let prefix_width = width_of("prefix");
            if prefix != "None" && prefix_width > 0 {
                keywidth = keywidth.max(prefix_width);
                sections.push(("prefix".into(), start));
            }
        }
    }
    let status_client = args.has('1').then(|| ctx.attached_client()).flatten();
    let mut found = false;
    for (table, start) in sections {
        for l in list.iter().filter(|l| shown(l, &table)) {
            found = true;
            let note = match &l.4 {
                Some(n) if !n.is_empty() => n.clone(),
                _ => super::parse_commands_blocks(&l.3, &[])
                    .ok()
                    .and_then(|c| super::print_commands(&c, " \\; "))
                    .unwrap_or_else(|| l.3.clone()),
            };
            let line = format!("{start}{:<w$}{note}", l.1, w = keywidth + 1);
            match status_client {
                Some(c) => {
                    let delay = ctx.server.display_time(c);
                    ctx.server.show_message(c, &line, delay);
                }
                None => ctx.print(&line),
            }
            if args.has('1') {
                return true;
            }
        }
    }
    found
}

/// The bindings as `bind-key` commands that source back. Whether any was listed.
fn print_bindings(ctx: &mut Ctx<'_>, list: &[Listed]) -> bool {
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
        let k = escape_key(k);
        // Commands joined by ` \; ` as tmux prints them, so the line sources back.
        let command = super::parse_commands_blocks(command, &[])
            .ok()
            .and_then(|c| super::print_commands(&c, " \\; "))
            .unwrap_or_else(|| command.clone());
        let line = format!("bind-key {r}-T {t:<tw$} {k:<kw$} {command}");
        ctx.print(line.trim_end());
    }
    !list.is_empty()
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
