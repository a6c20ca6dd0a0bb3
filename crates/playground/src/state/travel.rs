//! The workspace's timeline: each step recorded with a snapshot after it, travel to any
//! point, a whole workspace replayed from its project and steps (a share link, the browser's
//! storage), and the scenario a link carries.

use std::rc::Rc;

use share::Step;

use super::{Loaded, Workspace};
use crate::rehearse::{self, Loss};
use crate::scenarios::Catalogue;
use crate::session::Session;
use crate::timeline::Frame;

impl Workspace {
    /// What the page shows now, as a snapshot.
    pub(super) fn frame(&self) -> Frame {
        let session = self.session.as_ref().expect("a frame needs an open session");
        let mut s = session.borrow_mut();
        // An in-memory database always serialises; an empty one would restore nothing.
        let bytes = s.database_bytes().unwrap_or_default();
        let database = match self.timeline.try_borrow() {
            Ok(t) if !t.is_started() => bytes.into(),
            Ok(t) if *t.frame().database == *bytes => t.frame().database.clone(),
            _ => bytes.into(),
        };
        Frame {
            database,
            files: s.files().to_vec(),
            applied: s.applied.clone(),
            production: self.production,
            transcript_len: self.transcript.len(),
            sql_log_len: self.sql_log.len(),
        }
    }

    /// Records `step` (just done) on the timeline. Typing in one file is one step: an edit of
    /// the file the last step edited replaces that step.
    pub(super) fn record(&mut self, step: Step) {
        if self.session.is_none() {
            return;
        }
        let frame = self.frame();
        let mut timeline = self.timeline.borrow_mut();
        // The steps ahead (after travelling back) stay reachable as a branch.
        timeline.branch_off();
        let same_file = match (&step, timeline.steps_so_far().last()) {
            (Step::Edit { path, .. }, Some(Step::Edit { path: last, .. })) => path == last,
            _ => false,
        };
        if same_file {
            let back = timeline.at() - 1;
            timeline.go(back);
        }
        timeline.record(step, frame, &self.transcript, &self.sql_log);
        self.at = timeline.at();
        self.steps = timeline.len();
        self.branches = timeline.branches.len();
        self.travel_note = None;
        self.link = None;
    }

    /// Takes the kept branch `i` back: travels to where it left the line and takes its
    /// steps again there (the steps ahead of that point become a branch in turn).
    pub(super) fn restore_branch(&mut self, i: usize) {
        let branch = {
            let mut timeline = self.timeline.borrow_mut();
            if i >= timeline.branches.len() {
                return;
            }
            timeline.branches.remove(i)
        };
        self.travel(branch.from);
        for step in branch.steps {
            self.take(step);
        }
        self.branches = self.timeline.borrow().branches.len();
    }

    /// The kept branches: the point each left the line at, and how the timeline names its
    /// steps.
    pub fn branch_list(&self) -> Vec<(usize, Vec<String>)> {
        let timeline = self.timeline.borrow();
        timeline.branches.iter().map(|b| (b.from, b.steps.iter().map(crate::timeline::describe).collect())).collect()
    }

    /// Puts the page back as it was after step `to` (0: the start). Travelling back over a
    /// step that lost data says so: the snapshot restores what real Alembic could not.
    pub(super) fn travel(&mut self, to: usize) {
        let Some(session) = self.session.clone() else { return };
        let from = self.at;
        let before = self.table_stats();
        let frame = self.timeline.borrow_mut().go(to).clone();
        {
            let mut s = session.borrow_mut();
            if let Err(e) = s.restore_database(&frame.database) {
                self.error = Some(format!("the snapshot could not be restored: {e}"));
                return;
            }
            s.set_files(frame.files.clone());
            s.applied = frame.applied.clone();
        }
        {
            let timeline = self.timeline.borrow();
            self.at = timeline.at();
            self.transcript = timeline.transcript[..frame.transcript_len].to_vec();
            self.sql_log = timeline.sql_log[..frame.sql_log_len].to_vec();
        }
        self.production = frame.production;
        self.pending = None;
        self.preview = None;
        self.sql_box = None;
        self.link = None;
        self.revision_files += 1;
        self.reload();
        self.refresh();
        self.travel_note = None;
        if self.at < from {
            let restored = rehearse::losses(&self.table_stats(), &before);
            if !restored.is_empty() {
                self.travel_note = Some(restored_note(&restored));
            }
        }
    }

