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
    /// Commands (the hooks).
    Command,
}

#[derive(Debug)]
pub struct OptionDef {
    pub name: &'static str,
    pub scope: Scope,
    /// A window option that may also be set on one pane (`set -p`).
    pub pane: bool,
    pub kind: Kind,
    pub default: &'static str,
    /// An array: its default elements and what separates elements in a value set
    /// whole (`""`: the whole value is one element, appended).
    pub array: Option<(&'static [&'static str], &'static str)>,
    /// A hook (`set-hook`, `show-hooks`) rather than an option.
    pub hook: bool,
}

impl OptionDef {
    pub fn is_array(&self) -> bool {
        self.array.is_some()
    }
}

mod table;

pub use table::{HOOKS, OPTIONS};

/// Older spellings tmux still takes.
const OTHER_NAMES: &[(&str, &str)] = &[
    ("display-panes-color", "display-panes-colour"),
    ("display-panes-active-color", "display-panes-active-colour"),
    ("clock-mode-color", "clock-mode-colour"),
    ("cursor-color", "cursor-colour"),
    ("pane-colors", "pane-colours"),
];

/// Look up an option (not a hook) by its full name.
pub fn find(name: &str) -> Option<&'static OptionDef> {
    OPTIONS.iter().find(|d| d.name == name)
}

/// Look up a hook by its name.
pub fn find_hook(name: &str) -> Option<&'static OptionDef> {
    HOOKS.iter().find(|d| d.name == name)
}

/// An option as a user names it, as tmux matches it: the exact name, an older spelling,
/// or a unique prefix. `Ok(None)` is a user option (`@name`).
pub fn lookup(name: &str) -> Result<Option<&'static OptionDef>, String> {
    if name.starts_with('@') {
        return Ok(None);
    }
    let name = OTHER_NAMES
        .iter()
        .find(|(old, _)| *old == name)
        .map_or(name, |(_, new)| *new);
    if let Some(d) = find(name) {
        return Ok(Some(d));
    }
    let mut matches = OPTIONS.iter().filter(|d| d.name.starts_with(name));
    match (matches.next(), matches.next()) {
        (Some(d), None) if !name.is_empty() => Ok(Some(d)),
        (Some(_), Some(_)) if !name.is_empty() => Err(format!("ambiguous option: {name}")),
        _ => Err(format!("invalid option: {name}")),
    }
}

/// A value as stored: one string, or the elements of an array option by index.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Value {
    One(String),
    Many(BTreeMap<u32, String>),
}

