//! The workspaces the picker lists: every project opened here (bundled scenarios, imports,
//! links), each kept as it was left. The open one is the `Workspace` itself; the others wait
//! on the shelf, live (left during this visit: going back is instant and exact) or saved
//! (read from the browser's storage: replayed when opened). Nothing leaves the shelf but by
//! `Remove`, which `UndoRemove` takes back until the next removal.

use std::cell::RefCell;
use std::rc::Rc;

use super::{Loaded, Workspace};

/// Where a workspace came from: a bundled scenario is opened again by its name, the others
/// are only reachable on the shelf.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    Bundled,
    Imported,
    Link,
}

impl Origin {
    /// The word a saved record keeps.
    pub fn word(self) -> &'static str {
        match self {
            Origin::Bundled => "bundled",
            Origin::Imported => "imported",
            Origin::Link => "link",
        }
    }

    pub fn from_word(word: &str) -> Option<Origin> {
        [Origin::Bundled, Origin::Imported, Origin::Link].into_iter().find(|o| o.word() == word)
    }
}

/// A workspace that is not open.
enum Kept {
    Live(Box<Workspace>),
    Saved(Box<Loaded>),
}

pub struct Entry {
    /// Unique on this shelf (never reused), not across tabs: the page maps it to storage.
    pub id: u64,
    /// The project's own name (an import's folder or file, a link's project).
    pub name: String,
    pub origin: Origin,
    /// `None` for the open workspace.
    kept: Option<Kept>,
}

impl Entry {
    /// How the picker names it: the project's name, and where it came from unless bundled.
    pub fn label(&self) -> String {
        match self.origin {
            Origin::Bundled => self.name.clone(),
            Origin::Imported => format!("{} (imported)", self.name),
            Origin::Link => format!("{} (shared link)", self.name),
        }
    }
}

/// Shared by identity, as the session and the timeline are (a switch changes it in place:
/// nothing on it is ever copied); `Workspace::shelf_changes` says when it changed.
#[derive(Default)]
pub struct Shelf {
    entries: Vec<Entry>,
    current: u64,
    next: u64,
    /// The last removed workspace and where it stood, until `UndoRemove` or the next removal.
    removed: Option<(usize, Entry)>,
}

impl Shelf {
    /// A shelf holding only the open workspace.
    pub fn single(name: &str, origin: Origin) -> Shelf {
        Shelf { entries: vec![Entry { id: 0, name: name.into(), origin, kept: None }], current: 0, next: 1, removed: None }
    }

    /// Puts a saved workspace on the shelf (the page's storage, at boot); returns its id.
    pub fn keep_saved(&mut self, name: &str, origin: Origin, loaded: Loaded) -> u64 {
        self.push(Entry { id: 0, name: name.into(), origin, kept: Some(Kept::Saved(Box::new(loaded))) })
    }

    fn push(&mut self, mut entry: Entry) -> u64 {
        entry.id = self.next;
        self.next += 1;
        self.entries.push(entry);
        self.next - 1
    }

    /// Every workspace, the open one included, in the order they were opened.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn current(&self) -> &Entry {
        self.entries.iter().find(|e| e.id == self.current).unwrap_or(&self.entries[0])
    }

    /// The last removed workspace, while it can still be brought back.
    pub fn removed(&self) -> Option<&Entry> {
        self.removed.as_ref().map(|(_, e)| e)
    }

    /// What storage should hold for a workspace that is not open (`None` for the open one:
    /// the page saves `Workspace::saved`).
    pub fn saved(&self, id: u64) -> Option<Loaded> {
        match &self.entries.iter().find(|e| e.id == id)?.kept {
            Some(Kept::Live(ws)) => Some(ws.saved()),
            Some(Kept::Saved(loaded)) => Some((**loaded).clone()),
            None => None,
        }
    }

    /// Changes whenever what `saved(id)` returns does (the page writes only what changed).
    pub fn version(&self, id: u64) -> Option<Version> {
        match &self.entries.iter().find(|e| e.id == id)?.kept {
            Some(Kept::Live(ws)) => Some(ws.version()),
            _ => None,
        }
    }

    /// The bundled scenario `name` on the shelf, if it has been opened.
    fn bundled(&self, name: &str) -> Option<u64> {
        self.entries.iter().find(|e| e.origin == Origin::Bundled && e.name == name).map(|e| e.id)
    }
}

/// What identifies a workspace's saved state: a step, a travel, an edit, a selection, the
/// project changes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    project: usize,
    timeline: usize,
    at: usize,
    steps: usize,
    revision_files: u64,
    selected: Option<String>,
}

