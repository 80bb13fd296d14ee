//! The status-line prompts: `command-prompt` (a line of text, then a command built from it)
//! and `confirm-before` (a y/n question).

use rmux_proto::{Key, KeyCode};

/// What happens with the answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PromptKind {
    /// Run `template` with `%%` (or `%1`) replaced by the text typed.
    Command { template: String },
    /// Run `template` with `%%` replaced by the name of the next key pressed
    /// (`command-prompt -k`).
    Key { template: String },
    /// Run `template` with `%%` replaced by the next character typed
    /// (`command-prompt -1`, as copy mode's jump keys use it).
    OneKey { template: String },
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

    /// `command-prompt -1`: the first key typed is the answer.
    pub fn single_key(label: String, template: String) -> Prompt {
        Prompt {
            label,
            input: String::new(),
            cursor: 0,
            kind: PromptKind::OneKey { template },
        }
    }

    pub fn key_name(label: String, template: String) -> Prompt {
        Prompt {
            label,
            input: String::new(),
            cursor: 0,
            kind: PromptKind::Key { template },
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
        if let PromptKind::Key { template } = &self.kind {
            let name = crate::keyname::key_name(key);
            return PromptAction::Run(fill_template(template, &name));
        }
        if let PromptKind::OneKey { template } = &self.kind {
            return match edit_for(key) {
                Edit::Insert(c) => PromptAction::Run(fill_template(template, &c.to_string())),
                _ => PromptAction::Cancel,
            };
        }
        if let PromptKind::Confirm { command } = &self.kind {
            return match key.code {
                KeyCode::Char('y') if !key.mods.ctrl && !key.mods.alt => {
                    PromptAction::Run(command.clone())
                }
                _ => PromptAction::Cancel,
            };
        }
        match edit_for(key) {
            Edit::Submit => return self.submit(),
            Edit::Cancel => return PromptAction::Cancel,
            Edit::DeleteBack => {
                if self.cursor > 0 {
                    self.cursor -= 1;
                    self.remove_at(self.cursor);
                }
            }
            Edit::Delete => self.remove_at(self.cursor),
            Edit::Left => self.cursor = self.cursor.saturating_sub(1),
            Edit::Right => self.cursor = (self.cursor + 1).min(self.input.chars().count()),
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = self.input.chars().count(),
            Edit::KillToEnd => {
                let at = self.byte_at(self.cursor);
                self.input.truncate(at);
            }
            Edit::KillToStart => {
                let at = self.byte_at(self.cursor);
                self.input.drain(..at);
                self.cursor = 0;
            }
            Edit::Insert(c) => {
                let at = self.byte_at(self.cursor);
                self.input.insert(at, c);
                self.cursor += 1;
            }
            Edit::Nothing => {}
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
            PromptKind::Confirm { .. } | PromptKind::Key { .. } | PromptKind::OneKey { .. } => {
                PromptAction::Cancel
            }
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

/// What a key does to the text being edited (emacs keys, as tmux's status-keys emacs).
enum Edit {
    Submit,
    Cancel,
    DeleteBack,
    Delete,
    Left,
    Right,
    Home,
    End,
    KillToEnd,
    KillToStart,
    Insert(char),
    Nothing,
}

fn edit_for(key: Key) -> Edit {
    match key.code {
        KeyCode::Enter => Edit::Submit,
        KeyCode::Escape => Edit::Cancel,
        KeyCode::Backspace => Edit::DeleteBack,
        KeyCode::Delete => Edit::Delete,
        KeyCode::Left => Edit::Left,
        KeyCode::Right => Edit::Right,
        KeyCode::Home => Edit::Home,
        KeyCode::End => Edit::End,
        KeyCode::Char(c) if key.mods.ctrl => match c {
            'c' | 'g' => Edit::Cancel,
            'm' => Edit::Submit,
            'h' => Edit::DeleteBack,
            'd' => Edit::Delete,
            'b' => Edit::Left,
            'f' => Edit::Right,
            'a' => Edit::Home,
            'e' => Edit::End,
            'k' => Edit::KillToEnd,
            'u' => Edit::KillToStart,
            _ => Edit::Nothing,
        },
        KeyCode::Char(c) if !key.mods.alt => Edit::Insert(c),
        _ => Edit::Nothing,
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
    fn a_one_key_prompt_answers_with_the_first_character() {
        let mut p =
            Prompt::single_key("(jump forward) ".into(), "send -X jump-forward '%%'".into());
        assert_eq!(
            p.key(key(KeyCode::Char('o'))),
            PromptAction::Run("send -X jump-forward 'o'".into())
        );
        assert_eq!(p.key(key(KeyCode::Escape)), PromptAction::Cancel);
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
