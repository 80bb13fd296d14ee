//! Framing and payload encoding: the only file that knows the wire codec (bincode 2 with
//! serde), so it can be swapped without touching anything else.
//!
//! A frame is a little-endian `u32` payload length followed by the payload.

use std::io::{self, Read, Write};

use serde::Serialize;
use serde::de::DeserializeOwned;

/// The largest payload accepted or sent (a full 4K-screen frame fits many times over).
pub const MAX_FRAME_LEN: usize = 16 * 1024 * 1024;
const LEN_PREFIX: usize = 4;

const fn config() -> impl bincode::config::Config {
    bincode::config::standard()
        .with_little_endian()
        .with_variable_int_encoding()
        .with_limit::<MAX_FRAME_LEN>()
}

/// Why bytes could not become a message.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    #[error("frame of {0} bytes is larger than the limit of {MAX_FRAME_LEN} bytes")]
    TooLarge(usize),
    #[error("malformed message: {0}")]
    Malformed(String),
    #[error("message has {0} bytes left over")]
    TrailingBytes(usize),
    #[error("cannot encode message: {0}")]
    Encode(String),
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Encode `msg` as one frame (length prefix included).
pub fn encode_frame<T: Serialize>(msg: &T) -> Result<Vec<u8>, DecodeError> {
    let mut out = vec![0u8; LEN_PREFIX];
    bincode::serde::encode_into_std_write(msg, &mut out, config())
        .map_err(|e| DecodeError::Encode(e.to_string()))?;
    let len = out.len() - LEN_PREFIX;
    if len > MAX_FRAME_LEN {
        return Err(DecodeError::TooLarge(len));
    }
    let prefix = u32::try_from(len).map_err(|_| DecodeError::TooLarge(len))?;
    out[..LEN_PREFIX].copy_from_slice(&prefix.to_le_bytes());
    Ok(out)
}

/// The encoding without the frame limit, for values that are not messages.
const fn value_config() -> impl bincode::config::Config {
    bincode::config::standard()
        .with_little_endian()
        .with_variable_int_encoding()
}

/// Any value in this codec, unframed and unbounded: the server's snapshot file uses it,
/// so the codec stays known to this file alone.
pub fn encode_value<T: Serialize>(value: &T) -> Result<Vec<u8>, DecodeError> {
    bincode::serde::encode_to_vec(value, value_config())
        .map_err(|e| DecodeError::Encode(e.to_string()))
}

/// A value [`encode_value`] made, and how many bytes it took.
pub fn decode_value<T: DeserializeOwned>(bytes: &[u8]) -> Result<(T, usize), DecodeError> {
    bincode::serde::decode_from_slice(bytes, value_config())
        .map_err(|e| DecodeError::Malformed(e.to_string()))
}

fn decode_payload<T: DeserializeOwned>(payload: &[u8]) -> Result<T, DecodeError> {
    let (msg, used) = bincode::serde::decode_from_slice(payload, config())
        .map_err(|e| DecodeError::Malformed(e.to_string()))?;
    if used != payload.len() {
        return Err(DecodeError::TrailingBytes(payload.len() - used));
    }
    Ok(msg)
}

fn frame_len(prefix: [u8; LEN_PREFIX]) -> Result<usize, DecodeError> {
    let len = u32::from_le_bytes(prefix) as usize;
    if len > MAX_FRAME_LEN {
        return Err(DecodeError::TooLarge(len));
    }
    Ok(len)
}

/// Reassembles frames from bytes as they arrive, in any chunking.
pub struct FrameDecoder {
    buf: Vec<u8>,
    start: usize,
    /// The largest frame accepted now (at most [`MAX_FRAME_LEN`]).
    limit: usize,
}

impl Default for FrameDecoder {
    fn default() -> FrameDecoder {
        FrameDecoder {
            buf: Vec::new(),
            start: 0,
            limit: MAX_FRAME_LEN,
        }
    }
}

impl FrameDecoder {
    pub fn new() -> FrameDecoder {
        FrameDecoder::default()
    }

    /// Accept frames of at most `limit` bytes from now on (capped at
    /// [`MAX_FRAME_LEN`]): a peer that has not yet said who it is gets less room.
    pub fn set_limit(&mut self, limit: usize) {
        self.limit = limit.min(MAX_FRAME_LEN);
    }

    /// Bytes received and not yet taken as messages.
    pub fn buffered(&self) -> usize {
        self.buf.len() - self.start
    }

    /// Append bytes read from the connection.
    pub fn push(&mut self, bytes: &[u8]) {
        if self.start > 0 && self.start == self.buf.len() {
            self.buf.clear();
            self.start = 0;
        }
        self.buf.extend_from_slice(bytes);
    }

