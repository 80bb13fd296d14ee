//! Style strings (`fg=green,bg=black,bold`) as in tmux's `status-style` options and
//! `#[…]` blocks, and the split of an expanded format into styled segments for the
//! status line.
//!
//! A style is applied on top of another: keywords change only what they name, and
//! `default` (or a colour of `default`) goes back to the base it is drawn over.
//! `terminal` is the terminal's own default colour.

use std::fmt;

use rmux_proto::{Attrs, Color, Style, Underline};

use super::scan::skip;

pub use super::colour::{ColourSpec, colour_to_rgb, colour_to_string, parse_colour};

/// Longest keyword in a style, as tmux's fixed buffer allows.
const MAX_TOKEN: usize = 255;

/// A style string tmux would reject.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StyleError {
    /// The whole string, as tmux quotes it.
    pub spec: String,
}

impl fmt::Display for StyleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid style: {}", self.spec)
    }
}

impl std::error::Error for StyleError {}

/// Where a part of the status line goes (`#[align=…]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Default,
    Left,
    Centre,
    Right,
    AbsoluteCentre,
}

/// The window-list markers of the status line (`#[list=…]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ListMarker {
    #[default]
    Off,
    On,
    Focus,
    LeftMarker,
    RightMarker,
}

/// A clickable range of the status line (`#[range=…]`).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Range {
    #[default]
    None,
    Left,
    Right,
    /// `range=pane|%N`
    Pane(u32),
    /// `range=window|N`
    Window(u32),
    /// `range=session|$N`
    Session(u32),
    /// `range=user|text`
    User(String),
}

/// What `push-default` and `pop-default` ask of the drawing code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum DefaultChange {
    #[default]
    None,
    /// The current style becomes what `default` goes back to.
    Push,
    /// `default` goes back to the base style again.
    Pop,
}

/// Everything a style string can say: the cell style and the status-line directives.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct StyleSpec {
    pub cell: Style,
    /// `fill=colour`: the background of the whole status line.
    pub fill: Option<Color>,
    pub align: Align,
    pub list: ListMarker,
    pub range: Range,
    pub default_change: DefaultChange,
    /// `ignore`: later `#[…]` blocks are shown as text.
    pub ignore: bool,
}

impl StyleSpec {
    /// A spec with only a cell style.
    pub fn from_style(cell: Style) -> StyleSpec {
        StyleSpec {
            cell,
            ..StyleSpec::default()
        }
    }
}

/// Parses a style on top of `base`, with `default` meaning `base`: tmux's
/// `style_parse` for option values. Status-line directives (`align=` and so on) are
/// accepted and dropped; use [`parse_style_spec`] to keep them.
pub fn parse_style(spec: &str, base: Style) -> Result<Style, StyleError> {
    parse_style_spec(spec, &StyleSpec::from_style(base), base).map(|s| s.cell)
}

/// Parses a style on top of `current`, with `default` meaning `base`. On error nothing
/// changes (the caller keeps `current`).
pub fn parse_style_spec(
    spec: &str,
    current: &StyleSpec,
    base: Style,
) -> Result<StyleSpec, StyleError> {
    let mut sy = current.clone();
    let error = || StyleError {
        spec: spec.to_string(),
    };
    for token in spec.split([' ', ',', '\n']).filter(|t| !t.is_empty()) {
        if token.len() > MAX_TOKEN {
            return Err(error());
        }
        apply_token(&mut sy, token, base).ok_or_else(error)?;
    }
    Ok(sy)
}

/// Applies one keyword; `None` if it is not one.
fn apply_token(sy: &mut StyleSpec, token: &str, base: Style) -> Option<()> {
    let lower = token.to_ascii_lowercase();
    let value = |prefix: &str| {
        lower
            .strip_prefix(prefix)
            .filter(|v| !v.is_empty())
            .map(|_| &token[prefix.len()..])
    };
    match lower.as_str() {
        "default" => {
            sy.cell = base;
            return Some(());
        }
        "ignore" => sy.ignore = true,
        "noignore" => sy.ignore = false,
        "push-default" => sy.default_change = DefaultChange::Push,
        "pop-default" => sy.default_change = DefaultChange::Pop,
        "nolist" => sy.list = ListMarker::Off,
        "norange" => sy.range = Range::None,
        "noalign" => sy.align = Align::Default,
        "none" => {
            sy.cell.attrs = Attrs::default();
            sy.cell.underline = Underline::None;
        }
        _ => {
            if let Some(v) = lower.strip_prefix("list=") {
                sy.list = parse_list(v)?;
            } else if let Some(v) = value("range=") {
                sy.range = parse_range(v)?;
            } else if let Some(v) = value("align=") {
                sy.align = parse_align(&v.to_ascii_lowercase())?;
            } else if let Some(v) = value("fill=") {
                sy.fill = Some(match parse_colour(v)? {
                    ColourSpec::Inherit => Color::Default,
                    ColourSpec::Colour(c) => c,
                });
            } else if let Some(v) = value("fg=") {
                sy.cell.fg = resolve(parse_colour(v)?, base.fg);
            } else if let Some(v) = value("bg=") {
                sy.cell.bg = resolve(parse_colour(v)?, base.bg);
            } else if let Some(v) = value("us=") {
                sy.cell.underline_color = resolve(parse_colour(v)?, base.underline_color);
            } else if let Some(v) = lower.strip_prefix("no").filter(|v| !v.is_empty()) {
                let (attrs, underline) = parse_attributes(v)?;
                sy.cell.attrs.remove(attrs);
                if underline.is_some_and(|u| u == sy.cell.underline) {
                    sy.cell.underline = Underline::None;
                }
            } else {
                let (attrs, underline) = parse_attributes(&lower)?;
                sy.cell.attrs |= attrs;
                if let Some(u) = underline {
                    sy.cell.underline = u;
                }
            }
        }
    }
    Some(())
}

