//! Expectations from tmux 3.3a: `source-file -nv` of crafted files (the parsed
//! commands, or the error with its line), `show-options` for quoting, and the CLI for
//! argv splitting. `$HOME` is `/root` as on the machine the cases were run on.

use super::{
    Assignment, NoEnv, ParseEnv, ParseError, join_commands, parse_config, parse_line, quote_arg,
    split_argv,
};

struct Env;

impl ParseEnv for Env {
    fn var(&self, name: &str) -> Option<String> {
        match name {
            "HOME" => Some("/root".to_string()),
            "USER" => Some("root".to_string()),
            _ => None,
        }
    }

    fn home(&self, user: &str) -> Option<String> {
        match user {
            "" | "root" => Some("/root".to_string()),
            _ => None,
        }
    }
}

fn commands(input: &str) -> Result<Vec<Vec<String>>, ParseError> {
    parse_line(input, &Env).map(|p| p.commands)
}

fn owned(cmds: &[&[&str]]) -> Vec<Vec<String>> {
    cmds.iter()
        .map(|c| c.iter().map(|s| s.to_string()).collect())
        .collect()
}

#[test]
fn words_quotes_and_escapes() {
    let cases: &[(&str, &[&[&str]])] = &[
        (
            "set-option a;set-option b",
            &[&["set-option", "a"], &["set-option", "b"]],
        ),
        (
            "set-option a ;set-option b",
            &[&["set-option", "a"], &["set-option", "b"]],
        ),
        ("set-option a\\; b", &[&["set-option", "a;", "b"]]),
        ("set-option \"a;b\" c", &[&["set-option", "a;b", "c"]]),
        (
            "set-option 'a b' \"c d\" e\\ f",
            &[&["set-option", "a b", "c d", "e f"]],
        ),
        ("set-option a # comment", &[&["set-option", "a"]]),
        ("set-option a#b", &[&["set-option", "a#b"]]),
        ("set-option \"a\nb\"", &[&["set-option", "a\nb"]]),
        ("set-option a \\\n  b", &[&["set-option", "a", "b"]]),
        (
            "set-option \"unterminated",
            &[&["set-option", "unterminated"]],
        ),
        (
            "set-option 'unterminated",
            &[&["set-option", "unterminated"]],
        ),
        ("set-option %1", &[&["set-option", "%1"]]),
        ("set-option a;", &[&["set-option", "a"]]),
        (
            "set-option ;; set-option b",
            &[&["set-option"], &["set-option", "b"]],
        ),
        (
            "set-option a ;; ; set-option b",
            &[&["set-option", "a"], &["set-option", "b"]],
        ),
        (
            "  set-option   a   ;   set-option   b   ",
            &[&["set-option", "a"], &["set-option", "b"]],
        ),
        ("set-option \"$\"", &[&["set-option", "$"]]),
        ("set-option \\$HOME", &[&["set-option", "$HOME"]]),
        ("set-option \"\\x41\"", &[&["set-option", "x41"]]),
        ("set-option \"\\s\"", &[&["set-option", " "]]),
        ("set-option \\101\\060", &[&["set-option", "A0"]]),
        ("set-option \"\\\"q\\\"\"", &[&["set-option", "\"q\""]]),
        ("set-option 'a\\nb'", &[&["set-option", "a\\nb"]]),
        ("set-option 'it''s'", &[&["set-option", "its"]]),
        ("set-option \"x\"y'z'", &[&["set-option", "xyz"]]),
        ("set-option a{b", &[&["set-option", "a{b"]]),
        ("set-option A=b C=d", &[&["set-option", "A=b", "C=d"]]),
        (
            "set-option \\e\\n\\t\\\\ \\u00e9 \\U0001F600 \\101",
            &[&["set-option", "\x1b\n\t\\", "é", "😀", "A"]],
        ),
        ("set-option \"\\u00e9\\u4e2d\"", &[&["set-option", "é中"]]),
        (
            "set-option \"line1\n  # comment in quotes\n  line2\"",
            &[&["set-option", "line1\n\nline2"]],
        ),
        (
            "set-option \"line1\n  #{x} in quotes\"",
            &[&["set-option", "line1\n#{x} in quotes"]],
        ),
        (
            "set-option 'multi\nline'",
            &[&["set-option", "multi\nline"]],
        ),
        ("set-option a\\\nb", &[&["set-option", "ab"]]),
        ("set-option \"a\\\nb\"", &[&["set-option", "ab"]]),
        (
            "set-option a\\\\\nset-option b",
            &[&["set-option", "a\\"], &["set-option", "b"]],
        ),
        ("set-option a\\\\\\\nb", &[&["set-option", "a\\b"]]),
        ("   ", &[]),
        ("# just a comment", &[]),
        ("\nset-option x\n\n", &[&["set-option", "x"]]),
    ];
    for (input, want) in cases {
        assert_eq!(commands(input), Ok(owned(want)), "{input:?}");
    }
}

