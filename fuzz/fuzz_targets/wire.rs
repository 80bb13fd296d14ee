//! Bytes from a peer, in any chunking: the decoder answers with messages or an error,
//! never a panic or an allocation the bytes do not pay for.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rmux_proto::{ClientMessage, FrameDecoder, ServerMessage};

fuzz_target!(|data: &[u8]| {
    let [split, rest @ ..] = data else {
        return;
    };
    let cut = usize::from(*split).min(rest.len());
    for server_side in [true, false] {
        let mut dec = FrameDecoder::new();
        dec.set_limit(1 << 20);
        for part in [&rest[..cut], &rest[cut..]] {
            dec.push(part);
            loop {
                let more = if server_side {
                    dec.next_message::<ClientMessage>().map(|m| m.is_some())
                } else {
                    dec.next_message::<ServerMessage>().map(|m| m.is_some())
                };
                match more {
                    Ok(true) => {}
                    Ok(false) | Err(_) => break,
                }
            }
        }
    }
    if let Some(hello) = data.first_chunk::<{ rmux_proto::HELLO_LEN }>() {
        let _ = rmux_proto::Hello::decode(hello);
    }
});
