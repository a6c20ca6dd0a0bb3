//! The one app state: the open project, its live database (behind `Rc<RefCell<..>>`: a
//! connection cannot be cloned, and every clone of the state must see the same one), the
//! console transcript, the SQL log grouped by step, the timeline of steps taken, and what the
//! panels show. Actions are applied by `Workspace::apply`, plain Rust tested natively; the
//! page's reducer calls it. It reads no clock and draws no random numbers: the time a command
//! ran and the id of a new revision come in the action, the bundled projects at construction.
//! `travel` replays and restores steps.

mod incoming;
pub use incoming::MAX_LINK;
mod shelf;
pub use shelf::{Entry, Origin, Shelf, Version};
mod travel;

use std::cell::RefCell;
use std::rc::Rc;

use crate::graph::{self, GraphLayout};
use crate::guard::{self, Pending};
use crate::inspect::{self, DbSnapshot, SqlBoxResult};
use crate::new_revision;
use crate::next_upgrade;
use crate::preview::{self, Preview};
use crate::project::Project;
use crate::safety::{self, Drift};
use crate::scenarios::{self, Catalogue};
use crate::session::{ConsoleEntry, Session};
use crate::sql_log::SqlStep;
use crate::timeline::Timeline;
use crate::verify::Verified;
use share::Step;

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Open a bundled scenario: as it was left if it is on the shelf, else fresh.
    Open(String),
    /// Open the workspace with this shelf id as it was left.
    Switch(u64),
    /// Take the workspace with this shelf id off the shelf (on purpose: `UndoRemove`).
    Remove(u64),
    /// Put the last removed workspace back.
    UndoRemove,
    /// Run a console line (the buttons send their command lines too), at this time (Unix ms:
    /// the applied record's time).
    Run {
        line: String,
        at_ms: i64,
    },
    /// Select a revision in the graph (`None` clears).
    Select(Option<String>),
    /// Run an ad-hoc statement from the SQL box.
    Sql(String),
    /// Run several lines as one guarded command (a drift fix: downgrade, then re-apply).
    RunLines {
        lines: Vec<String>,
        at_ms: i64,
    },
    /// Run the pending command; `typed` is what the user typed to confirm it.
    Confirm {
        typed: String,
        at_ms: i64,
    },
    Cancel,
    /// The editor changed a revision file.
    Edit {
        path: String,
        text: String,
    },
    /// `alembic revision -m <message>`: a new file revising the current heads, with this id
    /// (Alembic's `uuid4().hex[-12:]`) and `Create Date:` (Unix ms).
    AddRevision {
        message: String,
        id: String,
        at_ms: i64,
    },
    /// Put an edited applied revision back as it was applied.
    RevertEdit(String),
    /// Revert the edit of `revision` and write it as a new revision `id` instead.
    FollowUp {
        revision: String,
        id: String,
        at_ms: i64,
    },
    SetProduction(bool),
    /// Show a command's `--sql` text without running it (`None` closes the preview).
    Preview(Option<String>),
    /// Go to the point after step `n` of the timeline (0: the start).
    Travel(usize),
    /// Take back the timeline's kept branch `i` (the steps ahead of a point where another
    /// step was taken).
    RestoreBranch(usize),
    /// Replace the open workspace's contents with a project and its steps (another tab's
    /// version of it); `at` is the point to show.
    Load(Box<Loaded>),
    /// Open a share link (the URL fragment); a bad link leaves everything as it is.
    OpenLink(String),
    /// Files the user picked, read and sorted out (or why they could not be).
    Import(Result<crate::import::Imported, String>),
    /// Put the scenario so far into a link (or say it is too long for one).
    Share,
    /// The project was exported (`Workspace::export`): what the export changed, to say so.
    Exported(Vec<String>),
    /// Whether the database download keeps the playground's record of applied revisions.
    DownloadRecord(bool),
    /// Close the notice.
    Dismiss,
    /// Show every step of the SQL log, not only the newest `SQL_LOG_SHOWN`.
    ShowAllSql,
    /// The page has painted the last change: the trailing panels may catch up.
    Settle,
    /// Run `check`'s safety checks on the project (the Verify panel).
    Verify,
}

/// A whole workspace to open: what a share link, the browser's storage or an import holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub project: Project,
    pub steps: Vec<Step>,
    pub at: usize,
    pub selected: Option<String>,
}