#[test]
fn expansions() {
    let cases: &[(&str, &[&[&str]])] = &[
        (
            "set-option $HOME ${HOME}x $NOPE_X \"$HOME\" '$HOME'",
            &[&["set-option", "/root", "/rootx", "", "/root", "$HOME"]],
        ),
        (
            "set-option ~ ~/x a~ \"~/y\" ~root x\"~\"",
            &[&[
                "set-option",
                "/root",
                "/root/x",
                "a~",
                "/root/y",
                "/root",
                "x/root",
            ]],
        ),
        (
            "set-option \"$HOME\"x$HOME\"y\"",
            &[&["set-option", "/rootx/rooty"]],
        ),
        ("set-option $1 $- a$b", &[&["set-option", "$1", "$-", "a"]]),
        ("set-option $((", &[&["set-option", "$(("]]),
        ("A=b set-option $A", &[&["set-option", "b"]]),
        ("A=b\nset-option $A", &[&["set-option", "b"]]),
        ("%hidden H=1\nset-option $H", &[&["set-option", "1"]]),
        (
            "%if 0\nA=zzz\n%endif\nset-option $A",
            &[&["set-option", ""]],
        ),
        ("set-option A=b", &[&["set-option", "A=b"]]),
    ];
    for (input, want) in cases {
        assert_eq!(commands(input), Ok(owned(want)), "{input:?}");
    }
    let parsed = parse_line("\"A=b\"\n%hidden H=\"x y\"", &Env);
    assert_eq!(
        parsed.map(|p| p.assignments),
        Ok(vec![
            Assignment {
                line: 1,
                name: "A".into(),
                value: "b".into(),
                hidden: false
            },
            Assignment {
                line: 2,
                name: "H".into(),
                value: "x y".into(),
                hidden: true
            },
        ])
    );
}

#[test]
fn conditions() {
    let cases: &[(&str, &[&[&str]])] = &[
        (
            "%if 1\nset-option yes\n%else\nset-option no\n%endif",
            &[&["set-option", "yes"]],
        ),
        (
            "%if #{==:a,b}\nset-option yes\n%elif 1\nset-option elif\n%else\nset-option no\n%endif",
            &[&["set-option", "elif"]],
        ),
        (
            "%if \"#{==:a,a}\"\nset-option yes\n%endif",
            &[&["set-option", "yes"]],
        ),
        (
            "%if #{l:x y}\nset-option yes\n%endif",
            &[&["set-option", "yes"]],
        ),
        (
            "%if 1 # comment\nset-option yes\n%endif",
            &[&["set-option", "yes"]],
        ),
        (
            "%if 1\n%if 0\nset-option inner\n%else\nset-option innerelse\n%endif\n%endif",
            &[&["set-option", "innerelse"]],
        ),
        ("%if 1 set-option a %endif", &[&["set-option", "a"]]),
        (
            "set-option b ; %if 1 set-option a %endif",
            &[&["set-option", "b"], &["set-option", "a"]],
        ),
        (
            "set-option b ; %if 0 set-option a %else set-option c %endif ; set-option d",
            &[
                &["set-option", "b"],
                &["set-option", "c"],
                &["set-option", "d"],
            ],
        ),
        ("%if 1\n\n%endif", &[]),
        (
            "%if 0\nset-option a\n%elif 1\nset-option b\n%elif 1\nset-option c\n%endif",
            &[&["set-option", "b"]],
        ),
    ];
    for (input, want) in cases {
        assert_eq!(commands(input), Ok(owned(want)), "{input:?}");
    }
}

