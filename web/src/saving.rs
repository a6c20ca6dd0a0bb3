//! Keeping the workspaces across reloads and closed tabs, and starting the page: from the
//! link in the URL, else the workspace this tab had, else the one saved last, else the blog;
//! every other saved workspace goes on the shelf (the picker), read but not replayed until
//! it is opened. Each workspace has its own record (`persist`), under a key this module
//! gives it (shelf ids are per visit); a tab remembers which one is its own in session
//! storage (which survives a reload but not a closed tab), and `last` names the one saved
//! most recently (what a new tab reopens). A record leaves storage only when its workspace
//! is removed from the shelf; when storage is full the page says so and keeps working in
//! memory (Chromium gives an origin about 5 MB: a few hundred blog-sized workspaces).

use share::Limits;

use crate::scenarios::{self, SCENARIOS};
use crate::state::{Loaded, Workspace};
use crate::{browser, clock};
use playground::persist::{self, SaveDecision, Stamp};
use playground::state::{Entry, Origin, Shelf, Version};

const PREFIX: &str = "alembic-playground:workspace:";
const LAST: &str = "alembic-playground:last";
const THIS_TAB: &str = "alembic-playground:tab-workspace";
/// Set while the page opens a link or a saved workspace (replaying its steps), removed once
/// the page has painted (`opened`). Found at the start of a visit, it means the last opening
/// never finished — it hung or crashed the tab — so the page opens safely instead of doing it
/// again on every visit.
const OPENING: &str = "alembic-playground:opening";

/// How saving goes, as the page shows it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SaveStatus {
    /// Why the workspace is not being saved (storage refused); it lives on in memory.
    pub error: Option<String>,
    /// Another tab saved this workspace since this tab did: nothing is written until the
    /// user picks one.
    pub conflict: Option<Stamp>,
}

/// A shelf workspace's record in storage.
struct Stored {
    key: String,
    /// The stamp this tab last read or wrote there.
    last_seen: Option<Stamp>,
    /// The workspace's version when it was last written (or read).
    written: Option<Version>,
}

pub struct Saver {
    tab: String,
    /// By shelf id. A shelf workspace without a record is written at the next save; a record
    /// whose workspace left the shelf is removed.
    records: Vec<(u64, Stored)>,
    /// The shelf id `LAST` and this tab's pointer name now.
    pointed: Option<u64>,
    /// The open workspace shows exactly what storage holds (another tab's version, just
    /// adopted): the next save would only stamp it as this tab's.
    adopted: bool,
    pub status: SaveStatus,
}

/// The workspace to start with (its `notice` says what could not be opened) and its saver.
pub fn boot() -> (Workspace, Saver) {
    let mut saver =
        Saver { tab: clock::new_revision_id(), records: Vec::new(), pointed: None, adopted: false, status: SaveStatus::default() };
    let mut notice = None;
    let mut saved = saver.read_all(&mut notice);
    let own = browser::get(true, THIS_TAB).ok().flatten();
    let last = browser::get(false, LAST).ok().flatten();
    if let Ok(Some(what)) = browser::get(false, OPENING) {
        // Safe mode: the default project, nothing replayed. The saved workspaces stay on the
        // shelf; the link leaves the address bar, so a reload does not open it again.
        let _ = browser::remove(false, OPENING);
        let _ = browser::replace_hash("");
        let mut ws = Workspace::open(SCENARIOS, scenarios::DEFAULT);
        let retry = if what == "a shared link" { "To try again, open the link again." } else { "It stays in the workspace list." };
        ws.notice = Some(format!(
            "The page did not finish opening {what} last time (it may have hung or crashed the tab), so it was not opened again. \
             The blog is shown instead. {retry}"
        ));
        return saver.shelve(ws, None, saved);
    }
    let hash = browser::hash();
    let fragment = hash.trim_start_matches('#');
    if !fragment.is_empty() {
        match share::from_link(fragment, &Limits::LINK) {
            Ok(s) => {
                opening("a shared link");
                let name = s.name.clone();
                let ws = Workspace::replay(SCENARIOS, Loaded::from_scenario(s));
                *ws.shelf.borrow_mut() = Shelf::single(&name, Origin::Link);
                return saver.shelve(ws, None, saved);
            }
            Err(e) => notice = Some(format!("This link could not be opened: {e}. The saved workspace is shown instead.")),
        }
    }
    for key in own.into_iter().chain(last) {
        if let Some(i) = saved.iter().position(|(k, _)| *k == key) {
            let (key, record) = saved.remove(i);
            opening("the saved workspace");
            let mut ws = Workspace::replay(SCENARIOS, record.loaded);
            *ws.shelf.borrow_mut() = Shelf::single(&record.name, record.origin);
            ws.notice = notice;
            let open = Stored { key, last_seen: Some(record.stamp), written: Some(ws.version()) };
            return saver.shelve(ws, Some(open), saved);
        }
    }
    let mut ws = Workspace::open(SCENARIOS, scenarios::DEFAULT);
    ws.notice = notice;
    saver.shelve(ws, None, saved)
}

