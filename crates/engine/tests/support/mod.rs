//! What the engine's integration tests share: a database file the engine connects to when a
//! command first needs it, as the CLI's connector does.
// Each test binary uses part of it.
#![allow(dead_code)]

use engine::database::{Connector, Database, DatabaseError};

pub struct FileDb {
    path: std::path::PathBuf,
    /// The SQLite instructions each statement may take (`Database::statement_budget`).
    budget: Option<u64>,
    db: Option<Database>,
}

impl FileDb {
    pub fn new(path: &std::path::Path) -> FileDb {
        FileDb { path: path.to_path_buf(), budget: None, db: None }
    }

    pub fn with_statement_budget(path: &std::path::Path, budget: u64) -> FileDb {
        FileDb { budget: Some(budget), ..FileDb::new(path) }
    }
}

impl FileDb {
    /// The database once a command has connected.
    pub fn database(&self) -> Option<&Database> {
        self.db.as_ref()
    }
}

impl Connector for FileDb {
    fn connect(&mut self) -> Result<&mut Database, DatabaseError> {
        if self.db.is_none() {
            let conn = rusqlite::Connection::open(&self.path).map_err(|_| DatabaseError::Open { path: self.path.display().to_string() })?;
            let mut db = Database::new(conn, "sqlite:///test.db", "alembic_version");
            if let Some(budget) = self.budget {
                db.statement_budget = budget;
            }
            self.db = Some(db);
        }
        Ok(self.db.as_mut().unwrap())
    }
}
