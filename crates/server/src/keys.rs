//! Key tables: which command a key runs in the "root" table, after the prefix in the
//! "prefix" table, and in the other tables modes use. The defaults are tmux's.

use std::cell::OnceCell;
use std::collections::BTreeMap;

use rmux_proto::Key;

use crate::keyname::{BindKey, bind_key_name, normalize, normalize_bind};

/// A key bound to a command line.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Binding {
    pub command: String,
    /// `bind -r`: may be pressed again within repeat-time without the prefix.
    pub repeat: bool,
    pub note: Option<String>,
}

type Tables = BTreeMap<String, BTreeMap<BindKey, Binding>>;

/// Every key table by name.
///
/// tmux's defaults are parsed the first time anything looks at the tables: parsing them
/// is most of a server's start-up, and a server started for `new -d` may never need a
/// key before its first idle second (when the server fills them, see [`Self::prepare`]).
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(from = "Tables", into = "Tables")]
pub struct KeyTables {
    tables: OnceCell<Tables>,
    /// Empty tables start with tmux's defaults rather than nothing.
    defaults: bool,
}

impl From<Tables> for KeyTables {
    fn from(tables: Tables) -> KeyTables {
        KeyTables {
            tables: OnceCell::from(tables),
            defaults: false,
        }
    }
}

impl From<KeyTables> for Tables {
    fn from(mut keys: KeyTables) -> Tables {
        std::mem::take(keys.tables_mut())
    }
}

/// tmux's default bindings, in its own syntax (list-keys output, which sources back).
const DEFAULTS: &str = include_str!("default_keys.conf");

impl KeyTables {
    /// The tables with tmux's default bindings.
    pub fn with_defaults() -> KeyTables {
        KeyTables {
            tables: OnceCell::new(),
            defaults: true,
        }
    }

    /// Parse the defaults now if they are still to come (the server calls this when it
    /// is idle, so the first key typed does not wait for them).
    pub fn prepare(&self) {
        let _ = self.tables();
    }

    /// The defaults are parsed (or there were none to parse).
    pub fn prepared(&self) -> bool {
        self.tables.get().is_some()
    }

    fn tables(&self) -> &Tables {
        self.tables.get_or_init(|| {
            let mut tables = Tables::new();
            if self.defaults {
                for (table, key, binding) in default_bindings().into_iter().flatten() {
                    insert(&mut tables, &table, key, binding);
                }
            }
            tables
        })
    }

    fn tables_mut(&mut self) -> &mut Tables {
        self.prepare();
        match self.tables.get_mut() {
            Some(tables) => tables,
            None => unreachable!("the tables were filled just above"),
        }
    }

    pub fn bind(&mut self, table: &str, key: BindKey, binding: Binding) {
        insert(self.tables_mut(), table, key, binding);
    }

    pub fn unbind(&mut self, table: &str, key: BindKey) -> bool {
        self.tables_mut()
            .get_mut(table)
            .is_some_and(|t| t.remove(&normalize_bind(key)).is_some())
    }

    pub fn unbind_all(&mut self, table: &str) {
        self.tables_mut().remove(table);
    }

    pub fn lookup(&self, table: &str, key: Key) -> Option<&Binding> {
        self.lookup_bind(table, BindKey::Key(normalize(key)))
    }

    /// A binding of anything (a mouse key, `Any`) in `table`.
    pub fn lookup_bind(&self, table: &str, key: BindKey) -> Option<&Binding> {
        self.tables()
            .get(table)
            .and_then(|t| t.get(&normalize_bind(key)))
    }

    /// Every binding as `list-keys` prints it: (table, key name, binding), tables by
    /// name and keys in tmux's order.
    pub fn list(&self) -> Vec<(&str, String, &Binding)> {
        let mut out = Vec::new();
        for (table, keys) in self.tables() {
            let mut keys: Vec<(&BindKey, &Binding)> = keys.iter().collect();
            keys.sort_by_key(|(k, _)| crate::keyname::bind_sort_code(**k));
            for (k, b) in keys {
                out.push((table.as_str(), bind_key_name(*k), b));
            }
        }
        out
    }

    pub fn has_table(&self, table: &str) -> bool {
        self.tables().contains_key(table)
    }
}

fn insert(tables: &mut Tables, table: &str, key: BindKey, binding: Binding) {
    tables
        .entry(table.to_string())
        .or_default()
        .insert(normalize_bind(key), binding);
}

/// Each default binding, or why rmux cannot make it yet. One line is one binding, and
/// each is parsed on its own: the whole file's commands held at once made a peak of
/// short-lived tokens between the tables that stay, which the allocator kept for the
/// server's life.
fn default_bindings() -> Vec<Result<(String, BindKey, Binding), String>> {
    DEFAULTS
        .lines()
        .filter(|line| !line.trim_start().starts_with('#') && !line.trim().is_empty())
        .flat_map(|line| crate::cmdline::parse_config(line, &crate::cmdline::NoEnv).commands)
        .map(|c| {
            let entry = crate::cmd::lookup(c.argv.first().map_or("", String::as_str))?;
            let args = crate::cmd::Args::parse_blocks(
                entry.name,
                entry.flags,
                c.argv.get(1..).unwrap_or_default(),
                c.blocks.get(1..).unwrap_or_default(),
            )?;
            crate::cmd::bind_key::binding(&args, &[], |_| false)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keyname::parse_key;

    /// Every default binding of tmux is made.
    #[test]
    fn every_default_binding_is_made() {
        let all = default_bindings();
        assert_eq!(all.len(), 255);
        let missing: Vec<&String> = all.iter().filter_map(|b| b.as_ref().err()).collect();
        assert!(missing.is_empty(), "{missing:#?}");
    }

    #[test]
    fn detach_is_bound_after_the_prefix() {
        let t = KeyTables::with_defaults();
        let d = t.lookup("prefix", parse_key("d").unwrap()).unwrap();
        assert_eq!(d.command, "detach-client");
    }
}
