//! What a build without some of pylite's features says when a program reaches one. The
//! page is built without `stdlib` and `generators` (its download budget has no room for
//! them); the alembic-playground CLI has them. One message for every such place, so a
//! revision file that runs on the CLI never fails in the page with a misleading "not
//! supported" or a Python error.

use super::EvalError;
use diagnostics::Span;

/// `what` (e.g. "the standard-library module 'json'") is left out of this build.
pub fn left_out(what: &str, span: Span) -> EvalError {
    EvalError::new("not-in-page", format!("{what} is not available in the page: its build leaves it out to fit the download budget"), span)
        .with_help("the alembic-playground CLI runs it (COMPATIBILITY.md: what the CLI runs that the page does not)")
}
