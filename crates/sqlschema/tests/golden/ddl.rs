//! Rust models of the CREATE TABLE / type / constraint / default cases.

use sqlschema::ddl::create_table_statements;
use sqlschema::*;

pub const IDS: &[&str] = &[
    "type_integer",
    "type_biginteger",
    "type_smallinteger",
    "type_string",
    "type_text_unicode",
    "type_boolean",
    "type_boolean_constraint",
    "type_datetime",
    "type_date_time",
    "type_float_double",
    "type_numeric",
    "type_binary_json_uuid",
    "type_enum",
    "type_custom",
    "create_table_posts",
    "pk_composite",
    "pk_named_constraint",
    "pk_sqlite_autoincrement",
    "without_rowid_strict",
    "no_primary_key",
    "default_string",
    "default_text",
    "default_func",
    "default_true_false_literal",
    "unique_column_and_named",
    "fk_column",
    "fk_named_options",
    "fk_constraint_composite",
    "check_constraints",
    "constraint_order",
    "index_column",
    "index_column_unique",
    "quoting",
];

fn col(name: &str, t: SqlType) -> Column {
    Column::new(name, t)
}

fn ct(t: Table) -> Option<Vec<String>> {
    Some(create_table_statements(&t).unwrap())
}

fn t(cols: Vec<Column>) -> Table {
    Table::new("t", cols)
}

fn s(v: &str) -> String {
    v.to_string()
}

fn boolean(create_constraint: bool, name: Option<&str>) -> SqlType {
    SqlType::Boolean { create_constraint, name: name.map(s) }
}

fn func(name: &str, args: Vec<ServerDefault>) -> ServerDefault {
    ServerDefault::Func { name: s(name), args }
}

fn uq(cols: &[&str], name: Option<&str>) -> Constraint {
    Constraint::Unique(UniqueConstraint { columns: cols.iter().map(|c| s(c)).collect(), name: name.map(s) })
}

fn ck(sql: &str, name: Option<&str>) -> Constraint {
    Constraint::Check(CheckConstraint { sqltext: s(sql), name: name.map(s) })
}

