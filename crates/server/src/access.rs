//! Who besides the server's owner may connect (tmux's server-access): users added to
//! the list, each with write access or read-only.

use std::collections::BTreeMap;

/// One user let in by `server-access -a`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Grant {
    pub write: bool,
}

/// The access list, by uid.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct AccessList {
    users: BTreeMap<u32, Grant>,
}

impl AccessList {
    pub fn get(&self, uid: u32) -> Option<Grant> {
        self.users.get(&uid).copied()
    }

    pub fn allow(&mut self, uid: u32) {
        self.users.entry(uid).or_insert(Grant { write: true });
    }

    pub fn deny(&mut self, uid: u32) -> bool {
        self.users.remove(&uid).is_some()
    }

    pub fn set_write(&mut self, uid: u32, write: bool) {
        if let Some(g) = self.users.get_mut(&uid) {
            g.write = write;
        }
    }

    /// `server-access -l`: "name (W)" or "name (R)" per user, by uid.
    pub fn lines(&self) -> Vec<String> {
        self.users
            .iter()
            .map(|(uid, g)| {
                let name = user_name(*uid).unwrap_or_else(|| "unknown".to_string());
                format!("{name} ({})", if g.write { 'W' } else { 'R' })
            })
            .collect()
    }
}

/// The users of the system database, as (name, uid). Read from the passwd file: the
/// users a local machine knows (directory services are not asked).
fn passwd() -> Vec<(String, u32)> {
    let Ok(text) = std::fs::read_to_string("/etc/passwd") else {
        return Vec::new();
    };
    text.lines()
        .filter_map(|line| {
            let mut fields = line.split(':');
            let name = fields.next()?;
            let uid = fields.nth(1)?.parse().ok()?;
            (!name.is_empty() && !name.starts_with('#')).then(|| (name.to_string(), uid))
        })
        .collect()
}

pub fn user_uid(name: &str) -> Option<u32> {
    passwd()
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, u)| u)
}

pub fn user_name(uid: u32) -> Option<String> {
    passwd()
        .into_iter()
        .find(|(_, u)| *u == uid)
        .map(|(n, _)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grants_are_added_changed_and_removed() {
        let mut list = AccessList::default();
        list.allow(0);
        assert_eq!(list.get(0), Some(Grant { write: true }));
        list.set_write(0, false);
        list.allow(0);
        assert_eq!(list.get(0), Some(Grant { write: false }));
        assert_eq!(list.lines(), vec!["root (R)".to_string()]);
        assert!(list.deny(0));
        assert!(!list.deny(0));
        assert!(list.lines().is_empty());
    }

    #[test]
    fn root_is_in_the_user_database() {
        assert_eq!(user_uid("root"), Some(0));
        assert_eq!(user_name(0).as_deref(), Some("root"));
        assert_eq!(user_uid("no such user here"), None);
    }
}
