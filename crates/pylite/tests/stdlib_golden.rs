//! pylite's builtins and standard-library modules against CPython: each
//! `tests/stdlib/NAME.py` runs here with a host that fixes the clock, the randomness and the
//! log output as `tests/tools/pylite_stdlib_golden.py` fixes them in CPython, and prints
//! exactly what CPython printed (`NAME.out`, written by that script).

#![cfg(feature = "stdlib")]

use pylite::eval::{Host, Interpreter, Value, DEFAULT_BUDGET, DEFAULT_MEMORY_BUDGET};
use std::path::Path;

/// What the golden script gives CPython: `time.time()`.
const CLOCK: f64 = 1765000000.25;

#[derive(Default)]
struct GoldenHost {
    out: Vec<String>,
    /// Random bytes handed out so far (they count up from 0, as the script's `os.urandom`).
    random: usize,
}

impl Host for GoldenHost {
    fn import(&mut self, _module: &str) -> Option<Value> {
        None
    }
    fn print(&mut self, line: &str) {
        self.out.push(line.to_string());
    }
    fn now(&mut self) -> Option<f64> {
        Some(CLOCK)
    }
    fn random(&mut self, buf: &mut [u8]) -> bool {
        for b in buf.iter_mut() {
            *b = (self.random % 256) as u8;
            self.random += 1;
        }
        true
    }
    fn log(&mut self, logger: &str, level: u32, message: &str) {
        let name = match level {
            10 => "DEBUG",
            20 => "INFO",
            30 => "WARNING",
            40 => "ERROR",
            50 => "CRITICAL",
            _ => "LEVEL",
        };
        self.out.push(format!("LOG {name} [{logger}] {message}"));
    }
}

fn run(src: &str) -> String {
    let parsed = pylite::parse(src);
    assert!(parsed.errors.is_empty(), "parse errors: {:?}", parsed.errors);
    let mut host = GoldenHost::default();
    let result = {
        let mut it = Interpreter::new(&mut host, DEFAULT_BUDGET, DEFAULT_MEMORY_BUDGET);
        it.set_global("__name__", Value::str("revision"));
        it.run_module(&parsed.module)
    };
    if let Err(e) = result {
        let at = e.span().map(|s| diagnostics::LineIndex::new(src).line_col(src, s.start as usize).line).unwrap_or(0);
        host.out.push(format!("PYLITE ERROR at line {at}: {}", e.message()));
    }
    host.out.iter().map(|l| format!("{l}\n")).collect()
}

#[test]
fn stdlib_cases_print_what_cpython_printed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/stdlib");
    let mut cases: Vec<_> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "py")).collect();
    cases.sort();
    assert!(cases.len() >= 8, "the cases are there");
    let mut failures = Vec::new();
    for case in &cases {
        let src = std::fs::read_to_string(case).unwrap();
        let expected = std::fs::read_to_string(case.with_extension("out")).expect("run tests/tools/pylite_stdlib_golden.py");
        let actual = run(&src);
        if actual != expected {
            let diff: Vec<String> = expected
                .lines()
                .zip(actual.lines().chain(std::iter::repeat("<missing>")))
                .enumerate()
                .filter(|(_, (e, a))| e != a)
                .take(4)
                .map(|(i, (e, a))| format!("  line {}:\n    cpython: {e}\n    pylite:  {a}", i + 1))
                .collect();
            let extra = if actual.lines().count() > expected.lines().count() {
                format!("\n  pylite printed more: {:?}", actual.lines().skip(expected.lines().count()).collect::<Vec<_>>())
            } else {
                String::new()
            };
            failures.push(format!("{}:\n{}{extra}", case.file_name().unwrap().to_string_lossy(), diff.join("\n")));
        }
    }
    assert!(failures.is_empty(), "differences from CPython:\n{}", failures.join("\n"));
}
