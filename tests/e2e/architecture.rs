//! Invariants ARCHITECTURE.md promises, checked on the sources.

use std::path::Path;

fn manifest(krate: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("crates")
        .join(krate)
        .join("Cargo.toml");
    std::fs::read_to_string(p).unwrap()
}

fn dependencies(krate: &str) -> Vec<String> {
    let text = manifest(krate);
    let mut deps = Vec::new();
    let mut in_deps = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_deps = line == "[dependencies]";
            continue;
        }
        if in_deps && let Some((name, _)) = line.split_once(['=', '.']) {
            deps.push(name.trim().to_string());
        }
    }
    deps
}

#[test]
fn emulator_and_protocol_do_no_io() {
    for krate in ["types", "term", "proto"] {
        for dep in dependencies(krate) {
            assert!(
                ![
                    "tokio",
                    "portable-pty",
                    "crossterm",
                    "ratatui",
                    "rustix",
                    "mio"
                ]
                .contains(&dep.as_str())
                    && (!dep.starts_with("rmux-") || dep == "rmux-types"),
                "crates/{krate} must stay pure, but depends on {dep}"
            );
        }
    }
    // The shared values depend on nothing but (optionally) serde.
    assert_eq!(dependencies("types"), ["serde"]);
}

#[test]
fn only_the_codec_file_knows_the_codec() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates");
    let mut offenders = Vec::new();
    visit(&src, &mut |path, text| {
        let rel = path.strip_prefix(&src).unwrap().display().to_string();
        if text.contains("bincode::") && rel != "proto/src/codec.rs" {
            offenders.push(rel);
        }
    });
    assert!(
        offenders.is_empty(),
        "bincode used outside the codec: {offenders:?}"
    );
}

#[test]
fn unsafe_code_stays_in_one_place() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates");
    let mut found = Vec::new();
    visit(&src, &mut |path, text| {
        let rel = path.strip_prefix(&src).unwrap().display().to_string();
        for (i, line) in text.lines().enumerate() {
            if line.contains("unsafe {") && !line.trim_start().starts_with("//") {
                found.push(format!("{rel}:{}", i + 1));
            }
        }
    });
    let allowed = [
        "server/src/pty_io.rs",
        "server/src/inherit.rs",
        "rmux/daemon.rs",
    ];
    assert!(
        !found.is_empty()
            && found
                .iter()
                .all(|f| allowed.iter().any(|a| f.starts_with(a))),
        "unsafe code belongs only in {allowed:?} (see ARCHITECTURE.md): {found:?}"
    );
}

fn visit(dir: &Path, f: &mut dyn FnMut(&Path, &str)) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            visit(&path, f);
        } else if path.extension().is_some_and(|e| e == "rs") {
            f(&path, &std::fs::read_to_string(&path).unwrap());
        }
    }
}
