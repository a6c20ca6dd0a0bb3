//! Reflection round trip: a table Alembic created, read back from its
//! sqlite_master text and PRAGMA rows, recompiles to the same CREATE TABLE.

use sqlschema::reflect::{reflect_table, ForeignKeyRow, IndexListRow, TableInfoRow};
use sqlschema::{ddl, Constraint};

fn info(name: &str, type_: &str, notnull: bool, dflt: Option<&str>, pk: i64) -> TableInfoRow {
    TableInfoRow { name: name.into(), type_: type_.into(), notnull, dflt_value: dflt.map(Into::into), pk }
}

#[test]
fn reflected_sessions_recompiles_identically() {
    let sql = "CREATE TABLE sessions (\n\tid INTEGER NOT NULL, \n\taccount_id INTEGER NOT NULL, \n\ttoken VARCHAR(64) DEFAULT 'x' NOT NULL, \n\tPRIMARY KEY (id), \n\tFOREIGN KEY(account_id) REFERENCES accounts (id) ON DELETE CASCADE, \n\tCONSTRAINT uq_token UNIQUE (token)\n)";
    let cols = [
        info("id", "INTEGER", true, None, 1),
        info("account_id", "INTEGER", true, None, 0),
        info("token", "VARCHAR(64)", true, Some("'x'"), 0),
    ];
    let fks = [ForeignKeyRow {
        id: 0,
        seq: 0,
        table: "accounts".into(),
        from: "account_id".into(),
        to: Some("id".into()),
        on_update: "NO ACTION".into(),
        on_delete: "CASCADE".into(),
    }];
    let ix = [
        IndexListRow {
            name: "sqlite_autoindex_sessions_1".into(),
            unique: true,
            origin: "u".into(),
            columns: vec![Some("token".into())],
            sql: None,
        },
        IndexListRow {
            name: "ix_tok".into(),
            unique: false,
            origin: "c".into(),
            columns: vec![Some("token".into())],
            sql: Some("CREATE INDEX ix_tok ON sessions (token) WHERE token <> ''".into()),
        },
    ];
    let t = reflect_table("sessions", sql, &cols, &ix, &fks);
    assert_eq!(ddl::create_table(&t).unwrap(), sql);
    assert!(matches!(&t.constraints[0], Constraint::PrimaryKey(p) if p.columns == ["id"]));
    assert_eq!(t.indexes.len(), 1);
    assert_eq!(ddl::create_index(&t.indexes[0]), "CREATE INDEX ix_tok ON sessions (token) WHERE token <> ''");
}

#[test]
fn reflected_types_normalise_like_sqlalchemy() {
    use sqlschema::reflect::reflect_type;
    assert_eq!(reflect_type("varchar(200)").compile(), "VARCHAR(200)");
    assert_eq!(reflect_type("NUMERIC(10,2)").compile(), "NUMERIC(10, 2)");
    assert_eq!(reflect_type("int").compile(), "INTEGER");
    assert_eq!(reflect_type("WIDGET").compile(), "WIDGET");
}

/// `test_data/inspect_types.json`: each declared type as real SQLAlchemy's Inspector reports it.
#[test]
fn inspected_types_match_sqlalchemy() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/test_data/inspect_types.json")).unwrap();
    let cases: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut wrong = Vec::new();
    for c in cases.as_array().unwrap() {
        let got = sqlschema::reflect::inspect_type(c["declared"].as_str().unwrap());
        if got.repr != c["repr"].as_str().unwrap() || got.text != c["str"].as_str().unwrap() {
            wrong.push(format!("{}: {got:?} vs {} / {}", c["declared"], c["repr"], c["str"]));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
