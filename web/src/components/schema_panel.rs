//! The live database's schema (tables, columns, types, nullability, defaults, indexes,
//! foreign keys) and the rows of each table, all as text.

use yew::prelude::*;

use super::WorkspaceHandle;
use crate::inspect::{Grid, TableInfo};

/// A result grid as an HTML table; values are text nodes, never markup.
pub fn grid_view(grid: &Grid, caption: &str) -> Html {
    html! {
        <table class="grid">
            <caption>{ caption.to_string() }</caption>
            <thead><tr>{ for grid.columns.iter().map(|c| html! { <th scope="col">{ c.clone() }</th> }) }</tr></thead>
            <tbody>
                { for grid.rows.iter().map(|row| html! {
                    <tr>{ for row.iter().map(|v| html! { <td class={classes!((v == "NULL").then_some("null"))}>{ v.clone() }</td> }) }</tr>
                }) }
            </tbody>
        </table>
    }
}

fn table_view(table: &TableInfo) -> Html {
    let rows_caption = if table.row_count as usize > table.rows.rows.len() {
        format!("{} rows (first {} shown)", table.row_count, table.rows.rows.len())
    } else {
        format!("{} row{}", table.row_count, if table.row_count == 1 { "" } else { "s" })
    };
    html! {
        <details class="table" open=true data-table={table.name.clone()}>
            <summary>{ format!("{} ({rows_caption})", table.name) }</summary>
            <table class="columns">
                <caption>{ format!("Columns of {}", table.name) }</caption>
                <thead><tr><th scope="col">{ "column" }</th><th scope="col">{ "type" }</th><th scope="col">{ "null" }</th><th scope="col">{ "default" }</th><th scope="col">{ "key" }</th></tr></thead>
                <tbody>
                    { for table.columns.iter().map(|c| html! {
                        <tr>
                            <td>{ c.name.clone() }</td>
                            <td>{ c.type_.clone() }</td>
                            <td>{ if c.notnull { "NOT NULL" } else { "NULL" } }</td>
                            <td>{ c.default.clone().unwrap_or_default() }</td>
                            <td>{ if c.pk > 0 { "PK" } else { "" } }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            if !table.indexes.is_empty() {
                <ul class="indexes" aria-label={format!("Indexes of {}", table.name)}>
                    { for table.indexes.iter().map(|i| html! {
                        <li>{ format!("{}index {} ({}){}", if i.unique { "unique " } else { "" }, i.name, i.columns.join(", "),
                            match i.origin.as_str() { "pk" => " — primary key", "u" => " — UNIQUE constraint", _ => "" }) }</li>
                    }) }
                </ul>
            }
            if !table.foreign_keys.is_empty() {
                <ul class="fks" aria-label={format!("Foreign keys of {}", table.name)}>
                    { for table.foreign_keys.iter().map(|f| html! {
                        <li>{ format!("{} → {}.{}{}", f.from, f.table, f.to,
                            if f.on_delete == "NO ACTION" { String::new() } else { format!(" ON DELETE {}", f.on_delete) }) }</li>
                    }) }
                </ul>
            }
            // An empty table's rows would be a header of the columns listed just above.
            { if table.row_count > 0 { grid_view(&table.rows, &format!("Rows of {}: {rows_caption}", table.name)) } else { Html::default() } }
        </details>
    }
}

/// A plain function, not a component: each component type costs the wasm its own copy of
/// Yew's lifecycle code.
pub fn view(ws: &WorkspaceHandle) -> Html {
    let snapshot = ws.snapshot.clone();
    html! {
        <div class="schema">
            <p class="version">
                { "alembic_version: " }
                <span id="version-rows">{
                    if snapshot.version_rows.is_empty() { "(empty)".to_string() } else { snapshot.version_rows.join(", ") }
                }</span>
            </p>
            if snapshot.tables.is_empty() {
                <p class="muted">{ "The database is empty." }</p>
            }
            { for snapshot.tables.iter().map(table_view) }
        </div>
    }
}
