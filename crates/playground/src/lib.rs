//! The playground's application layer: what the page does that is not the DOM — the
//! workspace and its reducer, the console session, rehearsal, guards, time travel, the
//! formats it reads and writes, and the checks. Plain Rust, tested natively; the page
//! (`web/`) draws it and the CLI uses it. The reducer is pure: the time, fresh ids and the
//! bundled projects come in as values.

pub mod check;
pub mod editor;
pub mod explain;
pub mod export;
pub mod graph;
pub mod guard;
pub mod import;
pub mod ini_edit;
pub mod inspect;
pub mod lessons;
pub mod markdown;
pub mod new_revision;
pub mod next_upgrade;
pub mod persist;
pub mod preview;
pub mod project;
pub mod rehearse;
pub mod safety;
pub mod scenarios;
pub mod session;
pub mod sql_log;
pub mod state;
pub mod timeline;
pub mod verify;
