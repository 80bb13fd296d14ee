//! `capture-pane -p [-e] [-J] [-N] [-S] [-E]`, byte for byte as tmux 3.3a
//! prints it (its SGR re-encoding included, quirks and all: `53` comes out
//! as `5:3`, and any removed attribute restarts from `0`).

use std::fmt::Write as _;

use crate::cell::{ACS, Cell, UNDERLINE_MASK};
use crate::links::Links;
use crate::style::{Attrs, ColorKind, PackedColor};
use crate::view::{RawCell, RowView};

/// What to capture and how; see `Terminal::capture`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaptureOptions {
    /// First line: `None` = top of the screen, negative = history
    /// (`i64::MIN` = the oldest line, tmux's `-S -`).
    pub start: Option<i64>,
    /// Last line: `None` = bottom of the screen (`i64::MAX` too).
    pub end: Option<i64>,
    /// `-e`: attributes as SGR sequences.
    pub escapes: bool,
    /// `-J`: join soft-wrapped lines, keep trailing spaces.
    pub join: bool,
    /// `-N`: keep trailing spaces.
    pub keep_trailing: bool,
}

/// tmux's attribute list, in the order it writes them.
const ATTR_CODES: [u8; 13] = [1, 2, 3, 4, 5, 7, 8, 9, 42, 43, 44, 45, 53];
const CHARSET_BIT: u16 = 1 << 13;

/// A cell's look in tmux's terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
struct TmuxStyle {
    attrs: u16,
    fg: PackedColor,
    bg: PackedColor,
    us: PackedColor,
    link: u32,
}

impl TmuxStyle {
    fn of(raw: &RawCell<'_>) -> TmuxStyle {
        let c = &raw.cell;
        let a = Attrs::from_bits(c.attrs);
        let mut bits = 0u16;
        let flag = |on: bool, i: usize| if on { 1u16 << i } else { 0 };
        bits |= flag(a.contains(Attrs::BOLD), 0);
        bits |= flag(a.contains(Attrs::DIM), 1);
        bits |= flag(a.contains(Attrs::ITALIC), 2);
        bits |= flag(a.contains(Attrs::BLINK), 4);
        bits |= flag(a.contains(Attrs::REVERSE), 5);
        bits |= flag(a.contains(Attrs::HIDDEN), 6);
        bits |= flag(a.contains(Attrs::STRIKE), 7);
        bits |= flag(a.contains(Attrs::OVERLINE), 12);
        bits |= match c.flags & UNDERLINE_MASK {
            1 => 1 << 3,
            2 => 1 << 8,
            3 => 1 << 9,
            4 => 1 << 10,
            5 => 1 << 11,
            _ => 0,
        };
        if c.flags & ACS != 0 {
            bits |= CHARSET_BIT;
        }
        TmuxStyle {
            attrs: bits,
            fg: c.fg,
            bg: c.bg,
            us: raw.underline_color,
            link: raw.link,
        }
    }
}

fn fg_codes(c: PackedColor, out: &mut Vec<u16>) {
    match c.kind() {
        ColorKind::Default => out.push(39),
        ColorKind::Ansi(n) if n < 8 => out.push(30 + u16::from(n)),
        ColorKind::Ansi(n) => out.push(90 + u16::from(n & 7)),
        ColorKind::Palette(n) => out.extend([38, 5, u16::from(n)]),
        ColorKind::Rgb(r, g, b) => out.extend([38, 2, r.into(), g.into(), b.into()]),
    }
}

fn bg_codes(c: PackedColor, out: &mut Vec<u16>) {
    match c.kind() {
        ColorKind::Default => out.push(49),
        ColorKind::Ansi(n) if n < 8 => out.push(40 + u16::from(n)),
        ColorKind::Ansi(n) => out.push(100 + u16::from(n & 7)),
        ColorKind::Palette(n) => out.extend([48, 5, u16::from(n)]),
        ColorKind::Rgb(r, g, b) => out.extend([48, 2, r.into(), g.into(), b.into()]),
    }
}

fn us_codes(c: PackedColor, out: &mut Vec<u16>) {
    match c.kind() {
        ColorKind::Default => {}
        ColorKind::Ansi(n) | ColorKind::Palette(n) => out.extend([58, 5, u16::from(n)]),
        ColorKind::Rgb(r, g, b) => out.extend([58, 2, r.into(), g.into(), b.into()]),
    }
}

fn push_sgr(out: &mut String, codes: &[u16]) {
    out.push_str("\x1b[");
    for (i, c) in codes.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        let _ = write!(out, "{c}");
    }
    out.push('m');
}

