//! The application layer and the engine stay below the page: no browser crate in their
//! dependency trees, on the native target or on wasm32.

use std::process::Command;

const BROWSER_CRATES: &[&str] = &["yew", "web-sys", "gloo", "js-sys", "wasm-bindgen"];

fn tree(package: &str, target: Option<&str>) -> String {
    let mut cmd = Command::new(env!("CARGO"));
    cmd.args(["tree", "--quiet", "--locked", "-e", "normal", "--prefix", "none", "--format", "{p}", "-p", package]);
    if let Some(target) = target {
        cmd.args(["--target", target]);
    }
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    let out = cmd.output().expect("cargo tree runs");
    assert!(out.status.success(), "cargo tree -p {package}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn browser_crates_in(tree: &str) -> Vec<String> {
    tree.lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| BROWSER_CRATES.iter().any(|b| name == b || name.starts_with(&format!("{b}-"))))
        .map(String::from)
        .collect()
}

#[test]
fn no_browser_crate_below_the_page() {
    for package in ["playground", "engine"] {
        for target in [None, Some("wasm32-unknown-unknown")] {
            let tree = tree(package, target);
            assert!(tree.lines().any(|l| l.starts_with(package)), "{package}'s tree lists itself:\n{tree}");
            let found = browser_crates_in(&tree);
            assert!(found.is_empty(), "{package} ({target:?}) depends on {found:?}");
        }
    }
}

#[test]
fn the_check_sees_a_browser_crate() {
    // The test above can fail: the page's own tree has them.
    assert!(!browser_crates_in(&tree("web", None)).is_empty());
}
