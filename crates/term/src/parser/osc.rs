//! OSC: titles, current directory, hyperlinks, clipboard, colour queries.

use super::replies;
use crate::Event;
use crate::screen::Screen;

pub(super) fn dispatch(s: &mut Screen, params: &[&[u8]], bell: bool) {
    let Some(first) = params.first() else {
        return;
    };
    let rest = params.get(1..).unwrap_or(&[]);
    match *first {
        b"0" | b"2" => set_title(s, &join(rest)),
        b"1" => {}
        b"4" => palette(s, rest, bell),
        b"7" => set_cwd(s, &join(rest)),
        b"8" => hyperlink(s, rest),
        b"10" => dynamic_color(s, "10", rest, bell),
        b"11" => dynamic_color(s, "11", rest, bell),
        b"12" => cursor_color(s, rest, bell),
        b"52" => clipboard(s, rest),
        b"104" => s.palette.overrides.clear(),
        b"112" => set_cursor_color(s, None),
        b"110" | b"111" => {}
        _ => tracing::debug!(osc = %String::from_utf8_lossy(first), "OSC ignored"),
    }
}

/// vte splits on every `;`, but titles and URIs may contain them.
fn join(parts: &[&[u8]]) -> String {
    let bytes = parts.join(&b';');
    String::from_utf8_lossy(&bytes).into_owned()
}

fn set_title(s: &mut Screen, title: &str) {
    // Control characters would let a title rewrite the status line.
    let clean: String = title.chars().filter(|c| !c.is_control()).collect();
    if clean != s.title {
        s.title = clean.clone();
        s.push_event(Event::Title(clean));
        s.touch();
    }
}

/// OSC 7 `file://host/path`: keeps the path, percent-decoded.
fn set_cwd(s: &mut Screen, url: &str) {
    let path = match url.strip_prefix("file://") {
        Some(rest) => match rest.find('/') {
            Some(i) => rest.get(i..).unwrap_or(""),
            None => "",
        },
        None => url,
    };
    if path.is_empty() {
        return;
    }
    let decoded = percent_decode(path);
    if s.cwd.as_deref() != Some(decoded.as_str()) {
        s.cwd = Some(decoded.clone());
        s.push_event(Event::Cwd(decoded));
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'%'
            && let (Some(h), Some(l)) = (
                b.get(i + 1).and_then(|&x| hex(x)),
                b.get(i + 2).and_then(|&x| hex(x)),
            )
        {
            out.push(h << 4 | l);
            i += 3;
            continue;
        }
        out.push(c);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

/// OSC 8 `params ; uri`: an empty uri ends the link.
fn hyperlink(s: &mut Screen, rest: &[&[u8]]) {
    let uri = join(rest.get(1..).unwrap_or(&[]));
    s.cur.pen.link = s.links.intern(&uri);
}

/// OSC 52 `selection ; base64`: handed to the caller. Queries (`?`) are not
/// answered: a program has no business reading the user's clipboard.
fn clipboard(s: &mut Screen, rest: &[&[u8]]) {
    let selection = rest
        .first()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    let data = rest.get(1).copied().unwrap_or(b"");
    if data == b"?" {
        tracing::debug!("clipboard query ignored");
        return;
    }
    match base64_decode(data) {
        Some(data) => s.push_event(Event::Clipboard {
            // xterm reads an empty selection as "s0".
            selection: if selection.is_empty() {
                "s0".to_owned()
            } else {
                selection
            },
            data,
        }),
        None => tracing::debug!("bad base64 in OSC 52"),
    }
}

fn base64_decode(input: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(input.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for &c in input {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' | b'\n' | b'\r' => continue,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

/// OSC 10/11/12 `?`: the default foreground, background, cursor colours.
fn dynamic_color(s: &mut Screen, which: &str, rest: &[&[u8]], bell: bool) {
    if rest.first().copied() != Some(b"?") {
        return;
    }
    let rgb = match which {
        "10" => s.palette.fg,
        "11" => s.palette.bg,
        _ => s.palette.cursor.unwrap_or(s.palette.fg),
    };
    replies::color(s, which, rgb, bell);
}

/// OSC 12: `?` asks for the cursor colour, anything else sets it.
fn cursor_color(s: &mut Screen, rest: &[&[u8]], bell: bool) {
    match rest.first() {
        Some(&b"?") => dynamic_color(s, "12", rest, bell),
        Some(spec) => {
            if let Some(rgb) = parse_color(spec) {
                set_cursor_color(s, Some(rgb));
            }
        }
        None => {}
    }
}

fn set_cursor_color(s: &mut Screen, rgb: Option<(u8, u8, u8)>) {
    if s.palette.cursor != rgb {
        s.palette.cursor = rgb;
        s.touch();
    }
}

/// OSC 4 `n ; spec` pairs: `?` asks for entry n, anything else sets it.
fn palette(s: &mut Screen, rest: &[&[u8]], bell: bool) {
    for pair in rest.chunks(2) {
        let (Some(n), Some(spec)) = (pair.first(), pair.get(1)) else {
            break;
        };
        let Some(n) = std::str::from_utf8(n)
            .ok()
            .and_then(|n| n.parse::<u8>().ok())
        else {
            continue;
        };
        if *spec == b"?" {
            let rgb = s
                .palette
                .overrides
                .iter()
                .rev()
                .find(|(i, _)| *i == n)
                .map_or_else(|| rmux_types::xterm_rgb(n), |(_, c)| *c);
            replies::color(s, &format!("4;{n}"), rgb, bell);
        } else if let Some(rgb) = parse_color(spec) {
            s.palette.overrides.retain(|(i, _)| *i != n);
            s.palette.overrides.push((n, rgb));
        }
    }
}

/// `rgb:r/g/b` (1-4 hex digits each) or `#rrggbb`.
fn parse_color(spec: &[u8]) -> Option<(u8, u8, u8)> {
    let spec = std::str::from_utf8(spec).ok()?;
    if let Some(rest) = spec.strip_prefix("rgb:") {
        let mut parts = rest.split('/').map(|p| {
            let v = u32::from_str_radix(p, 16).ok()?;
            let max = (1u32 << (4 * p.len().clamp(1, 4))) - 1;
            Some((v * 255 / max.max(1)) as u8)
        });
        return Some((parts.next()??, parts.next()??, parts.next()??));
    }
    let hex = spec.strip_prefix('#')?;
    if hex.len() != 6 {
        return None;
    }
    let v = u32::from_str_radix(hex, 16).ok()?;
    Some(((v >> 16) as u8, (v >> 8) as u8, v as u8))
}
