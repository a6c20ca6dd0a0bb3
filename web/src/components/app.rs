//! The page: the workspace state and the panels around it. The panels are plain functions
//! of the workspace handle, not components: every component type costs the wasm its own
//! copy of Yew's lifecycle code (~3.5 KB) and the page has a 700 KB budget. The one other
//! component, `Held`, keeps the trailing panels out of each click's render.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::console::{self, ConsoleState};
use super::{
    action_buttons, add_revision, confirm, environment, revision_details, revision_graph, scenario_picker, schema_panel, share_panel,
    sql_box, sql_log, sql_preview, timeline, verify, warnings,
};
use crate::browser;
use crate::saving::{self, SaveStatus, Saver};
use crate::state::{Action, Page};

pub type WorkspaceHandle = UseReducerHandle<Page>;

#[component]
pub fn App() -> Html {
    let saver = use_mut_ref(|| None::<Saver>);
    let ws = {
        let saver = saver.clone();
        use_reducer(move || {
            let (ws, s) = saving::boot();
            *saver.borrow_mut() = Some(s);
            Page(ws)
        })
    };
    let status = use_state(SaveStatus::default);
    use_saving(&ws, &saver, &status);
    {
        let ws = ws.clone();
        use_effect_with((), move |_| {
            // Painted: opening finished (a later visit need not open safely).
            saving::opened();
            browser::when_idle(move || ws.warm_up())
        });
    }
    {
        // A link pasted into the address bar of this tab opens like a shared one.
        let ws = ws.clone();
        use_effect_with((), move |_| {
            browser::on_hash_change(move |hash| {
                saving::opening("a shared link");
                ws.dispatch(Action::OpenLink(hash));
                browser::when_idle(saving::opened);
            })
        });
    }
    let [transcript, sql_log, steps] = use_trailing_panels(&ws);
    let error = ws.error.clone();
    let console_state = ConsoleState { at: use_mut_ref(|| None) };
    let graph_top = use_state(|| 0usize);
    // Computed once: it proves SQLite runs in the page and says which one.
    let sqlite = use_memo((), |_| match crate::sqlite_version() {
        Ok(v) => format!("SQLite {v}"),
        Err(e) => format!("SQLite failed to open: {e}"),
    });
    html! {
        <>
            <header>
                <h1>{ "Alembic Playground" }</h1>
                { scenario_picker::view(&ws) }
                { environment::view(&ws) }
            </header>
            if let Some(error) = error {
                <p class="error" role="alert">{ error }</p>
            }
            { notices(&ws, &saver, &status) }
            // Busy while the trailing panels catch up with the last change (a frame).
            <main class="panels" aria-busy={if ws.settled { "false" } else { "true" }}>
                <section class="panel" aria-labelledby="graph-h">
                    <h2 id="graph-h">{ "Revisions" }</h2>
                    { action_buttons::view(&ws) }
                    { confirm::view(&ws) }
                    { warnings::view(&ws) }
                    { revision_graph::view(&ws, &graph_top) }
                    { add_revision::view(&ws) }
                    { revision_details::view(&ws) }
                </section>
                <section class="panel" aria-labelledby="console-h">
                    <h2 id="console-h">{ "Console" }</h2>
                    { console::view(&ws, &console_state, transcript) }
                    { sql_preview::view(&ws) }
                </section>
                <section class="panel" aria-labelledby="db-h">
                    <h2 id="db-h">{ "Database" }</h2>
                    { schema_panel::view(&ws) }
                    { sql_box::view(&ws) }
                </section>
                <section class="panel" aria-labelledby="sql-log-h">
                    <h2 id="sql-log-h">{ "SQL log" }</h2>
                    { sql_log }
                </section>
                <section class="panel" aria-labelledby="verify-h">
                    <h2 id="verify-h">{ "Verify" }</h2>
                    { verify::view(&ws) }
                </section>
                <section class="panel" aria-labelledby="timeline-h">
                    <h2 id="timeline-h">{ "Timeline" }</h2>
                    { timeline::view(&ws, steps) }
                </section>
                <section class="panel" aria-labelledby="share-h">
                    <h2 id="share-h">{ "Share, import, export" }</h2>
                    { share_panel::view(&ws) }
                </section>
            </main>
            <footer>
                { "Alembic-compatible engine in WebAssembly on in-browser " }
                <span id="sqlite-version">{ (*sqlite).clone() }</span>
            </footer>
        </>
    }
}

