//! The first eight bytes each side sends: a magic word and the protocol version.

/// Length in bytes of an encoded [`Hello`].
pub const HELLO_LEN: usize = 8;

/// After greetings of different versions, the one thing a client may still send: the
/// server then upgrades itself to the rmux binary on its disk (`server-upgrade`) and
/// the connection closes with the exec, or the server writes why it cannot (text) and
/// closes it. Pinned like the greeting, so any two versions can do this.
pub const UPGRADE_REQUEST: [u8; HELLO_LEN] = *b"RMUXUPGR";
const MAGIC: [u8; 4] = *b"RMUX";

/// The greeting: identifies rmux and its protocol version before anything else is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hello {
    pub protocol_version: u32,
}

/// Why eight bytes were not a greeting.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum HelloError {
    #[error("the peer is not an rmux server or client (bad greeting)")]
    BadMagic,
}

impl Hello {
    pub fn encode(self) -> [u8; HELLO_LEN] {
        let mut out = [0u8; HELLO_LEN];
        out[..4].copy_from_slice(&MAGIC);
        out[4..].copy_from_slice(&self.protocol_version.to_le_bytes());
        out
    }

    pub fn decode(bytes: &[u8; HELLO_LEN]) -> Result<Hello, HelloError> {
        let (magic, version) = bytes.split_at(4);
        if magic != MAGIC {
            return Err(HelloError::BadMagic);
        }
        let mut v = [0u8; 4];
        v.copy_from_slice(version);
        Ok(Hello {
            protocol_version: u32::from_le_bytes(v),
        })
    }

    /// What to tell the user when the two sides speak different protocols.
    pub fn mismatch_message(server: u32, client: u32) -> String {
        format!(
            "server speaks protocol {server}, this client {client}: run `rmux server-upgrade` \
             to move the running server to this rmux (every session and program is kept)"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hello_bytes_are_pinned() {
        let h = Hello {
            protocol_version: 1,
        };
        assert_eq!(h.encode(), [b'R', b'M', b'U', b'X', 1, 0, 0, 0]);
        assert_eq!(Hello::decode(&h.encode()), Ok(h));
    }

    #[test]
    fn garbage_is_not_a_hello() {
        assert_eq!(Hello::decode(b"GET / HT"), Err(HelloError::BadMagic));
    }
}
