//! Whole programs run by pylite against what CPython 3.11 printed for them:
//! `test_data/programs/NAME.py` and `NAME.out` (rewritten by `test_data/programs/regenerate.py`,
//! which runs `python3`). The programs print with `print` only and import only what pylite
//! provides itself. They use generators and contextlib: a build without those features
//! (the page's) is tested by `eval/tests_left_out.rs`.
#![cfg(all(feature = "stdlib", feature = "generators"))]

use pylite::eval::{Host, Interpreter, Value, DEFAULT_BUDGET, DEFAULT_MEMORY_BUDGET};
use std::fs;
use std::path::Path;

#[derive(Default)]
struct Printer {
    lines: Vec<String>,
}

impl Host for Printer {
    fn import(&mut self, _module: &str) -> Option<Value> {
        None
    }
    fn print(&mut self, line: &str) {
        self.lines.push(line.to_string());
    }
}

/// What pylite prints for `src`, then the error that stopped it, if any.
fn run(src: &str, name: &str) -> String {
    let parsed = pylite::parse(src);
    assert!(parsed.errors.is_empty(), "{name}: parse errors: {:?}", parsed.errors);
    let mut host = Printer::default();
    let result =
        Interpreter::new(&mut host, DEFAULT_BUDGET, DEFAULT_MEMORY_BUDGET).run_module(&parsed.module).map_err(|e| e.message().to_string());
    let mut out: String = host.lines.iter().map(|l| format!("{l}\n")).collect();
    if let Err(e) = result {
        out.push_str(&format!("error: {e}\n"));
    }
    out
}

#[test]
fn programs_print_what_cpython_printed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/programs");
    let mut files: Vec<_> = fs::read_dir(&dir).expect("programs dir").map(|e| e.expect("entry").path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "py") && !p.ends_with("regenerate.py"));
    files.sort();
    assert!(files.len() >= 4, "the programs are there");
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let src = fs::read_to_string(path).expect("read program");
        let expected = fs::read_to_string(path.with_extension("out")).expect("its .out (run regenerate.py)");
        let actual = run(&src, &name);
        if actual != expected {
            failures.push(format!("{name}:\n--- CPython\n{expected}--- pylite\n{actual}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
