//! Rust models of the Alembic operation cases: indexes, ALTERs, bulk inserts,
//! the version table and batch recreation.

use sqlschema::alter::{self, AddColumnOptions, AlterColumn};
use sqlschema::batch::{self, Transfer};
use sqlschema::{ddl, dml, *};

pub const IDS: &[&str] = &[
    "create_index",
    "create_index_quoted_expr_where",
    "drop_index",
    "drop_table",
    "rename_table",
    "add_column_bool_default",
    "add_column_plain",
    "add_column_expr_default_check",
    "add_column_func_default",
    "add_column_inline_references",
    "add_column_inline_pk",
    "add_column_index",
    "drop_column",
    "rename_column",
    "alter_nullable",
    "alter_default",
    "alter_type",
    "alter_combined",
    "bulk_insert_basic",
    "bulk_insert_types",
    "bulk_insert_strings",
    "version_table",
    "batch_drop_column",
    "batch_rename_retype",
];

fn s(v: &str) -> String {
    v.to_string()
}

fn add(table: &str, c: Column, opts: AddColumnOptions) -> Option<Vec<String>> {
    Some(vec![alter::add_column(table, &c, opts).unwrap()])
}

fn row(vals: &[(&str, Value)]) -> Vec<(String, Value)> {
    vals.iter().map(|(k, v)| (s(k), v.clone())).collect()
}

fn inserts(t: &Table, rows: &[Vec<(String, Value)>]) -> Option<Vec<String>> {
    Some(rows.iter().map(|r| dml::insert_literal(t, r).unwrap()).collect())
}

