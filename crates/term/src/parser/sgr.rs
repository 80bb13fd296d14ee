//! SGR: colours and attributes, in both the `;` and `:` forms.

use super::params::Params;
use crate::screen::Screen;
use crate::style::{Attrs, ColorKind, PackedColor, Pen, Underline};

pub(super) fn apply(s: &mut Screen, params: &Params) {
    let pen = &mut s.cur.pen;
    if params.is_empty() {
        reset(pen);
        return;
    }
    // Most SGRs have no `;`-separated colour: no lookahead needed.
    let needs_lookahead = params
        .iter()
        .any(|p| p.len() == 1 && matches!(p.first(), Some(38 | 48 | 58)));
    if !needs_lookahead {
        for p in params.iter() {
            let mut i = 0;
            code(pen, p, &[], &mut i);
        }
        return;
    }
    let mut list: [&[u16]; 32] = [&[]; 32];
    let mut len = 0;
    for (slot, p) in list.iter_mut().zip(params.iter()) {
        *slot = p;
        len += 1;
    }
    let list = list.get(..len).unwrap_or(&[]);
    let mut i = 0;
    while let Some(&p) = list.get(i) {
        i += 1;
        code(pen, p, list, &mut i);
    }
}

/// Applies a code that takes no values after it (not 38, 48 or 58).
pub(super) fn apply_code(pen: &mut Pen, c: u16) {
    let mut i = 0;
    code(pen, &[c], &[], &mut i);
}

/// Applies colour `color` set by code 38 (foreground), 48 (background) or
/// 58 (underline).
pub(super) fn apply_color(pen: &mut Pen, code: u16, color: PackedColor) {
    match code {
        38 => pen.fg = color,
        48 => pen.bg = color,
        _ => pen.underline_color = color,
    }
}

/// Applies one SGR parameter `p`; `list[*i..]` are the ones after it, for
/// the `;` colour forms (which advance `*i` past what they use).
fn code(pen: &mut Pen, p: &[u16], list: &[&[u16]], i: &mut usize) {
    let code = p.first().copied().unwrap_or(0);
    match code {
        0 => reset(pen),
        1 => pen.attrs.insert(Attrs::BOLD),
        2 => pen.attrs.insert(Attrs::DIM),
        3 => pen.attrs.insert(Attrs::ITALIC),
        4 => pen.underline = underline_style(p.get(1).copied()),
        5 | 6 => pen.attrs.insert(Attrs::BLINK),
        7 => pen.attrs.insert(Attrs::REVERSE),
        8 => pen.attrs.insert(Attrs::HIDDEN),
        9 => pen.attrs.insert(Attrs::STRIKE),
        21 => pen.underline = Underline::Double,
        22 => pen.attrs.remove(Attrs::BOLD | Attrs::DIM),
        23 => pen.attrs.remove(Attrs::ITALIC),
        24 => pen.underline = Underline::None,
        25 => pen.attrs.remove(Attrs::BLINK),
        27 => pen.attrs.remove(Attrs::REVERSE),
        28 => pen.attrs.remove(Attrs::HIDDEN),
        29 => pen.attrs.remove(Attrs::STRIKE),
        30..=37 => pen.fg = PackedColor::ansi((code - 30) as u8),
        38 => {
            if let Some(c) = extended(p, list, i) {
                pen.fg = c;
            }
        }
        39 => pen.fg = PackedColor::DEFAULT,
        40..=47 => pen.bg = PackedColor::ansi((code - 40) as u8),
        48 => {
            if let Some(c) = extended(p, list, i) {
                pen.bg = c;
            }
        }
        49 => pen.bg = PackedColor::DEFAULT,
        53 => pen.attrs.insert(Attrs::OVERLINE),
        55 => pen.attrs.remove(Attrs::OVERLINE),
        58 => {
            if let Some(c) = extended(p, list, i) {
                pen.underline_color = c;
            }
        }
        59 => pen.underline_color = PackedColor::DEFAULT,
        90..=97 => pen.fg = PackedColor::ansi((code - 90 + 8) as u8),
        100..=107 => pen.bg = PackedColor::ansi((code - 100 + 8) as u8),
        _ => tracing::debug!(code, "SGR ignored"),
    }
}