#[test]
fn conditions_use_the_environment() {
    struct Host;
    impl ParseEnv for Host {
        fn var(&self, _: &str) -> Option<String> {
            None
        }
        fn expand_condition(&self, condition: &str) -> String {
            condition.replace("#{host}", "laptop")
        }
    }
    let input = "%if #{==:#{host},laptop}\nset -g status-style bg=blue\n%else\nset -g status-style bg=red\n%endif";
    let got = parse_line(input, &Host).map(|p| p.commands);
    assert_eq!(got, Ok(owned(&[&["set", "-g", "status-style", "bg=blue"]])));
    // The default expansion has no variables but does compare.
    let got = parse_line("%if #{==:#{host},}\nyes\n%endif", &NoEnv).map(|p| p.commands);
    assert_eq!(got, Ok(owned(&[&["yes"]])));
}

#[test]
fn blocks_become_text_that_parses_back() {
    let cases: &[(&str, &[&[&str]])] = &[
        (
            "bind-key x { set-option a ; set-option b }",
            &[&["bind-key", "x", "set-option a ; set-option b"]],
        ),
        (
            "bind-key x {\n  set-option a\n  set-option b\n}",
            &[&["bind-key", "x", "set-option a ; set-option b"]],
        ),
        (
            "bind-key x { set-option a\n}",
            &[&["bind-key", "x", "set-option a"]],
        ),
        (
            "bind-key x {\nset-option a }",
            &[&["bind-key", "x", "set-option a"]],
        ),
        (
            "bind-key x { %if 1\nset-option a\n%endif\n}",
            &[&["bind-key", "x", "set-option a"]],
        ),
        (
            "bind-key x { bind-key y { set-option \"a b\" } }",
            &[&["bind-key", "x", "bind-key y { set-option \"a b\" }"]],
        ),
        (
            "bind-key x { set-option a } y",
            &[&["bind-key", "x", "set-option a", "y"]],
        ),
        (
            "bind-key x {\n  # comment\n  set-option a ; set-option b\n  set-option c\n}",
            &[&[
                "bind-key",
                "x",
                "set-option a ; set-option b ; set-option c",
            ]],
        ),
        (
            "if-shell true { set-option a } { set-option b }",
            &[&["if-shell", "true", "set-option a", "set-option b"]],
        ),
        (
            "bind-key x { set-option $HOME }",
            &[&["bind-key", "x", "set-option /root"]],
        ),
        ("bind-key x {\n}", &[&["bind-key", "x", ""]]),
        ("bind-key x {}", &[&["bind-key", "x", ""]]),
        (
            "set-option a { set-option b ; }",
            &[&["set-option", "a", "set-option b"]],
        ),
        (
            "set-option a { set-option b ;; set-option c }",
            &[&["set-option", "a", "set-option b ; set-option c"]],
        ),
        (
            "set-option a { %if 1 set-option b %endif }",
            &[&["set-option", "a", "set-option b"]],
        ),
        (
            "bind x { display \"#{pane_id} \\$x\" }",
            &[&["bind", "x", "display \"#{pane_id} \\$x\""]],
        ),
    ];
    for (input, want) in cases {
        assert_eq!(commands(input), Ok(owned(want)), "{input:?}");
    }
    let nested = commands("bind-key x { bind-key y { set-option \"a b\" } }").unwrap_or_default();
    let inner = commands(&nested[0][2]).unwrap_or_default();
    assert_eq!(inner, owned(&[&["bind-key", "y", "set-option \"a b\""]]));
    assert_eq!(commands(&inner[0][2]), Ok(owned(&[&["set-option", "a b"]])));
}

