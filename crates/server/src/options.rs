//! Options: the table of known options with tmux's defaults, and the stores that hold
//! values set globally (`set -g`), per session (`set`) and per window (`setw`).
//!
//! A value lives in the most specific store that has it: window, then the global window
//! options; session, then the global session options. Values are kept as the strings the
//! user gave (validated on `set`), so `show-options` prints them back as tmux does.

use std::collections::BTreeMap;

/// Where an option lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Server,
    Session,
    Window,
}

/// What values an option takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    String,
    Number {
        min: i64,
        max: i64,
    },
    Flag,
    Choice(&'static [&'static str]),
    Key,
    Colour,
    Style,
    /// A list of strings, set whole (split at `,`), appended to with `-a`, or one
    /// element at a time as `name[index]`.
    Array,
}

#[derive(Debug)]
pub struct OptionDef {
    pub name: &'static str,
    pub scope: Scope,
    pub kind: Kind,
    pub default: &'static str,
}

const fn def(name: &'static str, scope: Scope, kind: Kind, default: &'static str) -> OptionDef {
    OptionDef {
        name,
        scope,
        kind,
        default,
    }
}

const NUM: Kind = Kind::Number {
    min: 0,
    max: i32::MAX as i64,
};
const ON_OFF: Kind = Kind::Flag;
use Scope::{Server as SV, Session as SS, Window as WN};