/// SGR 0: everything but the hyperlink, which only OSC 8 ends.
fn reset(pen: &mut Pen) {
    *pen = Pen {
        link: pen.link,
        ..Pen::default()
    };
}

fn underline_style(sub: Option<u16>) -> Underline {
    match sub {
        None | Some(1) => Underline::Single,
        Some(2) => Underline::Double,
        Some(3) => Underline::Curly,
        Some(4) => Underline::Dotted,
        Some(5) => Underline::Dashed,
        Some(_) => Underline::None,
    }
}

fn byte(v: Option<u16>) -> Option<u8> {
    v.and_then(|v| u8::try_from(v).ok())
}

/// 38/48/58 colours: `38:5:n`, `38:2:r:g:b`, `38:2:cs:r:g:b` (colon forms
/// in `p`) or `38;5;n`, `38;2;r;g;b` (values in the parameters from `*i`).
/// Like tmux, a `;` form with missing or out-of-range values consumes only
/// its type, and the values that follow are read as SGR codes again.
fn extended(p: &[u16], list: &[&[u16]], i: &mut usize) -> Option<PackedColor> {
    if p.len() > 1 {
        return match p.get(1) {
            Some(5) => byte(p.get(2).copied()).map(PackedColor::palette),
            Some(2) => {
                let rgb = if p.len() >= 6 {
                    p.get(3..6)
                } else {
                    p.get(2..5)
                };
                match rgb {
                    Some(&[r, g, b]) => Some(PackedColor::rgb(
                        byte(Some(r))?,
                        byte(Some(g))?,
                        byte(Some(b))?,
                    )),
                    _ => None,
                }
            }
            _ => None,
        };
    }
    let at = |k: usize| list.get(k).and_then(|q| q.first().copied());
    let kind = at(*i);
    *i += 1;
    match kind {
        Some(5) => {
            let c = byte(at(*i))?;
            *i += 1;
            Some(PackedColor::palette(c))
        }
        Some(2) => {
            let (r, g, b) = (byte(at(*i))?, byte(at(*i + 1))?, byte(at(*i + 2))?);
            *i += 3;
            Some(PackedColor::rgb(r, g, b))
        }
        _ => None,
    }
}

/// The pen as SGR parameters (for DECRQSS), starting from a reset.
pub(super) fn describe(pen: &Pen) -> String {
    let mut out = String::from("0");
    let attrs = [
        (Attrs::BOLD, "1"),
        (Attrs::DIM, "2"),
        (Attrs::ITALIC, "3"),
        (Attrs::BLINK, "5"),
        (Attrs::REVERSE, "7"),
        (Attrs::HIDDEN, "8"),
        (Attrs::STRIKE, "9"),
        (Attrs::OVERLINE, "53"),
    ];
    for (a, code) in attrs {
        if pen.attrs.contains(a) {
            out.push(';');
            out.push_str(code);
        }
    }
    match pen.underline {
        Underline::None => {}
        Underline::Single => out.push_str(";4"),
        u => out.push_str(&format!(";4:{}", u.to_bits())),
    }
    for (c, base) in [(pen.fg, 30u16), (pen.bg, 40)] {
        match c.kind() {
            ColorKind::Default => {}
            ColorKind::Ansi(n) if n < 8 => out.push_str(&format!(";{}", base + u16::from(n))),
            ColorKind::Ansi(n) => out.push_str(&format!(";{}", base + 60 + u16::from(n & 7))),
            ColorKind::Palette(n) => out.push_str(&format!(";{};5;{n}", base + 8)),
            ColorKind::Rgb(r, g, b) => out.push_str(&format!(";{};2;{r};{g};{b}", base + 8)),
        }
    }
    out
}