#[test]
fn errors_like_tmux() {
    let cases: &[(&str, usize, &str)] = &[
        ("set-option }", 1, "syntax error"),
        ("set-option {", 1, "syntax error"),
        ("set-option { set-option a", 1, "syntax error"),
        ("{ set-option a }", 1, "syntax error"),
        ("set-option a {;}", 1, "syntax error"),
        ("set-option a { ; }", 1, "syntax error"),
        ("%foo", 1, "syntax error"),
        ("set-option %abc", 1, "syntax error"),
        (";set-option a", 1, "syntax error"),
        ("set-option ${", 1, "invalid environment variable"),
        ("set-option ${A-B}", 1, "invalid environment variable"),
        ("set-option \"\\7\"", 1, "invalid octal escape"),
        ("set-option \"\\0\"", 1, "invalid octal escape"),
        ("set-option \"\\u12\"", 1, "invalid \\u argument"),
        ("set-option \"\\uZZZZ\"", 1, "invalid \\u argument"),
        ("set-option \"\\uD800\"", 1, "invalid \\u argument"),
        ("set-option $", 1, "syntax error"),
        ("set-option a$", 1, "syntax error"),
        ("set-option a}", 1, "syntax error"),
        ("set-option \\", 1, "syntax error"),
        ("set-option ~nosuchuser", 1, "syntax error"),
        ("%if 1\nset-option a", 2, "syntax error"),
        ("%endif", 1, "syntax error"),
        ("%else", 1, "syntax error"),
        ("%if #{==:a,\nb}\nset-option yes\n%endif", 1, "syntax error"),
        ("A=b C=d set-option x", 1, "syntax error"),
        ("set-option a\n}\nset-option b", 2, "syntax error"),
        ("%if\nset-option a\n%endif", 1, "syntax error"),
        ("%hidden notassign", 1, "syntax error"),
        ("set-option x %if", 1, "syntax error"),
        ("%if 1\n%else\n%elif 1\n%endif", 3, "syntax error"),
    ];
    for (input, line, message) in cases {
        let want = Err(ParseError {
            line: *line,
            message: message.to_string(),
        });
        assert_eq!(commands(input), want, "{input:?}");
    }
}

#[test]
fn config_files_report_every_bad_line() {
    let text = "set -g @a 1\nset -g @b \"\\7\"\nbind x {\n  display ok\n  display \\uZZZZ\n}\n}\nset -g @c 3 # done\n";
    let parsed = parse_config(text, &Env);
    let argv: Vec<(usize, Vec<String>)> = parsed
        .commands
        .iter()
        .map(|c| (c.line, c.argv.clone()))
        .collect();
    assert_eq!(
        argv,
        vec![
            (1, vec!["set".into(), "-g".into(), "@a".into(), "1".into()]),
            (8, vec!["set".into(), "-g".into(), "@c".into(), "3".into()]),
        ]
    );
    let errors: Vec<(usize, &str)> = parsed
        .errors
        .iter()
        .map(|e| (e.line, e.message.as_str()))
        .collect();
    assert_eq!(
        errors,
        vec![
            (2, "invalid octal escape"),
            (5, "invalid \\u argument"),
            (7, "syntax error")
        ]
    );
    assert_eq!(parsed.errors[0].to_string(), "invalid octal escape");
}

#[test]
fn command_lines_are_where_commands_end() {
    let parsed = parse_config(
        "set-option a\\\n b\n\nset-option c ; set-option d\nbind x {\n  a\n}\n",
        &Env,
    );
    let lines: Vec<usize> = parsed.commands.iter().map(|c| c.line).collect();
    assert_eq!(lines, vec![2, 4, 4, 7]);
}