/// Every option rmux knows, sorted by name within each scope as `show-options` lists them.
/// Defaults are tmux 3.3a's, except `history-limit` (10000: 2000 lines is the first thing
/// people raise, and rmux's history is compact enough to afford it) and `default-shell`
/// (filled from the environment when the server starts).
pub static OPTIONS: &[OptionDef] = &[
    // server
    def("backspace", SV, Kind::Key, "C-?"),
    def(
        "buffer-limit",
        SV,
        Kind::Number {
            min: 1,
            max: i32::MAX as i64,
        },
        "50",
    ),
    def("default-terminal", SV, Kind::String, "tmux-256color"),
    def("escape-time", SV, NUM, "500"),
    def("exit-empty", SV, ON_OFF, "on"),
    def("exit-unattached", SV, ON_OFF, "off"),
    def(
        "extended-keys",
        SV,
        Kind::Choice(&["off", "on", "always"]),
        "off",
    ),
    def("focus-events", SV, ON_OFF, "off"),
    def("history-file", SV, Kind::String, ""),
    def("message-limit", SV, NUM, "1000"),
    def(
        "set-clipboard",
        SV,
        Kind::Choice(&["off", "external", "on"]),
        "external",
    ),
    def("terminal-overrides", SV, Kind::Array, ""),
    def("tmux-compat", SV, ON_OFF, "on"),
    def(
        "terminal-features",
        SV,
        Kind::Array,
        "xterm*:clipboard:ccolour:cstyle:focus:title,screen*:title",
    ),
    // session
    def(
        "activity-action",
        SS,
        Kind::Choice(&["none", "any", "current", "other"]),
        "other",
    ),
    def("assume-paste-time", SS, NUM, "1"),
    def("base-index", SS, NUM, "0"),
    def(
        "bell-action",
        SS,
        Kind::Choice(&["none", "any", "current", "other"]),
        "any",
    ),
    def("default-command", SS, Kind::String, ""),
    def("default-shell", SS, Kind::String, "/bin/sh"),
    def("default-size", SS, Kind::String, "80x24"),
    def("destroy-unattached", SS, ON_OFF, "off"),
    def(
        "detach-on-destroy",
        SS,
        Kind::Choice(&["off", "on", "no-detached"]),
        "on",
    ),
    def("display-panes-active-colour", SS, Kind::Colour, "red"),
    def("display-panes-colour", SS, Kind::Colour, "blue"),
    def(
        "display-panes-time",
        SS,
        Kind::Number {
            min: 1,
            max: i32::MAX as i64,
        },
        "1000",
    ),
    def("display-time", SS, NUM, "750"),
    def("history-limit", SS, NUM, "10000"),
    def("key-table", SS, Kind::String, "root"),
    def("lock-after-time", SS, NUM, "0"),
    def("lock-command", SS, Kind::String, "lock -np"),
    def(
        "message-command-style",
        SS,
        Kind::Style,
        "bg=black,fg=yellow",
    ),
    def("message-style", SS, Kind::Style, "bg=yellow,fg=black"),
    def("mouse", SS, ON_OFF, "off"),
    def("prefix", SS, Kind::Key, "C-b"),
    def("prefix2", SS, Kind::Key, "None"),
    def("renumber-windows", SS, ON_OFF, "off"),
    def("repeat-time", SS, NUM, "500"),
    def("set-titles", SS, ON_OFF, "off"),
    def(
        "set-titles-string",
        SS,
        Kind::String,
        "#S:#I:#W - \"#T\" #{session_alerts}",
    ),
    def(
        "silence-action",
        SS,
        Kind::Choice(&["none", "any", "current", "other"]),
        "other",
    ),
    def(
        "status",
        SS,
        Kind::Choice(&["off", "on", "2", "3", "4", "5"]),
        "on",
    ),
    def("status-interval", SS, NUM, "15"),
    def(
        "status-justify",
        SS,
        Kind::Choice(&["left", "centre", "right", "absolute-centre"]),
        "left",
    ),
    def("status-keys", SS, Kind::Choice(&["emacs", "vi"]), "emacs"),
    def("status-left", SS, Kind::String, "[#{session_name}] "),
    def(
        "status-left-length",
        SS,
        Kind::Number {
            min: 0,
            max: i16::MAX as i64,
        },
        "10",
    ),
    def("status-left-style", SS, Kind::Style, "default"),
    def(
        "status-position",
        SS,
        Kind::Choice(&["top", "bottom"]),
        "bottom",
    ),
    def(
        "status-right",
        SS,
        Kind::String,
        "#{?window_bigger,[#{window_offset_x}#,#{window_offset_y}] ,}\"#{=21:pane_title}\" %H:%M %d-%b-%y",
    ),
    def(
        "status-right-length",
        SS,
        Kind::Number {
            min: 0,
            max: i16::MAX as i64,
        },
        "40",
    ),
    def("status-right-style", SS, Kind::Style, "default"),
    def("status-style", SS, Kind::Style, "bg=green,fg=black"),
    def(
        "visual-activity",
        SS,
        Kind::Choice(&["off", "on", "both"]),
        "off",
    ),
    def(
        "visual-bell",
        SS,
        Kind::Choice(&["off", "on", "both"]),
        "off",
    ),
    def(
        "visual-silence",
        SS,
        Kind::Choice(&["off", "on", "both"]),
        "off",
    ),
    def(
        "word-separators",
        SS,
        Kind::String,
        "!\"#$%&'()*+,-./:;<=>?@[\\]^`{|}~",
    ),
    // window
    def("aggressive-resize", WN, ON_OFF, "off"),
    def("allow-rename", WN, ON_OFF, "off"),
    def("alternate-screen", WN, ON_OFF, "on"),
    def("automatic-rename", WN, ON_OFF, "on"),
    def(
        "automatic-rename-format",
        WN,
        Kind::String,
        "#{?pane_in_mode,[tmux],#{pane_current_command}}#{?pane_dead,[dead],}",
    ),
    def("clock-mode-colour", WN, Kind::Colour, "blue"),
    def("clock-mode-style", WN, Kind::Choice(&["12", "24"]), "24"),
    def("main-pane-height", WN, Kind::String, "24"),
    def("main-pane-width", WN, Kind::String, "80"),
    def("mode-keys", WN, Kind::Choice(&["emacs", "vi"]), "emacs"),
    def("mode-style", WN, Kind::Style, "bg=yellow,fg=black"),
    def("monitor-activity", WN, ON_OFF, "off"),
    def("monitor-bell", WN, ON_OFF, "on"),
    def("monitor-silence", WN, NUM, "0"),
    def("other-pane-height", WN, Kind::String, "0"),
    def("other-pane-width", WN, Kind::String, "0"),
    def(
        "pane-active-border-style",
        WN,
        Kind::Style,
        "#{?pane_in_mode,fg=yellow,#{?synchronize-panes,fg=red,fg=green}}",
    ),
    def(
        "pane-base-index",
        WN,
        Kind::Number {
            min: 0,
            max: u16::MAX as i64,
        },
        "0",
    ),
    def(
        "pane-border-format",
        WN,
        Kind::String,
        "#{?pane_active,#[reverse],}#{pane_index}#[default] \"#{pane_title}\"",
    ),
    def(
        "pane-border-lines",
        WN,
        Kind::Choice(&["single", "double", "heavy", "simple", "number"]),
        "single",
    ),
    def(
        "pane-border-status",
        WN,
        Kind::Choice(&["off", "top", "bottom"]),
        "off",
    ),
    def("pane-border-style", WN, Kind::Style, "default"),
    def(
        "remain-on-exit",
        WN,
        Kind::Choice(&["off", "on", "failed"]),
        "off",
    ),
    def(
        "remain-on-exit-format",
        WN,
        Kind::String,
        "Pane is dead (#{?#{!=:#{pane_dead_status},},status #{pane_dead_status},}#{?#{!=:#{pane_dead_signal},},signal #{pane_dead_signal},}, #{t:pane_dead_time})",
    ),
    def("synchronize-panes", WN, ON_OFF, "off"),
    def("window-active-style", WN, Kind::Style, "default"),
    def(
        "window-size",
        WN,
        Kind::Choice(&["largest", "smallest", "manual", "latest"]),
        "latest",
    ),
    def("window-status-activity-style", WN, Kind::Style, "reverse"),
    def("window-status-bell-style", WN, Kind::Style, "reverse"),
    def(
        "window-status-current-format",
        WN,
        Kind::String,
        "#I:#W#{?window_flags,#{window_flags}, }",
    ),
    def("window-status-current-style", WN, Kind::Style, "default"),
    def(
        "window-status-format",
        WN,
        Kind::String,
        "#I:#W#{?window_flags,#{window_flags}, }",
    ),
    def("window-status-last-style", WN, Kind::Style, "default"),
    def("window-status-separator", WN, Kind::String, " "),
    def("window-status-style", WN, Kind::Style, "default"),
    def("window-style", WN, Kind::Style, "default"),
    def("wrap-search", WN, ON_OFF, "on"),
    def("xterm-keys", WN, ON_OFF, "on"),
];

