//! The status-line prompts: `command-prompt` (one or more lines of text, then a command
//! built from them) and `confirm-before` (a y/n question), with a history per prompt
//! type as tmux keeps it.

use rmux_proto::{Key, KeyCode};

/// What happens with the answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PromptKind {
    /// Run `template` with `%1`, `%2`… (and `%%`) replaced by the answers.
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

/// The kinds of prompt tmux keeps a history for (`command-prompt -T`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PromptType {
    #[default]
    Command,
    Search,
    Target,
    WindowTarget,
}

impl PromptType {
    pub const ALL: [PromptType; 4] = [
        PromptType::Command,
        PromptType::Search,
        PromptType::Target,
        PromptType::WindowTarget,
    ];

    pub fn name(self) -> &'static str {
        match self {
            PromptType::Command => "command",
            PromptType::Search => "search",
            PromptType::Target => "target",
            PromptType::WindowTarget => "window-target",
        }
    }

    pub fn from_name(name: &str) -> Option<PromptType> {
        PromptType::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// What was typed at each type of prompt, oldest first; shared by every client.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct PromptHistory {
    lists: [Vec<String>; 4],
    /// prompt-history-limit.
    pub limit: usize,
}

impl PromptHistory {
    pub fn new(limit: usize) -> PromptHistory {
        PromptHistory {
            lists: Default::default(),
            limit,
        }
    }

    pub fn list(&self, t: PromptType) -> &[String] {
        &self.lists[t as usize]
    }

    /// Keep `line` unless it repeats the last entry; the oldest go past the limit.
    pub fn add(&mut self, t: PromptType, line: &str) {
        let list = &mut self.lists[t as usize];
        if line.is_empty() || list.last().is_some_and(|l| l == line) {
            return;
        }
        list.push(line.to_string());
        let excess = list.len().saturating_sub(self.limit);
        list.drain(..excess);
    }

