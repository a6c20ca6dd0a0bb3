//! Imports against a project: project files run once with pylite, cycles, failures located
//! in the project file, stand-ins for what nobody provides, and the built-in modules.
//! Expected messages were produced by CPython 3.11 on the same files (`python3 -c ...`).

use super::modules::{Found, ModuleSource};
use super::*;
use std::cell::RefCell;
use std::rc::Rc;

struct ProjectHost {
    files: Vec<(&'static str, &'static str)>,
    printed: Rc<RefCell<Vec<String>>>,
}

impl Host for ProjectHost {
    fn import(&mut self, _module: &str) -> Option<Value> {
        None
    }
    fn find_module(&mut self, module: &str) -> Option<Found> {
        let base = module.replace('.', "/");
        for (path, package) in [(format!("{base}.py"), false), (format!("{base}/__init__.py"), true)] {
            if let Some((p, text)) = self.files.iter().find(|(p, _)| *p == path) {
                return Some(Found::File(ModuleSource { path: p.to_string(), text: Rc::from(*text), package }));
            }
        }
        self.files.iter().any(|(p, _)| p.starts_with(&format!("{base}/"))).then_some(Found::Namespace)
    }
    fn print(&mut self, line: &str) {
        self.printed.borrow_mut().push(line.to_string());
    }
}

/// Runs `src` against the project `files`: the printed lines, or the error as
/// `line:col: message` with its notes.
fn run_project(files: Vec<(&'static str, &'static str)>, src: &str) -> Result<Vec<String>, String> {
    let parsed = crate::parse(src);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let printed = Rc::new(RefCell::new(Vec::new()));
    let mut host = ProjectHost { files, printed: printed.clone() };
    let mut it = Interpreter::new(&mut host, DEFAULT_BUDGET, DEFAULT_MEMORY_BUDGET);
    match it.run_module(&parsed.module) {
        Ok(()) => Ok(printed.borrow().clone()),
        Err(e) => {
            let at = diagnostics::LineIndex::new(src).line_col(src, e.span().expect("located").start as usize);
            let mut s = format!("{}:{}: {}", at.line, at.col, e.message());
            for n in &e.diagnostic.notes {
                s.push_str(&format!(" [{n}]"));
            }
            Err(s)
        }
    }
}

const UTILS: &str = "print('loading utils')\nPREFIX = 'ix'\ndef index_name(table, col):\n    return f'{PREFIX}_{table}_{col}'\n";

#[test]
fn project_modules_run_once_and_their_functions_see_their_own_globals() {
    let files = vec![("pkg/__init__.py", "VERSION = 3\n"), ("pkg/migrations/utils.py", UTILS)];
    let src =
        "PREFIX = 'other'\nfrom pkg.migrations.utils import index_name\nimport pkg.migrations.utils\nimport pkg.migrations.utils as u\n\
               print(index_name('t', 'c'))\nprint(pkg.VERSION, u.PREFIX, pkg.migrations.utils is u)\nprint(repr(u))\n";
    assert_eq!(
        run_project(files, src).unwrap(),
        ["loading utils", "ix_t_c", "3 ix True", "<module 'pkg.migrations.utils' from 'pkg/migrations/utils.py'>"]
    );
}

#[test]
fn namespace_packages_and_submodules_by_from_import() {
    let files = vec![("proj/db/types.py", "MSSQL = 'mssql'\n")];
    assert_eq!(run_project(files, "from proj.db import types\nprint(types.MSSQL)\n").unwrap(), ["mssql"]);
}