/// Look up an option's definition by its full name.
pub fn find(name: &str) -> Option<&'static OptionDef> {
    OPTIONS.iter().find(|d| d.name == name)
}

/// A value as stored: one string, or the elements of an array option by index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    One(String),
    Many(BTreeMap<u32, String>),
}

impl Value {
    /// An array value from a string of elements separated by `,` (empty ones skipped).
    pub fn array(text: &str) -> Value {
        let mut items = BTreeMap::new();
        append(&mut items, text);
        Value::Many(items)
    }
}

/// Add the `,`-separated elements of `text` after the last element.
fn append(items: &mut BTreeMap<u32, String>, text: &str) {
    let first = items.keys().next_back().map_or(0, |k| k + 1);
    for (i, part) in (first..).zip(text.split(',').filter(|p| !p.is_empty())) {
        items.insert(i, part.to_string());
    }
}

/// `name[index]`, as an array element is named.
pub fn split_index(name: &str) -> (&str, Option<u32>) {
    if let Some(open) = name.find('[')
        && let Some(inner) = name[open + 1..].strip_suffix(']')
        && let Ok(i) = inner.parse()
    {
        return (&name[..open], Some(i));
    }
    (name, None)
}

/// Values set in one place (the server, a session, a window, or the globals).
#[derive(Clone, Debug, Default)]
pub struct OptionStore {
    values: BTreeMap<String, Value>,
}