/// Appends the codes that move from `last` to `new`, as tmux does.
fn write_codes(last: &TmuxStyle, new: &TmuxStyle, links: &Links, out: &mut String) {
    let mut lastattr = last.attrs;
    let mut s: Vec<u16> = Vec::new();
    let removed =
        (0..ATTR_CODES.len()).any(|i| new.attrs & (1 << i) == 0 && lastattr & (1 << i) != 0);
    if removed || (last.us != PackedColor::DEFAULT && new.us == PackedColor::DEFAULT) {
        s.push(0);
        lastattr &= CHARSET_BIT;
    }
    for (i, &code) in ATTR_CODES.iter().enumerate() {
        if new.attrs & (1 << i) != 0 && lastattr & (1 << i) == 0 {
            s.push(code.into());
        }
    }
    let reset = s.first() == Some(&0);
    if !s.is_empty() {
        out.push_str("\x1b[");
        for (i, &c) in s.iter().enumerate() {
            if i > 0 {
                out.push(';');
            }
            if c < 10 {
                let _ = write!(out, "{c}");
            } else {
                let _ = write!(out, "{}:{}", c / 10, c % 10);
            }
        }
        out.push('m');
    }
    let channels: [fn(PackedColor, &mut Vec<u16>); 3] = [fg_codes, bg_codes, us_codes];
    let pairs = [(last.fg, new.fg), (last.bg, new.bg), (last.us, new.us)];
    for (codes_of, (old, cur)) in channels.iter().zip(pairs) {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        codes_of(old, &mut a);
        codes_of(cur, &mut b);
        if !b.is_empty() && (a != b || reset) {
            push_sgr(out, &b);
        }
    }
    if new.attrs & CHARSET_BIT != 0 && lastattr & CHARSET_BIT == 0 {
        out.push('\x0e');
    }
    if new.attrs & CHARSET_BIT == 0 && lastattr & CHARSET_BIT != 0 {
        out.push('\x0f');
    }
    // tmux 3.3a drops hyperlinks; newer tmux writes them like this.
    if new.link != last.link {
        out.push_str("\x1b]8;;");
        out.push_str(links.get(new.link).unwrap_or(""));
        out.push_str("\x1b\\");
    }
}

/// Turns tmux's -S/-E values into a range of absolute lines, where line 0
/// is the oldest history line and `hsize` is the top of the screen.
pub(crate) fn line_range(opts: &CaptureOptions, hsize: usize, rows: usize) -> (usize, usize) {
    let last = (hsize + rows).saturating_sub(1);
    let resolve = |v: Option<i64>, default: usize| -> usize {
        match v {
            None => default,
            Some(i64::MIN) => 0,
            Some(i64::MAX) => last,
            Some(n) if n < 0 && n.unsigned_abs() > hsize as u64 => 0,
            Some(n) => {
                let abs = hsize as i128 + i128::from(n);
                usize::try_from(abs.clamp(0, last as i128)).unwrap_or(last)
            }
        }
    };
    let top = resolve(opts.start, hsize);
    let bottom = resolve(opts.end, last);
    if bottom < top {
        (bottom, top)
    } else {
        (top, bottom)
    }
}

/// Captures `rows` (already resolved to the requested range) into text.
pub(crate) fn capture<'a>(
    rows: impl Iterator<Item = RowView<'a>>,
    links: &Links,
    opts: &CaptureOptions,
) -> String {
    let mut out = String::new();
    let mut last = TmuxStyle::default();
    let trim = !opts.join && !opts.keep_trailing;
    for row in rows {
        let line_start = out.len();
        let used = row.used();
        if let Some(text) = row.simple_text().filter(|_| !opts.escapes) {
            // Most history: the stored text is the line, one byte a cell.
            let shown = text.get(..used.min(text.len())).unwrap_or(text);
            out.push_str(shown);
            out.extend(std::iter::repeat_n(' ', used.saturating_sub(shown.len())));
        } else {
            for raw in row.raw_cells().take(used).chain(blanks()).take(used) {
                if raw.cell.is_spacer() {
                    continue;
                }
                if opts.escapes {
                    let style = TmuxStyle::of(&raw);
                    write_codes(&last, &style, links, &mut out);
                    last = style;
                }
                out.push(raw.cell.ch);
                out.push_str(raw.tail);
            }
        }
        if trim {
            let keep = out
                .get(line_start..)
                .map_or(0, |l| l.trim_end_matches(' ').len());
            out.truncate(line_start + keep);
        }
        if !opts.join || !row.wrapped() {
            out.push('\n');
        }
    }
    out
}

fn blanks<'a>() -> impl Iterator<Item = RawCell<'a>> {
    std::iter::repeat(RawCell {
        cell: Cell::BLANK,
        tail: "",
        underline_color: PackedColor::DEFAULT,
        link: 0,
    })
}