impl Loaded {
    /// A scenario from a link, a scenario file or the browser's storage, shown after its
    /// last step.
    pub fn from_scenario(s: share::Scenario) -> Loaded {
        let project = Project { name: s.name, files: s.files, database: s.database };
        Loaded { project, at: s.steps.len(), steps: s.steps, selected: None }
    }
}

#[derive(Clone)]
pub struct Workspace {
    /// The bundled projects (the picker's list, the template for loose revision files).
    pub catalogue: Catalogue,
    /// The other workspaces, and which one this is.
    pub shelf: Rc<RefCell<Shelf>>,
    /// Bumped when the shelf changes without the open workspace changing (a removal, undo).
    pub shelf_changes: u64,
    pub project: Rc<Project>,
    session: Option<Rc<RefCell<Session>>>,
    /// Steps taken and a snapshot after each (shared by identity, like the session).
    timeline: Rc<RefCell<Timeline>>,
    /// The timeline's position and length, copied out so that a change re-renders.
    pub at: usize,
    pub steps: usize,
    /// How many branches the timeline keeps.
    pub branches: usize,
    /// What travelling back restored that real Alembic could not have (a data-losing downgrade).
    pub travel_note: Option<String>,
    /// A link or an import that could not be opened, and why (the workspace is untouched).
    pub notice: Option<String>,
    /// The last Share: the link (after `#`), or its length when it is too long for a link.
    pub link: Option<Result<String, usize>>,
    /// What the last export changed in the project's files, as the page says it
    /// (`export::note`; `None`: not exported yet).
    pub exported: Option<String>,
    /// The database download keeps the playground's record of applied revisions (off: the
    /// file is what Alembic would have left).
    pub download_record: bool,
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
    /// Where the next upgrade will fail: what it creates is already there.
    pub blocked: Vec<next_upgrade::Blocked>,
    pub production: bool,
    pub pending: Option<Pending>,
    pub preview: Option<Result<Preview, String>>,
    /// The Verify panel's last run, until the project or the database changes.
    pub verified: Option<Result<Verified, String>>,
    /// Bumped on every edit, so panels that show file text see a change.
    pub revision_files: u64,
    /// The SQL log shows every step (after "Show all"), not only the newest.
    pub all_sql: bool,
    /// Whether the trailing panels (console output, SQL log, the timeline's steps) may show
    /// this state: false after every change until `Action::Settle`, which the page sends once
    /// that change is painted. A click then repaints what it changed (graph, schema) in one
    /// frame, and the panels that only grow follow in the next.
    pub settled: bool,
}

impl PartialEq for Workspace {
    fn eq(&self, other: &Self) -> bool {
        // The session is shared by identity; everything shown is compared by value.
        std::ptr::eq(self.catalogue, other.catalogue)
            && Rc::ptr_eq(&self.shelf, &other.shelf)
            && self.shelf_changes == other.shelf_changes
            && Rc::ptr_eq(&self.project, &other.project)
            && Rc::ptr_eq(&self.timeline, &other.timeline)
            && self.at == other.at
            && self.steps == other.steps
            && self.branches == other.branches
            && self.travel_note == other.travel_note
            && self.notice == other.notice
            && self.link == other.link
            && self.exported == other.exported
            && self.download_record == other.download_record
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
            && self.blocked == other.blocked
            && self.production == other.production
            && self.pending == other.pending
            && self.preview == other.preview
            && self.verified == other.verified
            && self.revision_files == other.revision_files
            && self.all_sql == other.all_sql
            && self.settled == other.settled
    }
}

impl Workspace {
    /// The named bundled scenario (or the default) on a fresh in-memory database.
    pub fn open(catalogue: Catalogue, name: &str) -> Workspace {
        let project = scenarios::find_or_default(catalogue, name).map(Project::bundled).unwrap_or_default();
        Workspace::start(catalogue, project)
    }