impl OptionStore {
    /// A single-valued option's value.
    pub fn get(&self, name: &str) -> Option<&str> {
        match self.values.get(name)? {
            Value::One(v) => Some(v),
            Value::Many(_) => None,
        }
    }

    /// An array option's elements, in index order.
    pub fn get_array(&self, name: &str) -> Option<Vec<&str>> {
        match self.values.get(name)? {
            Value::Many(items) => Some(items.values().map(String::as_str).collect()),
            Value::One(_) => None,
        }
    }

    pub fn value(&self, name: &str) -> Option<&Value> {
        self.values.get(name)
    }

    pub fn set(&mut self, def: &'static OptionDef, value: String) {
        let value = match def.kind {
            Kind::Array => Value::array(&value),
            _ => Value::One(value),
        };
        self.values.insert(def.name.to_string(), value);
    }

    /// Append `,`-separated elements to an array option.
    pub fn append(&mut self, def: &'static OptionDef, text: &str) {
        match self.values.get_mut(def.name) {
            Some(Value::Many(items)) => append(items, text),
            _ => self.set(def, text.to_string()),
        }
    }

    /// Set one element of an array option.
    pub fn set_element(&mut self, def: &'static OptionDef, index: u32, value: String) {
        match self.values.get_mut(def.name) {
            Some(Value::Many(items)) => {
                items.insert(index, value);
            }
            _ => {
                let items = BTreeMap::from([(index, value)]);
                self.values.insert(def.name.to_string(), Value::Many(items));
            }
        }
    }

    /// Remove one element of an array option; false if there was none.
    pub fn unset_element(&mut self, name: &str, index: u32) -> bool {
        match self.values.get_mut(name) {
            Some(Value::Many(items)) => items.remove(&index).is_some(),
            _ => false,
        }
    }

    /// A user option (`@name`): any name, any value.
    pub fn set_user(&mut self, name: &str, value: String) {
        self.values.insert(name.to_string(), Value::One(value));
    }

    pub fn unset(&mut self, name: &str) -> bool {
        self.values.remove(name).is_some()
    }

    /// Single values, by name (array options are left out).
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.values.iter().filter_map(|(k, v)| match v {
            Value::One(v) => Some((k.as_str(), v.as_str())),
            Value::Many(_) => None,
        })
    }
}

/// Why a value was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum OptionError {
    #[error("value is invalid: {0}")]
    BadValue(String),
    #[error("bad value: {0}")]
    BadFlag(String),
    #[error("value is too small: {0}")]
    TooSmall(String),
    #[error("value is too large: {0}")]
    TooLarge(String),
    #[error("unknown value: {0}")]
    BadChoice(String),
}

/// Check and normalise `value` for `def` (flags accept on/off/yes/no/1/0; with no value
/// a flag toggles, which the caller resolves before calling this).
pub fn validate(def: &OptionDef, value: &str) -> Result<String, OptionError> {
    match def.kind {
        Kind::String | Kind::Style | Kind::Colour | Kind::Key | Kind::Array => {
            Ok(value.to_string())
        }
        Kind::Number { min, max } => {
            let n: i64 = value
                .parse()
                .map_err(|_| OptionError::BadValue(value.to_string()))?;
            if n < min {
                Err(OptionError::TooSmall(value.to_string()))
            } else if n > max {
                Err(OptionError::TooLarge(value.to_string()))
            } else {
                Ok(n.to_string())
            }
        }
        Kind::Flag => match parse_flag(value) {
            Some(true) => Ok("on".into()),
            Some(false) => Ok("off".into()),
            None => Err(OptionError::BadFlag(value.to_string())),
        },
        Kind::Choice(choices) => {
            let v = if def.name == "status" {
                match value {
                    "1" | "yes" => "on",
                    "0" | "no" => "off",
                    v => v,
                }
            } else {
                value
            };
            choices
                .iter()
                .find(|c| **c == v)
                .map(|c| (*c).to_string())
                .ok_or_else(|| OptionError::BadChoice(value.to_string()))
        }
    }
}

