//! Keeping the workspace across reloads and closed tabs, and starting the page: from the
//! link in the URL, else the workspace this tab had, else the one saved last, else the blog.
//! Each workspace has its own record (`persist`); a tab remembers which one is its own in
//! session storage (which survives a reload but not a closed tab), and `last` names the
//! one saved most recently (what a new tab reopens).

use share::Limits;

use crate::scenarios::{self, SCENARIOS};
use crate::state::{Loaded, Workspace};
use crate::{browser, clock};
use playground::persist::{self, SaveDecision, Stamp};

const PREFIX: &str = "alembic-playground:workspace:";
const LAST: &str = "alembic-playground:last";
const THIS_TAB: &str = "alembic-playground:tab-workspace";
/// Set while the page opens a link or a saved workspace (replaying its steps), removed once
/// the page has painted (`opened`). Found at the start of a visit, it means the last opening
/// never finished — it hung or crashed the tab — so the page opens safely instead of doing it
/// again on every visit.
const OPENING: &str = "alembic-playground:opening";
/// Workspaces kept in the browser; older ones are dropped when a new one is saved.
const KEEP: usize = 8;

/// How saving goes, as the page shows it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SaveStatus {
    /// Why the workspace is not being saved (storage refused); it lives on in memory.
    pub error: Option<String>,
    /// Another tab saved this workspace since this tab did: nothing is written until the
    /// user picks one.
    pub conflict: Option<Stamp>,
}

pub struct Saver {
    tab: String,
    workspace: String,
    last_seen: Option<Stamp>,
    /// The page shows exactly what storage holds (just loaded from it): the next save would
    /// only stamp the record as this tab's and make the other tab's next save a conflict.
    unchanged: bool,
    pub status: SaveStatus,
}

/// The workspace to start with (its `notice` says what could not be opened) and its saver.
pub fn boot() -> (Workspace, Saver) {
    let mut saver = Saver {
        tab: clock::new_revision_id(),
        workspace: clock::new_revision_id(),
        last_seen: None,
        unchanged: false,
        status: SaveStatus::default(),
    };
    let mut notice = None;
    if let Ok(Some(what)) = browser::get(false, OPENING) {
        // Safe mode: the default project, nothing replayed. The saved workspaces stay in
        // storage; the link leaves the address bar, so a reload does not open it again.
        let _ = browser::remove(false, OPENING);
        let _ = browser::replace_hash("");
        let mut ws = Workspace::open(SCENARIOS, scenarios::DEFAULT);
        let retry = if what == "a shared link" { "To try again, open the link again." } else { "It stays stored in this browser." };
        ws.notice = Some(format!(
            "The page did not finish opening {what} last time (it may have hung or crashed the tab), so it was not opened again. \
             The blog is shown instead. {retry}"
        ));
        return (ws, saver);
    }
    let hash = browser::hash();
    let fragment = hash.trim_start_matches('#');
    if !fragment.is_empty() {
        match share::from_link(fragment, &Limits::LINK) {
            Ok(s) => {
                opening("a shared link");
                return (Workspace::replay(SCENARIOS, Loaded::from_scenario(s)), saver);
            }
            Err(e) => notice = Some(format!("This link could not be opened: {e}. The saved workspace is shown instead.")),
        }
    }
    let own = browser::get(true, THIS_TAB).ok().flatten();
    let last = browser::get(false, LAST).ok().flatten();
    for id in own.into_iter().chain(last) {
        match browser::get(false, &format!("{PREFIX}{id}")) {
            Ok(Some(text)) => match persist::decode(&text) {
                Ok(record) => {
                    saver.workspace = id;
                    saver.last_seen = Some(record.stamp);
                    saver.unchanged = true;
                    opening("the saved workspace");
                    let mut ws = Workspace::replay(SCENARIOS, record.loaded);
                    ws.notice = notice;
                    return (ws, saver);
                }
                Err(e) => notice = Some(e),
            },
            Ok(None) => {}
            Err(e) => saver.status.error = Some(e),
        }
    }
    let mut ws = Workspace::open(SCENARIOS, scenarios::DEFAULT);
    ws.notice = notice;
    (ws, saver)
}

impl Saver {
    /// Saves `ws` unless another tab saved this workspace since this tab last did.
    pub fn save(&mut self, ws: &Workspace) {
        if self.status.conflict.is_some() || std::mem::take(&mut self.unchanged) {
            return;
        }
        let key = format!("{PREFIX}{}", self.workspace);
        let stored = match browser::get(false, &key) {
            Ok(text) => text.as_deref().and_then(persist::stamp),
            Err(e) => return self.failed(e),
        };
        match persist::decide(self.last_seen.as_ref(), stored.as_ref()) {
            SaveDecision::Conflict(theirs) => self.status.conflict = Some(theirs),
            SaveDecision::Write(seq) => {
                let stamp = Stamp { tab: self.tab.clone(), seq, saved_ms: clock::now_ms() };
                let text = persist::encode(&ws.saved(), &stamp);
                if let Err(e) = browser::set(false, &key, &text) {
                    return self.failed(e);
                }
                self.last_seen = Some(stamp);
                self.status.error = None;
                let _ = browser::set(false, LAST, &self.workspace);
                let _ = browser::set(true, THIS_TAB, &self.workspace);
                prune();
            }
        }
    }

    fn failed(&mut self, e: String) {
        self.status.error = Some(format!("Your work is not being saved in this browser ({e}); it continues in memory"));
    }

    /// The other tab's version of this workspace, adopted (the user chose it).
    pub fn take_theirs(&mut self) -> Option<Loaded> {
        let text = browser::get(false, &format!("{PREFIX}{}", self.workspace)).ok().flatten()?;
        let record = persist::decode(&text).ok()?;
        self.last_seen = Some(record.stamp);
        self.status.conflict = None;
        self.unchanged = true;
        Some(record.loaded)
    }

    /// Keeps this tab's version: the next save writes over the other tab's.
    pub fn keep_mine(&mut self) {
        self.last_seen = self.status.conflict.take();
    }
}

/// The page starts opening `what` (replaying its steps): until `opened`, a visit that finds
/// this opens safely.
pub fn opening(what: &str) {
    let _ = browser::set(false, OPENING, what);
}

/// The page has painted what it opened: the opening finished.
pub fn opened() {
    let _ = browser::remove(false, OPENING);
}

/// Drops the oldest saved workspaces beyond `KEEP`.
fn prune() {
    let Ok(keys) = browser::keys(false) else { return };
    if keys.iter().filter(|k| k.starts_with(PREFIX)).count() <= KEEP {
        return;
    }
    let mut saved: Vec<(i64, String)> = keys
        .into_iter()
        .filter(|k| k.starts_with(PREFIX))
        .filter_map(|k| {
            let text = browser::get(false, &k).ok().flatten()?;
            Some((persist::stamp(&text)?.saved_ms, k))
        })
        .collect();
    sorting::sort(&mut saved);
    let excess = saved.len().saturating_sub(KEEP);
    for (_, key) in saved.into_iter().take(excess) {
        let _ = browser::remove(false, &key);
    }
}
