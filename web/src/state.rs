//! The page's state: the application layer's workspace, reduced by Yew. The workspace does
//! the work (`playground::state`); this wrapper only tells Yew when nothing changed.

use std::ops::Deref;
use std::rc::Rc;

use yew::Reducible;

pub use playground::state::{Action, Loaded, Workspace, MAX_LINK};

#[derive(Clone, PartialEq)]
pub struct Page(pub Workspace);

impl Deref for Page {
    type Target = Workspace;

    fn deref(&self) -> &Workspace {
        &self.0
    }
}

impl Reducible for Page {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        if self.unchanged_by(&action) {
            // The same state: Yew does not render again.
            return self;
        }
        Rc::new(Page(Rc::unwrap_or_clone(self).0.apply(action)))
    }
}

/// Actions stamped with the page's clock (and a fresh id where they write a revision) at the
/// moment the user acts: the workspace itself reads no clock.
pub mod act {
    use super::Action;
    use crate::clock;

    pub fn run(line: String) -> Action {
        Action::Run { line, at_ms: clock::now_ms() }
    }

    pub fn run_lines(lines: Vec<String>) -> Action {
        Action::RunLines { lines, at_ms: clock::now_ms() }
    }

    pub fn confirm(typed: String) -> Action {
        Action::Confirm { typed, at_ms: clock::now_ms() }
    }

    pub fn add_revision(message: String) -> Action {
        Action::AddRevision { message, id: clock::new_revision_id(), at_ms: clock::now_ms() }
    }

    pub fn follow_up(revision: String) -> Action {
        Action::FollowUp { revision, id: clock::new_revision_id(), at_ms: clock::now_ms() }
    }
}