    fn table_stats(&self) -> Vec<rehearse::TableStats> {
        let Some(session) = &self.session else { return Vec::new() };
        let s = session.borrow();
        rehearse::stats(&s.database().conn, &s.database().version_table).unwrap_or_default()
    }

    /// Opens `loaded.project` and takes its steps again, then shows the point `loaded.at`.
    pub fn replay(catalogue: Catalogue, loaded: Loaded) -> Workspace {
        let mut ws = Workspace::start(catalogue, loaded.project);
        if ws.session.is_none() {
            return ws;
        }
        for step in loaded.steps {
            if let Step::Run { lines, .. } = &step {
                lines.iter().for_each(|l| ws.remember(l));
            }
            ws.take(step);
        }
        ws.sql_box = None;
        if loaded.at < ws.steps {
            ws.travel(loaded.at);
            ws.travel_note = None;
        }
        if let Some(id) = loaded.selected.filter(|id| ws.graph.nodes.iter().any(|n| &n.id == id)) {
            ws = ws.apply(super::Action::Select(Some(id)));
        }
        ws
    }

    /// The scenario as a link carries it: the project and the steps up to this point.
    pub fn scenario(&self) -> share::Scenario {
        self.project.scenario(self.timeline.borrow().steps_so_far().to_vec())
    }

    /// Everything to save so that a reload comes back here, steps ahead of this point too.
    pub fn saved(&self) -> Loaded {
        Loaded {
            project: (*self.project).clone(),
            steps: self.timeline.borrow().steps.clone(),
            at: self.at,
            selected: self.selected.clone(),
        }
    }

    /// How the timeline names each step, oldest first.
    pub fn step_names(&self) -> Vec<String> {
        self.timeline.borrow().steps.iter().map(crate::timeline::describe).collect()
    }

    /// The revision files and every other file of the project as they are now (edits
    /// included): what an export writes.
    pub fn current_files(&self) -> Vec<(String, String)> {
        let mut files = self.project.other_files();
        if let Some(session) = &self.session {
            files.extend(session.borrow().files().iter().cloned());
        }
        files
    }

    /// Runs the default bundled project's migrations up and down on a database of its own, so
    /// the browser has compiled the engine's code before the user's first click (Chromium
    /// compiles wasm functions on their first call: a fresh page's first `upgrade` took
    /// ~100 ms). Never the open project's: nothing a link or an import carries runs before
    /// the user acts (a hostile link would otherwise run on every visit).
    pub fn warm_up(&self) {
        let Some(bundled) = crate::scenarios::find_or_default(self.catalogue, crate::scenarios::DEFAULT) else { return };
        let Ok(mut session) = Session::open(&crate::project::Project::bundled(bundled)) else { return };
        session.run_line("upgrade heads");
        session.run_line("downgrade base");
    }

    /// The live database as a SQLite file to download: as Alembic would have left it, with
    /// the playground's applied record only `with_record` (see `Session::database_download`).
    pub fn database_file(&self, with_record: bool) -> Result<Vec<u8>, String> {
        let session = self.session.as_ref().ok_or("no database is open")?;
        let bytes = session.borrow_mut().database_download(with_record).map_err(|e| e.to_string());
        bytes
    }

    /// The project as a zip of a real Alembic project, and what the export changed in it.
    pub fn export(&self) -> Result<crate::export::Export, String> {
        crate::export::project_zip(&self.project.name, &self.current_files())
    }

    pub fn project(&self) -> Rc<crate::project::Project> {
        self.project.clone()
    }
}

fn restored_note(restored: &[Loss]) -> String {
    let list: Vec<String> =
        restored.iter().map(|l| l.describe().replace(" is dropped", " is back").replace(" is deleted", " is back")).collect();
    format!(
        "Restored from the snapshot: {}. Real Alembic could not do this: once a migration has dropped data, \
         downgrading or upgrading again does not bring it back; only a backup of the database does.",
        list.join("; ")
    )
}
