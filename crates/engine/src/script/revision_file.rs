//! One revision file read statically: its identifiers, docstring and parsed module.
//!
//! Alembic imports the file; we parse it with pylite and read the module-level assignments
//! (`revision`, `down_revision`, `branch_labels`, `depends_on`) without running anything.
//! The tree is not kept: listing 5,000 revisions needs only these values, and a migration
//! that runs re-parses its one file (`Script::module`).

use diagnostics::{Diagnostic, Span};
use pylite::ast::ExprKind;
use pylite::{Expr, Module};

/// A revision script, as Alembic's `Script` exposes it.
#[derive(Clone, Debug)]
pub struct Script {
    pub revision: String,
    pub down_revisions: Vec<String>,
    pub branch_labels: Vec<String>,
    pub depends_on: Vec<String>,
    /// The path as Alembic prints it (`Path:` in verbose output).
    pub path: String,
    pub file_name: String,
    /// The module docstring, stripped (Alembic's `longdoc`).
    pub longdoc: String,
    pub source: String,
    /// Constructs Python accepts but the evaluator will refuse (`unsupported`): they matter
    /// only when the migration runs, so loading keeps them here instead of failing.
    pub deferred: Vec<Diagnostic>,
}

impl Script {
    /// The parsed module (parsing is total; loading already refused files with syntax errors).
    pub fn module(&self) -> Module {
        pylite::parse(&self.source).module
    }

    /// Alembic's `doc`: the first paragraph of the docstring.
    pub fn doc(&self) -> &str {
        self.longdoc.split("\n\n").next().unwrap_or("")
    }
}

/// Why a revision file could not be loaded. Each names the file; parse errors keep their spans.
#[derive(Clone, Debug, thiserror::Error)]
pub enum ScriptError {
    /// Python itself would refuse to import the file.
    #[error("{}", .diagnostics[0].short(path, text))]
    Syntax { path: String, text: String, diagnostics: Vec<Diagnostic> },
    /// Alembic's own message, word for word.
    #[error("Could not determine revision id from filename {file_name}. Be sure the 'revision' variable is declared inside the script (please see 'Upgrading from Alembic 0.1 to 0.2' in the documentation).")]
    NoRevision { file_name: String },
    /// A module variable that must be a literal is something else.
    #[error("{}", .diagnostic.short(path, text))]
    BadValue { path: String, text: String, diagnostic: Box<Diagnostic> },
}

impl ScriptError {
    /// The rustc-style frame for stderr and the editor, when the error has a location.
    pub fn render(&self) -> Option<String> {
        match self {
            ScriptError::Syntax { path, text, diagnostics } => {
                Some(diagnostics.iter().map(|d| d.render(path, text)).collect::<Vec<_>>().join("\n"))
            }
            ScriptError::BadValue { path, text, diagnostic } => Some(diagnostic.render(path, text)),
            ScriptError::NoRevision { .. } => None,
        }
    }
}

/// Alembic only imports `*.py` files, not `__init__.py` or editor lock files (`.#x.py`).
pub fn is_revision_file_name(file_name: &str) -> bool {
    file_name.ends_with(".py") && !file_name.starts_with(".#") && !file_name.starts_with("__init__")
}

/// Reads a revision file. `path` is what `Path:` shows; the file name decides legacy ids.
pub fn load_script(path: &str, source: &str) -> Result<Script, ScriptError> {
    let file_name = path.rsplit(['/', '\\']).next().unwrap_or(path).to_string();
    let parsed = pylite::parse(source);
    let (fatal, deferred): (Vec<_>, Vec<_>) = parsed.errors.into_iter().partition(|d| d.code != "unsupported");
    if !fatal.is_empty() {
        return Err(ScriptError::Syntax { path: path.to_string(), text: source.to_string(), diagnostics: fatal });
    }
    let module = parsed.module;
    let bad = |diagnostic: Diagnostic| ScriptError::BadValue {
        path: path.to_string(),
        text: source.to_string(),
        diagnostic: Box::new(diagnostic),
    };

    let revision = match module.assignment("revision") {
        Some(expr) => match expr.as_str() {
            Some(s) => s.to_string(),
            None => return Err(bad(not_literal("revision", "a string", expr))),
        },
        None => legacy_revision_id(&file_name).ok_or(ScriptError::NoRevision { file_name: file_name.clone() })?,
    };
    let down_revisions = match module.assignment("down_revision") {
        Some(expr) => string_list(expr).map_err(|()| bad(not_literal("down_revision", "None, a string or a tuple of strings", expr)))?,
        None => {
            let span = Span::new(0, 0);
            return Err(bad(Diagnostic::error("missing-down-revision", "module variable 'down_revision' is not set")
                .with_label(span, "Alembic reads `down_revision` from every revision file")
                .with_help("add `down_revision = None` for a first revision, or the id of its parent")));
        }
    };
    let optional_list = |name: &str| match module.assignment(name) {
        Some(expr) => string_list(expr).map_err(|()| bad(not_literal(name, "None, a string or a tuple of strings", expr))),
        None => Ok(Vec::new()),
    };
    let branch_labels = optional_list("branch_labels")?;
    let depends_on = optional_list("depends_on")?;
    let longdoc = module.docstring().map(|d| d.trim().to_string()).unwrap_or_default();

    Ok(Script {
        revision,
        down_revisions,
        branch_labels,
        depends_on,
        path: path.to_string(),
        file_name,
        longdoc,
        source: source.to_string(),
        deferred,
    })
}

