//! Commands given as separate arguments on the command line
//! (`rmux new -d \; split-window`): already split into words by the shell, so only
//! the `;` separators are looked for.

/// Splits argv into commands at `;` arguments and arguments ending in `;`. A `\;`
/// at the end of an argument is a literal `;` (tmux's `cmd_parse_from_arguments`).
/// Empty commands are dropped.
pub fn split_argv(argv: &[String]) -> Vec<Vec<String>> {
    let mut commands = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for arg in argv {
        let Some(stripped) = arg.strip_suffix(';') else {
            current.push(arg.clone());
            continue;
        };
        if let Some(literal) = stripped.strip_suffix('\\') {
            current.push(format!("{literal};"));
            continue;
        }
        if !stripped.is_empty() {
            current.push(stripped.to_string());
        }
        if !current.is_empty() {
            commands.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        commands.push(current);
    }
    commands
}