impl Saver {
    /// Every saved workspace (key without the prefix, record), oldest first; what cannot be
    /// read is said in `notice` and left in storage.
    fn read_all(&mut self, notice: &mut Option<String>) -> Vec<(String, persist::Record)> {
        let keys = match browser::keys(false) {
            Ok(keys) => keys,
            Err(e) => {
                self.status.error = Some(e);
                return Vec::new();
            }
        };
        let mut saved: Vec<(String, persist::Record)> = keys
            .iter()
            .filter_map(|k| Some((k, k.strip_prefix(PREFIX)?)))
            .filter_map(|(k, id)| match persist::decode(&browser::get(false, k).ok().flatten()?) {
                Ok(record) => Some((id.to_string(), record)),
                Err(e) => {
                    *notice = Some(format!("A saved workspace could not be read ({e}); it is left in storage."));
                    None
                }
            })
            .collect();
        // Oldest first, by selection: a few workspaces, and no sort's code in the page.
        let mut oldest_first = Vec::with_capacity(saved.len());
        while let Some(i) = (0..saved.len()).min_by_key(|&i| saved[i].1.stamp.saved_ms) {
            oldest_first.push(saved.swap_remove(i));
        }
        oldest_first
    }

    /// Puts the saved workspaces on `ws`'s shelf, each with its record.
    fn shelve(mut self, ws: Workspace, open: Option<Stored>, saved: Vec<(String, persist::Record)>) -> (Workspace, Saver) {
        let mut shelf = ws.shelf.borrow_mut();
        if let Some(open) = open {
            self.records.push((shelf.current().id, open));
        }
        for (key, record) in saved {
            let id = shelf.keep_saved(&record.name, record.origin, record.loaded);
            self.records.push((id, Stored { key, last_seen: Some(record.stamp), written: None }));
        }
        drop(shelf);
        (ws, self)
    }

    /// Saves what changed: the open workspace unless another tab saved it since this tab
    /// last did, the shelved ones left since their last save, and removes the records of
    /// workspaces removed from the shelf.
    pub fn save(&mut self, ws: &Workspace) {
        if self.status.conflict.is_some() {
            return;
        }
        let shelf = ws.shelf.borrow();
        self.records.retain(|(id, stored)| {
            let kept = shelf.entries().iter().any(|e| e.id == *id);
            if !kept {
                let _ = browser::remove(false, &format!("{PREFIX}{}", stored.key));
            }
            kept
        });
        for entry in shelf.entries() {
            let open = entry.id == shelf.current().id;
            let version = if open { Some(ws.version()) } else { shelf.version(entry.id) };
            if open && std::mem::take(&mut self.adopted) {
                if let Some(stored) = self.stored(entry.id) {
                    stored.written = version;
                    continue;
                }
            }
            if let Some(stored) = self.stored(entry.id) {
                if version.is_none() || stored.written == version {
                    continue;
                }
            }
            let Some(loaded) = (if open { Some(ws.saved()) } else { shelf.saved(entry.id) }) else { continue };
            if let Err(e) = self.write(entry, &loaded, version, open) {
                return self.failed(e);
            }
        }
        // This tab's workspace (a reload reopens it) and the one a new tab opens.
        let open = shelf.current().id;
        if self.pointed != Some(open) {
            if let Some(stored) = self.stored(open) {
                let _ = browser::set(false, LAST, &stored.key);
                let _ = browser::set(true, THIS_TAB, &stored.key);
                self.pointed = Some(open);
            }
        }
        if self.status.conflict.is_none() {
            self.status.error = None;
        }
    }

    /// Writes one workspace's record (a conflict only stops the open one).
    fn write(&mut self, entry: &Entry, loaded: &Loaded, version: Option<Version>, open: bool) -> Result<(), String> {
        let i = match self.records.iter().position(|(id, _)| *id == entry.id) {
            Some(i) => i,
            None => {
                self.records.push((entry.id, Stored { key: clock::new_revision_id(), last_seen: None, written: None }));
                self.records.len() - 1
            }
        };
        let stored = &mut self.records[i].1;
        let key = format!("{PREFIX}{}", stored.key);
        let now = browser::get(false, &key)?.as_deref().and_then(persist::stamp);
        match persist::decide(stored.last_seen.as_ref(), now.as_ref()) {
            SaveDecision::Conflict(theirs) => {
                if open {
                    self.status.conflict = Some(theirs);
                }
            }
            SaveDecision::Write(seq) => {
                let stamp = Stamp { tab: self.tab.clone(), seq, saved_ms: clock::now_ms() };
                browser::set(false, &key, &persist::encode(loaded, &stamp, &entry.name, entry.origin))?;
                stored.last_seen = Some(stamp);
                stored.written = version;
                if open {
                    let _ = browser::set(false, LAST, &stored.key);
                    let _ = browser::set(true, THIS_TAB, &stored.key);
                    self.pointed = Some(entry.id);
                }
            }
        }
        Ok(())
    }

    fn stored(&mut self, id: u64) -> Option<&mut Stored> {
        self.records.iter_mut().find(|(i, _)| *i == id).map(|(_, s)| s)
    }

    fn failed(&mut self, e: String) {
        self.status.error = Some(format!(
            "Your work is not being saved in this browser ({e}); it continues in memory. \
             If the browser's storage is full, removing workspaces you no longer need makes room."
        ));
    }

    /// The other tab's version of the open workspace, adopted (the user chose it); `ws` is
    /// the page's, for the shelf id.
    pub fn take_theirs(&mut self, ws: &Workspace) -> Option<Loaded> {
        let stored = self.stored(ws.shelf.borrow().current().id)?;
        let text = browser::get(false, &format!("{PREFIX}{}", stored.key)).ok().flatten()?;
        let record = persist::decode(&text).ok()?;
        stored.last_seen = Some(record.stamp);
        self.status.conflict = None;
        self.adopted = true;
        Some(record.loaded)
    }

    /// Keeps this tab's version: the next save writes over the other tab's.
    pub fn keep_mine(&mut self, ws: &Workspace) {
        let theirs = self.status.conflict.take();
        if let Some(stored) = self.stored(ws.shelf.borrow().current().id) {
            stored.last_seen = theirs;
            stored.written = None;
        }
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
