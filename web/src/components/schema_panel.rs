//! The live database's schema (tables, columns, types, nullability, defaults, indexes,
//! foreign keys) and the rows of each table, all as text.

use yew::prelude::*;

use super::WorkspaceHandle;
use crate::markup::Markup;
use playground::inspect::{Grid, TableInfo};

/// A result grid (the SQL box's) as an HTML table: one fragment of escaped markup, written
/// by the same code as the schema's rows.
pub fn grid_view(grid: &Grid, caption: &str) -> Html {
    let mut m = Markup::default();
    grid_markup(&mut m, grid, caption);
    Html::from_html_unchecked(AttrValue::from(m.finish()))
}

/// A grid's table; every name and value goes through the escaper as text.
fn grid_markup(m: &mut Markup, grid: &Grid, caption: &str) {
    m.open("table", &[("class", "grid")]).element("caption", &[], caption);
    m.open("thead", &[]).open("tr", &[]);
    for c in &grid.columns {
        m.element("th", &[("scope", "col")], c);
    }
    m.close("tr").close("thead").open("tbody", &[]);
    for row in &grid.rows {
        m.open("tr", &[]);
        for v in row {
            m.element("td", if v == "NULL" { &[("class", "null")] } else { &[] }, v);
        }
        m.close("tr");
    }
    m.close("tbody").close("table");
}

fn rows_caption(table: &TableInfo) -> String {
    if table.row_count as usize > table.rows.rows.len() {
        format!("{} rows (first {} shown)", table.row_count, table.rows.rows.len())
    } else {
        format!("{} row{}", table.row_count, if table.row_count == 1 { "" } else { "s" })
    }
}

/// One table, keyed by its name. Its contents are one fragment of escaped markup (`Markup`):
/// a new table is parsed in one call instead of built node by node, and an unchanged one is
/// one string comparison (the `upgrade +1` click, BENCHMARKS.md). Alembic's version table
/// starts closed: the line above already shows its rows, and laying out its contents on
/// every migration slowed each click.
fn table_view(table: &TableInfo, version_table: &str) -> Html {
    let inner = AttrValue::from(table_markup(table));
    html! {
        <details key={table.name.clone()} class="table" open={table.name != version_table} data-table={table.name.clone()}>
            { Html::from_html_unchecked(inner) }
        </details>
    }
}

fn table_markup(table: &TableInfo) -> String {
    let caption = rows_caption(table);
    let mut m = Markup::default();
    m.element("summary", &[], &format!("{} ({caption})", table.name));
    m.open("table", &[("class", "columns")]).element("caption", &[], &format!("Columns of {}", table.name));
    m.open("thead", &[]).open("tr", &[]);
    for h in ["column", "type", "null", "default", "key"] {
        m.element("th", &[("scope", "col")], h);
    }
    m.close("tr").close("thead").open("tbody", &[]);
    for c in &table.columns {
        m.open("tr", &[]);
        m.element("td", &[], &c.name).element("td", &[], &c.type_);
        m.element("td", &[], if c.notnull { "NOT NULL" } else { "NULL" });
        m.element("td", &[], c.default.as_deref().unwrap_or_default());
        m.element("td", &[], if c.pk > 0 { "PK" } else { "" });
        m.close("tr");
    }
    m.close("tbody").close("table");
    if !table.indexes.is_empty() {
        m.open("ul", &[("class", "indexes"), ("aria-label", &format!("Indexes of {}", table.name))]);
        for i in &table.indexes {
            let origin = match i.origin.as_str() {
                "pk" => " — primary key",
                "u" => " — UNIQUE constraint",
                _ => "",
            };
            m.element("li", &[], &format!("{}index {} ({}){origin}", if i.unique { "unique " } else { "" }, i.name, i.columns.join(", ")));
        }
        m.close("ul");
    }
    if !table.foreign_keys.is_empty() {
        m.open("ul", &[("class", "fks"), ("aria-label", &format!("Foreign keys of {}", table.name))]);
        for f in &table.foreign_keys {
            let on_delete = if f.on_delete == "NO ACTION" { String::new() } else { format!(" ON DELETE {}", f.on_delete) };
            m.element("li", &[], &format!("{} → {}.{}{on_delete}", f.from, f.table, f.to));
        }
        m.close("ul");
    }
    // An empty table's rows would be a header of the columns listed just above.
    if table.row_count > 0 {
        grid_markup(&mut m, &table.rows, &format!("Rows of {}: {caption}", table.name));
    }
    m.finish()
}

/// A plain function, not a component: each component type costs the wasm its own copy of
/// Yew's lifecycle code.
pub fn view(ws: &WorkspaceHandle) -> Html {
    let snapshot = ws.snapshot.clone();
    html! {
        <div class="schema">
            <p class="version">
                { format!("{}: ", snapshot.version_table) }
                <span id="version-rows">{ snapshot.version_text() }</span>
            </p>
            if snapshot.tables.is_empty() {
                <p class="muted">{ "The database is empty." }</p>
            } else {
                // Keyed, and alone in their list: Yew pairs the children of an unkeyed list
                // from its end, so a new table rebuilt every element before it.
                { for snapshot.tables.iter().map(|t| table_view(t, &snapshot.version_table)) }
            }
        </div>
    }
}