    pub fn clear(&mut self, t: Option<PromptType>) {
        for (i, list) in self.lists.iter_mut().enumerate() {
            if t.is_none_or(|t| t as usize == i) {
                list.clear();
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prompt {
    pub label: String,
    pub input: String,
    /// Cursor position in `input`, in chars.
    pub cursor: usize,
    pub kind: PromptKind,
    pub ptype: PromptType,
    /// `-N`: digits only; any other key ends the prompt.
    pub numeric: bool,
    /// The prompts still to come after this one (label, initial text).
    rest: Vec<(String, String)>,
    answers: Vec<String>,
    /// How far back in the history Up has gone (0: not in it).
    history_at: usize,
    /// `-i`: the command runs as the text changes (`=text`), and C-s/C-r ask for the
    /// next match down/up (`+text`, `-text`), as tmux's incremental prompt.
    pub incremental: bool,
    /// For an incremental prompt: the text C-s/C-r bring back when it is empty (`-I`).
    pub last: String,
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
    /// Still open: run this command line now (an incremental prompt's text changed).
    Changed(String),
}

impl Prompt {
    fn new(label: String, input: String, kind: PromptKind) -> Prompt {
        Prompt {
            cursor: input.chars().count(),
            label,
            input,
            kind,
            ptype: PromptType::Command,
            numeric: false,
            rest: Vec::new(),
            answers: Vec::new(),
            history_at: 0,
            incremental: false,
            last: String::new(),
        }
    }

    /// The command line an incremental prompt runs for its text with `prefix`.
    pub fn incremental_line(&self, prefix: char) -> Option<String> {
        let PromptKind::Command { template } = &self.kind else {
            return None;
        };
        Some(fill_template(
            template,
            &[format!("{prefix}{}", self.input)],
        ))
    }

    /// C-s and C-r in an incremental prompt: the next match down or up; on an empty
    /// line they bring back the last search first.
    fn incremental_again(&mut self, down: bool) -> PromptAction {
        let prefix = if self.input.is_empty() {
            let last = self.last.clone();
            self.set_input(last);
            '='
        } else if down {
            '+'
        } else {
            '-'
        };
        self.incremental_line(prefix)
            .map_or(PromptAction::Continue, PromptAction::Changed)
    }

    pub fn command(label: String, initial: String, template: String) -> Prompt {
        Prompt::new(label, initial, PromptKind::Command { template })
    }

    /// Several questions in turn (`-p "first,second"`), each with its initial text; the
    /// answers fill `%1`, `%2`… of `template`.
    pub fn questions(prompts: Vec<(String, String)>, template: String) -> Prompt {
        let mut prompts = prompts.into_iter();
        let (label, input) = prompts.next().unwrap_or_default();
        let mut p = Prompt::command(label, input, template);
        p.rest = prompts.collect();
        p
    }

    /// `command-prompt -1`: the first key typed is the answer.
    pub fn single_key(label: String, template: String) -> Prompt {
        Prompt::new(label, String::new(), PromptKind::OneKey { template })
    }

    pub fn key_name(label: String, template: String) -> Prompt {
        Prompt::new(label, String::new(), PromptKind::Key { template })
    }

    pub fn confirm(label: String, command: String) -> Prompt {
        Prompt::new(label, String::new(), PromptKind::Confirm { command })
    }

    /// Handle one key (emacs-style editing, as tmux's default status-keys); Up and Down
    /// walk `history`, Enter adds to it.
    pub fn key(&mut self, key: Key, history: &mut PromptHistory) -> PromptAction {
        if let PromptKind::Key { template } = &self.kind {
            let name = crate::keyname::key_name(key);
            return PromptAction::Run(fill_template(template, &[name]));
        }
        if let PromptKind::OneKey { template } = &self.kind {
            return match edit_for(key) {
                Edit::Insert(c) => PromptAction::Run(fill_template(template, &[c.to_string()])),
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
        if self.incremental && key.mods.ctrl && !key.mods.alt {
            match key.code {
                KeyCode::Char('s') => return self.incremental_again(true),
                KeyCode::Char('r') => return self.incremental_again(false),
                _ => {}
            }
        }
        let edit = edit_for(key);
        if self.incremental && matches!(edit, Edit::Submit) {
            // Enter ends an incremental prompt where it is: nothing more runs.
            history.add(self.ptype, &self.input);
            return PromptAction::Cancel;
        }
        let before = self.input.clone();
        if self.numeric && !matches!(edit, Edit::Insert('0'..='9')) {
            // As tmux: anything but a digit answers with what was typed.
            return self.submit(history);
        }
        match edit {
            Edit::Submit => return self.submit(history),
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
            Edit::Older => {
                let list = history.list(self.ptype);
                if self.history_at < list.len() {
                    self.history_at += 1;
                    self.set_input(list[list.len() - self.history_at].clone());
                }
            }
            Edit::Newer => {
                // Past the newest entry the line is empty, as in tmux.
                if self.history_at > 0 {
                    self.history_at -= 1;
                    let list = history.list(self.ptype);
                    let line = match self.history_at {
                        0 => String::new(),
                        n => list.get(list.len() - n).cloned().unwrap_or_default(),
                    };
                    self.set_input(line);
                }
            }
            Edit::Nothing => {}
        }
        if self.incremental && self.input != before {
            return self
                .incremental_line('=')
                .map_or(PromptAction::Continue, PromptAction::Changed);
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

    fn set_input(&mut self, text: String) {
        self.cursor = text.chars().count();
        self.input = text;
    }

    /// Enter: the answer is kept; the next question comes, or the command runs. An empty
    /// answer is an answer too, as in tmux.
    fn submit(&mut self, history: &mut PromptHistory) -> PromptAction {
        let PromptKind::Command { template } = &self.kind else {
            return PromptAction::Cancel;
        };
        history.add(self.ptype, &self.input);
        self.answers.push(std::mem::take(&mut self.input));
        if !self.rest.is_empty() {
            let (label, input) = self.rest.remove(0);
            self.label = label;
            self.set_input(input);
            self.history_at = 0;
            return PromptAction::Continue;
        }
        PromptAction::Run(fill_template(template, &self.answers))
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
    Older,
    Newer,
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
        KeyCode::Up => Edit::Older,
        KeyCode::Down => Edit::Newer,
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
            'p' => Edit::Older,
            'n' => Edit::Newer,
            _ => Edit::Nothing,
        },
        KeyCode::Char(c) if !key.mods.alt => Edit::Insert(c),
        _ => Edit::Nothing,
    }
}

/// Put the answers into a command template. When the placeholders stand for command
/// names (`%1` alone, as `C-b :` uses), the answers are command text, put in as tmux puts
/// them. Otherwise each answer becomes (part of) the argument its placeholder is in, as
/// tmux does for `{ … }` templates: quotes or spaces in what was typed cannot change the
/// command.
pub fn fill_template(template: &str, answers: &[String]) -> String {
    let template = if template.is_empty() { "%1" } else { template };
    let text_level = || {
        let mut line = template.to_string();
        for (i, answer) in answers.iter().enumerate() {
            line = replace_placeholders(&line, answer, i + 1, true);
        }
        line
    };
    let Ok(parsed) = crate::cmdline::parse_line(template, &crate::cmdline::NoEnv) else {
        return text_level();
    };
    if parsed
        .commands
        .iter()
        .any(|c| c.first().is_some_and(|name| name.contains('%')))
    {
        return text_level();
    }
    let commands: Vec<Vec<String>> = parsed
        .commands
        .into_iter()
        .map(|argv| {
            argv.into_iter()
                .map(|mut arg| {
                    for (i, answer) in answers.iter().enumerate() {
                        arg = replace_placeholders(&arg, answer, i + 1, false);
                    }
                    arg
                })
                .collect()
        })
        .collect();
    crate::cmdline::join_commands(&commands)
}

/// tmux's `cmd_template_replace`: `%N` (every one) and the first `%%` become `value`;
/// `%N%` and `%%%` take it with `"\$;~` escaped when `escape` (the text form).
fn replace_placeholders(text: &str, value: &str, index: usize, escape: bool) -> String {
    let digit = char::from_digit(u32::try_from(index).unwrap_or(0), 10);
    let mut out = String::new();
    let mut replaced = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.peek() {
            Some(&n) if Some(n) == digit && index <= 9 => {}
            Some('%') if !replaced => replaced = true,
            _ => {
                out.push(c);
                continue;
            }
        }
        chars.next();
        let quoted = chars.next_if_eq(&'%').is_some();
        for v in value.chars() {
            if escape && quoted && "\"\\$;~".contains(v) {
                out.push('\\');
            }
            out.push(v);
        }
    }
    out
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

    fn history() -> PromptHistory {
        PromptHistory::new(100)
    }

    fn type_in(p: &mut Prompt, h: &mut PromptHistory, text: &str) {
        for c in text.chars() {
            assert_eq!(p.key(key(KeyCode::Char(c)), h), PromptAction::Continue);
        }
    }

    #[test]
    fn rename_prompt_builds_the_command() {
        let mut h = history();
        let mut p = Prompt::command(
            "(rename-window) ".into(),
            "bash".into(),
            "rename-window -- '%%'".into(),
        );
        for _ in 0..4 {
            assert_eq!(
                p.key(key(KeyCode::Backspace), &mut h),
                PromptAction::Continue
            );
        }
        type_in(&mut p, &mut h, "my 'editor'");
        assert_eq!(
            p.key(key(KeyCode::Enter), &mut h),
            PromptAction::Run("rename-window -- \"my 'editor'\"".into())
        );
        assert_eq!(h.list(PromptType::Command), ["my 'editor'"]);
    }

    #[test]
    fn several_questions_fill_their_placeholders_in_turn() {
        let mut h = history();
        let mut p = Prompt::questions(
            vec![
                ("name ".into(), String::new()),
                ("dir ".into(), "/tmp".into()),
            ],
            "new-session -d -s %1 -c %2".into(),
        );
        type_in(&mut p, &mut h, "work");
        assert_eq!(p.key(key(KeyCode::Enter), &mut h), PromptAction::Continue);
        assert_eq!((p.label.as_str(), p.input.as_str()), ("dir ", "/tmp"));
        assert_eq!(
            p.key(key(KeyCode::Enter), &mut h),
            PromptAction::Run("new-session -d -s work -c /tmp".into())
        );
    }

    #[test]
    fn up_and_down_walk_the_history_of_the_prompt_type() {
        let mut h = history();
        h.add(PromptType::Command, "first");
        h.add(PromptType::Command, "second");
        h.add(PromptType::Command, "second");
        h.add(PromptType::Search, "elsewhere");
        let mut p = Prompt::command(":".into(), String::new(), String::new());
        p.key(key(KeyCode::Up), &mut h);
        assert_eq!(p.input, "second");
        p.key(key(KeyCode::Up), &mut h);
        assert_eq!(p.input, "first");
        p.key(key(KeyCode::Up), &mut h);
        assert_eq!(p.input, "first");
        p.key(key(KeyCode::Down), &mut h);
        assert_eq!(p.input, "second");
        p.key(key(KeyCode::Down), &mut h);
        assert_eq!(p.input, "");
        h.limit = 1;
        h.add(PromptType::Command, "third");
        assert_eq!(h.list(PromptType::Command), ["third"]);
        h.clear(None);
        assert!(h.list(PromptType::Search).is_empty());
    }

    #[test]
    fn templates_are_filled_as_tmux_fills_them() {
        let a = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // The prompt of C-b : runs what was typed.
        assert_eq!(
            fill_template("", &a(&["split-window -h"])),
            "split-window -h"
        );
        assert_eq!(fill_template("%%", &a(&["kill-pane"])), "kill-pane");
        // Without placeholders the template runs as it is.
        assert_eq!(fill_template("kill-server", &a(&["x"])), "kill-server");
        // An answer stays one argument, whatever it holds.
        assert_eq!(
            fill_template("select-window -t ':%%'", &a(&["1; kill-server"])),
            "select-window -t \":1; kill-server\""
        );
        // %% is the first answer, %2 the second.
        assert_eq!(
            fill_template("rename-session %% ; rename-window %2", &a(&["s", "w"])),
            "rename-session s ; rename-window w"
        );
        // Text form: %1% escapes for double quotes.
        assert_eq!(
            replace_placeholders("x \"%1%\"", "a\"b", 1, true),
            "x \"a\\\"b\""
        );
    }

    #[test]
    fn numeric_prompts_end_at_the_first_non_digit() {
        let mut h = history();
        let mut p = Prompt::command("(repeat) ".into(), "1".into(), "send -N '%%'".into());
        p.numeric = true;
        type_in(&mut p, &mut h, "2");
        assert_eq!(
            p.key(key(KeyCode::Char('j')), &mut h),
            PromptAction::Run("send -N 12".into())
        );
    }

    #[test]
    fn a_one_key_prompt_answers_with_the_first_character() {
        let mut h = history();
        let mut p =
            Prompt::single_key("(jump forward) ".into(), "send -X jump-forward '%%'".into());
        assert_eq!(
            p.key(key(KeyCode::Char('o')), &mut h),
            PromptAction::Run("send -X jump-forward o".into())
        );
        assert_eq!(p.key(key(KeyCode::Escape), &mut h), PromptAction::Cancel);
    }

    #[test]
    fn confirm_runs_only_on_y() {
        let mut h = history();
        let mut p = Prompt::confirm("kill-pane 1? (y/n)".into(), "kill-pane".into());
        assert_eq!(
            p.key(key(KeyCode::Char('y')), &mut h),
            PromptAction::Run("kill-pane".into())
        );
        assert_eq!(p.key(key(KeyCode::Char('n')), &mut h), PromptAction::Cancel);
    }

    #[test]
    fn backspace_on_empty_input_is_harmless() {
        let mut h = history();
        let mut p = Prompt::command("(x) ".into(), String::new(), "%%".into());
        assert_eq!(
            p.key(key(KeyCode::Backspace), &mut h),
            PromptAction::Continue
        );
        assert_eq!(
            p.key(key(KeyCode::Enter), &mut h),
            PromptAction::Run(String::new())
        );
        assert!(h.list(PromptType::Command).is_empty());
    }
}