    /// The project on its starting database, nothing done yet.
    pub fn start(catalogue: Catalogue, project: Project) -> Workspace {
        let mut ws = Workspace {
            catalogue,
            shelf: Rc::new(RefCell::new(Shelf::single(&project.name, shelf::Origin::Bundled))),
            shelf_changes: 0,
            project: Rc::new(project),
            session: None,
            timeline: Rc::default(),
            at: 0,
            steps: 0,
            branches: 0,
            travel_note: None,
            notice: None,
            link: None,
            exported: None,
            download_record: false,
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
            blocked: Vec::new(),
            production: false,
            pending: None,
            preview: None,
            verified: None,
            revision_files: 0,
            all_sql: false,
            settled: false,
        };
        match Session::open(&ws.project) {
            Ok(session) => {
                match session.directory() {
                    Ok(dir) => ws.graph = Rc::new(graph::layout(&dir)),
                    Err(e) => ws.load_error = Some(e.to_string()),
                }
                ws.session = Some(Rc::new(RefCell::new(session)));
                ws.timeline = Rc::new(RefCell::new(Timeline::start(ws.frame())));
                ws.refresh();
            }
            Err(e) => ws.error = Some(e.to_string()),
        }
        ws
    }

    /// The README of the bundled scenario this is (an import of the same name has none).
    pub fn readme_html(&self) -> &'static str {
        if self.shelf.borrow().current().origin != shelf::Origin::Bundled {
            return "";
        }
        scenarios::find(self.catalogue, &self.project.name).map_or("", |s| s.readme_html)
    }

    /// Whether `action` would leave this state as it is (settling what is settled), so the
    /// page need not render again.
    pub fn unchanged_by(&self, action: &Action) -> bool {
        matches!(action, Action::Settle) && self.settled
    }

    pub fn apply(self, action: Action) -> Workspace {
        if matches!(action, Action::Settle) {
            return Workspace { settled: true, ..self };
        }
        Workspace { settled: false, ..self.change(action) }
    }

    fn change(mut self, action: Action) -> Workspace {
        match action {
            Action::Open(name) => return self.open_bundled(&name),
            Action::Switch(id) => return self.switch(id),
            Action::Remove(id) => return self.remove(id),
            Action::UndoRemove => return self.undo_remove(),
            Action::Load(loaded) => return self.reopen(*loaded),
            Action::Travel(to) => self.travel(to),
            Action::RestoreBranch(i) => self.restore_branch(i),
            Action::OpenLink(fragment) => return self.open_link(&fragment),
            Action::Import(imported) => return self.import(imported),
            Action::Share => self.share(),
            Action::Exported(changes) => self.exported = Some(crate::export::note(&changes)),
            Action::DownloadRecord(on) => self.download_record = on,
            Action::Dismiss => self.notice = None,
            Action::ShowAllSql => self.all_sql = true,
            // Handled by `apply`.
            Action::Settle => {}
            Action::Select(id) => {
                self.editing = id.as_ref().and_then(|id| self.graph.nodes.iter().find(|n| &n.id == id)).map(|n| n.file.clone());
                self.selected = id;
            }
            Action::Run { line, at_ms } => {
                if line.trim().is_empty() {
                    return self;
                }
                self.remember(&line);
                self.guarded(vec![line], at_ms);
            }
            Action::RunLines { lines, at_ms } => self.guarded(lines, at_ms),
            Action::Confirm { typed, at_ms } => {
                let Some(pending) = self.pending.take() else { return self };
                if guard::confirmed(&pending, &typed) {
                    self.take(Step::Run { lines: pending.lines, at_ms });
                } else {
                    self.pending = Some(Pending { mistyped: true, ..pending });
                }
            }
            Action::Cancel => self.pending = None,
            Action::Edit { path, text } => self.take(Step::Edit { path, text }),
            Action::AddRevision { message, id, at_ms } => self.add_revision(&message, "", id, at_ms),
            Action::RevertEdit(revision) => {
                if let Some(d) = self.drift.iter().find(|d| d.revision == revision).cloned() {
                    self.take(Step::Edit { path: d.path, text: d.applied_text });
                }
            }
            Action::FollowUp { revision, id, at_ms } => {
                if let Some(d) = self.drift.iter().find(|d| d.revision == revision).cloned() {
                    let note = new_revision::follow_up_note(&revision, &d.applied_text, d.current_text.as_deref().unwrap_or(""));
                    self.take(Step::Edit { path: d.path, text: d.applied_text });
                    self.add_revision(&format!("follow-up to {revision}"), &note, id, at_ms);
                }
            }
            Action::SetProduction(on) => self.take(Step::Production(on)),
            Action::Preview(None) => self.preview = None,
            Action::Preview(Some(line)) => {
                let Some(session) = self.session.clone() else { return self };
                self.preview = Some(preview::preview(&mut session.borrow_mut(), &line));
            }
            Action::Sql(sql) => self.take(Step::Sql(sql)),
            Action::Verify => {
                let Some(session) = self.session.clone() else { return self };
                self.verified = Some(crate::verify::verify(&mut session.borrow_mut()));
            }
        }
        self
    }

    /// Does what `step` says and records it on the timeline with a snapshot after it. The
    /// live page and a replay both come through here, so a replay ends where the user did.
    fn take(&mut self, step: Step) {
        // What Verify found was about the project and data before this step.
        self.verified = None;
        match &step {
            Step::Run { lines, at_ms } => self.run_lines(lines, *at_ms),
            Step::Sql(sql) => self.run_sql(sql),
            Step::Edit { path, text } => self.write_file(path, text.clone()),
            Step::Production(on) => self.production = *on,
        }
        self.record(step);
    }

    fn remember(&mut self, line: &str) {
        if self.history.last().map(String::as_str) != Some(line) {
            self.history.push(line.to_string());
        }
    }

    fn run_sql(&mut self, sql: &str) {
        let Some(session) = self.session.clone() else { return };
        let result = inspect::run_sql(&session.borrow().database().conn, sql);
        if !matches!(result, SqlBoxResult::Error(_)) {
            self.sql_log.push(SqlStep {
                command: "SQL box".into(),
                title: "SQL box".into(),
                statements: vec![sql.trim().to_string()],
                failed: false,
                offline: false,
            });
        }
        self.sql_box = Some((sql.to_string(), result));
        self.refresh();
    }

    /// Runs `lines` now, or holds them for confirmation when the rehearsal says so.
    fn guarded(&mut self, lines: Vec<String>, at_ms: i64) {
        let Some(session) = self.session.clone() else { return };
        self.pending = guard::check(&mut session.borrow_mut(), &lines, self.production);
        if self.pending.is_none() {
            self.take(Step::Run { lines, at_ms });
        }
    }

    fn run_lines(&mut self, lines: &[String], at_ms: i64) {
        let Some(session) = self.session.clone() else { return };
        session.borrow_mut().now_ms = at_ms;
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
        session.files().iter().find(|(p, _)| p == path).map(|(_, t)| t.clone())
    }

    fn write_file(&mut self, path: &str, text: String) {
        let Some(session) = self.session.clone() else { return };
        session.borrow_mut().write_file(path, text);
        self.revision_files += 1;
        self.reload();
        self.refresh();
    }

    /// Writes a new revision on the current heads and opens it in the editor.
    fn add_revision(&mut self, message: &str, note: &str, id: String, at_ms: i64) {
        let Some(session) = self.session.clone() else { return };
        let (heads, dir) = {
            let s = session.borrow();
            match s.directory() {
                Ok(d) => (d.map().heads().into_iter().map(String::from).collect::<Vec<_>>(), self.project.layout().versions),
                Err(e) => {
                    self.load_error = Some(format!("fix the revision files first: {e}"));
                    return;
                }
            }
        };
        let (path, text) = new_revision::render(&dir, &id, message, &heads, &new_revision::create_date(at_ms), note);
        self.take(Step::Edit { path: path.clone(), text });
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
        match inspect::snapshot(&db.conn, &db.version_table, rows) {
            Ok(snap) => self.snapshot = Rc::new(snap),
            Err(e) => self.error = Some(format!("reading the database failed: {e}")),
        }
        let records = engine::runtime::applied::read(&db.conn).unwrap_or_default();
        self.drift = safety::drift(&records, &session.applied, session.files());
        self.blocked = match session.directory() {
            Ok(dir) => next_upgrade::blocked_upgrades(&self.graph, &self.applied(), &dir, &self.snapshot),
            Err(_) => Vec::new(),
        };
    }

    /// Runs `f` on the live session: what reads the database beyond the panels' snapshot
    /// (the lessons' goal checks).
    pub fn with_session<T>(&self, f: impl FnOnce(&mut Session) -> T) -> Option<T> {
        self.session.as_ref().map(|s| f(&mut s.borrow_mut()))
    }

    /// Revisions applied to the database (rows of alembic_version and their ancestors).
    pub fn applied(&self) -> std::collections::BTreeSet<String> {
        graph::applied(&self.graph, &self.snapshot.version_rows)
    }
}

#[cfg(test)]
mod tests;
