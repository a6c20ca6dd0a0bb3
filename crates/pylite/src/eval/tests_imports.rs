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

#[test]
fn a_package_init_that_needs_the_application_is_kept_as_far_as_it_ran() {
    // Airflow's `airflow/__init__.py` starts with `__path__ = __import__("pkgutil")...` and
    // initialises the application's settings; its `migrations/utils.py` needs none of it.
    let files = vec![
        ("app/__init__.py", "VERSION = '3'\nsettings = undefined_here()\nLATER = 1\n"),
        ("app/migrations/__init__.py", ""),
        ("app/migrations/utils.py", "def name(t):\n    return 'ix_' + t\n"),
    ];
    let src = "from app.migrations.utils import name\nimport app\nprint(name('users'), app.VERSION)\n";
    assert_eq!(run_project(files.clone(), src).unwrap(), ["ix_users 3"]);
    // What the package did not get to define says where its __init__.py stopped.
    let e = run_project(files, "import app\nprint(app.LATER)\n").unwrap_err();
    assert!(e.starts_with("2:7: AttributeError: module 'app' has no attribute 'LATER' (its __init__.py stopped early here:"), "{e}");
    assert!(e.contains("line 2") && e.contains("name 'undefined_here' is not defined"), "{e}");
}

#[test]
fn a_module_that_needs_what_is_not_here_fails_where_its_names_are_used() {
    // `sqlalchemy_utils` is not here: the module's top level fails at line 3.
    let files = vec![("app/db_types.py", "import sqlalchemy_utils\nX = 1\nY = sqlalchemy_utils.UUIDType()\n")];
    // Imported but unused (e.g. only on PostgreSQL): the revision runs.
    assert_eq!(run_project(files.clone(), "from app.db_types import Y\nprint('ran')\n").unwrap(), ["ran"]);
    let e = run_project(files, "from app.db_types import X\nprint(X())\n").unwrap_err();
    assert!(
        e.starts_with(
            "2:7: 'X' from module 'app.db_types' could not be imported: 'UUIDType' from module 'sqlalchemy_utils' is not available here"
        ),
        "{e}"
    );
    assert!(e.contains("[File \"app/db_types.py\", line 3, in <module>]"), "{e}");
}

#[test]
fn exceptions_a_module_raises_itself_still_stop_the_import() {
    let files = vec![("app/config.py", "raise RuntimeError('set APP_HOME first')\n")];
    let e = run_project(files, "import app.config\n").unwrap_err();
    assert_eq!(e, "1:8: RuntimeError: set APP_HOME first [File \"app/config.py\", line 1, in <module>]");
}

#[test]
fn a_modules_own_getattr_answers_from_imports() {
    // PEP 562, as Airflow's `airflow/migrations/db_types.py` uses it. CPython 3.11 prints
    // `lazy StringID` then raises ImportError for the name __getattr__ refuses.
    let files = vec![(
        "db_types.py",
        "def __getattr__(name):\n    if name == 'StringID':\n        return 'lazy ' + name\n    raise AttributeError(f'module {__name__} has no attribute {name}')\n",
    )];
    assert_eq!(run_project(files.clone(), "from db_types import StringID\nprint(StringID)\n").unwrap(), ["lazy StringID"]);
    let e = run_project(files, "from db_types import Nope\n").unwrap_err();
    assert!(e.contains("module db_types has no attribute Nope"), "{e}");
}

#[test]
fn a_getattr_answer_that_needs_what_is_not_here_fails_where_it_is_used() {
    let files = vec![("db_types.py", "from lazy_object_proxy import Proxy\ndef __getattr__(name):\n    return Proxy(lambda: name)\n")];
    assert_eq!(run_project(files.clone(), "from db_types import StringID\nprint('ran')\n").unwrap(), ["ran"]);
    let e = run_project(files, "from db_types import StringID\nStringID()\n").unwrap_err();
    assert!(e.starts_with("2:1: 'StringID' from module 'db_types' could not be imported: 'Proxy' from module 'lazy_object_proxy'"), "{e}");
}

