//! `check`: the rehearsal's safety checks for a pull request, on a throwaway database.
//!
//! Passes, in order (each in `rules/`):
//! 1. history: the files load, one head per declared branch, every revision reachable;
//! 2. upgrade: base → heads on an empty in-memory database;
//! 3. stairway: each revision in upgrade order up → down → up, the schema after the
//!    downgrade compared with the schema before the upgrade; what a downgrade is (empty,
//!    raising) comes from its syntax tree;
//! 4. data (with `--seed` or a copy of the database): the seed is applied at the first
//!    revision after which it runs (see `rules::data`), then upgrade to heads step by step
//!    (hazards counted on the rows), then downgrade step by step to base (what each
//!    downgrade destroys);
//! 5. drift (a copy only): applied revisions whose file changed since;
//! 6. offline: each revision rendered as `--sql` would.
//!
//! Findings on a line carrying `# noqa: <code>` are dropped. The formats are in `report/`.

pub mod finding;
pub mod locate;
pub mod rehearsal;
pub mod report;
pub mod rules;
pub mod schema;

use std::collections::BTreeMap;

use engine::env_py::EnvOptions;
use engine::operations::modules::ProjectModules;
use engine::script::{ScriptDirectory, ScriptSource};

pub use finding::{Finding, Location, Severity};

/// What `check` runs on. The caller reads the files; nothing here does I/O.
pub struct CheckInput {
    pub source: ScriptSource,
    pub options: EnvOptions,
    /// SQL run on the throwaway database once its tables exist (`--seed FILE.sql`).
    pub seed: Option<Seed>,
    /// The configured database's bytes (`--against-copy`): the rehearsal starts from them.
    pub copy: Option<Vec<u8>>,
    /// The project's own Python modules, which revision files may import.
    pub modules: ProjectModules,
}

pub struct Seed {
    pub name: String,
    pub sql: String,
}

/// The findings, with the sources of the files they point into (for rendering).
#[derive(Debug, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    /// Every revision checked, in upgrade order: (id, file).
    pub revisions: Vec<(String, String)>,
    pub sources: BTreeMap<String, String>,
}

impl Report {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }

    /// 1 when there are findings at error level, else 0.
    pub fn exit_code(&self) -> u8 {
        u8::from(self.count(Severity::Error) > 0)
    }

    /// Shows file paths relative to `root` (the project's directory).
    pub fn relative_to(&mut self, root: &str) {
        let root = root.trim_end_matches(['/', '\\']);
        let strip = |p: &str| p.strip_prefix(root).map(|r| r.trim_start_matches(['/', '\\']).to_string()).unwrap_or_else(|| p.to_string());
        for f in &mut self.findings {
            if let Some(l) = &mut f.location {
                l.file = strip(&l.file);
            }
            for n in &mut f.notes {
                *n = n.replace(&format!("{root}/"), "");
            }
        }
        for r in &mut self.revisions {
            r.1 = strip(&r.1);
        }
        self.sources = std::mem::take(&mut self.sources).into_iter().map(|(k, v)| (strip(&k), v)).collect();
    }

    pub fn line_col(&self, f: &Finding) -> Option<(usize, usize)> {
        let source = self.sources.get(&f.location.as_ref()?.file)?;
        f.line_col(source)
    }
}

/// Runs every pass and returns the findings, in pass order.
pub fn check(input: &CheckInput) -> Report {
    let mut report = Report::default();
    let dir = match ScriptDirectory::load(&input.source) {
        Ok(dir) => dir,
        Err(e) => {
            report.findings.push(rules::history::broken(&e));
            return report;
        }
    };
    let planned = rules::history::upgrade_order(&dir);
    let order = planned.clone().unwrap_or_default();
    report.revisions = order.iter().filter_map(|id| dir.script(id).map(|s| (id.clone(), s.path.clone()))).collect();
    let mut findings = rules::history::check(&dir, planned.as_deref());
    let options = &input.options;
    findings.extend(rules::stairway::check(&dir, options, &input.modules, &order));
    if input.seed.is_some() || input.copy.is_some() {
        findings.extend(rules::data::check(&dir, options, &input.modules, input.seed.as_ref(), input.copy.as_deref()));
    }
    if let Some(copy) = &input.copy {
        findings.extend(rules::drift::check(&dir, options, copy));
    }
    findings.extend(rules::offline::check(&dir, options, &input.modules, &order));
    for script in dir.scripts() {
        report.sources.insert(script.path.clone(), script.source.clone());
    }
    report.findings = merge(findings).into_iter().filter(|f| !silenced(&report, f)).collect();
    report.sources.retain(|path, _| report.findings.iter().any(|f| f.location.as_ref().is_some_and(|l| &l.file == path)));
    report
}

fn silenced(report: &Report, f: &Finding) -> bool {
    let Some(loc) = &f.location else { return false };
    let Some(source) = report.sources.get(&loc.file) else { return false };
    let Some((line, _)) = f.line_col(source) else { return false };
    finding::silenced(source, line, f.code)
}

/// One finding per code, revision and place: a pass that measured more (the data pass's
/// counts) adds its notes and, if higher, its severity and wording to the earlier one.
fn merge(findings: Vec<Finding>) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    for f in findings {
        let same = out.iter_mut().find(|o| o.code == f.code && o.revision == f.revision && o.location == f.location);
        match same {
            Some(o) => {
                if f.severity < o.severity {
                    o.severity = f.severity;
                    o.message = f.message;
                }
                for n in f.notes {
                    if !o.notes.contains(&n) {
                        o.notes.push(n);
                    }
                }
            }
            None => out.push(f),
        }
    }
    out
}