/// Alembic 0.1 named files `<hex id>.py` and had no `revision` variable.
fn legacy_revision_id(file_name: &str) -> Option<String> {
    let stem = file_name.strip_suffix(".py")?;
    (!stem.is_empty() && stem.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))).then(|| stem.to_string())
}

/// `None` → empty, `"a"` → `[a]`, `("a", "b")` / `["a", "b"]` → both. Anything else is refused.
fn string_list(expr: &Expr) -> Result<Vec<String>, ()> {
    match &expr.kind {
        ExprKind::NoneLit => Ok(Vec::new()),
        ExprKind::Str { bytes: false, value } => Ok(vec![value.clone()]),
        ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().map(|e| e.as_str().map(str::to_string).ok_or(())).collect(),
        _ => Err(()),
    }
}

fn not_literal(name: &str, expected: &str, expr: &Expr) -> Diagnostic {
    Diagnostic::error("unsupported-revision-value", format!("'{name}' must be {expected}"))
        .with_label(expr.span, "not a literal this tool can read without running Python")
        .with_help(format!("write `{name}` as a literal, as `alembic revision` does"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GENERIC: &str = r#""""add users

Revision ID: ae1027a6acf
Revises: 1975ea83b712
Create Date: 2024-01-01 00:00:00

"""
from typing import Sequence, Union

revision: str = 'ae1027a6acf'
down_revision: Union[str, Sequence[str], None] = ("1975ea83b712", 'ff00')
branch_labels: Union[str, Sequence[str], None] = "shoppingcart"
depends_on: Union[str, Sequence[str], None] = None

def upgrade() -> None:
    f = 2j
"#;

    #[test]
    fn reads_generic_template_variables() {
        let script = load_script("/p/versions/ae1027a6acf_add.py", GENERIC).unwrap();
        assert_eq!(script.revision, "ae1027a6acf");
        assert_eq!(script.down_revisions, ["1975ea83b712", "ff00"]);
        assert_eq!(script.branch_labels, ["shoppingcart"]);
        assert!(script.depends_on.is_empty());
        assert_eq!(script.doc(), "add users");
        assert!(script.longdoc.ends_with("Create Date: 2024-01-01 00:00:00"));
        assert_eq!(script.deferred.len(), 1, "the imaginary literal is deferred to run time");
    }

    #[test]
    fn legacy_file_names_give_the_id() {
        let script = load_script("/v/abc123.py", "down_revision = None\n").unwrap();
        assert_eq!(script.revision, "abc123");
        let err = load_script("/v/x_norev.py", "down_revision = None\n").unwrap_err();
        assert!(err.to_string().starts_with("Could not determine revision id from filename x_norev.py."));
    }

    #[test]
    fn syntax_errors_name_file_line_and_column() {
        let err = load_script("/v/a.py", "revision = 'a'\ndown_revision = f(\n").unwrap_err();
        assert_eq!(err.to_string(), "/v/a.py:2:18: '(' was never closed");
        assert!(err.render().unwrap().contains("--> /v/a.py:2:18"));
    }

    #[test]
    fn non_literal_values_are_located() {
        let err = load_script("/v/a.py", "revision = 'a'\ndown_revision = compute()\n").unwrap_err();
        assert_eq!(err.to_string(), "/v/a.py:2:17: 'down_revision' must be None, a string or a tuple of strings");
    }

    #[test]
    fn file_name_filter_matches_alembic() {
        assert!(is_revision_file_name("1_a.py"));
        assert!(!is_revision_file_name("__init__.py"));
        assert!(!is_revision_file_name(".#1_a.py"));
        assert!(!is_revision_file_name("README"));
        assert!(!is_revision_file_name("a.pyc"));
    }
}