/// Add the elements of `text` after the last element: split at any character of
/// `separator` (empty parts skipped), or whole when `separator` is empty.
fn append(items: &mut BTreeMap<u32, String>, text: &str, separator: &str) {
    let first = items.keys().next_back().map_or(0, |k| k + 1);
    if separator.is_empty() {
        if !text.is_empty() {
            items.insert(first, text.to_string());
        }
        return;
    }
    let parts = text
        .split(|c| separator.contains(c))
        .filter(|p| !p.is_empty());
    for (i, part) in (first..).zip(parts) {
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
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
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
        let value = match def.array {
            Some((_, separator)) => {
                let mut items = BTreeMap::new();
                append(&mut items, &value, separator);
                Value::Many(items)
            }
            None => Value::One(value),
        };
        self.values.insert(def.name.to_string(), value);
    }

    /// Set an option to its default.
    pub fn set_default(&mut self, def: &'static OptionDef) {
        let value = match def.array {
            Some((items, _)) => Value::Many(
                (0u32..)
                    .zip(items.iter().map(|i| (*i).to_string()))
                    .collect(),
            ),
            None => Value::One(def.default.to_string()),
        };
        self.values.insert(def.name.to_string(), value);
    }

    /// Append elements (split as the option splits them) to an array option.
    pub fn append(&mut self, def: &'static OptionDef, text: &str) {
        let separator = def.array.map_or(",", |(_, s)| s);
        match self.values.get_mut(def.name) {
            Some(Value::Many(items)) => append(items, text, separator),
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
    #[error("invalid style: {0}")]
    BadStyle(String),
    #[error("bad colour: {0}")]
    BadColour(String),
    #[error("bad key: {0}")]
    BadKey(String),
    #[error("{0}")]
    BadCommand(String),
    #[error("not a suitable shell: {0}")]
    BadShell(String),
}

/// Check and normalise `value` for `def` (flags accept on/off/yes/no/1/0; with no value
/// a flag toggles, which the caller resolves before calling this).
pub fn validate(def: &OptionDef, value: &str) -> Result<String, OptionError> {
    match def.kind {
        Kind::String if def.name == "default-shell" && !suitable_shell(value) => {
            Err(OptionError::BadShell(value.to_string()))
        }
        Kind::String => Ok(value.to_string()),
        Kind::Style => {
            // A style holding a format is checked when it is drawn, as in tmux.
            if value.contains("#{")
                || crate::format::style::parse_style(value, rmux_proto::Style::default()).is_ok()
            {
                Ok(value.to_string())
            } else {
                Err(OptionError::BadStyle(value.to_string()))
            }
        }
        Kind::Colour => {
            normalise_colour(value).ok_or_else(|| OptionError::BadColour(value.to_string()))
        }
        Kind::Key => crate::keyname::parse_bind_key(value)
            .map(crate::keyname::bind_key_name)
            .or_else(|| {
                value
                    .eq_ignore_ascii_case("none")
                    .then(|| "None".to_string())
            })
            .ok_or_else(|| OptionError::BadKey(value.to_string())),
        Kind::Command => crate::cmd::check_commands(value)
            .map(|()| value.to_string())
            .map_err(OptionError::BadCommand),
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

/// tmux's test for a shell (`default-shell`, `$SHELL`, the one a pane runs): an absolute
/// path to something executable that is not the multiplexer itself (a pane running it
/// would start a server in a pane).
pub(crate) fn suitable_shell(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    path.starts_with('/')
        && name != "rmux"
        && name != "tmux"
        && rustix::fs::access(path, rustix::fs::Access::EXEC_OK).is_ok()
}

/// A colour option's value as tmux prints it back, `None` if it is no colour.
fn normalise_colour(value: &str) -> Option<String> {
    let lower = value.to_ascii_lowercase();
    if lower == "none" {
        return Some(lower);
    }
    match crate::format::parse_colour(value)? {
        crate::format::ColourSpec::Inherit => Some("default".into()),
        crate::format::ColourSpec::Colour(rmux_proto::Color::Rgb(r, g, b)) => {
            Some(format!("#{r:02x}{g:02x}{b:02x}"))
        }
        crate::format::ColourSpec::Colour(_) => Some(lower),
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
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
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
        for d in OPTIONS.iter().chain(HOOKS) {
            g.store_mut(d.scope).set_default(d);
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
        for d in OPTIONS.iter().chain(HOOKS) {
            assert!(seen.insert(d.name), "duplicate option {}", d.name);
            let defaults: Vec<&str> = match d.array {
                Some((items, _)) => items.to_vec(),
                None => vec![d.default],
            };
            for value in defaults {
                assert_eq!(
                    validate(d, value).map(|_| ()),
                    Ok(()),
                    "default {value:?} of {} is invalid",
                    d.name
                );
            }
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
    fn names_match_as_in_tmux() {
        assert_eq!(
            lookup("status-left").map(|d| d.map(|d| d.name)),
            Ok(Some("status-left"))
        );
        assert_eq!(
            lookup("history-l").map(|d| d.map(|d| d.name)),
            Ok(Some("history-limit"))
        );
        assert_eq!(
            lookup("stat").err(),
            Some("ambiguous option: stat".to_string())
        );
        assert_eq!(
            lookup("nosuch").err(),
            Some("invalid option: nosuch".to_string())
        );
        assert_eq!(
            lookup("cursor-color").map(|d| d.map(|d| d.name)),
            Ok(Some("cursor-colour"))
        );
        assert!(matches!(lookup("@mine"), Ok(None)));
    }

    #[test]
    fn styles_colours_keys_and_commands_are_checked() {
        let style = find("status-style").unwrap();
        assert!(validate(style, "fg=red,bold").is_ok());
        assert!(validate(style, "#{?client_prefix,fg=red,}").is_ok());
        assert!(validate(style, "nonsense=1").is_err());
        let colour = find("display-panes-colour").unwrap();
        assert_eq!(validate(colour, "#FF0000"), Ok("#ff0000".into()));
        assert!(validate(colour, "notacolour").is_err());
        let key = find("prefix").unwrap();
        assert_eq!(validate(key, "C-a"), Ok("C-a".into()));
        assert_eq!(validate(key, "none"), Ok("None".into()));
        let hook = find_hook("after-new-window").unwrap();
        assert!(validate(hook, "display hi").is_ok());
        assert!(validate(hook, "display {").is_err());
        assert_eq!(
            validate(hook, "nosuchcmd"),
            Err(OptionError::BadCommand("unknown command: nosuchcmd".into()))
        );
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
        store.set_default(tf);
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

/// Options rmux accepts and shows as tmux does but does not act on yet; README.md lists
/// them under the differences from tmux. The test below keeps this list true: an option
/// that code starts reading must leave it.
#[cfg(test)]
const NOT_YET_IN_EFFECT: &[&str] = &[
    "editor",
    "copy-command",
    "escape-time",
    "extended-keys",
    "history-file",
    "user-keys",
    "assume-paste-time",
    "lock-after-time",
    "message-command-style",
    "status-format",
    "status-keys",
    "allow-passthrough",
    "copy-mode-mark-style",
    "pane-border-format",
    "pane-border-indicators",
    "pane-border-lines",
    "pane-border-status",
    "pane-colours",
    "popup-style",
    "window-active-style",
    "window-style",
];

/// Options tmux 3.3a itself declares but never reads; they exist so configurations that
/// set them keep loading.
#[cfg(test)]
const INERT_IN_TMUX_TOO: &[&str] = &["xterm-keys"];

#[cfg(test)]
mod read_tests {
    use super::*;

    /// Every option the table declares is read by the code that it governs (its name
    /// appears in the server's source outside the table), unless it is one of
    /// [`NOT_YET_IN_EFFECT`].
    #[test]
    fn every_declared_option_is_read_somewhere() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut text = String::new();
        collect(&src, &mut text);
        let mut unread = Vec::new();
        for d in OPTIONS {
            let quoted = format!("\"{}\"", d.name);
            let read = text.contains(&quoted) || text.contains(&format!("#{{{}}}", d.name));
            if !read && !NOT_YET_IN_EFFECT.contains(&d.name) && !INERT_IN_TMUX_TOO.contains(&d.name)
            {
                unread.push(d.name);
            }
            if read && NOT_YET_IN_EFFECT.contains(&d.name) {
                panic!(
                    "{} is read now: take it off NOT_YET_IN_EFFECT and README.md",
                    d.name
                );
            }
        }
        assert!(unread.is_empty(), "declared but never read: {unread:?}");
    }

    fn collect(dir: &std::path::Path, text: &mut String) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                collect(&path, text);
            } else if path.extension().is_some_and(|e| e == "rs")
                && !path.ends_with("options/table.rs")
                && !path.ends_with("options/mod.rs")
            {
                text.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
    }
}
