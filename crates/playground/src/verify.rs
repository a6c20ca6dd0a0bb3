//! The Verify panel: `alembic-playground check` run on the page's project, from the same
//! code (`check`). It rehearses on a throwaway database; with data in the page's database it
//! starts from a copy of it (as `check --against-copy`), so data loss and drift are measured
//! on the rows the user has. The live database is never touched.

use engine::script::ScriptSource;

use crate::check::{self, CheckInput, Severity};
use crate::session::Session;

/// One finding as the panel lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub help: String,
    pub notes: Vec<String>,
    /// `path:line:column`, or the revision when the finding has no place in a file.
    pub place: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    /// How many revisions were checked.
    pub revisions: usize,
    /// Whether the rehearsal started from a copy of the page's data.
    pub on_data: bool,
    pub findings: Vec<Shown>,
}

impl Verified {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }
}

/// Runs the checks on the session's files and a copy of its data (when it has tables).
pub fn verify(session: &mut Session) -> Result<Verified, String> {
    let options = session.env_options()?;
    let has_data = session.database().conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)).unwrap_or(0) > 0;
    let copy = if has_data { Some(session.database_bytes().map_err(|e| format!("could not copy the database: {e}"))?) } else { None };
    let input = CheckInput {
        source: ScriptSource::single(session.files().to_vec()),
        options,
        seed: None,
        copy,
        modules: session.project_modules(),
    };
    let report = check::check(&input);
    let findings = report
        .findings
        .iter()
        .map(|f| Shown {
            severity: f.severity,
            code: f.code,
            message: f.message.clone(),
            help: f.help.clone(),
            notes: f.notes.clone(),
            place: match (report.line_col(f), &f.location, &f.revision) {
                (Some((line, col)), Some(loc), _) => Some(format!("{}:{line}:{col}", loc.file)),
                (_, _, Some(rev)) => Some(format!("revision {rev}")),
                _ => None,
            },
        })
        .collect();
    Ok(Verified { revisions: report.revisions.len(), on_data: has_data, findings })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::Project;
    use crate::scenarios::bundled;

    fn session(name: &str) -> Session {
        Session::open(&Project::bundled(bundled(name).unwrap())).unwrap()
    }

    #[test]
    fn the_blog_is_clean_and_no_downgrade_is_flagged_where_its_file_says() {
        let blog = verify(&mut session("blog")).unwrap();
        assert_eq!((blog.revisions, blog.on_data, blog.count(Severity::Error)), (4, false, 0), "{blog:?}");
        let no_downgrade = verify(&mut session("no_downgrade")).unwrap();
        let empty = no_downgrade.findings.iter().find(|f| f.code == "empty-downgrade").expect("the pass downgrade is found");
        assert!(empty.place.as_deref().is_some_and(|p| p.starts_with("alembic/versions/") && p.contains(".py:")), "{empty:?}");
    }

    #[test]
    fn with_data_it_rehearses_on_a_copy_and_leaves_the_database_alone() {
        let mut s = session("no_downgrade");
        assert_eq!(s.run_line("upgrade head").entry.exit_code, 0);
        let before = s.database_bytes().unwrap();
        let verified = verify(&mut s).unwrap();
        assert!(verified.on_data);
        assert_eq!(s.database_bytes().unwrap(), before);
    }
}
