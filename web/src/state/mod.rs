//! The one app state: the open scenario, its live database (behind `Rc<RefCell<..>>`: a
//! connection cannot be cloned, and every clone of the state must see the same one), the
//! console transcript, the SQL log grouped by step, and what the panels show. Actions are
//! applied by `Workspace::apply`, plain Rust tested natively; Yew calls it via `Reducible`.

use std::cell::RefCell;
use std::rc::Rc;

use yew::Reducible;

use crate::graph::{self, GraphLayout};
use crate::guard::{self, Pending};
use crate::inspect::{self, DbSnapshot, SqlBoxResult};
use crate::preview::{self, Preview};
use crate::safety::{self, Drift};
use crate::scenarios::{self, Scenario};
use crate::session::{ConsoleEntry, Session};
use crate::sql_log::SqlStep;
use crate::{clock, new_revision};

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Open a bundled scenario on a fresh database.
    Open(String),
    /// Run a console line (the buttons send their command lines too).
    Run(String),
    /// Select a revision in the graph (`None` clears).
    Select(Option<String>),
    /// Run an ad-hoc statement from the SQL box.
    Sql(String),
    /// Run several lines as one guarded command (a drift fix: downgrade, then re-apply).
    RunLines(Vec<String>),
    /// Run the pending command; the text is what the user typed to confirm it.
    Confirm(String),
    Cancel,
    /// The editor changed a revision file.
    Edit { path: String, text: String },
    /// `alembic revision -m <message>`: a new file revising the current heads.
    AddRevision(String),
    /// Put an edited applied revision back as it was applied.
    RevertEdit(String),
    /// Revert the edit and write it as a new revision instead.
    FollowUp(String),
    SetProduction(bool),
    /// Show a command's `--sql` text without running it (`None` closes the preview).
    Preview(Option<String>),
}

#[derive(Clone)]
pub struct Workspace {
    pub scenario: &'static Scenario,
    session: Option<Rc<RefCell<Session>>>,
    /// Why the database could not be opened, or the revision files could not be loaded.
    pub error: Option<String>,
    pub graph: Rc<GraphLayout>,
    pub snapshot: Rc<DbSnapshot>,
    pub transcript: Vec<ConsoleEntry>,
    pub sql_log: Vec<SqlStep>,
    /// Lines typed or clicked, oldest first, for ↑/↓ in the console.
    pub history: Vec<String>,
    pub selected: Option<String>,
    pub sql_box: Option<(String, SqlBoxResult)>,
    /// The revision file open in the editor (a path: an edit may change the revision id).
    pub editing: Option<String>,
    /// Why the revision files no longer load after an edit (the graph shows the last good one).
    pub load_error: Option<String>,
    pub drift: Vec<Drift>,
    pub production: bool,
    pub pending: Option<Pending>,
    pub preview: Option<Result<Preview, String>>,
    /// Bumped on every edit, so panels that show file text see a change.
    pub revision_files: u64,
}

impl PartialEq for Workspace {
    fn eq(&self, other: &Self) -> bool {
        // The session is shared by identity; everything shown is compared by value.
        self.scenario.name == other.scenario.name
            && match (&self.session, &other.session) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
            && self.error == other.error
            && self.graph == other.graph
            && self.snapshot == other.snapshot
            && self.transcript == other.transcript
            && self.sql_log == other.sql_log
            && self.history == other.history
            && self.selected == other.selected
            && self.sql_box == other.sql_box
            && self.editing == other.editing
            && self.load_error == other.load_error
            && self.drift == other.drift
            && self.production == other.production
            && self.pending == other.pending
            && self.preview == other.preview
            && self.revision_files == other.revision_files
    }
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace::open(scenarios::DEFAULT)
    }
}

impl Workspace {
    /// The named scenario (or the default) on a fresh in-memory database.
    pub fn open(name: &str) -> Workspace {
        let scenario = scenarios::find_or_default(name);
        let mut ws = Workspace {
            scenario,
            session: None,
            error: None,
            graph: Rc::default(),
            snapshot: Rc::default(),
            transcript: Vec::new(),
            sql_log: Vec::new(),
            history: Vec::new(),
            selected: None,
            sql_box: None,
            editing: None,
            load_error: None,
            drift: Vec::new(),
            production: false,
            pending: None,
            preview: None,
            revision_files: 0,
        };
        match Session::open(scenario) {
            Ok(session) => {
                match session.directory() {
                    Ok(dir) => ws.graph = Rc::new(graph::layout(&dir)),
                    Err(e) => ws.error = Some(e.to_string()),
                }
                ws.session = Some(Rc::new(RefCell::new(session)));
                ws.refresh();
            }
            Err(e) => ws.error = Some(format!("SQLite failed to open: {e}")),
        }
        ws
    }

