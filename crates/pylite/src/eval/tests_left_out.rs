//! A build without the `stdlib` feature (the page's): the modules import, and using one says
//! why it is missing; the extra builtins are unknown names. Run with
//! `cargo test -p pylite --no-default-features`.

use super::tests::run;

#[test]
fn a_left_out_module_imports_and_says_why_when_used() {
    assert_eq!(
        run("import json\nx = json.dumps({})\n").unwrap_err(),
        "2:5: unsupported: 'json.dumps' is not built into this program: the page leaves out pylite's standard-library modules to fit its download"
    );
    assert_eq!(run("x = getattr(1, 'real')\n").unwrap_err(), "1:5: name-error: name 'getattr' is not defined");
    assert!(run("import typing\nimport collections\n").is_ok());
}
