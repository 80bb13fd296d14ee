//! The status-line prompts: `command-prompt` (a line of text, then a command built from it)
//! and `confirm-before` (a y/n question).

use rmux_proto::{Key, KeyCode};

/// What happens with the answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PromptKind {
    /// Run `template` with `%%` (or `%1`) replaced by the text typed.
    Command { template: String },
    /// Run `command` if the answer is `y`.
    Confirm { command: String },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prompt {
    pub label: String,
    pub input: String,
    /// Cursor position in `input`, in chars.
    pub cursor: usize,
    pub kind: PromptKind,
}

/// What a key did to the prompt.
#[derive(Debug, PartialEq, Eq)]
pub enum PromptAction {
    /// Still editing.
    Continue,
    /// Closed without running anything.
    Cancel,
    /// Closed: run this command line.
    Run(String),
}

impl Prompt {
    pub fn command(label: String, initial: String, template: String) -> Prompt {
        let cursor = initial.chars().count();
        Prompt {
            label,
            input: initial,
            cursor,
            kind: PromptKind::Command { template },
        }
    }

    pub fn confirm(label: String, command: String) -> Prompt {
        Prompt {
            label,
            input: String::new(),
            cursor: 0,
            kind: PromptKind::Confirm { command },
        }
    }

    /// Handle one key (emacs-style editing, as tmux's default status-keys).
    pub fn key(&mut self, key: Key) -> PromptAction {
        if let PromptKind::Confirm { command } = &self.kind {
            return match key.code {
                KeyCode::Char('y') if !key.mods.ctrl && !key.mods.alt => {
                    PromptAction::Run(command.clone())
                }
                _ => PromptAction::Cancel,
            };
        }
        let ctrl = key.mods.ctrl;
        match key.code {
            KeyCode::Enter => return self.submit(),
            KeyCode::Escape => return PromptAction::Cancel,
            KeyCode::Char('c' | 'g') if ctrl => return PromptAction::Cancel,
            KeyCode::Char('m') if ctrl => return self.submit(),
            KeyCode::Backspace | KeyCode::Char('h') if key.code == KeyCode::Backspace || ctrl => {
                if self.cursor > 0 {
                    self.cursor -= 1;
                    self.remove_at(self.cursor);
                }
            }
            KeyCode::Delete | KeyCode::Char('d') if key.code == KeyCode::Delete || ctrl => {
                self.remove_at(self.cursor);
            }
            KeyCode::Left | KeyCode::Char('b') if key.code == KeyCode::Left || ctrl => {
                self.cursor = self.cursor.saturating_sub(1);
            }
            KeyCode::Right | KeyCode::Char('f') if key.code == KeyCode::Right || ctrl => {
                self.cursor = (self.cursor + 1).min(self.input.chars().count());
            }
            KeyCode::Home | KeyCode::Char('a') if key.code == KeyCode::Home || ctrl => {
                self.cursor = 0;
            }
            KeyCode::End | KeyCode::Char('e') if key.code == KeyCode::End || ctrl => {
                self.cursor = self.input.chars().count();
            }
            KeyCode::Char('k') if ctrl => {
                let at = self.byte_at(self.cursor);
                self.input.truncate(at);
            }
            KeyCode::Char('u') if ctrl => {
                let at = self.byte_at(self.cursor);
                self.input.drain(..at);
                self.cursor = 0;
            }
            KeyCode::Char(c) if !ctrl && !key.mods.alt => {
                let at = self.byte_at(self.cursor);
                self.input.insert(at, c);
                self.cursor += 1;
            }
            KeyCode::Tab => {}
            _ => {}
        }
        PromptAction::Continue
    }

    /// Text pasted into the prompt.
    pub fn paste(&mut self, text: &str) {
        for c in text.chars().filter(|c| !c.is_control()) {
            let at = self.byte_at(self.cursor);
            self.input.insert(at, c);
            self.cursor += 1;
        }
    }

    fn submit(&self) -> PromptAction {
        match &self.kind {
            PromptKind::Command { template } => {
                if self.input.is_empty() {
                    return PromptAction::Cancel;
                }
                PromptAction::Run(fill_template(template, &self.input))
            }
            PromptKind::Confirm { .. } => PromptAction::Cancel,
        }
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.input
            .char_indices()
            .nth(chars)
            .map_or(self.input.len(), |(i, _)| i)
    }

    fn remove_at(&mut self, chars: usize) {
        let at = self.byte_at(chars);
        if at < self.input.len() {
            self.input.remove(at);
        }
    }
}

/// Put the answer into a command template as tmux does: `%%` and `%1` become the text
/// (escaped for the double or single quotes around them); with no placeholder the answer
/// is the command itself.
pub fn fill_template(template: &str, answer: &str) -> String {
    if template.is_empty() {
        return answer.to_string();
    }
    if !template.contains("%%") && !template.contains("%1") {
        return template.to_string();
    }
    let escaped: String = answer
        .chars()
        .flat_map(|c| match c {
            '"' | '\\' | '$' | '\'' | ';' => vec!['\\', c],
            _ => vec![c],
        })
        .collect();
    template.replace("%%", &escaped).replace("%1", &escaped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rmux_proto::Mods;

    fn key(c: KeyCode) -> Key {
        Key {
            code: c,
            mods: Mods::default(),
        }
    }

    #[test]
    fn rename_prompt_builds_the_command() {
        let mut p = Prompt::command(
            "(rename-window) ".into(),
            "bash".into(),
            "rename-window -- '%%'".into(),
        );
        for _ in 0..4 {
            assert_eq!(p.key(key(KeyCode::Backspace)), PromptAction::Continue);
        }
        for c in "editor".chars() {
            p.key(key(KeyCode::Char(c)));
        }
        assert_eq!(
            p.key(key(KeyCode::Enter)),
            PromptAction::Run("rename-window -- 'editor'".into())
        );
    }

    #[test]
    fn confirm_runs_only_on_y() {
        let mut p = Prompt::confirm("kill-pane 1? (y/n)".into(), "kill-pane".into());
        assert_eq!(
            p.key(key(KeyCode::Char('y'))),
            PromptAction::Run("kill-pane".into())
        );
        assert_eq!(p.key(key(KeyCode::Char('n'))), PromptAction::Cancel);
    }

    #[test]
    fn backspace_on_empty_input_is_harmless() {
        let mut p = Prompt::command("(x) ".into(), String::new(), "%%".into());
        assert_eq!(p.key(key(KeyCode::Backspace)), PromptAction::Continue);
        assert_eq!(p.key(key(KeyCode::Enter)), PromptAction::Cancel);
    }
}
