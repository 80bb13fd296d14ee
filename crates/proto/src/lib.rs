//! rmux-proto: what a client and the server say to each other, and how it is framed.
//!
//! A connection starts with a [`Hello`] each way, eight raw bytes whose shape never changes
//! (so any two versions can tell each other apart). After that every message is a frame:
//! a little-endian `u32` length and that many bytes of payload, at most [`MAX_FRAME_LEN`].
//! Only `codec.rs` knows how a payload is encoded; enums here are append-only.

mod codec;
mod hello;
mod messages;

pub use codec::{
    DecodeError, FrameDecoder, MAX_FRAME_LEN, decode_value, encode_frame, encode_value,
    read_message, write_message,
};
pub use hello::{HELLO_LEN, Hello, HelloError, UPGRADE_REQUEST};
pub use messages::*;

/// The protocol this build speaks. Bump it whenever a message changes shape.
pub const PROTOCOL_VERSION: u32 = 4;
