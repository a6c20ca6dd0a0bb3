//! Revision scripts and the directory that holds them (Alembic's `alembic.script`).

mod directory;
mod revision_file;

pub use directory::{LoadError, ScriptDirectory, ScriptSource};
pub use revision_file::{is_revision_file_name, load_script, Script, ScriptError};
