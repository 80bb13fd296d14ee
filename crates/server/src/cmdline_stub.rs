//! Stand-in for the command-line parser while it is being written.
#![allow(dead_code)]

#[derive(Debug)]
pub struct ParseError(pub String);

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub struct ConfigCommand {
    pub line: usize,
    pub argv: Vec<String>,
}

pub struct ConfigError {
    pub line: usize,
    pub message: String,
}

pub fn split_argv(argv: &[String]) -> Vec<Vec<String>> {
    let mut out = vec![Vec::new()];
    for a in argv {
        if a == ";" {
            out.push(Vec::new());
        } else if let Some(x) = a.strip_suffix("\\;") {
            if let Some(last) = out.last_mut() {
                last.push(x.to_string());
            }
            out.push(Vec::new());
        } else if let Some(last) = out.last_mut() {
            last.push(a.clone());
        }
    }
    out.retain(|c| !c.is_empty());
    out
}

pub fn parse_line(input: &str) -> Result<Vec<Vec<String>>, ParseError> {
    let mut commands = vec![Vec::new()];
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(x) => word.push(x),
                        None => return Err(ParseError("unterminated quote".into())),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => {
                            if let Some(x) = chars.next() {
                                word.push(x);
                            }
                        }
                        Some(x) => word.push(x),
                        None => return Err(ParseError("unterminated quote".into())),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(x) = chars.next() {
                    word.push(x);
                }
            }
            ';' if !in_word || word.is_empty() => {
                if let Some(last) = commands.last_mut() && in_word {
                    last.push(std::mem::take(&mut word));
                }
                in_word = false;
                commands.push(Vec::new());
            }
            c if c.is_whitespace() => {
                if in_word {
                    if let Some(last) = commands.last_mut() {
                        last.push(std::mem::take(&mut word));
                    }
                    in_word = false;
                }
            }
            '#' if !in_word => break,
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word && let Some(last) = commands.last_mut() {
        last.push(word);
    }
    commands.retain(|c| !c.is_empty());
    Ok(commands)
}

pub fn parse_config(
    text: &str,
    _env: &dyn Fn(&str) -> Option<String>,
) -> (Vec<ConfigCommand>, Vec<ConfigError>) {
    let mut commands = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        match parse_line(line) {
            Ok(cs) => commands.extend(cs.into_iter().map(|argv| ConfigCommand { line: i + 1, argv })),
            Err(e) => errors.push(ConfigError {
                line: i + 1,
                message: e.0,
            }),
        }
    }
    (commands, errors)
}