pub fn build(id: &str) -> Option<Vec<String>> {
    use SqlType::*;
    let int = || Integer;
    match id {
        "type_integer" => ct(t(vec![col("c", Integer)])),
        "type_biginteger" => ct(t(vec![col("c", BigInteger)])),
        "type_smallinteger" => ct(t(vec![col("c", SmallInteger)])),
        "type_string" => ct(t(vec![col("a", String(None)), col("b", String(Some(200)))])),
        "type_text_unicode" => ct(t(vec![col("a", Text), col("b", Unicode(Some(20))), col("c", UnicodeText)])),
        "type_boolean" => ct(t(vec![col("b", boolean(false, None))])),
        "type_boolean_constraint" => ct(t(vec![col("b", boolean(true, None)), col("c", boolean(true, Some("ck_c")))])),
        "type_datetime" => ct(t(vec![
            col("a", DateTime { timezone: false }),
            col("b", DateTime { timezone: true }),
            col("c", Timestamp { timezone: false }),
            col("d", Timestamp { timezone: true }),
        ])),
        "type_date_time" => ct(t(vec![col("a", Date), col("b", Time)])),
        "type_float_double" => ct(t(vec![col("a", Float { precision: None }), col("b", Float { precision: Some(10) }), col("c", Double)])),
        "type_numeric" => ct(t(vec![
            col("a", Numeric { precision: None, scale: None }),
            col("b", Numeric { precision: Some(10), scale: None }),
            col("c", Numeric { precision: Some(10), scale: Some(2) }),
        ])),
        "type_binary_json_uuid" => ct(t(vec![col("a", LargeBinary), col("b", Json), col("c", Uuid)])),
        "type_enum" => {
            let e = |vals: &[&str], name: Option<&str>, cc: bool| Enum {
                values: vals.iter().map(|v| s(v)).collect(),
                name: name.map(s),
                create_constraint: cc,
                length: None,
            };
            ct(t(vec![
                col("a", e(&["a", "bbbbb"], Some("e"), false)),
                col("b", e(&["x", "y"], None, true)),
                col("c", e(&["p", "q"], Some("ck_enum"), true)),
            ]))
        }
        "type_custom" => ct(t(vec![
            col("a", Custom(s("JSON"))),
            col("b", Custom(s("VARCHAR(30)"))),
            col("c", Custom(s("NUMERIC"))),
            col("d", Custom(s("REAL"))),
        ])),
        "create_table_posts" => ct(Table::new(
            "posts",
            vec![
                col("id", int()).primary_key(),
                col("title", String(Some(200))).nullable(false),
                col("body", Text).nullable(true),
                col("deleted_at", DateTime { timezone: false }).nullable(true),
            ],
        )),
        "pk_composite" => ct(t(vec![
            col("a", int()).primary_key(),
            col("b", String(Some(3))).primary_key(),
            col("c", int()).primary_key().nullable(true),
        ])),
        "pk_named_constraint" => ct(t(vec![col("id", int()), col("x", int()).nullable(false)])
            .with(Constraint::PrimaryKey(PrimaryKeyConstraint { columns: vec![s("id")], name: Some(s("pk_t")) }))),
        "pk_sqlite_autoincrement" => {
            let mut tb = t(vec![col("id", int()).primary_key(), col("x", int())]);
            tb.sqlite_autoincrement = true;
            ct(tb)
        }
        "without_rowid_strict" => {
            let mut tb = t(vec![col("id", int()).primary_key()]);
            tb.sqlite_with_rowid = Some(false);
            tb.sqlite_strict = true;
            ct(tb)
        }
        "no_primary_key" => ct(t(vec![col("a", int()), col("b", int()).nullable(false)])),
        "default_string" => ct(t(vec![
            col("a", boolean(false, None)).nullable(false).server_default(ServerDefault::String(s("false"))),
            col("b", String(None)).server_default(ServerDefault::String(s("it's"))),
        ])),
        "default_text" => ct(t(vec![
            col("a", int()).server_default(ServerDefault::Text(s("0"))),
            col("b", int()).server_default(ServerDefault::Text(s("now()"))),
            col("c", int()).server_default(ServerDefault::Text(s("-1"))),
            col("d", String(None)).server_default(ServerDefault::Text(s("'x'"))),
        ])),
        "default_func" => ct(t(vec![
            col("a", DateTime { timezone: false }).server_default(func("now", vec![])),
            col("b", DateTime { timezone: false }).server_default(func("current_timestamp", vec![])),
            col("c", Date).server_default(func("current_date", vec![])),
            col("d", String(None))
                .server_default(func("datetime", vec![ServerDefault::String(s("now")), ServerDefault::String(s("localtime"))])),
        ])),
        "default_true_false_literal" => ct(t(vec![
            col("a", boolean(false, None)).server_default(ServerDefault::True),
            col("b", boolean(false, None)).server_default(ServerDefault::False),
            col("c", int()).server_default(ServerDefault::LiteralColumn(s("7"))),
            col("d", Float { precision: None }).server_default(ServerDefault::LiteralColumn(s("1.5"))),
        ])),
        "unique_column_and_named" => {
            ct(t(vec![col("id", int()).primary_key(), col("u", String(Some(10))).unique(), col("v", int()), col("w", int())])
                .with(uq(&["v", "w"], Some("uq_vw")))
                .with(uq(&["w"], None)))
        }
        "fk_column" => {
            let fk = ForeignKey { ondelete: Some(s("CASCADE")), ..ForeignKey::new("accounts.id") };
            ct(Table::new(
                "sessions",
                vec![
                    col("id", int()).primary_key(),
                    col("account_id", int()).foreign_key(fk).nullable(false),
                    col("token", String(Some(64))).nullable(false),
                ],
            )
            .with(uq(&["token"], None)))
        }
        "fk_named_options" => {
            let fk = ForeignKey {
                name: Some(s("fk_a")),
                ondelete: Some(s("SET NULL")),
                onupdate: Some(s("CASCADE")),
                ..ForeignKey::new("a.id")
            };
            ct(t(vec![col("a_id", int()).foreign_key(fk), col("b_id", int()).foreign_key(ForeignKey::new("Order.select"))]))
        }
        "fk_constraint_composite" => ct(t(vec![col("x", int()), col("y", int())]).with(Constraint::ForeignKey(ForeignKeyConstraint {
            columns: vec![s("x"), s("y")],
            refcolumns: vec![s("p.a"), s("p.b")],
            name: Some(s("fk_xy")),
            deferrable: Some(true),
            initially: Some(s("DEFERRED")),
            ..Default::default()
        }))),
        "check_constraints" => {
            ct(t(vec![col("x", int()).check("x > 1"), col("y", int())]).with(ck("y < 5", Some("ck_y"))).with(ck("x <> y", None)))
        }
        "constraint_order" => ct(t(vec![
            col("f1", int()).foreign_key(ForeignKey::new("a.id")),
            col("u2", int()).unique(),
            col("b3", boolean(true, None)),
            col("fu4", int()).foreign_key(ForeignKey::new("a.id")).unique(),
            col("id", int()).primary_key(),
        ])
        .with(ck("f1 > 0", Some("ck_f1")))
        .with(uq(&["f1", "u2"], None))),
        "index_column" => ct(t(vec![col("id", int()).primary_key(), col("name", String(Some(50))).nullable(false).index()])),
        "index_column_unique" => ct(Table::new(
            "accounts",
            vec![
                col("id", int()).primary_key(),
                col("name", String(Some(50))).nullable(false).unique().index(),
                col("active", boolean(false, None)).nullable(false).server_default(ServerDefault::True),
            ],
        )),
        "quoting" => ct(Table::new(
            "Order",
            vec![
                col("select", int()).primary_key(),
                col("Name", String(None)),
                col("1abc", int()),
                col("with space", int()),
                col("a$b", int()),
                col("_x", int()).index(),
            ],
        )),
        _ => None,
    }
}