#[test]
fn relative_imports_resolve_against_the_modules_package() {
    // As Prefect's `prefect/server/utilities/database.py` does (`from .schemas import …`).
    let files = vec![
        ("app/__init__.py", "from .db import helpers as h\n"),
        ("app/db/__init__.py", "from . import helpers\nfrom .helpers import *\n"),
        (
            "app/db/helpers.py",
            "from ..consts import PREFIX\n__all__ = ['name']\ndef name(t):\n    return PREFIX + t\ndef _hidden():\n    pass\n",
        ),
        ("app/consts.py", "PREFIX = 'ix_'\n"),
    ];
    let src = "import app\nfrom app.db import name\nprint(app.h.name('a'), name('b'))\n";
    assert_eq!(run_project(files.clone(), src).unwrap(), ["ix_a ix_b"]);
    // `import *` honours __all__.
    assert!(run_project(files.clone(), "from app.db import _hidden\n").unwrap_err().contains("cannot import name '_hidden'"));
    // CPython 3.11: ImportError: attempted relative import beyond top-level package
    let files = vec![("app/__init__.py", "from .. import x\n"), ("top.py", "from . import x\n")];
    let e = run_project(files.clone(), "import app\n").unwrap_err();
    assert!(e.contains("ImportError: attempted relative import beyond top-level package"), "{e}");
    // A top-level module has no parent package.
    let e = run_project(files, "import top\n").unwrap_err();
    assert!(e.contains("ImportError: attempted relative import with no known parent package"), "{e}");
    // CPython 3.11, in a script: ImportError: attempted relative import with no known parent package
    let e = run_project(vec![], "from . import x\n").unwrap_err();
    assert_eq!(e, "1:1: ImportError: attempted relative import with no known parent package");
}

#[test]
fn typing_cast_returns_its_value_and_type_variables_are_inert() {
    // As Prefect's revisions do: `cast(sa.Column, sa.Column("id", ...))`. CPython 3.11 prints `5 7`.
    let src = "from typing import cast, TypeVar\nimport typing\nT = TypeVar('T', bound=int)\nx = cast(int, 5)\ny = typing.cast(typ=int, val=7)\nz = cast(val=8, typ=int)\nprint(x, y, z)\n";
    assert_eq!(run_project(vec![], src).unwrap(), ["5 7 8"]);
    let e = run_project(vec![], "from typing import cast\ncast(int)\n").unwrap_err();
    assert!(e.contains("cast() takes 2 positional arguments"), "{e}");
}

#[test]
fn a_stopped_packages_submodules_import_when_used() {
    // Prefect's revisions `import prefect` and use `prefect.server.utilities.database.UUID()`;
    // `prefect/__init__.py` would have imported it, but stops early here.
    let files = vec![
        ("app/__init__.py", "settings = undefined_here()\nfrom app import server\n"),
        ("app/server/__init__.py", ""),
        ("app/server/database.py", "def UUID():\n    return 'CHAR(36)'\n"),
    ];
    assert_eq!(run_project(files.clone(), "import app\nprint(app.server.database.UUID())\n").unwrap(), ["CHAR(36)"]);
    // A name that is not a submodule still says where the package stopped.
    let e = run_project(files, "import app\napp.nothing\n").unwrap_err();
    assert!(e.contains("has no attribute 'nothing' (its __init__.py stopped early here"), "{e}");
}

#[test]
fn a_name_a_stopped_package_did_not_get_to_define_fails_where_it_is_used() {
    let files = vec![("app/__init__.py", "settings = undefined_here()\nDelay = int\n")];
    assert_eq!(run_project(files.clone(), "from app import Delay\nprint('imported')\n").unwrap(), ["imported"]);
    let e = run_project(files, "from app import Delay\nDelay(3)\n").unwrap_err();
    assert!(
        e.starts_with(
            "2:1: 'Delay' from module 'app' could not be imported: its __init__.py stopped early: File \"app/__init__.py\", line 1"
        ),
        "{e}"
    );
}

