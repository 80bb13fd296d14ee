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
    let env = |k: &str| std::env::var(k).ok();
    let (commands, parse_errors) = crate::cmdline::parse_config(text, &env);
    let mut errors: Vec<String> = parse_errors
        .iter()
        .map(|e| format!("{name}:{}: {}", e.line, e.message))
        .collect();
    if parse_only {
        return errors;
    }
    for c in commands {
        if let Err(e) = super::run(ctx, &c.argv) {
            errors.push(format!("{name}:{}: {e}", c.line));
        }
    }
    errors
}
