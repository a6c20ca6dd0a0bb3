//! The panels, one job per file; each is a function of the workspace handle and dispatches actions.

mod action_buttons;
mod add_revision;
mod app;
mod confirm;
mod console;
mod editor;
mod environment;
mod revision_details;
mod revision_graph;
mod scenario_picker;
mod schema_panel;
mod share_panel;
mod sql_box;
mod sql_log;
mod sql_preview;
mod timeline;
mod verify;
mod warnings;

pub use app::{App, WorkspaceHandle};

/// The first `selector` inside the element an event came from (a form, a button's panel):
/// uncontrolled inputs are read when used, so these panels need no component state.
pub(crate) fn find<T: web_sys::wasm_bindgen::JsCast>(from: web_sys::Element, closest: &str, selector: &str) -> Option<T> {
    use web_sys::wasm_bindgen::JsCast;
    let root = from.closest(closest).ok().flatten()?;
    root.query_selector(selector).ok().flatten().map(JsCast::unchecked_into)
}
