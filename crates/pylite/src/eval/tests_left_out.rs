//! A build without the `stdlib` and `generators` features (the page's): what they provide
//! still parses, imports and resolves, and using it fails at its line with one message that
//! names what the page leaves out and that the CLI runs it. Run with
//! `cargo test -p pylite --no-default-features`.

use super::tests::run;

const WHY: &str = "is not available in the page: its build leaves it out to fit the download budget";

#[cfg(not(feature = "stdlib"))]
#[test]
fn standard_library_modules_import_and_say_why_when_used() {
    assert_eq!(
        run("import json\nx = json.dumps({})\n").unwrap_err(),
        format!("2:5: not-in-page: 'json.dumps' (the standard-library module 'json') {WHY}")
    );
    let src = "from contextlib import contextmanager\n\n@contextmanager\ndef f():\n    yield\n";
    assert_eq!(
        run(src).unwrap_err(),
        format!("3:2: not-in-page: 'contextlib.contextmanager' (the standard-library module 'contextlib') {WHY}")
    );
    assert_eq!(
        run("import datetime\nx: datetime.datetime = None\ny = datetime.datetime.now()\n").unwrap_err(),
        format!("3:5: not-in-page: 'datetime.datetime.now' (the standard-library module 'datetime') {WHY}")
    );
    assert_eq!(
        run("import re\nP = re.compile(r'\\d+')\n").unwrap_err(),
        format!("2:5: not-in-page: 're.compile' (the standard-library module 're') {WHY}")
    );
    assert!(run("import typing\nimport collections\nimport json\nfrom uuid import uuid4\n").is_ok());
}

#[cfg(not(feature = "stdlib"))]
#[test]
fn extra_builtins_methods_and_operators_say_why() {
    assert_eq!(run("x = getattr(1, 'real')\n").unwrap_err(), format!("1:5: not-in-page: the builtin 'getattr()' {WHY}"));
    assert_eq!(run("x = 'a'.ljust(3)\n").unwrap_err(), format!("1:5: not-in-page: the method 'str.ljust()' {WHY}"));
    assert_eq!(run("x = {1} | {2}\n").unwrap_err(), format!("1:5: not-in-page: '|' between two sets {WHY}"));
    // The basic builtins and methods are the page's own.
    assert!(run("x = len('ab')\ny = 'a b'.split()\n").is_ok());
}

#[cfg(not(feature = "generators"))]
#[test]
fn generator_functions_are_defined_and_calling_one_says_why() {
    let src = "def rows():\n    yield 1\n\nf = rows\nx = list(rows())\n";
    assert_eq!(run(src).unwrap_err(), format!("5:10: not-in-page: calling the generator function 'rows' {WHY}"));
    // Generator expressions are not generator functions: the page runs them.
    assert!(run("x = list(i for i in (1, 2))\n").is_ok());
}

#[cfg(not(feature = "stdlib"))]
#[test]
fn super_says_why() {
    let src = "class A:\n    def f(self):\n        return 1\nclass B(A):\n    def f(self):\n        return super().f()\nx = B().f()\n";
    assert_eq!(run(src).unwrap_err(), format!("6:16: not-in-page: super() {WHY}"));
}