fn resolve(spec: ColourSpec, base: Color) -> Color {
    match spec {
        ColourSpec::Inherit => base,
        ColourSpec::Colour(c) => c,
    }
}

fn parse_list(v: &str) -> Option<ListMarker> {
    Some(match v {
        "on" => ListMarker::On,
        "focus" => ListMarker::Focus,
        "left-marker" => ListMarker::LeftMarker,
        "right-marker" => ListMarker::RightMarker,
        _ => return None,
    })
}

fn parse_align(v: &str) -> Option<Align> {
    Some(match v {
        "left" => Align::Left,
        "centre" => Align::Centre,
        "right" => Align::Right,
        "absolute-centre" => Align::AbsoluteCentre,
        _ => return None,
    })
}

fn parse_range(v: &str) -> Option<Range> {
    let (kind, arg) = match v.split_once('|') {
        Some((_, "")) => return None,
        Some((k, a)) => (k.to_ascii_lowercase(), Some(a)),
        None => (v.to_ascii_lowercase(), None),
    };
    let number = |s: &str| -> Option<u32> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    Some(match (kind.as_str(), arg) {
        ("left", None) => Range::Left,
        ("right", None) => Range::Right,
        ("pane", Some(a)) => Range::Pane(number(a.strip_prefix('%')?)?),
        ("window", Some(a)) => Range::Window(number(a)?),
        ("session", Some(a)) => Range::Session(number(a.strip_prefix('$')?)?),
        ("user", Some(a)) => Range::User(a.to_string()),
        _ => return None,
    })
}

/// What an attribute name sets: an attribute bit or an underline.
#[derive(Clone, Copy)]
enum Named {
    Attr(Attrs),
    Under(Underline),
}

/// Attribute names, in the order tmux prints them.
const ATTRIBUTES: [(&str, Named); 14] = [
    ("bright", Named::Attr(Attrs::BOLD)),
    ("dim", Named::Attr(Attrs::DIM)),
    ("underscore", Named::Under(Underline::Single)),
    ("blink", Named::Attr(Attrs::BLINK)),
    ("reverse", Named::Attr(Attrs::REVERSE)),
    ("hidden", Named::Attr(Attrs::HIDDEN)),
    ("italics", Named::Attr(Attrs::ITALIC)),
    ("strikethrough", Named::Attr(Attrs::STRIKE)),
    ("double-underscore", Named::Under(Underline::Double)),
    ("curly-underscore", Named::Under(Underline::Curly)),
    ("dotted-underscore", Named::Under(Underline::Dotted)),
    ("dashed-underscore", Named::Under(Underline::Dashed)),
    ("overline", Named::Attr(Attrs::OVERLINE)),
    ("bold", Named::Attr(Attrs::BOLD)),
];

/// One or more attribute names separated by `|` (or `,` and spaces): the attributes
/// named and the underline, if one is; `acs` (the line-drawing character set) is
/// accepted and has no effect here.
fn parse_attributes(s: &str) -> Option<(Attrs, Option<Underline>)> {
    const DELIMITERS: [char; 3] = [' ', ',', '|'];
    if s.is_empty() || s.starts_with(DELIMITERS) || s.ends_with(DELIMITERS) {
        return None;
    }
    if s == "default" || s == "none" {
        return Some((Attrs::default(), None));
    }
    let mut attrs = Attrs::default();
    let mut underline = None;
    for name in s.split(DELIMITERS).filter(|n| !n.is_empty()) {
        if name == "acs" {
            continue;
        }
        match ATTRIBUTES.iter().find(|(n, _)| *n == name)?.1 {
            Named::Attr(a) => attrs |= a,
            Named::Under(u) => underline = Some(u),
        }
    }
    Some((attrs, underline))
}

/// Attributes as tmux prints them: `bright,reverse`.
fn attributes_to_string(style: &Style) -> String {
    let names: Vec<&str> = ATTRIBUTES
        .iter()
        .take(13)
        .filter(|(_, named)| match *named {
            Named::Attr(a) => style.attrs.contains(a),
            Named::Under(u) => style.underline == u,
        })
        .map(|(n, _)| *n)
        .collect();
    names.join(",")
}

/// A style as tmux prints one: `fg=black,bg=green,bright`, or `default`.
pub fn style_to_string(style: Style) -> String {
    spec_to_string(&StyleSpec::from_style(style))
}

