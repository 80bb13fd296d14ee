//! The escape sequences that take the terminal from one look to the next: SGR for
//! colours and attributes, OSC 8 for hyperlinks. Styles here are already what the
//! terminal can show ([`TerminalFeatures::shown`]).

use std::io::Write as _;

use rmux_proto::{Attrs, Color, Style, Underline};

/// Append the SGR sequence that changes the terminal's pen from `from` to `to`.
///
/// Attributes can only be added one by one: when any must go (and bold and dim share
/// one way off), the pen is reset first and `to` is set whole, as tmux does.
pub fn transition(out: &mut Vec<u8>, from: &Style, to: &Style, underline_styles: bool) {
    if from == to {
        return;
    }
    let mut params = Params::default();
    let reset = from.attrs.difference(to.attrs) != Attrs::empty()
        || (from.underline != Underline::None && to.underline == Underline::None);
    let from = if reset {
        params.push(format_args!("0"));
        Style::default()
    } else {
        *from
    };
    for (attr, code) in Attrs::ALL {
        if to.attrs.contains(attr) && !from.attrs.contains(attr) {
            params.push(format_args!("{code}"));
        }
    }
    if to.underline != from.underline && to.underline != Underline::None {
        match to.underline {
            Underline::Single => params.push(format_args!("4")),
            u if underline_styles => params.push(format_args!("4:{}", u.to_bits())),
            _ => params.push(format_args!("4")),
        }
    }
    if to.fg != from.fg {
        colour(&mut params, to.fg, Layer::Fg);
    }
    if to.bg != from.bg {
        colour(&mut params, to.bg, Layer::Bg);
    }
    if to.underline_color != from.underline_color {
        match to.underline_color.to_rgb() {
            None => params.push(format_args!("59")),
            Some((r, g, b)) => params.push(format_args!("58:2::{r}:{g}:{b}")),
        }
    }
    params.finish(out);
}

/// Open the hyperlink `uri`, or close the current one (`None`).
pub fn hyperlink(out: &mut Vec<u8>, uri: Option<&str>) {
    out.extend_from_slice(b"\x1b]8;;");
    out.extend_from_slice(uri.unwrap_or("").as_bytes());
    out.extend_from_slice(b"\x1b\\");
}

#[derive(Clone, Copy)]
enum Layer {
    Fg,
    Bg,
}

fn colour(params: &mut Params, c: Color, layer: Layer) {
    let (base, bright, extended) = match layer {
        Layer::Fg => (30, 90, 38),
        Layer::Bg => (40, 100, 48),
    };
    match c {
        Color::Default => params.push(format_args!("{}", base + 9)),
        Color::Indexed(n @ 0..=7) => params.push(format_args!("{}", base + u16::from(n))),
        Color::Indexed(n @ 8..=15) => {
            params.push(format_args!("{}", bright + u16::from(n - 8)));
        }
        Color::Indexed(n) => params.push(format_args!("{extended};5;{n}")),
        Color::Rgb(r, g, b) => params.push(format_args!("{extended};2;{r};{g};{b}")),
    }
}

/// SGR parameters being collected into one `CSI … m`.
#[derive(Default)]
struct Params {
    text: Vec<u8>,
}

impl Params {
    fn push(&mut self, param: std::fmt::Arguments<'_>) {
        if !self.text.is_empty() {
            self.text.push(b';');
        }
        let _ = self.text.write_fmt(param);
    }

    fn finish(self, out: &mut Vec<u8>) {
        if self.text.is_empty() {
            return;
        }
        out.extend_from_slice(b"\x1b[");
        out.extend_from_slice(&self.text);
        out.push(b'm');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sgr(from: Style, to: Style) -> String {
        let mut out = Vec::new();
        transition(&mut out, &from, &to, true);
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn adding_sets_only_what_is_new() {
        let bold = Style {
            attrs: Attrs::BOLD,
            ..Style::default()
        };
        let bold_red = Style {
            fg: Color::Indexed(1),
            ..bold
        };
        assert_eq!(sgr(Style::default(), bold), "\x1b[1m");
        assert_eq!(sgr(bold, bold_red), "\x1b[31m");
        assert_eq!(sgr(bold_red, bold_red), "");
    }

    #[test]
    fn removing_an_attribute_resets_and_sets_the_rest() {
        let from = Style {
            attrs: Attrs::BOLD | Attrs::ITALIC,
            bg: Color::Rgb(1, 2, 3),
            ..Style::default()
        };
        let to = Style {
            attrs: Attrs::ITALIC,
            bg: Color::Rgb(1, 2, 3),
            ..Style::default()
        };
        assert_eq!(sgr(from, to), "\x1b[0;3;48;2;1;2;3m");
        assert_eq!(sgr(to, Style::default()), "\x1b[0m");
    }

    #[test]
    fn colours_take_their_shortest_form() {
        let at = |fg| Style {
            fg,
            ..Style::default()
        };
        assert_eq!(sgr(Style::default(), at(Color::Indexed(9))), "\x1b[91m");
        assert_eq!(
            sgr(Style::default(), at(Color::Indexed(200))),
            "\x1b[38;5;200m"
        );
        assert_eq!(sgr(at(Color::Indexed(2)), Style::default()), "\x1b[39m");
    }

    #[test]
    fn underline_styles_and_colour() {
        let curly = Style {
            underline: Underline::Curly,
            underline_color: Color::Rgb(255, 0, 0),
            ..Style::default()
        };
        assert_eq!(sgr(Style::default(), curly), "\x1b[4:3;58:2::255:0:0m");
        let mut plain = Vec::new();
        transition(&mut plain, &Style::default(), &curly, false);
        assert!(plain.starts_with(b"\x1b[4;"));
        let single = Style {
            underline: Underline::Single,
            ..Style::default()
        };
        assert_eq!(sgr(curly, single), "\x1b[4;59m");
        assert_eq!(sgr(single, Style::default()), "\x1b[0m");
    }
}