pub fn build(id: &str) -> Option<Vec<String>> {
    use SqlType::*;
    let none = AddColumnOptions::default();
    match id {
        "create_index" => Some(vec![ddl::create_index(&Index {
            name: s("ix_a"),
            table: s("posts"),
            expressions: vec![IndexExpr::Column(s("a")), IndexExpr::Column(s("b"))],
            unique: true,
            sqlite_where: None,
        })]),
        "create_index_quoted_expr_where" => Some(vec![ddl::create_index(&Index {
            name: s("Ix"),
            table: s("Order"),
            expressions: vec![IndexExpr::Column(s("Name")), IndexExpr::Column(s("select")), IndexExpr::Text(s("lower(x)"))],
            unique: false,
            sqlite_where: Some(s("x IS NOT NULL")),
        })]),
        "drop_index" => Some(vec![ddl::drop_index("ix_a")]),
        "drop_table" => Some(vec![ddl::drop_table("posts")]),
        "rename_table" => Some(vec![alter::rename_table("posts", "Posts")]),
        "add_column_bool_default" => add(
            "posts",
            Column::new("is_featured", Boolean { create_constraint: false, name: None })
                .nullable(false)
                .server_default(ServerDefault::String(s("false"))),
            none,
        ),
        "add_column_plain" => add("accounts", Column::new("email", String(Some(120))), none),
        "add_column_expr_default_check" => {
            add("posts", Column::new("c", Integer).check("c>0").server_default(ServerDefault::Text(s("now()"))), none)
        }
        "add_column_func_default" => add(
            "posts",
            Column::new("d", DateTime { timezone: false })
                .server_default(ServerDefault::Func { name: s("now"), args: vec![] })
                .nullable(false),
            none,
        ),
        "add_column_inline_references" => {
            let fk = ForeignKey { ondelete: Some(s("CASCADE")), ..ForeignKey::new("a.id") };
            add("posts", Column::new("e", Integer).foreign_key(fk), AddColumnOptions { inline_references: true, ..none })
        }
        "add_column_inline_pk" => {
            add("posts", Column::new("e", Integer).primary_key(), AddColumnOptions { inline_primary_key: true, ..none })
        }
        "add_column_index" => {
            let c = Column::new("slug", String(Some(20))).index();
            let mut out = vec![alter::add_column("posts", &c, none).unwrap()];
            // Alembic builds a one-column Table to find the column's index.
            out.extend(Table::new("posts", vec![c]).all_indexes().iter().map(ddl::create_index));
            Some(out)
        }
        "drop_column" => Some(vec![alter::drop_column("posts", "select")]),
        "rename_column" => Some(vec![alter::rename_column("accounts", "name", "username")]),
        "alter_nullable" => Some(vec![alter::alter_column_nullable("posts", "x", false), alter::alter_column_nullable("posts", "x", true)]),
        "alter_default" => Some(
            [
                Some(ServerDefault::String(s("0"))),
                None,
                Some(ServerDefault::Text(s("(1+2)"))),
                Some(ServerDefault::Func { name: s("now"), args: vec![] }),
                Some(ServerDefault::True),
            ]
            .iter()
            .map(|d| alter::alter_column_default("posts", "x", d.as_ref()))
            .collect(),
        ),
        "alter_type" => Some(vec![alter::alter_column_type("posts", "x", &String(Some(50)))]),
        "alter_combined" => Some(alter::alter_column(
            "posts",
            "x",
            &AlterColumn {
                nullable: Some(false),
                server_default: Some(Some(ServerDefault::String(s("a")))),
                type_: Some(Numeric { precision: Some(5), scale: Some(1) }),
                new_column_name: Some(s("y")),
            },
        )),
        "bulk_insert_basic" => {
            let t = Table::new(
                "accounts",
                vec![Column::new("id", Integer), Column::new("name", String(None)), Column::new("email", String(None))],
            );
            inserts(
                &t,
                &[
                    row(&[("email", Value::Str(s("a@example.com"))), ("name", Value::Str(s("alice"))), ("id", Value::Int(1))]),
                    row(&[("id", Value::Int(2)), ("name", Value::Str(s("o'brien"))), ("email", Value::Null)]),
                ],
            )
        }
        "bulk_insert_types" => {
            let t = Table::new(
                "x",
                vec![
                    Column::new("b", Boolean { create_constraint: false, name: None }),
                    Column::new("d", Date),
                    Column::new("dt", DateTime { timezone: false }),
                    Column::new("n", Numeric { precision: Some(10), scale: Some(2) }),
                    Column::new("f", Float { precision: None }),
                    Column::new("tm", Time),
                    Column::new("i", Integer),
                ],
            );
            let dt = |microsecond| Value::DateTime { year: 2024, month: 1, day: 2, hour: 3, minute: 4, second: 5, microsecond };
            inserts(
                &t,
                &[
                    row(&[
                        ("b", Value::Bool(true)),
                        ("d", Value::Date { year: 2024, month: 1, day: 1 }),
                        ("dt", dt(0)),
                        ("n", Value::Decimal(s("1.50"))),
                        ("f", Value::Float(1.5)),
                        ("tm", Value::Time { hour: 1, minute: 2, second: 3, microsecond: 0 }),
                        ("i", Value::Float(1.0)),
                    ]),
                    row(&[("b", Value::Bool(false)), ("dt", dt(123)), ("f", Value::Float(1e20)), ("i", Value::Int(-2))]),
                ],
            )
        }
        "bulk_insert_strings" => {
            let t = Table::new("Order", vec![Column::new("select", Integer), Column::new("s", String(None))]);
            inserts(&t, &[row(&[("select", Value::Int(10i128.pow(20))), ("s", Value::Str(s("x\ny")))]), row(&[("s", Value::Str(s("")))])])
        }
        "version_table" => Some(vec![
            dml::version_table_create("alembic_version"),
            dml::version_insert("alembic_version", "abc"),
            dml::version_update("alembic_version", "abc", "def"),
            dml::version_delete("alembic_version", "def"),
        ]),
        "batch_drop_column" => {
            let mut new = Table::new(
                "posts",
                vec![
                    Column::new("id", Integer).primary_key(),
                    Column::new("title", String(Some(200))).nullable(false),
                    Column::new("is_featured", Boolean { create_constraint: false, name: None }).nullable(false),
                    Column::new("a_id", Integer).foreign_key(ForeignKey::new("a.id")),
                    Column::new("n", Integer).server_default(ServerDefault::String(s("0"))),
                ],
            )
            .with(Constraint::Unique(UniqueConstraint { columns: vec![s("title")], name: Some(s("uq_t")) }));
            new.indexes.push(Index {
                name: s("ix_posts_title"),
                table: s("posts"),
                expressions: vec![IndexExpr::Column(s("title"))],
                unique: false,
                sqlite_where: None,
            });
            let tr: Vec<Transfer> =
                ["id", "title", "is_featured", "a_id"].iter().map(|c| Transfer { target: s(c), source: s(c), cast: None }).collect();
            Some(batch::recreate("posts", &new, &tr).unwrap())
        }
        "batch_rename_retype" => {
            let new = Table::new(
                "posts",
                vec![
                    Column::new("id", Integer).primary_key(),
                    Column::new("title", String(Some(200))).nullable(false).server_default(ServerDefault::String(s("x"))),
                    Column::new("content", String(Some(10))).nullable(false),
                    Column::new("n", String(Some(5))),
                ],
            );
            let tr = vec![
                Transfer::new("id", "id", &Integer, &Integer),
                Transfer::new("title", "title", &String(Some(200)), &String(Some(200))),
                Transfer::new("content", "body", &Text, &String(Some(10))),
                Transfer::new("n", "n", &Integer, &String(Some(5))),
            ];
            Some(batch::recreate("posts", &new, &tr).unwrap())
        }
        _ => None,
    }
}