/// A full style spec as tmux prints one, directives first.
pub fn spec_to_string(sy: &StyleSpec) -> String {
    let mut parts: Vec<String> = Vec::new();
    match sy.list {
        ListMarker::Off => {}
        ListMarker::On => parts.push("list=on".into()),
        ListMarker::Focus => parts.push("list=focus".into()),
        ListMarker::LeftMarker => parts.push("list=left-marker".into()),
        ListMarker::RightMarker => parts.push("list=right-marker".into()),
    }
    match &sy.range {
        Range::None => {}
        Range::Left => parts.push("range=left".into()),
        Range::Right => parts.push("range=right".into()),
        Range::Pane(n) => parts.push(format!("range=pane|%{n}")),
        Range::Window(n) => parts.push(format!("range=window|{n}")),
        Range::Session(n) => parts.push(format!("range=session|${n}")),
        Range::User(s) => parts.push(format!("range=user|{s}")),
    }
    match sy.align {
        Align::Default => {}
        Align::Left => parts.push("align=left".into()),
        Align::Centre => parts.push("align=centre".into()),
        Align::Right => parts.push("align=right".into()),
        Align::AbsoluteCentre => parts.push("align=absolute-centre".into()),
    }
    match sy.default_change {
        DefaultChange::None => {}
        DefaultChange::Push => parts.push("push-default".into()),
        DefaultChange::Pop => parts.push("pop-default".into()),
    }
    if let Some(fill) = sy.fill {
        parts.push(format!("fill={}", colour_to_string(fill)));
    }
    let cell = sy.cell;
    for (key, colour) in [
        ("fg", cell.fg),
        ("bg", cell.bg),
        ("us", cell.underline_color),
    ] {
        if colour != Color::Default {
            parts.push(format!("{key}={}", colour_to_string(colour)));
        }
    }
    if !cell.attrs.is_empty() || cell.underline != Underline::None {
        parts.push(attributes_to_string(&cell));
    }
    if parts.is_empty() {
        "default".to_string()
    } else {
        parts.join(",")
    }
}

/// A run of status-line text in one style.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub style: Style,
    pub text: String,
    pub align: Align,
    pub list: ListMarker,
    pub range: Range,
    /// The last `fill=` seen up to here, for the line's background.
    pub fill: Option<Color>,
}

/// Splits an expanded format at its `#[…]` blocks into styled runs, as tmux's
/// `format_draw` reads it: `##` shows `#`, control characters are dropped, an invalid
/// style block is skipped, `default` returns to `base` (or to the style saved by
/// `push-default`). An unterminated `#[` makes tmux draw nothing, so the result is
/// then empty. Runs are never empty and neighbours differ.
pub fn styled_segments(expanded: &str, base: Style) -> Vec<Segment> {
    let b = expanded.as_bytes();
    let mut current_default = base;
    let mut sy = StyleSpec::from_style(base);
    let mut out: Vec<Segment> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let next = b.get(i + 1).copied();
        if b[i] == b'#' && next.is_some() && next != Some(b'[') {
            let n = b[i..].iter().take_while(|&&c| c == b'#').count();
            let even = n % 2 == 0;
            if b.get(i + n) != Some(&b'[') {
                push_text(&mut out, &sy, &"#".repeat(n.div_ceil(2)));
                i += n;
                continue;
            }
            i += if even { n + 1 } else { n - 1 };
            if !sy.ignore {
                let mut text = "#".repeat(n / 2);
                if even {
                    text.push('[');
                }
                push_text(&mut out, &sy, &text);
            }
            continue;
        }
        if b[i] != b'#' || next != Some(b'[') || sy.ignore {
            let Some(c) = expanded.get(i..).and_then(|r| r.chars().next()) else {
                break;
            };
            if !c.is_control() {
                let mut buf = [0; 4];
                push_text(&mut out, &sy, c.encode_utf8(&mut buf));
            }
            i += c.len_utf8();
            continue;
        }
        let Some(end) = skip(expanded, i + 2, b"]") else {
            return Vec::new();
        };
        let block = &expanded[i + 2..end];
        i = end + 1;
        let saved = sy.cell;
        let Ok(mut parsed) = parse_style_spec(block, &sy, current_default) else {
            continue;
        };
        match parsed.default_change {
            DefaultChange::Push => current_default = saved,
            DefaultChange::Pop => current_default = base,
            DefaultChange::None => {}
        }
        parsed.default_change = DefaultChange::None;
        sy = parsed;
    }
    out
}

/// Appends text in style `sy`, extending the last run when nothing differs.
fn push_text(out: &mut Vec<Segment>, sy: &StyleSpec, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(last) = out.last_mut() {
        let same = last.style == sy.cell
            && last.align == sy.align
            && last.list == sy.list
            && last.range == sy.range
            && last.fill == sy.fill;
        if same {
            last.text.push_str(text);
            return;
        }
    }
    out.push(Segment {
        style: sy.cell,
        text: text.to_string(),
        align: sy.align,
        list: sy.list,
        range: sy.range.clone(),
        fill: sy.fill,
    });
}
