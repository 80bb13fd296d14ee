//! Identifiers of sessions, windows, panes and clients. They are never reused while the
//! server runs, and print as tmux prints them (`$1`, `@2`, `%3`).

use std::fmt;

macro_rules! id_type {
    ($name:ident, $sigil:literal, $doc:literal) => {
        #[doc = $doc]
        #[derive(
            Clone,
            Copy,
            Debug,
            PartialEq,
            Eq,
            PartialOrd,
            Ord,
            Hash,
            serde::Serialize,
            serde::Deserialize,
        )]
        pub struct $name(pub u32);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($sigil, "{}"), self.0)
            }
        }
    };
}

id_type!(SessionId, "$", "A session, `$N` in targets and formats.");
id_type!(WindowId, "@", "A window, `@N` in targets and formats.");
id_type!(PaneId, "%", "A pane, `%N` in targets and formats.");
id_type!(ClientId, "", "A connection from a client process.");

/// Hands out increasing ids of one kind.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct IdCounter(u32);

impl IdCounter {
    pub fn next(&mut self) -> u32 {
        let id = self.0;
        self.0 = self.0.wrapping_add(1);
        id
    }

    /// The id the next call will return (tmux names unnamed sessions after it).
    pub fn peek(&self) -> u32 {
        self.0
    }
}