    /// The next complete message, `Ok(None)` if more bytes are needed. After an error the
    /// connection is beyond repair: close it.
    pub fn next_message<T: DeserializeOwned>(&mut self) -> Result<Option<T>, DecodeError> {
        let avail = &self.buf[self.start..];
        let Some(prefix) = avail.first_chunk::<LEN_PREFIX>() else {
            return Ok(None);
        };
        let len = frame_len(*prefix)?;
        if len > self.limit {
            return Err(DecodeError::TooLarge(len));
        }
        let Some(payload) = avail.get(LEN_PREFIX..LEN_PREFIX + len) else {
            return Ok(None);
        };
        let msg = decode_payload(payload)?;
        self.start += LEN_PREFIX + len;
        if self.start > 64 * 1024 && self.start * 2 > self.buf.len() {
            self.buf.drain(..self.start);
            self.start = 0;
        }
        Ok(Some(msg))
    }
}

/// Read one whole message from a blocking reader; `Ok(None)` on a clean end of stream.
pub fn read_message<T: DeserializeOwned, R: Read>(r: &mut R) -> Result<Option<T>, DecodeError> {
    let mut prefix = [0u8; LEN_PREFIX];
    let mut got = 0;
    while got < LEN_PREFIX {
        match r.read(&mut prefix[got..]) {
            Ok(0) if got == 0 => return Ok(None),
            Ok(0) => return Err(io::Error::from(io::ErrorKind::UnexpectedEof).into()),
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.into()),
        }
    }
    let len = frame_len(prefix)?;
    let mut payload = vec![0u8; len];
    r.read_exact(&mut payload)?;
    decode_payload(&payload).map(Some)
}