impl Workspace {
    /// Changes whenever `saved()` does.
    pub fn version(&self) -> Version {
        Version {
            project: Rc::as_ptr(&self.project) as usize,
            timeline: Rc::as_ptr(&self.timeline) as usize,
            at: self.at,
            steps: self.steps,
            revision_files: self.revision_files,
            selected: self.selected.clone(),
        }
    }

    /// The bundled scenario `name`: as it was left if it was opened before, else fresh.
    pub(super) fn open_bundled(self, name: &str) -> Workspace {
        let opened = self.shelf.borrow().bundled(name);
        if let Some(id) = opened {
            return self.switch(id);
        }
        let fresh = Workspace::open(self.catalogue, name);
        let name = fresh.project.name.clone();
        self.add(&name, Origin::Bundled, fresh)
    }

    /// Shelves this workspace and opens `opened` as a new one.
    // Not inlined here and there: the page's size (each copy is a few hundred bytes).
    #[inline(never)]
    pub(super) fn add(self, name: &str, origin: Origin, mut opened: Workspace) -> Workspace {
        let shelf = self.shelve();
        {
            let mut s = shelf.borrow_mut();
            let id = s.push(Entry { id: 0, name: name.into(), origin, kept: None });
            s.current = id;
        }
        opened.shelf = shelf;
        opened
    }

    /// Shelves this workspace and opens the one `id` as it was left.
    #[inline(never)]
    pub(super) fn switch(self, id: u64) -> Workspace {
        let known = {
            let s = self.shelf.borrow();
            s.current != id && s.entries.iter().any(|e| e.id == id)
        };
        if !known {
            return self;
        }
        let catalogue = self.catalogue;
        let shelf = self.shelve();
        let (kept, name) = {
            let mut s = shelf.borrow_mut();
            s.current = id;
            let target = s.entries.iter_mut().find(|e| e.id == id).expect("checked above");
            (target.kept.take(), target.name.clone())
        };
        let mut opened = match kept {
            Some(Kept::Live(ws)) => *ws,
            Some(Kept::Saved(loaded)) => Workspace::replay(catalogue, *loaded),
            None => Workspace::open(catalogue, &name),
        };
        opened.shelf = shelf;
        opened
    }

    /// Puts this workspace on its shelf, kept live, and returns the shelf. The workspace on
    /// the shelf holds an empty one of its own (no cycle through the shared shelf).
    fn shelve(mut self) -> Rc<RefCell<Shelf>> {
        let shelf = std::mem::take(&mut self.shelf);
        self.pending = None;
        let mut s = shelf.borrow_mut();
        let current = s.current;
        if let Some(entry) = s.entries.iter_mut().find(|e| e.id == current) {
            entry.kept = Some(Kept::Live(Box::new(self)));
        }
        drop(s);
        shelf
    }

    /// Removes the workspace `id` from the shelf (the open one: its neighbour opens, or the
    /// default scenario when it was the last); `UndoRemove` brings it back.
    pub(super) fn remove(self, id: u64) -> Workspace {
        let found = {
            let s = self.shelf.borrow();
            s.entries.iter().position(|e| e.id == id).map(|index| {
                let neighbour = s.entries.get(index + 1).or(index.checked_sub(1).and_then(|i| s.entries.get(i))).map(|e| e.id);
                (s.current, index, neighbour)
            })
        };
        let Some((current, index, neighbour)) = found else { return self };
        let mut ws = match (id == current, neighbour) {
            (false, _) => self,
            (true, Some(other)) => self.switch(other),
            // A fresh default under a new id: the removed one can still come back.
            (true, None) => {
                let fresh = Workspace::open(self.catalogue, crate::scenarios::DEFAULT);
                let name = fresh.project.name.clone();
                self.add(&name, Origin::Bundled, fresh)
            }
        };
        {
            let mut s = ws.shelf.borrow_mut();
            let at = s.entries.iter().position(|e| e.id == id).unwrap_or(index);
            let entry = s.entries.remove(at);
            s.removed = Some((at, entry));
        }
        ws.shelf_changes += 1;
        ws
    }

    /// Puts the last removed workspace back where it stood (not opened).
    pub(super) fn undo_remove(mut self) -> Workspace {
        {
            let mut s = self.shelf.borrow_mut();
            if let Some((index, entry)) = s.removed.take() {
                let index = index.min(s.entries.len());
                s.entries.insert(index, entry);
            }
        }
        self.shelf_changes += 1;
        self
    }

    /// Replaces the open workspace's contents (another tab's version of it), on the same shelf.
    pub(super) fn reopen(mut self, loaded: Loaded) -> Workspace {
        let mut ws = Workspace::replay(self.catalogue, loaded);
        ws.shelf = std::mem::take(&mut self.shelf);
        ws
    }
}