pub fn parse_flag(value: &str) -> Option<bool> {
    match value {
        "on" | "yes" | "1" => Some(true),
        "off" | "no" | "0" => Some(false),
        _ => None,
    }
}

/// An option value as `show-options` prints it: quoted as tmux quotes it.
pub fn quote_value(value: &str) -> String {
    crate::cmdline::quote_arg(value)
}

/// The server-wide options and the global session and window options.
#[derive(Debug)]
pub struct GlobalOptions {
    pub server: OptionStore,
    pub session: OptionStore,
    pub window: OptionStore,
}

impl GlobalOptions {
    pub fn new() -> GlobalOptions {
        let mut g = GlobalOptions {
            server: OptionStore::default(),
            session: OptionStore::default(),
            window: OptionStore::default(),
        };
        for d in OPTIONS {
            g.store_mut(d.scope).set(d, d.default.to_string());
        }
        g
    }

    pub fn store_mut(&mut self, scope: Scope) -> &mut OptionStore {
        match scope {
            Scope::Server => &mut self.server,
            Scope::Session => &mut self.session,
            Scope::Window => &mut self.window,
        }
    }

    pub fn store(&self, scope: Scope) -> &OptionStore {
        match scope {
            Scope::Server => &self.server,
            Scope::Session => &self.session,
            Scope::Window => &self.window,
        }
    }
}

impl Default for GlobalOptions {
    fn default() -> Self {
        GlobalOptions::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_names_are_unique_and_defaults_valid() {
        let mut seen = std::collections::HashSet::new();
        for d in OPTIONS {
            assert!(seen.insert(d.name), "duplicate option {}", d.name);
            assert_eq!(
                validate(d, d.default).map(|_| ()),
                Ok(()),
                "default of {} is invalid",
                d.name
            );
        }
    }

    #[test]
    fn values_print_like_tmux() {
        assert_eq!(quote_value("bg=green,fg=black"), "bg=green,fg=black");
        assert_eq!(quote_value("[#{session_name}] "), "\"[#{session_name}] \"");
        assert_eq!(quote_value(""), "''");
        assert_eq!(quote_value("C-b"), "C-b");
        assert_eq!(quote_value("lock -np"), "\"lock -np\"");
    }

    #[test]
    fn numbers_and_flags_are_checked() {
        let hl = find("history-limit").unwrap();
        assert_eq!(validate(hl, "50000"), Ok("50000".into()));
        assert!(validate(hl, "-1").is_err());
        assert!(validate(hl, "lots").is_err());
        let mouse = find("mouse").unwrap();
        assert_eq!(validate(mouse, "yes"), Ok("on".into()));
        assert!(validate(mouse, "maybe").is_err());
    }

    #[test]
    fn arrays_split_append_and_index_like_tmux() {
        let tf = find("terminal-features").unwrap();
        let mut store = OptionStore::default();
        store.set(tf, tf.default.to_string());
        assert_eq!(
            store.get_array("terminal-features"),
            Some(vec![
                "xterm*:clipboard:ccolour:cstyle:focus:title",
                "screen*:title"
            ])
        );
        store.append(tf, ",foo*:RGB");
        assert_eq!(
            store.get_array("terminal-features").map(|a| a.len()),
            Some(3)
        );
        assert!(store.unset_element("terminal-features", 0));
        store.set_element(tf, 7, "bar:usstyle".into());
        assert_eq!(
            store.get_array("terminal-features"),
            Some(vec!["screen*:title", "foo*:RGB", "bar:usstyle"])
        );
        assert_eq!(
            split_index("terminal-features[7]"),
            ("terminal-features", Some(7))
        );
        assert_eq!(split_index("status"), ("status", None));
        assert_eq!(split_index("x[y]"), ("x[y]", None));
    }
}
