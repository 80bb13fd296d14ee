//! source-file: run the commands in a configuration file.

use super::{Args, CmdEntry, CmdResult, Ctx, Flow};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "source-file",
    alias: Some("source"),
    flags: "Fnqv",
    args: (1, None),
    usage: "[-Fnqv] path ...",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let mut errors = Vec::new();
    for path in &args.positional {
        let path = super::expand_path(ctx, path);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if args.has('q') && e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => {
                errors.push(format!("{}: {e}", path.display()));
                continue;
            }
        };
        let name = path.display().to_string();
        errors.extend(run_config(ctx, &name, &text, args.has('n')));
    }
    if errors.is_empty() {
        Ok(Flow::Continue)
    } else {
        Err(errors.join("\n"))
    }
}

/// Run every command of a configuration text; returns one message per failing line
/// (`file:line: message`), the other lines still run.
pub fn run_config(ctx: &mut Ctx<'_>, name: &str, text: &str, parse_only: bool) -> Vec<String> {
    let parsed = {
        let env = ConfigEnv {
            server: ctx.server,
            env: &ctx.env,
        };
        crate::cmdline::parse_config(text, &env)
    };
    let mut errors: Vec<String> = parsed
        .errors
        .iter()
        .map(|e| format!("{name}:{}: {}", e.line, e.message))
        .collect();
    for a in &parsed.assignments {
        ctx.env.retain(|(k, _)| *k != a.name);
        ctx.env.push((a.name.clone(), a.value.clone()));
    }
    if parse_only {
        return errors;
    }
    for c in parsed.commands {
        if let Err(e) = super::run(ctx, &c.argv) {
            errors.push(format!("{name}:{}: {e}", c.line));
        }
    }
    errors
}

/// What a config file's `$NAME` and `%if` see: the caller's environment and the server's
/// formats.
struct ConfigEnv<'a> {
    server: &'a crate::server::Server,
    env: &'a [(String, String)],
}

impl crate::cmdline::ParseEnv for ConfigEnv<'_> {
    fn var(&self, name: &str) -> Option<String> {
        self.env
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }

    fn expand_condition(&self, condition: &str) -> String {
        crate::formats::FormatTarget {
            server: self.server,
            client: None,
            session: None,
            window: None,
            pane: None,
        }
        .expand(condition)
    }
}
