//! The panels, one job per file; each reads the workspace from context and dispatches actions.

mod action_buttons;
mod app;
mod console;
mod revision_details;
mod revision_graph;
mod scenario_picker;
mod schema_panel;
mod sql_box;
mod sql_log;

pub use app::{App, WorkspaceHandle};

/// The workspace from the `App`'s context provider.
#[yew::hook]
pub(crate) fn use_workspace() -> WorkspaceHandle {
    yew::use_context::<WorkspaceHandle>().expect("components are rendered inside App")
}
