//! Findings → diagnostics, with the stable codes listed in the module doc.

use diagnostics::{Diagnostic, Severity};

use super::effect::{DataChange, DropKind, Effect, Inspection, Raise, Unresolved};
use super::{Analysis, Body, Function, FunctionReport};

pub(super) fn diagnostics(analysis: &Analysis) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = Vec::new();
    for report in [&analysis.upgrade, &analysis.downgrade] {
        function(report, &mut out);
    }
    // One diagnostic per code and place (`helper()` is both an unknown name and a call).
    let mut seen = Vec::new();
    out.retain(|d| {
        let key = (d.code, d.primary_span().map(|s| s.start));
        let new = !seen.contains(&key);
        seen.push(key);
        new
    });
    out
}

fn code(function: Function, upgrade: &'static str, downgrade: &'static str) -> &'static str {
    match function {
        Function::Upgrade => upgrade,
        Function::Downgrade => downgrade,
    }
}

fn with_severity(mut d: Diagnostic, severity: Severity) -> Diagnostic {
    d.severity = severity;
    d
}

fn function(report: &FunctionReport, out: &mut Vec<Diagnostic>) {
    let f = report.function;
    let name = f.name();
    let up = f == Function::Upgrade;
    match report.body {
        Body::Missing => {
            let d = Diagnostic::error(code(f, "upgrade-missing", "downgrade-missing"), format!("the revision has no `{name}()`"));
            out.push(if up {
                d.with_help("Alembic calls `upgrade()` to apply the revision")
            } else {
                with_severity(d, Severity::Warning)
                    .with_help("a downgrade across this revision fails; write `def downgrade()` that undoes the upgrade")
            });
        }
        Body::Empty if report.nothing_to_undo => {}
        Body::Empty => {
            let span = report.name_span.unwrap_or_default();
            let d = Diagnostic::warning(code(f, "upgrade-empty", "downgrade-empty"), format!("`{name}()` does nothing"));
            out.push(if up {
                with_severity(d, Severity::Note).with_label(span, "only `pass`, a docstring or comments")
            } else {
                d.with_label(span, "no way back: a downgrade moves the version but restores nothing")
                    .with_help("undo the upgrade here, or say why it cannot be undone: `raise NotImplementedError(\"why\")`")
            });
        }
        Body::Code => {}
    }
    for finding in &report.findings {
        let span = finding.span;
        let d = match &finding.effect {
            Effect::Adds { .. } => continue,
            Effect::InsertsRows { .. } => with_severity(
                Diagnostic::warning(code(f, "upgrade-inserts-rows", "downgrade-inserts-rows"), format!("`{name}()` inserts rows")),
                Severity::Note,
            )
            .with_label(span, "inserts rows"),
            Effect::Drops(drop) => {
                let c = match drop.kind {
                    DropKind::Table => code(f, "upgrade-drops-table", "downgrade-drops-table"),
                    DropKind::Column => code(f, "upgrade-drops-column", "downgrade-drops-column"),
                    DropKind::Index => code(f, "upgrade-drops-index", "downgrade-drops-index"),
                    DropKind::Constraint => code(f, "upgrade-drops-constraint", "downgrade-drops-constraint"),
                };
                let what = match (&drop.name, &drop.table) {
                    (Some(n), Some(t)) if drop.kind != DropKind::Table => format!("{} `{n}` of `{t}`", drop.kind.as_str()),
                    (Some(n), _) => format!("{} `{n}`", drop.kind.as_str()),
                    (None, _) => format!("a {} (name not a literal)", drop.kind.as_str()),
                };
                let d = Diagnostic::warning(c, format!("`{name}()` drops {what}")).with_label(span, "dropped here");
                if up {
                    d.with_note("its data is lost")
                } else {
                    with_severity(d, Severity::Note)
                }
            }
            Effect::ChangesSchema { op, .. } => with_severity(
                Diagnostic::warning(
                    code(f, "upgrade-changes-schema", "downgrade-changes-schema"),
                    format!("`{name}()` changes the schema in place"),
                ),
                Severity::Note,
            )
            .with_label(span, format!("`{op}`")),
            Effect::ChangesData(change) => {
                let label = match change {
                    DataChange::Execute { sql: Some(_) } => "SQL that is not one INSERT or CREATE".to_string(),
                    DataChange::Execute { sql: None } => "SQL that is not a literal".to_string(),
                    DataChange::Connection { method } => format!("`{method}` on the connection"),
                };
                Diagnostic::warning(
                    code(f, "upgrade-changes-data", "downgrade-changes-data"),
                    format!("`{name}()` may change or delete data"),
                )
                .with_label(span, label)
            }
            Effect::InspectsDatabase(how) => {
                let label = match how {
                    Inspection::GetBind => "`get_bind()`",
                    Inspection::GetContext => "`get_context()`",
                    Inspection::Inspect => "`inspect(...)`",
                    Inspection::ConnectionArgument => "a connection passed to SQLAlchemy",
                };
                Diagnostic::warning("inspects-database", format!("`{name}()` reads the live database"))
                    .with_label(span, label)
                    .with_note("offline mode (`--sql`) has no database: this revision cannot be rendered as SQL")
            }
            Effect::BatchWithoutCopyFrom { .. } => Diagnostic::warning("batch-without-copy-from", "a batch block without `copy_from=`")
                .with_label(span, "the table is reflected from the database")
                .with_help("pass `copy_from=sa.Table(...)` describing the table, so `--sql` can render the batch"),
            Effect::Raises(Raise::NotImplemented) => {
                let d = Diagnostic::warning(
                    code(f, "upgrade-raises-not-implemented", "downgrade-raises-not-implemented"),
                    format!("`{name}()` raises NotImplementedError"),
                )
                .with_label(span, "raised here");
                if up {
                    d
                } else {
                    with_severity(d, Severity::Note).with_note("a downgrade across this revision stops here, as intended")
                }
            }
            Effect::Raises(Raise::Other) => {
                Diagnostic::warning(code(f, "upgrade-raises", "downgrade-raises"), format!("`{name}()` raises"))
                    .with_label(span, "raised here")
            }
            Effect::Unresolved(why) => {
                let message = match why {
                    Unresolved::UnknownName(n) => format!("`{n}` is not a name the analysis knows"),
                    Unresolved::HelperCall(n) => format!("a call to `{n}`"),
                    Unresolved::DynamicCall => "a call through an expression".to_string(),
                    Unresolved::UnknownOperation(m) => format!("`{m}` is not an operation the analysis knows"),
                    Unresolved::OperationAsValue(m) => format!("`{m}` used as a value"),
                    Unresolved::UnknownContext => "a `with` other than `op.batch_alter_table(...)`".to_string(),
                    Unresolved::Construct(c) => c.to_string(),
                };
                with_severity(
                    Diagnostic::warning(
                        code(f, "upgrade-unresolved", "downgrade-unresolved"),
                        format!("`{name}()` is not fully analysed: {message}"),
                    ),
                    Severity::Note,
                )
                .with_label(span, "what it does is not known")
            }
        };
        out.push(d);
    }
}