    pub fn apply(mut self, action: Action) -> Workspace {
        match action {
            Action::Open(name) => return Workspace::open(&name),
            Action::Select(id) => {
                self.editing = id.as_ref().and_then(|id| self.graph.nodes.iter().find(|n| &n.id == id)).map(|n| n.file.clone());
                self.selected = id;
            }
            Action::Run(line) => {
                if line.trim().is_empty() {
                    return self;
                }
                if self.history.last() != Some(&line) {
                    self.history.push(line.clone());
                }
                self.guarded(vec![line]);
            }
            Action::RunLines(lines) => self.guarded(lines),
            Action::Confirm(typed) => {
                let Some(pending) = self.pending.take() else { return self };
                if guard::confirmed(&pending, &typed) {
                    self.run_lines(&pending.lines);
                } else {
                    self.pending = Some(Pending { mistyped: true, ..pending });
                }
            }
            Action::Cancel => self.pending = None,
            Action::Edit { path, text } => self.edit(&path, text),
            Action::AddRevision(message) => self.add_revision(&message, ""),
            Action::RevertEdit(revision) => {
                if let Some(d) = self.drift.iter().find(|d| d.revision == revision).cloned() {
                    self.edit(&d.path, d.applied_text);
                }
            }
            Action::FollowUp(revision) => {
                if let Some(d) = self.drift.iter().find(|d| d.revision == revision).cloned() {
                    let note = new_revision::follow_up_note(&revision, &d.applied_text, d.current_text.as_deref().unwrap_or(""));
                    self.edit(&d.path, d.applied_text);
                    self.add_revision(&format!("follow-up to {revision}"), &note);
                }
            }
            Action::SetProduction(on) => self.production = on,
            Action::Preview(None) => self.preview = None,
            Action::Preview(Some(line)) => {
                let Some(session) = self.session.clone() else { return self };
                self.preview = Some(preview::preview(&session.borrow(), &line));
            }
            Action::Sql(sql) => {
                let Some(session) = self.session.clone() else { return self };
                let result = inspect::run_sql(&session.borrow().database().conn, &sql);
                if !matches!(result, SqlBoxResult::Error(_)) {
                    let statements = vec![sql.trim().to_string()];
                    self.sql_log.push(SqlStep {
                        command: "SQL box".into(),
                        title: "SQL box".into(),
                        statements,
                        failed: false,
                        offline: false,
                    });
                }
                self.sql_box = Some((sql, result));
                self.refresh();
            }
        }
        self
    }

    /// Runs `lines` now, or holds them for confirmation when the rehearsal says so.
    fn guarded(&mut self, lines: Vec<String>) {
        let Some(session) = self.session.clone() else { return };
        self.pending = guard::check(&session.borrow(), &lines, self.production);
        if self.pending.is_none() {
            self.run_lines(&lines);
        }
    }

    fn run_lines(&mut self, lines: &[String]) {
        let Some(session) = self.session.clone() else { return };
        for line in lines {
            let ran = session.borrow_mut().run_line(line);
            let failed = ran.entry.exit_code != 0;
            self.transcript.push(ran.entry);
            self.sql_log.extend(ran.steps);
            if failed {
                break;
            }
        }
        self.refresh();
    }

    /// The text of a revision file as the session has it now.
    pub fn file_text(&self, path: &str) -> Option<String> {
        let session = self.session.as_ref()?.borrow();
        session.files.iter().find(|(p, _)| p == path).map(|(_, t)| t.clone())
    }

    fn edit(&mut self, path: &str, text: String) {
        let Some(session) = self.session.clone() else { return };
        {
            let mut s = session.borrow_mut();
            match s.files.iter_mut().find(|(p, _)| p == path) {
                Some(file) => file.1 = text,
                None => s.files.push((path.to_string(), text)),
            }
        }
        self.revision_files += 1;
        self.reload();
        self.refresh();
    }

    /// Writes a new revision on the current heads and opens it in the editor.
    fn add_revision(&mut self, message: &str, note: &str) {
        let Some(session) = self.session.clone() else { return };
        let (heads, dir) = {
            let s = session.borrow();
            match s.directory() {
                Ok(d) => (d.map().heads().into_iter().map(String::from).collect::<Vec<_>>(), new_revision::versions_dir(&s.files)),
                Err(e) => {
                    self.load_error = Some(format!("fix the revision files first: {e}"));
                    return;
                }
            }
        };
        let id = clock::new_revision_id();
        let (path, text) = new_revision::render(&dir, &id, message, &heads, &clock::create_date(&clock::now_iso()), note);
        self.edit(&path, text);
        self.selected = Some(id);
        self.editing = Some(path);
    }

    /// Loads the revision files again after an edit; the graph keeps its last good layout
    /// while they do not load.
    fn reload(&mut self) {
        let Some(session) = &self.session else { return };
        match session.borrow().directory() {
            Ok(dir) => {
                self.graph = Rc::new(graph::layout(&dir));
                self.load_error = None;
            }
            Err(e) => self.load_error = Some(e.to_string()),
        }
    }

