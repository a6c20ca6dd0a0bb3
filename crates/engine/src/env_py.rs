//! `env.py`, read and never executed: the literal keyword arguments of its
//! `context.configure(...)` calls (`version_table`, `transactional_ddl`, `render_as_batch`...).

use std::collections::BTreeMap;

use diagnostics::Diagnostic;
use pylite::ast::{ExprKind, Stmt, StmtKind};
use pylite::Expr;

/// A literal keyword value; anything else (`url=url`, `connection=connection`) is not kept.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    Str(String),
    Bool(bool),
    Int(i64),
    None,
}

/// The options `context.configure(...)` sets that change what migrations do.
#[derive(Clone, Debug, PartialEq)]
pub struct EnvOptions {
    pub version_table: String,
    pub version_table_schema: Option<String>,
    /// Alembic's SQLite impl defaults to non-transactional DDL.
    pub transactional_ddl: bool,
    pub transaction_per_migration: bool,
    /// Every literal keyword, for options not modelled above.
    pub keywords: BTreeMap<String, Literal>,
}

impl Default for EnvOptions {
    fn default() -> Self {
        EnvOptions {
            version_table: "alembic_version".into(),
            version_table_schema: None,
            transactional_ddl: false,
            transaction_per_migration: false,
            keywords: BTreeMap::new(),
        }
    }
}

/// `env.py` does not parse as Python.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", .diagnostics[0].short(path, text))]
pub struct EnvPyError {
    pub path: String,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl EnvOptions {
    /// Reads every `context.configure(...)` call in the file (the offline and the online one
    /// normally pass the same options); later calls win.
    pub fn from_env_py(path: &str, source: &str) -> Result<EnvOptions, EnvPyError> {
        let parsed = pylite::parse(source);
        let fatal: Vec<Diagnostic> = parsed.errors.into_iter().filter(|d| d.code != "unsupported").collect();
        if !fatal.is_empty() {
            return Err(EnvPyError { path: path.into(), text: source.into(), diagnostics: fatal });
        }
        let mut keywords = BTreeMap::new();
        visit_statements(&parsed.module.body, &mut |expr| collect_configure(expr, &mut keywords));
        let mut options = EnvOptions::default();
        if let Some(Literal::Str(t)) = keywords.get("version_table") {
            options.version_table = t.clone();
        }
        if let Some(Literal::Str(s)) = keywords.get("version_table_schema") {
            options.version_table_schema = Some(s.clone());
        }
        if let Some(Literal::Bool(b)) = keywords.get("transactional_ddl") {
            options.transactional_ddl = *b;
        }
        if let Some(Literal::Bool(b)) = keywords.get("transaction_per_migration") {
            options.transaction_per_migration = *b;
        }
        options.keywords = keywords;
        Ok(options)
    }
}

fn collect_configure(expr: &Expr, keywords: &mut BTreeMap<String, Literal>) {
    let ExprKind::Call { func, keywords: kws, .. } = &expr.kind else { return };
    let ExprKind::Attribute { value, attr } = &func.kind else { return };
    if attr.name != "configure" || !matches!(&value.kind, ExprKind::Name(n) if n == "context") {
        return;
    }
    for kw in kws {
        let Some(name) = &kw.name else { continue };
        let literal = match &kw.value.kind {
            ExprKind::Str { value, bytes: false } => Literal::Str(value.clone()),
            ExprKind::True => Literal::Bool(true),
            ExprKind::False => Literal::Bool(false),
            ExprKind::Int(i) => Literal::Int(*i),
            ExprKind::NoneLit => Literal::None,
            _ => continue,
        };
        keywords.insert(name.name.clone(), literal);
    }
}

/// Calls `f` on every expression statement, also inside `def`, `if`, `with`, `for`, `try`.
fn visit_statements(body: &[Stmt], f: &mut dyn FnMut(&Expr)) {
    for stmt in body {
        match &stmt.kind {
            StmtKind::Expr(e) => f(e),
            StmtKind::FunctionDef(def) => visit_statements(&def.body, f),
            StmtKind::If { body, orelse, .. } | StmtKind::For { body, orelse, .. } | StmtKind::While { body, orelse, .. } => {
                visit_statements(body, f);
                visit_statements(orelse, f);
            }
            StmtKind::With { body, .. } => visit_statements(body, f),
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                visit_statements(body, f);
                for h in handlers {
                    visit_statements(&h.body, f);
                }
                visit_statements(orelse, f);
                visit_statements(finalbody, f);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_configure_keywords_in_both_modes() {
        let src = "from alembic import context\n\ndef run_migrations_offline():\n    context.configure(url=url, literal_binds=True, version_table='my_versions')\n\n\
                   def run_migrations_online():\n    with connectable.connect() as connection:\n        context.configure(\n            connection=connection, target_metadata=None,\n            version_table='my_versions', transactional_ddl=True,\n        )\n";
        let options = EnvOptions::from_env_py("env.py", src).unwrap();
        assert_eq!(options.version_table, "my_versions");
        assert!(options.transactional_ddl);
        assert_eq!(options.keywords.get("literal_binds"), Some(&Literal::Bool(true)));
        assert!(!options.keywords.contains_key("connection"));
    }

    #[test]
    fn defaults_without_keywords_and_errors_located() {
        assert_eq!(EnvOptions::from_env_py("env.py", "x = 1\n").unwrap(), EnvOptions::default());
        let err = EnvOptions::from_env_py("m/env.py", "context.configure(\n").unwrap_err();
        assert_eq!(err.to_string(), "m/env.py:1:18: '(' was never closed");
    }
}
