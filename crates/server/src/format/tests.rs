//! Expectations taken from tmux 3.3a: `display-message -p '<template>'` in a detached
//! session named `mysess` with one window `mywin`, host `vm`, and the user options
//! below set with `set -g`.

use std::collections::HashMap;

use chrono::{DateTime, Local, TimeZone};
use rmux_proto::{Attrs, Color, Style, Underline};

use super::style::{
    Align, ListMarker, Range, Segment, StyleError, parse_style, spec_to_string, style_to_string,
    styled_segments,
};
use super::{
    FormatContext, LoopItem, LoopKind, ctime, expand, expand_no_time, format_width, strftime,
};

/// 2026-11-26 13:34:57 local time, whatever the time zone.
fn now() -> DateTime<Local> {
    Local
        .with_ymd_and_hms(2026, 11, 26, 13, 34, 57)
        .single()
        .unwrap_or_else(Local::now)
}

fn vars() -> HashMap<String, String> {
    let pairs = [
        ("session_name", "mysess".to_string()),
        ("window_index", "0".to_string()),
        ("window_name", "mywin".to_string()),
        ("pane_index", "0".to_string()),
        ("pane_id", "%0".to_string()),
        ("window_flags", "*".to_string()),
        ("pane_title", "vm".to_string()),
        ("host", "vm".to_string()),
        ("host_short", "vm".to_string()),
        ("session_created", now().timestamp().to_string()),
        ("@foo", "hello world".to_string()),
        ("@path", "/usr/local/bin/tmux".to_string()),
        ("@zero", "0".to_string()),
        ("@num", "42".to_string()),
        ("@three", "3".to_string()),
        ("@wide", "日本語テキスト".to_string()),
        ("@styled", "#[fg=red]abcdef#[default]ghi".to_string()),
        ("@hashes", "a##b##c".to_string()),
        (
            "@special",
            "a|b&c;d<e>f(g)h$i`j\\k\"l'm*n?o[p#q r=s%t{u}v~w!x,y:z".to_string(),
        ),
        ("@fmt", "#{session_name}-%H".to_string()),
        ("@r", "x#{E:@r}".to_string()),
        ("@n1", "1#{E:@n2}".to_string()),
        ("@n2", "2#{E:@n3}".to_string()),
        ("@n3", "3".to_string()),
    ];
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

fn check(table: &[(&str, &str)]) {
    let ctx = vars();
    let mut failures = Vec::new();
    for (template, want) in table {
        let got = expand(template, &ctx, now());
        if got != *want {
            failures.push(format!("{template:?}: got {got:?}, want {want:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn aliases_and_escapes() {
    check(&[
        ("#S #I #W #P #D #F #T", "mysess 0 mywin 0 %0 * vm"),
        ("#H #h", "vm vm"),
        ("#{session_name}", "mysess"),
        ("#", "#"),
        ("##", "#"),
        ("###", "##"),
        ("####S", "##S"),
        ("a#", "a#"),
        ("x#", "x#"),
        ("#1", "#1"),
        ("#!", "#!"),
        ("#x #A #Z #a", "#x #A #Z #a"),
        ("#,", ","),
        ("#}", "}"),
        ("a#:b", "a#:b"),
        ("a#,b#}c#{d", "a,b}c"),
        ("#{@nope}x", "x"),
        ("x#{}y", "xy"),
        ("#{:session_name}", "mysess"),
    ]);
}

#[test]
fn unterminated_blocks_end_the_expansion() {
    check(&[
        ("x#{session_nameyz", "x"),
        ("x#{", "x"),
        ("#{", ""),
        ("#(", ""),
        ("#(echo", ""),
        ("#(echo)x", "x"),
        ("x#{?@zero,yes}y", "x"),
        ("x#{==:a}y", "x"),
        ("#{?@foo,a{b},c}", ""),
        ("#{||:1}", ""),
        ("#{&&:1}", ""),
        ("#{==:}", ""),
        ("#{?}", ""),
        ("#{?a}", ""),
    ]);
}

#[test]
fn style_blocks_pass_through() {
    check(&[
        ("#[", "#["),
        ("##[", "##["),
        ("###[", "###["),
        ("####[", "####["),
        ("#[fg=red", "#[fg=red"),
        ("#[fg=red]#S", "#[fg=red]mysess"),
        ("##[fg=red]#S", "##[fg=red]mysess"),
        ("#[#S]#S", "#[mysess]mysess"),
        ("#[fg=#{?@foo,red,blue}]", "#[fg=red]"),
        ("#[fg=red]#S#[default]", "#[fg=red]mysess#[default]"),
    ]);
}

#[test]
fn conditionals() {
    check(&[
        ("#{?@foo,yes,no}", "yes"),
        ("#{?@zero,yes,no}", "no"),
        ("#{?@nope,yes,no}", "no"),
        ("#{?#{@foo},yes,no}", "yes"),
        ("#{?,yes,no}", "no"),
        ("#{?1,yes,no}", "no"),
        ("#{?0,yes,no}", "no"),
        ("#{?@zero,yes,@zero2,b,c}", "@zero2,b,c"),
        ("#{?@foo,a#,b,c}", "a,b"),
        ("#{?session_name,#{session_name},none}", "mysess"),
        ("#{?#{==:#{session_name},mysess},A,B}", "A"),
        ("#{?@foo,#{?@zero,1,2},3}", "2"),
        ("#{?@foo,#[fg=red]x#[default],y}", "#[fg=red]x#[default]"),
        ("#{??,a,b}", "b"),
        ("#{?@foo,}", ""),
        ("#{?@zero,,b}", "b"),
        ("#{?@foo,a:b,c}", "a:b"),
        ("#{?@foo,#:,b}", "#:"),
        ("#{?@foo,%%,b}", "%"),
        ("%日本%", "%日本%"),
        (
            "#{?@foo,#{?@foo,#{?@foo,#{?@foo,#{?@foo,#{?@foo,#{?@foo,#{?@foo,#{?@foo,#{?@foo,#{?@foo,deep,n},n},n},n},n},n},n},n},n},n},n}",
            "deep",
        ),
    ]);
}

#[test]
fn comparisons() {
    check(&[
        ("#{==:a,a}", "1"),
        ("#{==:#{@num},42}", "1"),
        ("#{!=:a,b}", "1"),
        ("#{<:a,b}", "1"),
        ("#{>:a,b}", "0"),
        ("#{<=:a,a}", "1"),
        ("#{>=:a,b}", "0"),
        ("#{||:0,1}", "1"),
        ("#{||:0,0}", "0"),
        ("#{||:,}", "0"),
        ("#{&&:1,1}", "1"),
        ("#{&&:1,0,1}", "1"),
        ("#{!:0}", ""),
        ("#{!:1}", ""),
        ("#{!!:abc}", ""),
        ("#{!=:}", ""),
        ("#{==:#{@foo},hello world}", "1"),
        ("#{==:a,b,c}", "0"),
        ("#{==:a#,b,a,b}", "1"),
        ("#{==:a:b,a:b}", "1"),
        ("#{==:#:,#:}", "1"),
    ]);
}

#[test]
fn matching() {
    check(&[
        ("#{m:h*,hello}", "1"),
        ("#{m:*o,#{@foo}}", "0"),
        ("#{m/i:H*,hello}", "1"),
        ("#{m/r:^h.l,hello}", "1"),
        ("#{m/#{l:r}:^h,hello}", "1"),
        ("#{m:*,}", "1"),
        ("#{m:[a-c]x,bx}", "1"),
        ("#{m:#{l:*},x}", "1"),
        ("#{m:a#,b,a,b}", "1"),
        ("#{C:x}", "0"),
        // Found by comparing random templates with tmux: glibc refuses a leading `*`.
        ("#{m/r:**,a}", "0"),
        ("#{m/r:*,a}", "0"),
        ("#{m/r:a**,aa}", "1"),
    ]);
}

#[test]
fn trimming_and_padding() {
    check(&[
        ("#{=3:@foo}", "hel"),
        ("#{=-3:@foo}", "rld"),
        ("#{=/3/...:@foo}", "hel..."),
        ("#{=/-3/...:@foo}", "...rld"),
        ("#{=20:@foo}", "hello world"),
        ("#{=/20/...:@foo}", "hello world"),
        ("#{=3:@wide}", "日"),
        ("#{=4:@wide}", "日本"),
        ("#{=-3:@wide}", "ト"),
        ("#{=3:@styled}", "#[fg=red]abc"),
        ("#{=-5:@styled}", "#[fg=red]ef#[default]ghi"),
        ("#{=/3/..:@styled}", "#[fg=red]abc.."),
        ("#{=3:@hashes}", "a##b"),
        ("#{=5:@hashes}", "a##b##c"),
        ("#{=3:#{@foo}}", "hel"),
        ("#{@foo}#{=2:@foo}", "hello worldhe"),
        ("#{=:@foo}", "hello world"),
        ("#{=abc:@foo}", "hello world"),
        ("#{=0:@foo}", "hello world"),
        ("#{=2:#{=3:@foo}}", "he"),
        ("#{=-2;=3:@foo}", "hel"),
        ("#{=3:}", ""),
        ("#{=3:@nope}x", "x"),
        ("#{=#{@three}:@foo}", "=3:@foo"),
        ("#{=/#{@three}/x:@foo}", "helx"),
        ("#{=/3/#{@three}:@foo}", "hel3"),
        ("#{=/3/#,:@foo}", "hel,"),
        ("#{=3:#[fg=red]@foo}", ""),
        ("#{p10:@num}|", "42        |"),
        ("#{p-10:@num}|", "        42|"),
        ("#{p:@foo}", "hello world"),
        ("#{=3;p5:@foo}|", "hel  |"),
        ("#{p5;=3:@foo}|", "hel  |"),
        ("#{p3:@nope}x", "   x"),
    ]);
}

#[test]
fn lengths_and_widths() {
    check(&[
        ("#{n:@foo}", "11"),
        ("#{w:@wide}", "14"),
        ("#{n:@wide}", "21"),
        ("#{n:@styled}", "28"),
        ("#{w:@styled}", "9"),
        ("#{w:@hashes}", "5"),
        ("#{n:#{@foo}}", "11"),
        ("#{n:@nope}", "0"),
        ("#{w:@nope}x", "0x"),
        ("#{w:}", "0"),
    ]);
}

#[test]
fn literal_paths_and_quoting() {
    check(&[
        ("#{l:#{@foo}}", "#{@foo}"),
        ("#{l:a#,b#}c}", "a#,b#}c"),
        ("#{l:#{==:a,a}}", "#{==:a,a}"),
        ("#{l:a#:b}", "a#:b"),
        ("#{l:%H}", "13"),
        ("#{b:@path}", "tmux"),
        ("#{d:@path}", "/usr/local/bin"),
        ("#{b:}", ""),
        ("#{b:#{@foo}x}", "hello worldx"),
        ("#{b:@nope}", ""),
        ("#{d:nodir}", ""),
        ("#{q:@foo}", "hello\\ world"),
        (
            "#{q:@special}",
            "a\\|b\\&c\\;d\\<e\\>f\\(g\\)h\\$i\\`j\\\\k\\\"l\\'m\\*n\\?o\\[p\\#q\\ r\\=s\\%t{u}v~w!x,y:z",
        ),
        ("#{q:}", ""),
        ("#{q/e:@hashes}", "a####b####c"),
        ("#{q/h:@hashes}", "a####b####c"),
        ("#{=/-3/#{@three}:@foo}", "3rld"),
        ("#{e|+|:1}|x#{e|+|:1}y", "|xy"),
        ("#{a:65}", "A"),
        ("#{a:300}", ""),
        ("#{c:red}", "800000"),
        (
            "#{c:grey50}|#{c:colour244}|#{c:brightred}|#{c:terminal}|#{c:default}|#{c:#123456}|#{c:colour16}|#{c:colour255}",
            "7f7f7f|808080|ff0000|||123456|000000|eeeeee",
        ),
    ]);
}

#[test]
fn substitution() {
    check(&[
        ("#{s/o/0/:@foo}", "hell0 w0rld"),
        ("#{s/l+/L/:@foo}", "heLo worLd"),
        ("#{s/(h)(e)/\\2\\1/:@foo}", "ehllo world"),
        ("#{s/a/b/:#{l:aaa}}", "bbb"),
        ("#{s|a|b|:#{l:aaa}}", "bbb"),
        ("#{s/A/b/i:#{l:aaa}}", "bbb"),
        ("#{s/x/y/:@foo}", "hello world"),
        ("#{s/^/>/:@foo}", "ello world"),
        ("#{s/$/</:@foo}", "hello world<"),
        ("#{s/o*/X/:@foo}", "hXeXlXlX XwXrXlXdX"),
        ("#{s/./&&/:@foo}", "&&&&&&&&&&&&&&&&&&&&&&"),
        ("#{s/(l)/[\\1]/:@foo}", "he[l][l]o wor[l]d"),
        ("#{s/[/x/:@foo}", "hello world"),
        ("#{s/ /_/;=3:@foo}", "hel"),
        ("#{=3;s/ /_/:@foo}", "hel"),
        ("#{s/o/0/;s/l/1/:@foo}", "he110 w0r1d"),
        ("#{s/o/#}/:@foo}", "hell} w}rld"),
        ("#{s/o/#,/:@foo}", "hell, w,rld"),
        ("#{s/:/X/:#{l:a:b}}", "/X/:a:b"),
        ("#{s/#:/X/:#{l:a:b}}", "a:b"),
        ("#{s/a;b/X/:#{l:a;b}}", "s/a;b/X/:a;b"),
        ("#{s/a#;b/X/:#{l:a;b}}", "s/a#;b/X/:a;b"),
        ("#{s/a/X/;=2:#{l:aaa}}", "XX"),
        ("#{s/#{@three}/X/:#{l:a3b}}", "aXb"),
        ("#{s/o/#{@three}/:@foo}", "hell3 w3rld"),
        ("#{s/l/#:/:@foo}", "he#:#:o wor#:d"),
        ("#{s/%/P/:@fmt}", "#{session_name}-PH"),
    ]);
}

#[test]
fn arithmetic() {
    check(&[
        ("#{e|+|:1,2}", "3"),
        ("#{e|*|:3,4}", "12"),
        ("#{e|/|:7,2}", "3"),
        ("#{e|/|f|:7,2}", "3.50"),
        ("#{e|/|f|4:7,2}", "3.5000"),
        ("#{e|%|:7,2}", "1"),
        ("#{e|m|:7,3}", "1"),
        ("#{e|-|:1,5}", "-4"),
        ("#{e|==|:1,1}", "1"),
        ("#{e|<|:1,2}", "1"),
        ("#{e|<=|:2,2}", "1"),
        ("#{e|+|:1.9,2.9}", "3"),
        ("#{e|+|:x,2}", ""),
        ("#{e|^|:1,2}", ""),
        ("#{e|/|:1,0}", "-9223372036854775808"),
        ("#{e|%|:1,0}", "-9223372036854775808"),
        ("#{e|+|f:1,2}", "3.00"),
        ("#{e|+|f|0:1.4,2}", "3"),
        ("#{e|+:1,2}", "3"),
        ("#{e|+|:1}", ""),
        ("#{e|+|:1,2,3}", ""),
        ("#{e|*|:0x10,2}", "32"),
        ("#{e|+|:1e2,1}", "101"),
        ("#{e|+|: 1, 2}", "3"),
        ("#{e|+|:,2}", "2"),
        ("#{e|/|f|:-1,3}", "-0.33"),
        ("#{e|-|f|1:0.05,0}", "0.1"),
        ("#{e|+|f|-1:1,2}", "3.000000"),
        ("#{e|+|x:1,2}", "3"),
        ("#{e|!=|f|:1.0000000001,1}", "0.00"),
        ("#{e|+|:#{@num},1}", "43"),
        ("#{e|%|f:1,0}", "-nan"),
        ("#{e|/|f:1,0}", "inf"),
        ("#{e|-|f:0,#{e|/|f:1,0}}", "-inf"),
    ]);
}

#[test]
fn expansion_and_time() {
    let ctime_now = ctime(now());
    check(&[
        ("#{@fmt}", "#{session_name}-%H"),
        ("#{E:@fmt}", "mysess-13"),
        ("#{T:@fmt}", "mysess-13"),
        ("#{E:@foo}", "hello world"),
        ("#{T:@foo}", "hello world"),
        ("#{E:@styled}", "#[fg=red]abcdef#[default]ghi"),
        ("#{E:@n1}", "123"),
        ("#{T:%H}", ""),
        ("#{T:@x}", ""),
        ("#{E:}", ""),
        ("%H", "13"),
        ("#{t:session_created}", ctime_now.as_str()),
        ("#{t/p:session_created}", "13:34"),
        ("#{t/f/%%H:session_created}", "13"),
        ("#{t/f/%%Y#,:session_created}", "2026,"),
        ("#{t/f/#{l:%%Y}:session_created}", "2026"),
        ("#{t:session_name}", ""),
        ("#{t:@zero}", ""),
        ("#{R:ab,3}", ""),
        ("#{S:x}", ""),
        ("#(echo hi)", ""),
    ]);
    // A self-referencing option stops at tmux's depth limit.
    let deep = expand("#{E:@r}", &vars(), now());
    assert_eq!(deep, "x".repeat(99));
}

#[test]
fn expand_no_time_keeps_percent() {
    let ctx = vars();
    assert_eq!(expand_no_time("%H #S", &ctx, now()), "%H mysess");
    assert_eq!(expand("%H #S", &ctx, now()), "13 mysess");
}

#[test]
fn exponential_templates_are_bounded() {
    let mut ctx = vars();
    ctx.insert("@bomb".into(), "#{E:@bomb}#{E:@bomb}#{E:@bomb}".into());
    let out = expand("#{E:@bomb}", &ctx, now());
    assert!(out.is_empty());
    ctx.insert("@big".into(), "#{p9999:@foo}#{p9999:@foo}".into());
    ctx.insert(
        "@bigger".into(),
        "#{E:@big}#{E:@big}#{E:@big}#{E:@big}".into(),
    );
    assert!(expand("#{E:@bigger}#{E:@bigger}", &ctx, now()).len() < 2 << 20);
}

struct Tree {
    sessions: Vec<&'static str>,
    windows: Vec<(&'static str, bool)>,
}

impl FormatContext for Tree {
    fn var(&self, name: &str) -> Option<String> {
        (name == "session_name").then(|| "main".to_string())
    }

    fn children(&self, kind: LoopKind) -> Vec<LoopItem<'_>> {
        let item = |key: &'static str, value: &'static str, current: bool| LoopItem {
            ctx: Box::new(move |name: &str| (name == key).then(|| value.to_string())),
            current,
        };
        match kind {
            LoopKind::Sessions => self
                .sessions
                .iter()
                .map(|s| item("session_name", s, false))
                .collect(),
            LoopKind::Windows => self
                .windows
                .iter()
                .map(|(w, c)| item("window_name", w, *c))
                .collect(),
            LoopKind::Panes => Vec::new(),
        }
    }

    fn job(&self, command: &str) -> Option<String> {
        Some(format!("ran[{command}]#{{session_name}}"))
    }
}

#[test]
fn loops_and_jobs_use_the_context() {
    let tree = Tree {
        sessions: vec!["a", "b"],
        windows: vec![("x", false), ("y", true), ("z", false)],
    };
    assert_eq!(expand("#{S:#{session_name} }", &tree, now()), "a b ");
    assert_eq!(
        expand("#{W:#{window_name}|,*#{window_name}|}", &tree, now()),
        "x|*y|z|"
    );
    assert_eq!(expand("#{P:x}", &tree, now()), "");
    assert_eq!(expand("#{N:y}#{N:q}#{N/s:b}", &tree, now()), "101");
    assert_eq!(
        expand("#(echo #S %H)", &tree, now()),
        "ran[echo main 13]main"
    );
}

#[test]
fn strftime_matches_glibc() {
    let t = Local
        .with_ymd_and_hms(2026, 11, 26, 13, 40, 22)
        .single()
        .unwrap_or_else(Local::now);
    let fmt = "%a|%A|%b|%B|%c|%C|%d|%D|%e|%F|%g|%G|%h|%H|%I|%j|%k|%l|%m|%M|%n|%p|%P|%r|%R|%S|%t|%T|%u|%U|%V|%w|%W|%x|%X|%y|%Y|%%|%-d|%_d|%05d|%^a|%#b|%Q|%E|%Ey|%Od|%:z|%10Y|%";
    let want = "Thu|Thursday|Nov|November|Thu Nov 26 13:40:22 2026|20|26|11/26/26|26|2026-11-26|26|2026|Nov|13|01|330|13| 1|11|40|\n|PM|pm|01:40:22 PM|13:40|22|\t|13:40:22|4|47|48|4|47|11/26/26|13:40:22|26|2026|%|26|26|00026|THU|NOV|%Q|%E|26|26|%:z|0000002026|%";
    assert_eq!(strftime(fmt, t), want);
    let early = Local
        .with_ymd_and_hms(2027, 1, 3, 9, 5, 7)
        .single()
        .unwrap_or_else(Local::now);
    assert_eq!(
        strftime("%e|%-m|%_H|%j|%U|%W|%V|%G|%g|%I%p", early),
        " 3|1| 9|003|01|00|53|2026|26|09AM"
    );
    assert_eq!(ctime(early), "Sun Jan  3 09:05:07 2027");
}

#[test]
fn widths_of_expanded_text() {
    assert_eq!(format_width("#[fg=red]ab#[default]c"), 3);
    assert_eq!(format_width("a##b"), 3);
    assert_eq!(format_width("#[unterminated"), 0);
    assert_eq!(format_width("日本"), 4);
    assert_eq!(format_width("a\tb\x1b"), 2);
}

#[test]
fn hostile_templates_do_not_panic() {
    let ctx = vars();
    let nasty = [
        "#{",
        "#{{{{",
        "#{?",
        "#{?,",
        "#{=",
        "#{=/",
        "#{s/",
        "#{s/(/x/:@foo}",
        "#{s/a{99999}/x/:@foo}",
        "#{m/r:(a*)*b,aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}",
        "#{e|/|f|99999999:1,3}",
        "#{p-99999999999:@foo}",
        "#{=-99999999999999999999:@foo}",
        "#{t/f/%99999999999Y:session_created}",
        "#(#(#(",
        "##[#[#[",
        "#{a:}",
        "#{c:}",
        "#{q/",
        "#{e|",
        "\u{0}#\u{0}{",
        "é#é#{é}",
        "#{s/é/ü/:#{l:aéb}}",
    ];
    for template in nasty {
        let _ = expand(template, &ctx, now());
        let _ = expand_no_time(template, &ctx, now());
        let _ = styled_segments(template, Style::default());
    }
    assert_eq!(expand("#{s/é/ü/:#{l:aéb}}", &ctx, now()), "aüb");
    // Long texts and stacked quantifiers stay within the stack.
    let mut long = vars();
    long.insert("@long".into(), "ab/".repeat(20_000));
    let got = expand("#{s|.*/|<|:@long}", &long, now());
    assert_eq!(got, "<");
    let got = expand(
        "#{s|(ab/)*|X|:@long}|#{m/r:(a|b|/)+$,#{@long}}",
        &long,
        now(),
    );
    assert!(got.len() < 200_000, "{}", got.len());
    // A run of stars is one star, as glibc reads it.
    assert_eq!(
        expand(
            &format!("#{{s/a{}/x/:@foo}}", "*".repeat(100_000)),
            &ctx,
            now()
        ),
        expand("#{s/a*/x/:@foo}", &ctx, now())
    );
}

fn style(fg: Color, bg: Color, attrs: Attrs) -> Style {
    Style {
        fg,
        bg,
        underline_color: Color::Default,
        attrs,
        underline: Underline::None,
    }
}

#[test]
fn styles_parse_like_tmux() {
    let base = Style::default();
    let ok = |spec: &str| parse_style(spec, base);
    assert_eq!(
        ok("fg=green,bg=black"),
        Ok(style(
            Color::Indexed(2),
            Color::Indexed(0),
            Attrs::default()
        ))
    );
    assert_eq!(
        ok("bold"),
        Ok(style(Color::Default, Color::Default, Attrs::BOLD))
    );
    assert_eq!(
        ok("fg=colour123"),
        Ok(style(Color::Indexed(123), Color::Default, Attrs::default()))
    );
    assert_eq!(
        ok("fg=color9"),
        Ok(style(Color::Indexed(9), Color::Default, Attrs::default()))
    );
    assert_eq!(
        ok("fg=brightred"),
        Ok(style(Color::Indexed(9), Color::Default, Attrs::default()))
    );
    assert_eq!(
        ok("fg=91"),
        Ok(style(Color::Indexed(9), Color::Default, Attrs::default()))
    );
    assert_eq!(
        ok("fg=#FF0000"),
        Ok(style(
            Color::Rgb(255, 0, 0),
            Color::Default,
            Attrs::default()
        ))
    );
    assert_eq!(
        ok("fg=orange"),
        Ok(style(
            Color::Rgb(255, 165, 0),
            Color::Default,
            Attrs::default()
        ))
    );
    assert_eq!(
        ok("fg=grey50"),
        Ok(style(
            Color::Rgb(127, 127, 127),
            Color::Default,
            Attrs::default()
        ))
    );
    assert_eq!(
        ok("fg=red bold"),
        Ok(style(Color::Indexed(1), Color::Default, Attrs::BOLD))
    );
    assert_eq!(
        ok("fg=RED,BOLD"),
        Ok(style(Color::Indexed(1), Color::Default, Attrs::BOLD))
    );
    assert_eq!(
        ok("FG=red"),
        Ok(style(Color::Indexed(1), Color::Default, Attrs::default()))
    );
    assert_eq!(ok("bold,nobold"), Ok(base));
    assert_eq!(
        ok("bold,none,italics"),
        Ok(style(Color::Default, Color::Default, Attrs::ITALIC))
    );
    assert_eq!(ok("reverse,default"), Ok(base));
    assert_eq!(
        ok("bright|dim"),
        Ok(style(
            Color::Default,
            Color::Default,
            Attrs::BOLD | Attrs::DIM
        ))
    );
    assert_eq!(
        ok(",,fg=red,,"),
        Ok(style(Color::Indexed(1), Color::Default, Attrs::default()))
    );
    assert_eq!(ok(""), Ok(base));
    assert_eq!(
        ok("fill=red,align=centre,list=on,range=window|3,push-default,ignore"),
        Ok(base)
    );
    let all = "bright,dim,blink,reverse,hidden,italics,strikethrough,curly-underscore,overline,acs";
    assert_eq!(
        ok(all).map(style_to_string).as_deref(),
        Ok(all.trim_end_matches(",acs"))
    );
    // A cell has one underline: the last one named wins.
    assert_eq!(
        ok("underscore,dotted-underscore").map(|s| s.underline),
        Ok(Underline::Dotted)
    );
    assert_eq!(
        ok("double-underscore,nodouble-underscore").map(|s| s.underline),
        Ok(Underline::None)
    );
    let inherit = Style {
        underline: Underline::Single,
        ..style(Color::Indexed(4), Color::Indexed(5), Attrs::empty())
    };
    assert_eq!(parse_style("fg=default", inherit), Ok(inherit));
    assert_eq!(
        parse_style("bg=terminal", inherit).map(|s| s.bg),
        Ok(Color::Default)
    );
    assert_eq!(parse_style("fg=red,default", inherit), Ok(inherit));
    for bad in [
        "fg=#ff000",
        "fg=9",
        "fg=8",
        "underline",
        "fg=red,nosuch",
        "noattr",
        "fg=colour256",
        "fg=colour-1",
        "fg=grey",
        "xg=red",
        "list=x",
        "align=middle",
        "range=pane|3",
        "range=window|",
    ] {
        assert_eq!(
            ok(bad),
            Err(StyleError {
                spec: bad.to_string()
            }),
            "{bad}"
        );
    }
    assert_eq!(
        StyleError {
            spec: "fg=9".into()
        }
        .to_string(),
        "invalid style: fg=9"
    );
}

#[test]
fn styles_print_like_tmux() {
    assert_eq!(style_to_string(Style::default()), "default");
    assert_eq!(
        style_to_string(style(
            Color::Indexed(0),
            Color::Indexed(2),
            Attrs::default()
        )),
        "fg=black,bg=green"
    );
    assert_eq!(
        style_to_string(style(
            Color::Indexed(200),
            Color::Rgb(1, 2, 255),
            Attrs::BOLD | Attrs::REVERSE
        )),
        "fg=colour200,bg=#0102ff,bright,reverse"
    );
    assert_eq!(
        style_to_string(style(Color::Indexed(12), Color::Default, Attrs::default())),
        "fg=brightblue"
    );
    let spec = super::style::parse_style_spec(
        "range=window|3,align=right,fill=red,fg=blue",
        &Default::default(),
        Style::default(),
    );
    assert_eq!(
        spec.map(|s| spec_to_string(&s)).as_deref(),
        Ok("range=window|3,align=right,fill=red,fg=blue")
    );
}

fn seg(text: &str, fg: Color, align: Align) -> Segment {
    Segment {
        style: style(fg, Color::Default, Attrs::default()),
        text: text.to_string(),
        align,
        list: ListMarker::Off,
        range: Range::None,
        fill: None,
    }
}

#[test]
fn segments_split_at_style_blocks() {
    let base = Style::default();
    let red = Color::Indexed(1);
    assert_eq!(
        styled_segments("ab", base),
        vec![seg("ab", Color::Default, Align::Default)]
    );
    assert_eq!(
        styled_segments("a#[fg=red]b#[default]c", base),
        vec![
            seg("a", Color::Default, Align::Default),
            seg("b", red, Align::Default),
            seg("c", Color::Default, Align::Default)
        ]
    );
    assert_eq!(
        styled_segments("a##b###[fg=red]c####[d", base),
        vec![
            seg("a#b#", Color::Default, Align::Default),
            seg("c##[d", red, Align::Default)
        ]
    );
    assert_eq!(
        styled_segments("x#[bogus]y\x07z", base),
        vec![seg("xyz", Color::Default, Align::Default)]
    );
    assert_eq!(styled_segments("x#[fg=red", base), Vec::new());
    assert_eq!(
        styled_segments("l#[align=right]r", base),
        vec![
            seg("l", Color::Default, Align::Default),
            seg("r", Color::Default, Align::Right)
        ]
    );
    // push-default saves the style in force before its block (checked by drawing a
    // tmux 3.3a status line inside another tmux).
    assert_eq!(
        styled_segments(
            "#[fg=red,push-default]a#[fg=blue]b#[default]c#[fg=green]e#[push-default]f#[fg=blue]g#[default]h",
            base
        ),
        vec![
            seg("a", red, Align::Default),
            seg("b", Color::Indexed(4), Align::Default),
            seg("c", Color::Default, Align::Default),
            seg("ef", Color::Indexed(2), Align::Default),
            seg("g", Color::Indexed(4), Align::Default),
            seg("h", Color::Indexed(2), Align::Default),
        ]
    );
    assert_eq!(
        styled_segments(
            "#[fg=green]#[push-default]a#[fg=red]#[pop-default,default]b#[default]c",
            base
        ),
        vec![
            seg("ab", Color::Indexed(2), Align::Default),
            seg("c", Color::Default, Align::Default)
        ]
    );
    assert_eq!(
        styled_segments("#[ignore]#[fg=red]", base),
        vec![seg("#[fg=red]", Color::Default, Align::Default)]
    );
    let ranged = styled_segments("#[range=window|2]w#[norange]", base);
    assert_eq!(
        ranged.first().map(|s| s.range.clone()),
        Some(Range::Window(2))
    );
}

/// A session with two windows, as a status line sees it: the session's variables and
/// options, and each window's on top of them.
struct StatusLine {
    session: HashMap<String, String>,
    windows: Vec<HashMap<String, String>>,
}

impl FormatContext for StatusLine {
    fn var(&self, name: &str) -> Option<String> {
        self.session.get(name).cloned()
    }

    fn children(&self, kind: LoopKind) -> Vec<LoopItem<'_>> {
        if kind != LoopKind::Windows {
            return Vec::new();
        }
        let item = |w: &HashMap<String, String>| {
            let merged: HashMap<String, String> =
                self.session.clone().into_iter().chain(w.clone()).collect();
            let current = merged.get("window_active").is_some_and(|a| a == "1");
            LoopItem {
                ctx: Box::new(merged),
                current,
            }
        };
        self.windows.iter().map(item).collect()
    }
}

fn map(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn default_status_line_matches_tmux() {
    // tmux 3.3a's default status-format[0] and the options it uses.
    let status_format = "#[align=left range=left #{E:status-left-style}]#[push-default]#{T;=/#{status-left-length}:status-left}#[pop-default]#[norange default]#[list=on align=#{status-justify}]#[list=left-marker]<#[list=right-marker]>#[list=on]#{W:#[range=window|#{window_index} #{E:window-status-style}#{?#{&&:#{window_last_flag},#{!=:#{E:window-status-last-style},default}}, #{E:window-status-last-style},}#{?#{&&:#{window_bell_flag},#{!=:#{E:window-status-bell-style},default}}, #{E:window-status-bell-style},#{?#{&&:#{||:#{window_activity_flag},#{window_silence_flag}},#{!=:#{E:window-status-activity-style},default}}, #{E:window-status-activity-style},}}]#[push-default]#{T:window-status-format}#[pop-default]#[norange default]#{?window_end_flag,,#{window-status-separator}},#[range=window|#{window_index} list=focus #{?#{!=:#{E:window-status-current-style},default},#{E:window-status-current-style},#{E:window-status-style}}#{?#{&&:#{window_last_flag},#{!=:#{E:window-status-last-style},default}}, #{E:window-status-last-style},}#{?#{&&:#{window_bell_flag},#{!=:#{E:window-status-bell-style},default}}, #{E:window-status-bell-style},#{?#{&&:#{||:#{window_activity_flag},#{window_silence_flag}},#{!=:#{E:window-status-activity-style},default}}, #{E:window-status-activity-style},}}]#[push-default]#{T:window-status-current-format}#[pop-default]#[norange list=on default]#{?window_end_flag,,#{window-status-separator}}}#[nolist align=right range=right #{E:status-right-style}]#[push-default]#{T;=/#{status-right-length}:status-right}#[pop-default]#[norange default]";
    let session = map(&[
        ("status-format[0]", status_format),
        ("status-left", "[#{session_name}] "),
        ("status-left-style", "default"),
        ("status-left-length", "10"),
        ("status-justify", "left"),
        (
            "status-right",
            "#{?window_bigger,[#{window_offset_x}#,#{window_offset_y}] ,}\"#{=21:pane_title}\" %H:%M %d-%b-%y",
        ),
        ("status-right-style", "default"),
        ("status-right-length", "40"),
        (
            "window-status-format",
            "#I:#W#{?window_flags,#{window_flags}, }",
        ),
        (
            "window-status-current-format",
            "#I:#W#{?window_flags,#{window_flags}, }",
        ),
        ("window-status-style", "default"),
        ("window-status-current-style", "default"),
        ("window-status-last-style", "default"),
        ("window-status-bell-style", "reverse"),
        ("window-status-activity-style", "reverse"),
        ("window-status-separator", " "),
        ("session_name", "mysess"),
        ("pane_title", "vm"),
        ("window_bigger", ""),
    ]);
    let flags = |index: &str, name: &str, active: &str, window_flags: &str, end: &str| {
        map(&[
            ("window_index", index),
            ("window_name", name),
            ("window_active", active),
            ("window_flags", window_flags),
            ("window_last_flag", "0"),
            ("window_bell_flag", "0"),
            ("window_activity_flag", "0"),
            ("window_silence_flag", "0"),
            ("window_end_flag", end),
        ])
    };
    let ctx = StatusLine {
        session,
        windows: vec![
            flags("0", "mywin", "1", "*", "0"),
            flags("1", "second", "0", "", "1"),
        ],
    };
    let want = "#[align=left range=left default]#[push-default][mysess] #[pop-default]#[norange default]#[list=on align=left]#[list=left-marker]<#[list=right-marker]>#[list=on]#[range=window|0 list=focus default]#[push-default]0:mywin*#[pop-default]#[norange list=on default] #[range=window|1 default]#[push-default]1:second #[pop-default]#[norange default]#[nolist align=right range=right default]#[push-default]\"vm\" 13:34 26-Nov-26#[pop-default]#[norange default]";
    assert_eq!(expand("#{E:status-format[0]}", &ctx, now()), want);
    let segments = styled_segments(want, Style::default());
    let text: Vec<(&str, Align)> = segments
        .iter()
        .map(|s| (s.text.as_str(), s.align))
        .collect();
    assert_eq!(
        text,
        vec![
            ("[mysess] ", Align::Left),
            ("<", Align::Left),
            (">", Align::Left),
            ("0:mywin*", Align::Left),
            (" ", Align::Left),
            ("1:second ", Align::Left),
            ("\"vm\" 13:34 26-Nov-26", Align::Right),
        ]
    );
    assert_eq!(segments[3].list, ListMarker::Focus);
    assert_eq!(segments[3].range, Range::Window(0));
    assert_eq!(segments[1].list, ListMarker::LeftMarker);
}
