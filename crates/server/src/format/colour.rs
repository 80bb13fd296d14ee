//! Colour names as tmux spells them: `red`, `brightred`, `colour123`, `#ff0000`,
//! X11 names (`orange`), `default` and `terminal`.
//!
//! The eight named colours are indexed 0–7 and the bright ones 8–15, so `brightred`
//! and `colour9` are the same colour (tmux keeps them apart but draws them alike);
//! printing uses the name for 0–15.

use rmux_proto::Color;

use super::colour_names::COLOUR_NAMES;

const NAMES: [&str; 8] = [
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
];

/// A colour as written in a style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColourSpec {
    /// `default`: whatever the style is drawn over (the base style's colour).
    Inherit,
    /// A definite colour; `terminal` is the terminal's own default, [`Color::Default`].
    Colour(Color),
}

/// Parses a colour name; `None` if tmux would reject it.
pub fn parse_colour(s: &str) -> Option<ColourSpec> {
    if let Some(hex) = s.strip_prefix('#') {
        return parse_hex(hex).map(ColourSpec::Colour);
    }
    let lower = s.to_ascii_lowercase();
    for prefix in ["colour", "color"] {
        if let Some(n) = lower.strip_prefix(prefix) {
            return parse_decimal(n)
                .and_then(|n| u8::try_from(n).ok())
                .map(|n| ColourSpec::Colour(Color::Indexed(n)));
        }
    }
    match lower.as_str() {
        "default" => return Some(ColourSpec::Inherit),
        "terminal" => return Some(ColourSpec::Colour(Color::Default)),
        _ => {}
    }
    if let Some(i) = NAMES.iter().position(|n| *n == lower) {
        return Some(ColourSpec::Colour(Color::Indexed(i as u8)));
    }
    if let Some(i) = lower
        .strip_prefix("bright")
        .and_then(|n| NAMES.iter().position(|c| *c == n))
    {
        return Some(ColourSpec::Colour(Color::Indexed(8 + i as u8)));
    }
    // Plain numbers name the basic colours (and 90–97 the aixterm bright ones), as in
    // tmux; other numbers are not colours.
    match s.as_bytes() {
        [d @ b'0'..=b'7'] => return Some(ColourSpec::Colour(Color::Indexed(d - b'0'))),
        [b'9', d @ b'0'..=b'7'] => return Some(ColourSpec::Colour(Color::Indexed(8 + d - b'0'))),
        _ => {}
    }
    by_name(s).map(ColourSpec::Colour)
}

/// Digits only (no sign, no spaces), as `strtonum` demands.
fn parse_decimal(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn parse_hex(hex: &str) -> Option<Color> {
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let v = u32::from_str_radix(hex, 16).ok()?;
    Some(rgb(v))
}

fn rgb(v: u32) -> Color {
    Color::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8)
}

/// X11 colour names, and `grey0`…`grey100` (percentages of white).
fn by_name(s: &str) -> Option<Color> {
    if let Some(n) = s.strip_prefix("grey").or_else(|| s.strip_prefix("gray")) {
        // As tmux: these prefixes (lower case only) must be followed by a number.
        if !n.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let digits: String = n.chars().take_while(char::is_ascii_digit).collect();
        let pct: f64 = digits.parse::<u32>().ok()?.into();
        let v = (2.55 * pct).round();
        if v > 255.0 {
            return None;
        }
        let v = v as u8;
        return Some(Color::Rgb(v, v, v));
    }
    let lower = s.to_ascii_lowercase();
    let i = COLOUR_NAMES
        .binary_search_by(|(name, _)| (*name).cmp(lower.as_str()))
        .ok()?;
    COLOUR_NAMES.get(i).map(|(_, v)| rgb(*v))
}

/// A colour as tmux prints it in a style.
pub fn colour_to_string(c: Color) -> String {
    match c {
        Color::Default => "terminal".to_string(),
        Color::Indexed(n @ 0..=7) => NAMES[usize::from(n)].to_string(),
        Color::Indexed(n @ 8..=15) => format!("bright{}", NAMES[usize::from(n - 8)]),
        Color::Indexed(n) => format!("colour{n}"),
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
    }
}

/// The RGB value of a colour (the xterm palette for indexed ones); `None` for the
/// terminal default, which has no fixed value.
pub fn colour_to_rgb(c: Color) -> Option<(u8, u8, u8)> {
    const BASIC: [u32; 16] = [
        0x000000, 0x800000, 0x008000, 0x808000, 0x000080, 0x800080, 0x008080, 0xc0c0c0, 0x808080,
        0xff0000, 0x00ff00, 0xffff00, 0x0000ff, 0xff00ff, 0x00ffff, 0xffffff,
    ];
    const CUBE: [u8; 6] = [0x00, 0x5f, 0x87, 0xaf, 0xd7, 0xff];
    match c {
        Color::Default => None,
        Color::Rgb(r, g, b) => Some((r, g, b)),
        Color::Indexed(n @ 0..=15) => {
            let v = BASIC[usize::from(n)];
            Some(((v >> 16) as u8, (v >> 8) as u8, v as u8))
        }
        Color::Indexed(n @ 16..=231) => {
            let n = usize::from(n - 16);
            Some((CUBE[n / 36], CUBE[(n / 6) % 6], CUBE[n % 6]))
        }
        Color::Indexed(n) => {
            let v = 8 + 10 * (n - 232);
            Some((v, v, v))
        }
    }
}