#[cfg(feature = "stdlib")]
#[test]
fn a_standard_library_name_pylite_lacks_fails_only_where_it_is_used() {
    // Meltano's revisions import `time` from datetime for an annotation-free helper they
    // never call while migrating.
    let src = "from datetime import datetime, time\nprint(datetime(2024, 1, 2).year)\n";
    assert_eq!(run_project(vec![], src).unwrap(), ["2024"]);
    let e = run_project(vec![], "from datetime import time\n\nt = time(1, 2)\n").unwrap_err();
    assert_eq!(e, "3:5: 'time' from module 'datetime' could not be imported: pylite's 'datetime' module does not implement 'time'");
    // A name a project's namespace package lacks is still Python's ImportError.
    let files = vec![("pkg/sub.py", "X = 1\n")];
    let e = run_project(files, "from pkg import nope\n").unwrap_err();
    assert!(e.contains("cannot import name 'nope' from 'pkg' (unknown location)"), "{e}");
}

// The CLI's build (pylite `stdlib`); the page refuses such a class (`tests_left_out.rs`).
#[cfg(feature = "stdlib")]
#[test]
fn a_class_deriving_from_a_stand_in_is_a_stand_in_failing_only_where_used() {
    // pydantic is not in the project: the module still imports, what follows the class is
    // defined, and only using the class (or a class derived from it) fails, naming its base.
    let models = "from pydantic import BaseModel\nclass Flow(BaseModel):\n    name: str = Field(...)\n\
                  class Deployment(Flow):\n    pass\nLIMIT = 3\n";
    let files = vec![("app/models.py", models)];
    assert_eq!(run_project(files.clone(), "from app.models import Flow, Deployment, LIMIT\nprint(LIMIT)\n").unwrap(), ["3"]);
    let e = run_project(files.clone(), "from app.models import Flow\nx = 1\nFlow(name='a')\n").unwrap_err();
    assert_eq!(
        e,
        "3:1: 'Flow' from module 'app.models' is not available here: class 'Flow' (app/models.py, line 2) could not be \
         created: its base 'pydantic.BaseModel' is not available here: add the package's source to the project, or a \
         stand-in module file at pydantic.py"
    );
    let e = run_project(files, "from app.models import Deployment\nDeployment.name\nDeployment()\n").unwrap_err();
    assert!(e.starts_with("3:1: 'Deployment' from module 'app.models' is not available here: class 'Deployment' (app/models.py, line 4) could not be created: its base 'app.models.Flow' is not available: class 'Flow' (app/models.py, line 2)"), "{e}");
}

// The CLI's build (pylite `stdlib`); the page refuses such a class (`tests_left_out.rs`).
#[cfg(feature = "stdlib")]
#[test]
fn a_class_in_the_file_itself_deriving_from_a_stand_in() {
    let e = run_project(
        vec![],
        "import enumlib\nclass Color(enumlib.Enum, metaclass=enumlib.Meta):\n    RED = 1\nprint('defined')\nColor.RED\nColor()\n",
    );
    assert_eq!(
        e.unwrap_err(),
        "6:1: 'Color' from module '__main__' is not available here: class 'Color' (this file) could not be created: its \
         base 'enumlib.Enum' is not available here: add the package's source to the project, or a stand-in module file at enumlib.py"
    );
}

// The CLI's build (pylite `stdlib`); the page refuses such a class (`tests_left_out.rs`).
#[cfg(feature = "stdlib")]
#[test]
fn a_package_has_its_folder_as_path() {
    // CPython: a package's __path__ is a list holding its folder; a plain module has none.
    let files = vec![("pkg/__init__.py", "FOLDER = __path__[0]\n"), ("pkg/mod.py", "HAS = 'x'\n")];
    assert_eq!(
        run_project(
            files,
            "import pkg\nimport pkg.mod\ntry:\n    pkg.mod.__path__\n    has = True\nexcept AttributeError:\n    has = False\n\
             print(pkg.FOLDER, pkg.__path__ == [pkg.FOLDER], has)\n"
        )
        .unwrap(),
        ["pkg True False"]
    );
}
