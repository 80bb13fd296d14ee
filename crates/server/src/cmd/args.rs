//! Flags and arguments of one command, parsed getopt-style from a spec such as
//! `"AdDEc:n:s:t:x:y:"` (a letter followed by `:` takes a value), as tmux does: flags may
//! be grouped (`-dP`), values attached (`-tname`) or separate (`-t name`), `--` ends the
//! flags, and the first argument that is not a flag ends them too.

/// Parsed flags and positional arguments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Args {
    flags: Vec<(char, Option<String>)>,
    pub positional: Vec<String>,
    /// Which positional arguments were `{ … }` blocks.
    blocks: Vec<bool>,
}

impl Args {
    /// Parse `argv` (without the command name) against `spec`.
    pub fn parse(command: &str, spec: &str, argv: &[String]) -> Result<Args, String> {
        Args::parse_blocks(command, spec, argv, &[])
    }

    /// As [`Args::parse`], with `blocks` saying which words of `argv` were blocks.
    pub fn parse_blocks(
        command: &str,
        spec: &str,
        argv: &[String],
        blocks: &[bool],
    ) -> Result<Args, String> {
        let mut args = Args::parse_words(command, spec, argv)?;
        let first = argv.len() - args.positional.len();
        args.blocks = (first..argv.len())
            .map(|i| blocks.get(i).copied().unwrap_or(false))
            .collect();
        Ok(args)
    }

    /// Whether positional argument `i` was a `{ … }` block.
    pub fn is_block(&self, i: usize) -> bool {
        self.blocks.get(i).copied().unwrap_or(false)
    }

    fn parse_words(command: &str, spec: &str, argv: &[String]) -> Result<Args, String> {
        let mut args = Args::default();
        let mut i = 0;
        while i < argv.len() {
            let arg = &argv[i];
            if arg == "--" {
                i += 1;
                break;
            }
            if !arg.starts_with('-') || arg == "-" {
                break;
            }
            for (pos, flag) in arg[1..].char_indices() {
                let Some(takes_value) = flag_kind(spec, flag) else {
                    return Err(format!("command {command}: unknown flag -{flag}"));
                };
                if !takes_value {
                    args.flags.push((flag, None));
                    continue;
                }
                let rest = &arg[1 + pos + flag.len_utf8()..];
                let value = if !rest.is_empty() {
                    rest.to_string()
                } else if let Some(next) = argv.get(i + 1) {
                    i += 1;
                    next.clone()
                } else {
                    return Err(format!("command {command}: -{flag} expects an argument"));
                };
                args.flags.push((flag, Some(value)));
                break;
            }
            i += 1;
        }
        args.positional = argv[i..].to_vec();
        Ok(args)
    }

    /// The arguments as tmux prints them back (list-keys, show-hooks): the flags without
    /// values together (`-dP`), then each flag with its value, in flag order, then the
    /// arguments, each quoted as the command parser needs.
    pub fn print(&self) -> String {
        let mut parts = Vec::new();
        let mut bare: Vec<char> = self
            .flags
            .iter()
            .filter(|(_, v)| v.is_none())
            .map(|(f, _)| *f)
            .collect();
        bare.sort_unstable();
        if !bare.is_empty() {
            parts.push(format!("-{}", bare.into_iter().collect::<String>()));
        }
        let mut valued: Vec<(char, &str)> = self
            .flags
            .iter()
            .filter_map(|(f, v)| v.as_deref().map(|v| (*f, v)))
            .collect();
        valued.sort_by_key(|(f, _)| *f);
        for (f, v) in valued {
            parts.push(format!("-{f} {}", crate::cmdline::quote_arg(v)));
        }
        for (i, a) in self.positional.iter().enumerate() {
            parts.push(if self.is_block(i) {
                super::print_block(a)
            } else {
                crate::cmdline::quote_arg(a)
            });
        }
        parts.join(" ")
    }

    /// Check the number of positional arguments.
    pub fn check_count(&self, command: &str, min: usize, max: Option<usize>) -> Result<(), String> {
        let n = self.positional.len();
        if n < min {
            return Err(format!(
                "command {command}: too few arguments (need at least {min})"
            ));
        }
        if let Some(max) = max
            && n > max
        {
            return Err(format!(
                "command {command}: too many arguments (need at most {max})"
            ));
        }
        Ok(())
    }

    pub fn has(&self, flag: char) -> bool {
        self.flags.iter().any(|(f, _)| *f == flag)
    }

    /// How many times a flag was given (`-EE`).
    pub fn count(&self, flag: char) -> usize {
        self.flags.iter().filter(|(f, _)| *f == flag).count()
    }

    /// The value of a flag (the last one given wins).
    pub fn get(&self, flag: char) -> Option<&str> {
        self.flags
            .iter()
            .rev()
            .find(|(f, _)| *f == flag)
            .and_then(|(_, v)| v.as_deref())
    }

    /// Every value of a repeatable flag (`-e VAR=x -e VAR2=y`), in order.
    pub fn all(&self, flag: char) -> impl Iterator<Item = &str> {
        self.flags
            .iter()
            .filter(move |(f, _)| *f == flag)
            .filter_map(|(_, v)| v.as_deref())
    }

    pub fn arg(&self, i: usize) -> Option<&str> {
        self.positional.get(i).map(String::as_str)
    }
}

/// `Some(true)` if `flag` takes a value, `Some(false)` if not, `None` if unknown.
fn flag_kind(spec: &str, flag: char) -> Option<bool> {
    if flag == ':' {
        return None;
    }
    let mut chars = spec.chars().peekable();
    while let Some(c) = chars.next() {
        let takes = chars.peek() == Some(&':');
        if takes {
            chars.next();
        }
        if c == flag {
            return Some(takes);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(spec: &str, argv: &[&str]) -> Result<Args, String> {
        let v: Vec<String> = argv.iter().map(|s| s.to_string()).collect();
        Args::parse("test", spec, &v)
    }

    #[test]
    fn grouped_attached_and_separate_values() {
        let a = parse("dPs:t:x:", &["-dP", "-sname", "-t", "tgt", "rest", "-x"]).unwrap();
        assert!(a.has('d') && a.has('P'));
        assert_eq!(a.get('s'), Some("name"));
        assert_eq!(a.get('t'), Some("tgt"));
        assert_eq!(a.positional, vec!["rest", "-x"]);
    }

    #[test]
    fn value_after_grouped_flags() {
        let a = parse("ds:", &["-ds", "x"]).unwrap();
        assert!(a.has('d'));
        assert_eq!(a.get('s'), Some("x"));
    }

    #[test]
    fn double_dash_ends_flags() {
        let a = parse("t:", &["--", "-t"]).unwrap();
        assert!(!a.has('t'));
        assert_eq!(a.positional, vec!["-t"]);
    }

    #[test]
    fn errors_read_like_tmux() {
        assert_eq!(
            parse("d", &["-Z"]).unwrap_err(),
            "command test: unknown flag -Z"
        );
        assert_eq!(
            parse("s:", &["-s"]).unwrap_err(),
            "command test: -s expects an argument"
        );
        let a = parse("", &["x"]).unwrap();
        assert_eq!(
            a.check_count("list-sessions", 0, Some(0)).unwrap_err(),
            "command list-sessions: too many arguments (need at most 0)"
        );
    }

    #[test]
    fn lone_dash_is_positional() {
        let a = parse("t:", &["-", "x"]).unwrap();
        assert_eq!(a.positional, vec!["-", "x"]);
    }
}