    /// Re-reads the database for the panels, and compares the applied record with the files.
    fn refresh(&mut self) {
        let Some(session) = &self.session else { return };
        let session = session.borrow();
        let db = session.database();
        let rows = db.version_rows().unwrap_or_default();
        match inspect::snapshot(&db.conn, rows) {
            Ok(snap) => self.snapshot = Rc::new(snap),
            Err(e) => self.error = Some(format!("reading the database failed: {e}")),
        }
        let records = engine::runtime::applied::read(&db.conn).unwrap_or_default();
        self.drift = safety::drift(&records, &session.applied, &session.files);
    }

    /// Revisions applied to the database (rows of alembic_version and their ancestors).
    pub fn applied(&self) -> std::collections::BTreeSet<String> {
        graph::applied(&self.graph, &self.snapshot.version_rows)
    }
}

impl Reducible for Workspace {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Rc::unwrap_or_clone(self).apply(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs each line, confirming it when the page asks.
    fn run(ws: Workspace, lines: &[&str]) -> Workspace {
        lines.iter().fold(ws, |ws, line| {
            let ws = ws.apply(Action::Run(line.to_string()));
            if ws.pending.is_some() { ws.apply(Action::Confirm(String::new())) } else { ws }
        })
    }

    #[test]
    fn opens_the_blog_with_nothing_applied() {
        let ws = Workspace::default();
        assert_eq!(ws.scenario.name, "blog");
        assert_eq!(ws.graph.nodes.len(), 4);
        assert!(ws.snapshot.tables.is_empty() && ws.transcript.is_empty() && ws.error.is_none());
    }

    #[test]
    fn upgrade_and_downgrade_move_the_database() {
        let ws = run(Workspace::default(), &["upgrade head"]);
        assert_eq!(ws.transcript[0].failed, None, "{:?}", ws.transcript[0].stderr);
        assert_eq!(ws.snapshot.version_rows, ["b10900000004"]);
        assert_eq!(ws.applied().len(), 4);
        let names: Vec<&str> = ws.snapshot.tables.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["alembic_version", "post_archive", "posts"]);
        // One SQL group per revision step, named as the log names it.
        let titles: Vec<&str> = ws.sql_log.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles[0], "upgrade  -> b10900000001, create posts");
        assert_eq!(titles.len(), 4);
        let ws = run(ws, &["downgrade -1"]);
        assert_eq!(ws.snapshot.version_rows, ["b10900000003"]);
        let ws = run(ws, &["downgrade base"]);
        assert!(ws.snapshot.version_rows.is_empty());
        assert_eq!(ws.applied().len(), 0);
    }

    #[test]
    fn sql_mode_prints_without_touching_the_database() {
        let ws = run(Workspace::default(), &["upgrade b10900000002 --sql"]);
        assert_eq!(ws.transcript[0].failed, None, "{:?}", ws.transcript[0].stderr);
        assert!(ws.transcript[0].stdout.contains("CREATE TABLE posts"));
        assert!(ws.snapshot.tables.is_empty());
        assert_eq!(ws.sql_log.len(), 2);
        assert!(ws.sql_log.iter().all(|s| s.offline && !s.failed));
        // The version table's DDL, printed before the first step, belongs to it.
        assert!(ws.sql_log[0].statements[0].starts_with("CREATE TABLE alembic_version"));
    }

    #[test]
    fn history_skips_repeats_and_blank_lines() {
        let ws = run(Workspace::default(), &["heads", "heads", "  ", "current"]);
        assert_eq!(ws.history, ["heads", "current"]);
        assert_eq!(ws.transcript.len(), 3);
    }

    #[test]
    fn failed_commands_are_in_the_transcript() {
        let ws = run(Workspace::default(), &["upgrade nope"]);
        assert_eq!(ws.transcript[0].failed.as_deref(), Some("Can't locate revision identified by 'nope'"));
    }

    #[test]
    fn select_and_open_another_scenario() {
        let ws = Workspace::default().apply(Action::Select(Some("b10900000002".into())));
        assert_eq!(ws.selected.as_deref(), Some("b10900000002"));
        let ws = run(ws, &["upgrade head"]).apply(Action::Open("team_branches".into()));
        assert_eq!(ws.scenario.name, "team_branches");
        assert!(ws.snapshot.version_rows.is_empty() && ws.transcript.is_empty() && ws.selected.is_none());
    }

    #[test]
    fn sql_box_runs_on_the_live_database() {
        let ws = run(Workspace::default(), &["upgrade +1"]).apply(Action::Sql("SELECT title FROM posts ORDER BY id".into()));
        match &ws.sql_box {
            Some((_, SqlBoxResult::Rows(grid))) => assert_eq!(grid.rows, [["Hello"], ["Spam"], ["World"]]),
            other => panic!("{other:?}"),
        }
        let ws = ws.apply(Action::Sql("DELETE FROM posts WHERE id = 2".into()));
        assert_eq!(ws.sql_box.as_ref().unwrap().1, SqlBoxResult::Changed(1));
        assert_eq!(ws.snapshot.tables.iter().find(|t| t.name == "posts").unwrap().row_count, 2);
        assert_eq!(ws.sql_log.last().unwrap().title, "SQL box");
    }
}