#[test]
fn import_cycles_and_missing_names_give_pythons_import_errors() {
    // CPython 3.11: ImportError: cannot import name 'x' from partially initialized module
    // 'pkg.a' (most likely due to a circular import) (/tmp/cyc/pkg/a.py)
    let files = vec![("pkg/__init__.py", ""), ("pkg/a.py", "from pkg.b import y\nx = 1\n"), ("pkg/b.py", "from pkg.a import x\ny = 2\n")];
    let e = run_project(files.clone(), "import pkg.a\n").unwrap_err();
    assert_eq!(
        e,
        "1:8: ImportError: cannot import name 'x' from partially initialized module 'pkg.a' (most likely due to a circular import) (pkg/a.py) \
         [File \"pkg/a.py\", line 1, in <module>] [File \"pkg/b.py\", line 1, in <module>]"
    );
    // CPython 3.11: ImportError: cannot import name 'nope' from 'pkg' (/tmp/cyc/pkg/__init__.py)
    let e = run_project(files.clone(), "from pkg import nope\n").unwrap_err();
    assert_eq!(e, "1:17: ImportError: cannot import name 'nope' from 'pkg' (pkg/__init__.py)");
    // Catchable as ImportError.
    let src = "try:\n    from pkg import nope\nexcept ImportError as e:\n    print(str(e))\n";
    assert_eq!(run_project(files, src).unwrap(), ["cannot import name 'nope' from 'pkg' (pkg/__init__.py)"]);
}

#[test]
fn a_project_modules_failure_is_its_exception_with_its_file_and_line() {
    // CPython 3.11: File "/tmp/cyc/bad.py", line 2, in <module> / ValueError: boom
    let files = vec![("bad.py", "X = 1\nraise ValueError('boom')\n"), ("helpers.py", "def f(n):\n    return 10 // n\n")];
    assert_eq!(run_project(files.clone(), "import bad\n").unwrap_err(), "1:8: ValueError: boom [File \"bad.py\", line 2, in <module>]");
    assert_eq!(
        run_project(files.clone(), "from helpers import f\nf(0)\n").unwrap_err(),
        "2:1: ZeroDivisionError: integer division or modulo by zero [File \"helpers.py\", line 2, in f]"
    );
    assert_eq!(
        run_project(files.clone(), "from helpers import f\ntry:\n    f(0)\nexcept ZeroDivisionError:\n    print('caught')\n").unwrap(),
        ["caught"]
    );
    // CPython 3.11, `str(e)` of the SyntaxError: '(' was never closed (broken.py, line 1)
    let files = vec![("broken.py", "def f(x:\n    pass\n")];
    assert_eq!(run_project(files, "import broken\n").unwrap_err(), "1:8: SyntaxError: '(' was never closed (broken.py, line 1)");
}

#[test]
fn stand_ins_fail_only_where_a_name_is_used() {
    let src = "from mlflow.store.db.types import MSSQL\nimport airflow.utils\nfrom typing import TYPE_CHECKING, Optional\n\
               def f(x: MSSQL) -> Optional[MSSQL]:\n    return x\nprint(f(1), TYPE_CHECKING)\n";
    assert_eq!(run_project(vec![], src).unwrap(), ["1 False"]);
    let e = run_project(vec![], "from mlflow.store.db.types import MSSQL\n\nif MSSQL():\n    pass\n").unwrap_err();
    assert_eq!(
        e,
        "3:4: 'MSSQL' from module 'mlflow.store.db.types' is not available here: add the package's source to the project, \
         or a stand-in module file at mlflow/store/db/types.py"
    );
    let e = run_project(vec![], "import airflow.utils.db\nairflow.utils.db.merge_conn(1)\n").unwrap_err();
    assert!(e.starts_with("2:1: 'utils.db.merge_conn' from module 'airflow' is not available here"), "{e}");
}

#[test]
fn typing_and_collections_abc_names_work_in_annotations_and_aliases() {
    let src = "import typing as t\nfrom collections.abc import Mapping, Sequence\nfrom typing import Any, Optional, Union\n\
               Alias = Mapping[str, Sequence[Optional[int]]]\nU = Union[int, None]\nL = list[dict[str, t.Any]]\n\
               def f(a: Any, *rest: t.Sequence[int]) -> 'Optional[int]':\n    return a\nprint(f(7))\n";
    assert_eq!(run_project(vec![], src).unwrap(), ["7"]);
}