/// Write one message to a blocking writer, in one write call.
pub fn write_message<T: Serialize, W: Write>(w: &mut W, msg: &T) -> Result<(), DecodeError> {
    let frame = encode_frame(msg)?;
    w.write_all(&frame)?;
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::*;

    fn roundtrip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(msg: T) {
        let bytes = encode_frame(&msg).unwrap();
        let mut dec = FrameDecoder::new();
        // one byte at a time: any chunking must work
        for b in &bytes[..bytes.len() - 1] {
            dec.push(std::slice::from_ref(b));
            assert!(dec.next_message::<T>().unwrap().is_none());
        }
        dec.push(&bytes[bytes.len() - 1..]);
        assert_eq!(dec.next_message::<T>().unwrap(), Some(msg));
        assert!(dec.next_message::<T>().unwrap().is_none());
    }

    #[test]
    fn messages_round_trip() {
        roundtrip(ClientMessage::Command(CommandRequest {
            argv: vec![b"new".to_vec(), b"-s".to_vec(), b"belajar".to_vec()],
            cwd: b"/home/siswa".to_vec(),
            env: vec![(b"LANG".to_vec(), b"C.UTF-\xff".to_vec())],
            terminal: Some(TerminalInfo {
                size: Size {
                    cols: 120,
                    rows: 40,
                },
                term: "xterm-256color".into(),
                tty: "/dev/pts/3".into(),
                pid: 42,
                terminfo: vec!["colors=256".into(), "Smulx".into()],
                features: "RGB".into(),
            }),
            control: 2,
        }));
        roundtrip(ClientMessage::ControlLine(
            b"list-windows ; display -p \xff".to_vec(),
        ));
        roundtrip(ClientMessage::Input(Input::Key(Key {
            code: KeyCode::Char('b'),
            mods: Mods {
                ctrl: true,
                ..Mods::default()
            },
        })));
        roundtrip(ServerMessage::Frame(Frame {
            id: 7,
            size: Size { cols: 80, rows: 24 },
            reset: true,
            runs: vec![Run {
                x: 1,
                y: 2,
                style: Style {
                    fg: Color::Indexed(2),
                    bg: Color::Rgb(1, 2, 3),
                    underline_color: Color::Default,
                    attrs: Attrs::BOLD | Attrs::REVERSE,
                    underline: Underline::Curly,
                },
                text: "a世".into(),
                glyphs: vec![Glyph { len: 1, width: 1 }, Glyph { len: 3, width: 2 }],
                link: Some("http://example.com/".into()),
            }],
            cursor: Some(Cursor {
                x: 3,
                y: 4,
                shape: CursorShape::Bar,
                color: Color::Rgb(255, 0, 0),
            }),
        }));
        let mut features = TerminalFeatures::default();
        features.add(Feature::Usstyle);
        roundtrip(ServerMessage::Features(features));
    }

    /// The wire format is a promise to running servers: these bytes must not change
    /// without a protocol version bump.
    #[test]
    fn bytes_are_pinned() {
        assert_eq!(
            encode_frame(&ClientMessage::Ack { frame: 300 }).unwrap(),
            [4, 0, 0, 0, 3, 251, 44, 1]
        );
        assert_eq!(
            encode_frame(&ServerMessage::Exit { status: 1 }).unwrap(),
            [2, 0, 0, 0, 2, 2]
        );
        assert_eq!(
            encode_frame(&ClientMessage::Resize(Size { cols: 80, rows: 24 })).unwrap(),
            [3, 0, 0, 0, 2, 80, 24]
        );
        assert_eq!(
            encode_frame(&ServerMessage::Stdout("hi".into())).unwrap(),
            [4, 0, 0, 0, 0, 2, b'h', b'i']
        );
    }

    #[test]
    fn oversized_frame_is_refused_before_allocating() {
        let mut dec = FrameDecoder::new();
        dec.push(&u32::MAX.to_le_bytes());
        assert!(matches!(
            dec.next_message::<ClientMessage>(),
            Err(DecodeError::TooLarge(_))
        ));
        let mut r: &[u8] = &u32::MAX.to_le_bytes();
        assert!(matches!(
            read_message::<ClientMessage, _>(&mut r),
            Err(DecodeError::TooLarge(_))
        ));
    }

    #[test]
    fn a_lower_limit_refuses_a_frame_before_it_arrives() {
        let mut dec = FrameDecoder::new();
        dec.set_limit(1024);
        dec.push(&2048u32.to_le_bytes());
        assert!(matches!(
            dec.next_message::<ClientMessage>(),
            Err(DecodeError::TooLarge(2048))
        ));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let mut dec = FrameDecoder::new();
        dec.push(&[5, 0, 0, 0, 250, 255, 255, 255, 255]);
        assert!(dec.next_message::<ClientMessage>().is_err());
    }

    #[test]
    fn a_huge_length_inside_a_small_frame_does_not_allocate() {
        // a Stdout string claiming u64::MAX bytes, in an 11-byte frame
        let mut dec = FrameDecoder::new();
        dec.push(&[10, 0, 0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255]);
        assert!(dec.next_message::<ServerMessage>().is_err());
    }

    #[test]
    fn truncated_stream_is_an_error() {
        let bytes = encode_frame(&ServerMessage::Stdout("hello".into())).unwrap();
        let mut r: &[u8] = &bytes[..bytes.len() - 2];
        assert!(read_message::<ServerMessage, _>(&mut r).is_err());
        let mut empty: &[u8] = &[];
        assert!(
            read_message::<ServerMessage, _>(&mut empty)
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn run_cells_split_by_glyphs() {
        let run = Run {
            x: 5,
            y: 0,
            style: Style::default(),
            text: "a世e\u{301}".into(),
            link: None,
            glyphs: vec![
                Glyph { len: 1, width: 1 },
                Glyph { len: 3, width: 2 },
                Glyph { len: 3, width: 1 },
            ],
        };
        let cells: Vec<_> = run.cells().collect();
        assert_eq!(cells, vec![(5, "a", 1), (6, "世", 2), (8, "e\u{301}", 1)]);
        let plain = Run {
            glyphs: vec![],
            text: "ab".into(),
            ..run
        };
        assert_eq!(
            plain.cells().collect::<Vec<_>>(),
            vec![(5, "a", 1), (6, "b", 1)]
        );
    }
}

#[cfg(test)]
mod corpus {
    use super::*;
    use crate::messages::{ClientMessage, ServerMessage};

    /// The inputs the wire fuzzer kept (`fuzz/seeds/wire`, and `fuzz/corpus/wire` after
    /// a local run) replay here, so CI runs them in a moment: each decodes to messages
    /// or an error, never a panic.
    #[test]
    fn the_wire_corpus_replays() {
        // The committed seeds (fuzz/seeds) always; a local fuzzing run's corpus too.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
        let entries: Vec<std::fs::DirEntry> = ["seeds", "corpus"]
            .iter()
            .filter_map(|d| std::fs::read_dir(root.join(d).join("wire")).ok())
            .flat_map(|e| e.flatten())
            .collect();
        for entry in entries {
            let Ok(data) = std::fs::read(entry.path()) else {
                continue;
            };
            let mut client = FrameDecoder::new();
            client.push(&data);
            while let Ok(Some(_)) = client.next_message::<ClientMessage>() {}
            let mut server = FrameDecoder::new();
            server.push(&data);
            while let Ok(Some(_)) = server.next_message::<ServerMessage>() {}
        }
    }
}
