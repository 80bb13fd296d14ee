//! Cursor movement, tabs, save/restore, origin mode.

use super::*;

#[test]
fn cup_is_one_based_and_clamped() {
    assert_eq!(cursor(&screen("\x1b[3;4H")), (3, 2));
    assert_eq!(cursor(&screen("\x1b[H")), (0, 0));
    assert_eq!(cursor(&screen("\x1b[99;99H")), (19, 4));
    assert_eq!(cursor(&screen("\x1b[2;3f")), (2, 1));
}

#[test]
fn relative_moves_stop_at_edges() {
    assert_eq!(cursor(&screen("\x1b[3;3H\x1b[9A")), (2, 0));
    assert_eq!(cursor(&screen("\x1b[3;3H\x1b[9B")), (2, 4));
    assert_eq!(cursor(&screen("\x1b[3;3H\x1b[99C")), (19, 2));
    assert_eq!(cursor(&screen("\x1b[3;3H\x1b[99D")), (0, 2));
    assert_eq!(cursor(&screen("\x1b[3;3H\x1b[0A")), (2, 1), "0 counts as 1");
}

#[test]
fn cnl_cpl_cha_vpa() {
    assert_eq!(cursor(&screen("\x1b[2;5H\x1b[2E")), (0, 3));
    assert_eq!(cursor(&screen("\x1b[4;5H\x1b[2F")), (0, 1));
    assert_eq!(cursor(&screen("\x1b[2;5H\x1b[9G")), (8, 1));
    assert_eq!(cursor(&screen("\x1b[2;5H\x1b[4d")), (4, 3));
    assert_eq!(cursor(&screen("\x1b[2;5H\x1b[7`")), (6, 1));
}

#[test]
fn cursor_moves_respect_the_scroll_region() {
    let t = screen("\x1b[2;4r\x1b[3;1H\x1b[9A");
    assert_eq!(cursor(&t), (0, 1), "CUU stops at the region's top");
    let t = screen("\x1b[2;4r\x1b[3;1H\x1b[9B");
    assert_eq!(cursor(&t), (0, 3), "CUD stops at the region's bottom");
}

#[test]
fn origin_mode_addresses_the_region() {
    let t = screen("\x1b[2;4r\x1b[?6h\x1b[1;1HA\x1b[9;1HB");
    assert_eq!(text(&t), "\nA\n\nB");
    assert!(t.modes().origin);
}

#[test]
fn pending_wrap_keeps_cursor_on_last_column() {
    let t = sized(5, 3, "abcde");
    assert_eq!(cursor(&t), (4, 0));
    let t = sized(5, 3, "abcdef");
    assert_eq!(cursor(&t), (1, 1));
}

#[test]
fn backspace_and_carriage_return() {
    assert_eq!(text(&screen("abc\x08\x08X")), "aXc");
    assert_eq!(text(&screen("abc\rX")), "Xbc");
    assert_eq!(cursor(&screen("\x08\x08")), (0, 0));
}

#[test]
fn backspace_at_left_edge_goes_back_over_a_wrap() {
    let t = sized(5, 3, "abcdefg\x08\x08\x08X");
    assert_eq!(text(&t), "abcdX\nfg");
}

#[test]
fn tabs_default_every_eight() {
    assert_eq!(cursor(&screen("\t")), (8, 0));
    assert_eq!(
        cursor(&screen("\t\t\t")),
        (19, 0),
        "stops at the last column"
    );
    assert_eq!(cursor(&screen("\x1b[2I")), (16, 0), "CHT");
    assert_eq!(cursor(&screen("\x1b[1;18H\x1b[Z")), (16, 0), "CBT");
    assert_eq!(cursor(&screen("\x1b[1;18H\x1b[2Z")), (8, 0));
}

#[test]
fn tab_stops_can_be_set_and_cleared() {
    assert_eq!(cursor(&screen("\x1b[3G\x1bH\r\t")), (2, 0), "HTS");
    assert_eq!(cursor(&screen("\x1b[9G\x1b[g\r\t")), (16, 0), "TBC 0");
    assert_eq!(cursor(&screen("\x1b[3g\t")), (19, 0), "TBC 3");
}

#[test]
fn decsc_decrc_restore_position_pen_and_charset() {
    let t = screen("\x1b[2;3H\x1b[1;31m\x1b(0\x1b7\x1b[m\x1b(B\x1b[5;5H\x1b8q");
    assert_eq!(cursor(&t), (3, 1));
    let c = t.row(1).unwrap().cell(2);
    assert_eq!(c.ch, '─', "the line-drawing set came back");
    assert!(c.style.attrs.contains(crate::Attrs::BOLD));
    assert_eq!(c.style.fg, crate::Color::Indexed(1));
}

#[test]
fn csi_s_u_save_and_restore() {
    let t = screen("ab\x1b[s\x1b[3;3Hcd\x1b[uef");
    assert_eq!(text(&t), "abef\n\n  cd");
}

#[test]
fn decrc_without_save_goes_home() {
    assert_eq!(cursor(&screen("\x1b[3;3H\x1b8")), (0, 0));
}

#[test]
fn cursor_visibility_and_shape() {
    let t = screen("\x1b[?25l\x1b[5 q");
    assert!(!t.cursor().visible);
    assert_eq!(t.cursor().shape, crate::CursorShape::BlinkingBar);
    let t = screen("\x1b[?25l\x1b[?25h\x1b[2 q");
    assert!(t.cursor().visible);
    assert_eq!(t.cursor().shape, crate::CursorShape::Block);
}
