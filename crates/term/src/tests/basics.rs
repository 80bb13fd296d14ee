use super::*;

#[test]
fn prints_and_moves() {
    let t = screen("\x1b[2;3Hhi");
    assert_eq!(text(&t), "\n  hi");
    assert_eq!(cursor(&t), (4, 1));
}

#[test]
fn wraps_after_last_column() {
    let t = sized(5, 3, "abcdefg");
    assert_eq!(text(&t), "abcde\nfg");
    assert!(t.row(0).unwrap().wrapped());
}

#[test]
fn scrolls_into_history() {
    let t = sized(5, 2, "1\r\n2\r\n3\r\n4");
    assert_eq!(text(&t), "3\n4");
    assert_eq!(t.history_len(), 2);
    assert_eq!(t.row(-1).unwrap().text(), "2");
    assert_eq!(t.row(-2).unwrap().text(), "1");
}

#[test]
fn wide_chars_take_two_cells() {
    let t = screen("日本x");
    let r = t.row(0).unwrap();
    assert_eq!(r.cell(0).ch, '日');
    assert_eq!(r.cell(0).width, 2);
    assert_eq!(r.cell(1).width, 0);
    assert_eq!(r.cell(4).ch, 'x');
    assert_eq!(cursor(&t), (5, 0));
}

#[test]
fn sgr_colors() {
    let t = screen("\x1b[31;48;5;100;1mA\x1b[38;2;1;2;3mB");
    let r = t.row(0).unwrap();
    assert_eq!(r.cell(0).style.fg, crate::Color::Indexed(1));
    assert_eq!(r.cell(0).style.bg, crate::Color::Indexed(100));
    assert!(r.cell(0).style.attrs.contains(crate::Attrs::BOLD));
    assert_eq!(r.cell(1).style.fg, crate::Color::Rgb(1, 2, 3));
}

#[test]
fn alt_screen_roundtrip() {
    let t = screen("MAIN\x1b[?1049h\x1b[5;5HALT\x1b[?1049lZ");
    assert_eq!(text(&t), "MAINZ");
}
