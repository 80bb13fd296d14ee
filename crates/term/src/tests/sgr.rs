//! SGR: colours and attributes, both parameter forms.

use super::*;
use crate::{Attrs, Color, Style, Underline};

fn style_of(input: &str) -> Style {
    screen(&format!("{input}X")).row(0).unwrap().cell(0).style
}

#[test]
fn sixteen_colours() {
    assert_eq!(style_of("\x1b[31m").fg, Color::Indexed(1));
    assert_eq!(style_of("\x1b[97m").fg, Color::Indexed(15));
    assert_eq!(style_of("\x1b[42m").bg, Color::Indexed(2));
    assert_eq!(style_of("\x1b[103m").bg, Color::Indexed(11));
    assert_eq!(style_of("\x1b[31;39m").fg, Color::Default);
    assert_eq!(style_of("\x1b[41;49m").bg, Color::Default);
}

#[test]
fn indexed_and_rgb_in_both_forms() {
    assert_eq!(style_of("\x1b[38;5;200m").fg, Color::Indexed(200));
    assert_eq!(style_of("\x1b[38:5:200m").fg, Color::Indexed(200));
    assert_eq!(style_of("\x1b[48;2;1;2;3m").bg, Color::Rgb(1, 2, 3));
    assert_eq!(style_of("\x1b[48:2:1:2:3m").bg, Color::Rgb(1, 2, 3));
    assert_eq!(style_of("\x1b[48:2::1:2:3m").bg, Color::Rgb(1, 2, 3));
    assert_eq!(style_of("\x1b[38;2;10;20;30;1m").fg, Color::Rgb(10, 20, 30));
    assert!(
        style_of("\x1b[38;2;10;20;30;1m")
            .attrs
            .contains(Attrs::BOLD)
    );
}

#[test]
fn malformed_colours_are_ignored_like_tmux() {
    assert_eq!(style_of("\x1b[38;5m").fg, Color::Default);
    assert_eq!(style_of("\x1b[38;5;300m").fg, Color::Default);
    let s = style_of("\x1b[38;2;1m");
    assert_eq!(s.fg, Color::Default);
    assert!(s.attrs.contains(Attrs::BOLD), "the 1 is read as bold again");
}

#[test]
fn attributes_and_their_resets() {
    let s = style_of("\x1b[1;2;3;5;7;8;9;53m");
    for a in [
        Attrs::BOLD,
        Attrs::DIM,
        Attrs::ITALIC,
        Attrs::BLINK,
        Attrs::REVERSE,
        Attrs::HIDDEN,
        Attrs::STRIKE,
        Attrs::OVERLINE,
    ] {
        assert!(s.attrs.contains(a), "{a:?}");
    }
    let s = style_of("\x1b[1;2;3;5;7;8;9;53m\x1b[22;23;25;27;28;29;55m");
    assert!(s.attrs.is_empty());
    assert!(style_of("\x1b[1;31m\x1b[m").attrs.is_empty());
    assert_eq!(style_of("\x1b[1;31m\x1b[0m").fg, Color::Default);
}

#[test]
fn underline_styles_and_colour() {
    assert_eq!(style_of("\x1b[4m").underline, Underline::Single);
    assert_eq!(style_of("\x1b[21m").underline, Underline::Double);
    assert_eq!(style_of("\x1b[4:3m").underline, Underline::Curly);
    assert_eq!(style_of("\x1b[4:4m").underline, Underline::Dotted);
    assert_eq!(style_of("\x1b[4:5m").underline, Underline::Dashed);
    assert_eq!(style_of("\x1b[4m\x1b[4:0m").underline, Underline::None);
    assert_eq!(style_of("\x1b[4m\x1b[24m").underline, Underline::None);
    assert_eq!(style_of("\x1b[58;5;9m").underline_color, Color::Indexed(9));
    assert_eq!(
        style_of("\x1b[58:2::1:2:3m").underline_color,
        Color::Rgb(1, 2, 3)
    );
    assert_eq!(
        style_of("\x1b[58;5;9m\x1b[59m").underline_color,
        Color::Default
    );
}

#[test]
fn capture_writes_sgr_like_tmux() {
    let t = screen("\x1b[31mA\x1b[38;5;1mB\x1b[1mC\x1b[0mD\x1b[4:3mE\x1b[53mF");
    let got = t.capture(&CaptureOptions {
        escapes: true,
        ..Default::default()
    });
    let line = got.lines().next().unwrap();
    assert_eq!(
        line,
        "\x1b[31mA\x1b[38;5;1mB\x1b[1mC\x1b[0m\x1b[39m\x1b[49mD\x1b[4:3mE\x1b[5:3mF"
    );
}