#[test]
fn argv_splits_like_the_tmux_client() {
    let split = |args: &[&str]| split_argv(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    assert_eq!(
        split(&["display", "-p", "a", ";", "display", "-p", "b"]),
        owned(&[&["display", "-p", "a"], &["display", "-p", "b"]])
    );
    assert_eq!(
        split(&["display", "-p", "a;", "display", "-p", "b"]),
        owned(&[&["display", "-p", "a"], &["display", "-p", "b"]])
    );
    assert_eq!(
        split(&["display", "-p", "a\\;"]),
        owned(&[&["display", "-p", "a;"]])
    );
    assert_eq!(
        split(&["display", "-p", "\\;"]),
        owned(&[&["display", "-p", ";"]])
    );
    assert_eq!(
        split(&["display", "-p", "x", ";", ";", "display", "-p", "y"]),
        owned(&[&["display", "-p", "x"], &["display", "-p", "y"]])
    );
    assert_eq!(
        split(&["display", "-p", "x;;"]),
        owned(&[&["display", "-p", "x;"]])
    );
    assert_eq!(
        split(&[";", "display", "-p", "y"]),
        owned(&[&["display", "-p", "y"]])
    );
    assert_eq!(
        split(&["display", "-p", "a b;c"]),
        owned(&[&["display", "-p", "a b;c"]])
    );
    assert_eq!(split(&["new", "-d"]), owned(&[&["new", "-d"]]));
    assert_eq!(split(&[]), owned(&[]));
}

#[test]
fn quoting_matches_show_options() {
    let cases: &[(&str, &str)] = &[
        ("plain", "plain"),
        ("a b", "\"a b\""),
        ("a\"b", "'a\"b'"),
        ("a'b", "\"a'b\""),
        ("a#b", "\"a#b\""),
        ("a;b", "\"a;b\""),
        ("a$b", "\"a\\$b\""),
        ("a{b", "\"a{b\""),
        ("a}b", "\"a}b\""),
        ("a%b", "\"a%b\""),
        ("~", "\\~"),
        ("~/x", "\\~/x"),
        ("x~", "x~"),
        ("#", "\\#"),
        ("\"", "\\\""),
        ("'", "\\'"),
        (" ", "\" \""),
        ("", "''"),
        ("a\\b", "a\\\\b"),
        ("tab\tx", "tab\\tx"),
        ("nl\nx", "nl\\nx"),
        ("é", "é"),
        ("a\x1bb", "a\\033b"),
        ("\x07\x08\x0b\x0c\0", "\\a\\b\\v\\f\\000"),
        ("a`b", "a`b"),
        ("a'b\"c", "\"a'b\\\"c\""),
        ("a b\"c", "\"a b\\\"c\""),
        ("$", "\\$"),
        (";", "\\;"),
        ("\\", "\\\\"),
        ("M-{", "\"M-{\""),
        ("C-\\", "C-\\\\"),
        ("a b`c", "\"a b`c\""),
        ("a b$1", "\"a b$1\""),
        ("a b${x}", "\"a b\\${x}\""),
        ("a b$_x", "\"a b\\$_x\""),
        ("a b$", "\"a b$\""),
        ("a b$$x", "\"a b$\\$x\""),
        ("$1x", "\"$1x\""),
        ("$_", "\"\\$_\""),
        ("a'$x", "\"a'\\$x\""),
    ];
    for (value, shown) in cases {
        assert_eq!(quote_arg(value), *shown, "{value:?}");
    }
}

#[test]
fn quoted_arguments_parse_back() {
    let tricky = [
        "",
        " ",
        "a b",
        "a\"b",
        "a'b",
        "a\"b\\c",
        "'\"\\$~",
        "~user",
        "x~",
        "$HOME",
        "${X}",
        "#{pane_id}",
        "#",
        "a;",
        ";",
        "{",
        "}",
        "{ x }",
        "%if",
        "%1",
        "a\nb\tc\rd\x07\x1b\x7f\0",
        "日本\"語",
        "\\\n",
        "A=b",
        "--",
        "-",
        "'",
        "\"\"",
        "a\n#b",
    ];
    for s in tricky {
        let line = format!("cmd {}", quote_arg(s));
        assert_eq!(
            parse_line(&line, &NoEnv).map(|p| p.commands),
            Ok(owned(&[&["cmd", s]])),
            "{s:?} as {line:?}"
        );
    }
    let cmds = owned(&[&["a", "b c"], &["d;", "{"]]);
    assert_eq!(
        parse_line(&join_commands(&cmds), &NoEnv).map(|p| p.commands),
        Ok(cmds)
    );
}

#[test]
fn hostile_input_does_not_panic() {
    let inputs = [
        "\\",
        "\"",
        "'",
        "{",
        "}",
        "%",
        "%if",
        "%if #{",
        "#{",
        "$",
        "${",
        "~",
        "\\u",
        "\\U0011ffff",
        "\\377\\377",
        "a\\\n",
        "{{{{{{{{",
        "}}}}}",
        ";;;;",
        "%if 1\n%if 1\n",
        "\0",
        "é\\é",
        "\r\n\r\n",
        "x { y { z { w } } }",
    ];
    for input in inputs {
        let _ = parse_line(input, &Env);
        let _ = parse_config(input, &Env);
    }
    let deep = format!("x {}{}", "{ y ".repeat(200), "}".repeat(200));
    assert_eq!(
        parse_line(&deep, &Env)
            .map(|p| p.commands)
            .map_err(|e| e.message),
        Err("nesting too deep".to_string())
    );
    assert_eq!(parse_config(&deep, &Env).errors.len(), 1);
    let deep_ifs = "%if 1\n".repeat(500);
    assert!(parse_config(&deep_ifs, &Env).errors.len() == 1);
}