/// The console's output, the SQL log and the timeline's list of steps, one paint behind a
/// change: they grow with every command, and laying them out and painting them in the same
/// frame as the graph and the schema made a click miss it (`upgrade +1` in a session of 20
/// rounds: 21-23 ms to the frame, 14-15 ms with the console and the log a paint behind;
/// to the end of the repaint 25-27 ms, 21 ms with the steps too; BENCHMARKS.md). Until the
/// change is painted they show what they showed before; then `Action::Settle` brings them
/// up to date. The timeline's Start/Back/Forward stay current: they carry relative
/// positions.
#[hook]
fn use_trailing_panels(ws: &WorkspaceHandle) -> [Html; 3] {
    // The panels as last computed, and how many times they have been.
    let held = use_mut_ref(|| None::<(u64, [Html; 3])>);
    {
        let ws = ws.clone();
        use_effect_with(ws.settled, move |settled| {
            if !settled {
                browser::when_idle(move || ws.dispatch(Action::Settle));
            }
        });
    }
    let mut held = held.borrow_mut();
    let (version, panels) = match &mut *held {
        Some((version, panels)) if !ws.settled => (*version, panels.clone()),
        held => {
            let version = held.as_ref().map_or(0, |(version, _)| version + 1);
            let panels = [console::transcript(ws), sql_log::view(ws), timeline::steps(ws)];
            *held = Some((version, panels.clone()));
            (version, panels)
        }
    };
    panels.map(|html| html! { <Held {html} {version} /> })
}

#[derive(Properties)]
struct HeldProps {
    html: Html,
    /// Changes when `html` does: comparing the markup itself would walk all of it.
    version: u64,
}

impl PartialEq for HeldProps {
    fn eq(&self, other: &Self) -> bool {
        self.version == other.version
    }
}

/// A trailing panel as it was last computed. While its version is the same, Yew neither
/// renders nor compares it: these panels grow with the session, and comparing all their
/// entries again on every click made clicks slower as a session went on.
#[component]
fn Held(props: &HeldProps) -> Html {
    props.html.clone()
}

/// Saves the workspace after every change, when the browser is idle (and at once when the
/// page is left, so a reload or a closed tab loses nothing); keeps the URL's fragment only
/// while it is the link of what is shown (a reload then restores the saved workspace, not
/// an older link).
#[hook]
fn use_saving(ws: &WorkspaceHandle, saver: &Rc<RefCell<Option<Saver>>>, status: &UseStateHandle<SaveStatus>) {
    // The newest workspace and whether it is saved; the idle callback and `pagehide` read them.
    let latest = use_mut_ref(|| None::<(WorkspaceHandle, bool)>);
    let dirty = latest.borrow().as_ref().is_some_and(|(_, dirty)| *dirty);
    *latest.borrow_mut() = Some((ws.clone(), dirty));
    let save = {
        let (latest, saver, status) = (latest.clone(), saver.clone(), status.clone());
        move || {
            let Some((ws, dirty)) = latest.borrow_mut().as_mut().map(|(ws, dirty)| (ws.clone(), std::mem::take(dirty))) else { return };
            let mut saver = saver.borrow_mut();
            let Some(saver) = saver.as_mut().filter(|_| dirty) else { return };
            saver.save(&ws);
            if *status != saver.status {
                status.set(saver.status.clone());
            }
        }
    };
    {
        let save = save.clone();
        use_effect_with((), move |_| browser::on_page_hide(save));
    }
    let deps = (Rc::as_ptr(&ws.project) as usize, ws.at, ws.steps, ws.revision_files, ws.selected.clone(), ws.link.clone());
    use_effect_with(deps, move |(_, _, _, _, _, link)| {
        match link {
            Some(Ok(link)) => drop(browser::replace_hash(link)),
            _ if !browser::hash().is_empty() => drop(browser::replace_hash("")),
            _ => {}
        }
        if let Some((_, dirty)) = latest.borrow_mut().as_mut() {
            *dirty = true;
        }
        browser::when_idle(save);
    });
}

/// Storage trouble, another tab's save, and what could not be opened.
fn notices(ws: &WorkspaceHandle, saver: &Rc<RefCell<Option<Saver>>>, status: &UseStateHandle<SaveStatus>) -> Html {
    let dismiss = {
        let ws = ws.clone();
        Callback::from(move |_: MouseEvent| ws.dispatch(Action::Dismiss))
    };
    let theirs = {
        let (ws, saver, status) = (ws.clone(), saver.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let mut s = saver.borrow_mut();
            let Some(s) = s.as_mut() else { return };
            if let Some(loaded) = s.take_theirs(&ws) {
                ws.dispatch(Action::Load(Box::new(loaded)));
            }
            status.set(s.status.clone());
        })
    };
    let mine = {
        let (ws, saver, status) = (ws.clone(), saver.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let mut s = saver.borrow_mut();
            let Some(s) = s.as_mut() else { return };
            s.keep_mine(&ws);
            s.save(&ws);
            status.set(s.status.clone());
        })
    };
    html! {
        <>
            if let Some(notice) = &ws.notice {
                <p class="notice" role="alert">{ notice.clone() }<button onclick={dismiss}>{ "Dismiss" }</button></p>
            }
            if let Some(error) = &status.error {
                <p class="notice storage" role="alert">{ error.clone() }</p>
            }
            if status.conflict.is_some() {
                <div class="notice conflict" role="alert">
                    <p>{ "This workspace was changed in another tab. Nothing is saved here until you choose which version to keep." }</p>
                    <button onclick={theirs}>{ "Open the other tab's version" }</button>
                    <button onclick={mine}>{ "Keep this tab's version" }</button>
                </div>
            }
        </>
    }
}
