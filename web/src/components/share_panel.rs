//! Scenarios in and out: a share link, a scenario file when the link would be too long, the
//! project as a zip of a real Alembic project, the database as a SQLite file, and imports
//! (a zip, a folder, loose revision files, a database file, a scenario file).

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::WorkspaceHandle;
use crate::browser;
use crate::state::{Action, MAX_LINK};
use playground::export;

/// A plain function (see `editor::view`).
pub fn view(ws: &WorkspaceHandle) -> Html {
    let stem = export::file_stem(&ws.project.name);
    let on_share = {
        let ws = ws.clone();
        Callback::from(move |_: MouseEvent| ws.dispatch(Action::Share))
    };
    let on_scenario_file = {
        let (ws, stem) = (ws.clone(), stem.clone());
        Callback::from(move |_: MouseEvent| {
            let link = share::to_link(&ws.scenario());
            report(&ws, browser::download(&format!("{stem}.playground"), link.as_bytes(), "text/plain"));
        })
    };
    let on_zip = {
        let (ws, stem) = (ws.clone(), stem.clone());
        Callback::from(move |_: MouseEvent| match ws.export() {
            Ok(export) => {
                report(&ws, browser::download(&format!("{stem}.zip"), &export.zip, "application/zip"));
                ws.dispatch(Action::Exported(export.changes));
            }
            Err(e) => report(&ws, Err(e)),
        })
    };
    let on_database = {
        let (ws, stem) = (ws.clone(), stem.clone());
        Callback::from(move |_: MouseEvent| {
            let result = ws
                .database_file(ws.download_record)
                .and_then(|bytes| browser::download(&format!("{stem}.sqlite"), &bytes, "application/vnd.sqlite3"));
            report(&ws, result);
        })
    };
    let on_record = {
        let ws = ws.clone();
        let on = !ws.download_record;
        Callback::from(move |_: Event| ws.dispatch(Action::DownloadRecord(on)))
    };
    let on_pick = {
        let ws = ws.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(list) = input.files() else { return };
            let files = browser::picked(&list);
            let ws = ws.clone();
            // Loose revision files get the default bundled project's ini, env.py and template.
            let template = playground::scenarios::find_or_default(crate::scenarios::SCENARIOS, crate::scenarios::DEFAULT)
                .map(playground::project::Project::bundled)
                .unwrap_or_default();
            browser::read(files, move |read| {
                ws.dispatch(Action::Import(read.and_then(|picked| playground::import::import(picked, &template))))
            });
            // The same file may be picked again after an edit on disk.
            input.set_value("");
        })
    };
    html! {
        <div class="share">
            <div class="row">
                <button onclick={on_share}>{ "Share link" }</button>
                <button onclick={on_scenario_file}>{ "Download scenario file" }</button>
                <button onclick={on_zip}>{ "Export project (.zip)" }</button>
                <button onclick={on_database}>{ "Download database (.sqlite)" }</button>
            </div>
            <label class="record">
                <input type="checkbox" id="download-record" checked={ws.download_record} onchange={on_record} />
                { " Include the playground's record of applied revisions in the .sqlite (it tells when an applied revision was edited; Alembic never creates it)" }
            </label>
            { for ws.exported.as_ref().map(|note| html! { <p class="exported" role="status">{ note }</p> }) }
            { match &ws.link {
                Some(Ok(link)) => html! {
                    <label class="link">{ "Link to this scenario" }
                        <input id="share-link" readonly=true value={format!("{}#{link}", browser::base_url())} />
                    </label>
                },
                Some(Err(len)) => html! {
                    <p class="too-long" role="status">{ format!(
                        "This scenario needs {len} characters, more than a link should carry ({MAX_LINK}): download it as a scenario file and open that instead."
                    ) }</p>
                },
                None => html! {},
            } }
            <div class="row">
                <label class="pick">{ "Import files (.zip, revision .py files, .sqlite, .playground)" }
                    <input type="file" id="import-files" multiple=true accept=".zip,.py,.ini,.mako,.sqlite,.sqlite3,.db,.playground" onchange={on_pick.clone()} />
                </label>
                <label class="pick">{ "Import a folder" }
                    <input type="file" id="import-folder" webkitdirectory=true onchange={on_pick} />
                </label>
            </div>
        </div>
    }
}

fn report(ws: &WorkspaceHandle, result: Result<(), String>) {
    if let Err(e) = result {
        ws.dispatch(Action::Import(Err(format!("the download failed: {e}"))));
    }
}
