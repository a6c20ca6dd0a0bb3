//! The standard-library modules and new builtins under the budgets, and what they do
//! without the embedding program's clock or randomness (CPython's results are in
//! `tests/stdlib/`, checked by `tests/stdlib_golden.rs`).

use super::tests::{run, run_with};
use super::*;

const MEMORY: &str = "memory-budget-exceeded: evaluation exceeded its memory budget of 32 MiB";
const STEPS: &str = "step-budget-exceeded: evaluation exceeded its step budget of 1000000 steps";

fn err(src: &str) -> String {
    run(src).expect_err("expected an error")
}

#[test]
fn growing_text_through_the_new_methods_hits_the_memory_budget() {
    let grow = [
        "json.dumps([s, s])",
        "json.dumps({'k': [s, s]}, indent=2)",
        "s.zfill(2 * len(s))",
        "s.center(2 * len(s) + 1)",
        "s.ljust(2 * len(s))",
        "textwrap.indent(s + chr(10) + s, 'x')",
        "format(s, '') + s",
        "s.title() + s.casefold()",
        "(s + s).encode().decode()",
    ];
    for g in grow {
        let src = format!("import json, textwrap\ns = 'x'\nwhile True:\n    s = {g}\n");
        assert_eq!(err(&src), format!("4:5: {MEMORY}"), "{g}");
    }
}

#[test]
fn a_huge_padding_or_document_is_refused_before_it_is_built() {
    assert_eq!(err("x = 'a'.zfill(10 ** 12)\n"), format!("1:1: {MEMORY}"));
    assert_eq!(err("x = 'a'.center(10 ** 12, '*')\n"), format!("1:1: {MEMORY}"));
    // A list holding itself many times: dumps walks it element by element within the budgets.
    let src = "import json\nxs = [1] * 1000\nfor _ in range(5):\n    xs = [xs] * 1000\njson.dumps(xs)\n";
    let e = err(src);
    assert!(e.starts_with("5:1: ") && (e.ends_with(MEMORY) || e.ends_with(STEPS)), "{e}");
}

#[test]
fn deep_json_is_a_recursion_error_not_a_crash() {
    let src = "import json\nx = json.loads('[' * 100000)\n";
    assert_eq!(err(src), "2:5: eval-error: RecursionError: maximum recursion depth exceeded while decoding a JSON document");
    let src = "import json\nx = []\nfor _ in range(300):\n    x = [x]\njson.dumps(x)\n";
    assert_eq!(err(src), "5:1: eval-error: RecursionError: maximum recursion depth exceeded while encoding a JSON object");
}

#[test]
fn loops_over_map_and_filter_stay_within_the_step_budget() {
    let e = run_with("xs = list(range(100000))\nwhile True:\n    xs = list(map(abs, xs))\n", 200_000).unwrap_err();
    assert!(e.starts_with("3:5: step-budget-exceeded"), "{e}");
}

#[test]
fn the_clock_and_randomness_come_from_the_host_or_fail_saying_so() {
    // The test host of `tests.rs` provides neither.
    assert_eq!(err("import time\nt = time.time()\n"), "2:5: unsupported: time.time() needs a clock, and this program provides none");
    assert_eq!(
        err("from datetime import datetime\nt = datetime.now()\n"),
        "2:5: unsupported: datetime.now() needs a clock, and this program provides none"
    );
    assert_eq!(err("import uuid\nu = uuid.uuid4()\n"), "2:5: unsupported: uuid.uuid4() needs randomness, and this program provides none");
}

struct Clocked {
    out: Vec<String>,
}

impl Host for Clocked {
    fn import(&mut self, _: &str) -> Option<Value> {
        None
    }
    fn print(&mut self, line: &str) {
        self.out.push(line.to_string());
    }
    fn now(&mut self) -> Option<f64> {
        // 2025-12-06 05:46:40.25 UTC
        Some(1_765_000_000.25)
    }
}

#[test]
fn now_today_and_utcnow_read_the_hosts_clock_in_utc() {
    let src = "from datetime import datetime, date, timezone, timedelta
print(repr(datetime.now()))
print(datetime.utcnow() == datetime.now(), datetime.today() == datetime.now())
print(datetime.now(timezone.utc).isoformat(), datetime.now(tz=timezone(timedelta(hours=2))).isoformat())
print(date.today(), datetime.now().timestamp())
";
    let parsed = crate::parse(src);
    let mut host = Clocked { out: Vec::new() };
    Interpreter::new(&mut host, DEFAULT_BUDGET, DEFAULT_MEMORY_BUDGET).run_module(&parsed.module).unwrap();
    assert_eq!(
        host.out,
        [
            "datetime.datetime(2025, 12, 6, 5, 46, 40, 250000)",
            "True True",
            "2025-12-06T05:46:40.250000+00:00 2025-12-06T07:46:40.250000+02:00",
            "2025-12-06 1765000000.25",
        ]
    );
}

#[test]
fn unknown_module_functions_name_themselves() {
    assert_eq!(
        err("import uuid\nu = uuid.uuid1()\n"),
        "2:5: unsupported: not supported in revision files: 'uuid.uuid1() (only uuid4 and UUID are built in)'"
    );
    assert_eq!(err("x = id(3)\n"), "1:5: unsupported: not supported in revision files: 'id()'");
}

#[test]
fn hasattr_and_getattr_on_host_objects_see_their_missing_attributes() {
    // The test host's `op.fail` attribute is refused with a help, not "has no attribute":
    // that is a real failure, not a missing attribute.
    assert_eq!(err("from alembic import op\nx = hasattr(op, 'fail')\n"), "2:5: host-error: op.fail is not available");
    let src = "import json\nprint(hasattr(json, 'dumps'), hasattr(json, 'nothing'), getattr(json, 'nothing', 'dflt'))\n";
    assert_eq!(run(src).unwrap(), ["print: True False dflt"]);
}
