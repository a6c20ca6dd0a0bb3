//! The course in the page: the map (every lesson, solved ones ticked, one obvious first
//! step, the sandbox a click away) and the open lesson's panel (story, goal, hints, the
//! solution put into the console on request, reset, success against par, next lesson).
//! The goal is checked by `playground::lessons` — the CLI's code — after every step.

use playground::lessons::course::CourseLesson;
use playground::lessons::progress::Progress;
use playground::lessons::story::{self, Block, Span};
use playground::lessons::{self, play, Attempt, Move};
use yew::prelude::*;

use super::WorkspaceHandle;
use crate::browser;
use crate::course::{self, save_progress};
use crate::scenarios::SCENARIOS;
use crate::state::Action;

/// What the lesson panel shows, beside the workspace.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LessonUi {
    pub map: bool,
    pub progress: Progress,
    /// Hints shown so far, and whether the solution is.
    pub hints: usize,
    pub solution: bool,
    /// Why the last lesson could not start.
    pub error: Option<String>,
}

pub type LessonHandle = UseStateHandle<LessonUi>;

/// The panel's state: a first visit (no progress stored, no link to open) starts at the map.
#[hook]
pub fn use_lessons() -> LessonHandle {
    use_state(|| {
        let progress = course::load_progress();
        LessonUi { map: !progress.seen && browser::hash().is_empty(), progress, ..LessonUi::default() }
    })
}

/// The open lesson's goal against the workspace, checked again when a step is taken or the
/// timeline moves: `None` while no lesson is open, else the commands used and the result.
#[hook]
pub fn use_goal(ws: &WorkspaceHandle, ui: &LessonHandle) -> Option<(usize, Result<(), lessons::Unmet>)> {
    let open = ui.progress.open.clone();
    let checked = {
        let ws = ws.clone();
        use_memo((open, ws.steps, ws.at, ws.revision_files), move |(open, _, at, _)| {
            let (id, start) = open.clone()?;
            let course = course::course();
            let cl = course.as_ref().as_ref().ok()?.find(&id)?;
            if *at <= start {
                // Nothing done yet: the start never meets the goal (the course's tests say so).
                return Some((0, Err(not_started())));
            }
            let steps = ws.saved().steps;
            let used = play::counted(steps.get(start..*at).unwrap_or_default());
            Some((used, lessons::check(&cl.lesson.goal, &ws)))
        })
    };
    {
        // A goal met is progress: kept across reloads.
        let ui = ui.clone();
        let solved = (*checked).as_ref().and_then(|(used, r)| r.is_ok().then_some(*used));
        use_effect_with(solved, move |solved| {
            if let (Some(used), Some((id, _))) = (solved, ui.progress.open.clone()) {
                let mut next = (*ui).clone();
                next.progress.solve(&id, *used);
                if next != *ui {
                    save_progress(&next.progress);
                    ui.set(next);
                }
            }
        });
    }
    (*checked).clone()
}

fn not_started() -> lessons::Unmet {
    lessons::Unmet { index: 0, wanted: "the goal".into(), found: "nothing done yet".into() }
}

/// Opens lesson `index` of the course: its project, its start replayed.
fn start(ws: &WorkspaceHandle, ui: &LessonHandle, index: usize) {
    let course = course::course();
    let mut next = LessonUi { map: false, hints: 0, solution: false, error: None, ..(**ui).clone() };
    match course.as_ref() {
        Ok(c) => match c.lessons.get(index) {
            Some(cl) => match Attempt::begin(SCENARIOS, cl.project.clone(), &cl.lesson) {
                Ok(attempt) => {
                    next.progress.open = Some((cl.id.clone(), attempt.ws.steps));
                    ws.dispatch(Action::Load(Box::new(attempt.ws.saved())));
                }
                Err(e) => next.error = Some(format!("lesson {} cannot start: {e}", cl.id)),
            },
            None => next.error = Some("there is no next lesson".into()),
        },
        Err(e) => next.error = Some(e.clone()),
    }
    save_progress(&next.progress);
    ui.set(next);
}

fn spans(spans: &[Span]) -> Html {
    spans
        .iter()
        .map(|s| match s {
            Span::Text(t) => html! { { t.clone() } },
            Span::Code(t) => html! { <code>{ t.clone() }</code> },
            Span::Strong(t) => html! { <strong>{ t.clone() }</strong> },
            Span::Em(t) => html! { <em>{ t.clone() }</em> },
        })
        .collect()
}

/// The story's blocks as text nodes (the heading is the panel's title, shown apart).
fn story(markdown: &str) -> Html {
    story::blocks(markdown)
        .iter()
        .skip_while(|b| matches!(b, Block::Heading(_)))
        .map(|b| match b {
            Block::Heading(s) => html! { <h4>{ spans(s) }</h4> },
            Block::Paragraph(s) => html! { <p>{ spans(s) }</p> },
            Block::Bullets(items) => html! { <ul>{ for items.iter().map(|i| html! { <li>{ spans(i) }</li> }) }</ul> },
            Block::Numbered(items) => html! { <ol>{ for items.iter().map(|i| html! { <li>{ spans(i) }</li> }) }</ol> },
        })
        .collect()
}

/// The header's button that opens the map.
pub fn map_button(ui: &LessonHandle) -> Html {
    let onclick = {
        let ui = ui.clone();
        Callback::from(move |_| ui.set(LessonUi { map: !ui.map, ..(*ui).clone() }))
    };
    html! { <button class="lessons-button" aria-expanded={ if ui.map { "true" } else { "false" } } {onclick}>{ "Lessons" }</button> }
}

/// The course map (when open) and the open lesson's panel.
pub fn view(ws: &WorkspaceHandle, ui: &LessonHandle, goal: Option<(usize, Result<(), lessons::Unmet>)>) -> Html {
    let course = course::course();
    let course = match course.as_ref() {
        Ok(c) => c,
        Err(e) => return html! { <p class="error" role="alert">{ format!("The lessons could not be read: {e}") }</p> },
    };
    let error = ui.error.clone().map(|e| html! { <p class="error" role="alert">{ e }</p> });
    let open = ui.progress.open.as_ref().and_then(|(id, _)| course.lessons.iter().position(|l| &l.id == id));
    html! {
        <>
            { error.unwrap_or_default() }
            if ui.map { { map(ws, ui, &course.lessons) } }
            if let Some(index) = open { { panel(ws, ui, &course.lessons, index, goal) } }
        </>
    }
}

fn map(ws: &WorkspaceHandle, ui: &LessonHandle, all: &[CourseLesson]) -> Html {
    // The obvious next step: the first lesson not solved yet.
    let next = all.iter().position(|l| !ui.progress.is_solved(&l.id)).unwrap_or(0);
    let start_next = {
        let (ws, ui) = (ws.clone(), ui.clone());
        Callback::from(move |_| start(&ws, &ui, next))
    };
    let sandbox = {
        let ui = ui.clone();
        Callback::from(move |_| {
            let mut next = LessonUi { map: false, ..(*ui).clone() };
            next.progress.seen = true;
            save_progress(&next.progress);
            ui.set(next)
        })
    };
    let items = all.iter().enumerate().map(|(i, l)| {
        let onclick = {
            let (ws, ui) = (ws.clone(), ui.clone());
            Callback::from(move |_| start(&ws, &ui, i))
        };
        let solved = ui.progress.is_solved(&l.id);
        html! {
            <li class={classes!(solved.then_some("solved"))}>
                <button class="lesson-link" {onclick}>
                    <span class="lesson-number">{ i + 1 }</span>{ l.lesson.title.clone() }
                    if solved { <span class="tick" aria-label="solved">{ " ✓" }</span> }
                </button>
            </li>
        }
    });
    html! {
        <section class="course-map" aria-labelledby="course-h">
            <h2 id="course-h">{ "Learn Alembic, one lesson at a time" }</h2>
            <p>{ "Each lesson opens a real Alembic project with a goal. Type commands in the console; the lesson checks the result, not the keystrokes." }</p>
            <p class="course-actions">
                <button class="primary start-lesson" onclick={start_next}>
                    { format!("Start lesson {}: {}", next + 1, all.get(next).map_or("", |l| l.lesson.title.as_str())) }
                </button>
                <button class="sandbox" onclick={sandbox}>{ "Explore the sandbox" }</button>
            </p>
            <ol class="lesson-list">{ for items }</ol>
        </section>
    }
}

fn describe_move(mv: &Move) -> Html {
    match mv {
        Move::Line(line) => {
            let line = line.clone();
            let onclick = Callback::from(move |_| browser::fill_input("console-input", &line));
            html! { <li><code>{ mv_text(mv) }</code>{ " " }<button class="to-console" {onclick}>{ "Put in console" }</button></li> }
        }
        Move::Sql { sql } => html! { <li>{ "In the SQL box: " }<code>{ sql.clone() }</code></li> },
        Move::Write { write, text, .. } => html! { <li>{ format!("Write {write}:") }<pre>{ text.clone() }</pre></li> },
        Move::Edit { edit, replace, with } => {
            html! { <li>{ format!("In {edit}, replace ") }<code>{ replace.clone() }</code>{ " with " }<pre>{ with.clone() }</pre></li> }
        }
        Move::Production { production } => {
            html! { <li>{ format!("Switch the environment to {}", if *production { "production" } else { "development" }) }</li> }
        }
    }
}

fn mv_text(mv: &Move) -> String {
    match mv {
        Move::Line(l) => l.clone(),
        _ => String::new(),
    }
}

fn panel(
    ws: &WorkspaceHandle,
    ui: &LessonHandle,
    all: &[CourseLesson],
    index: usize,
    goal: Option<(usize, Result<(), lessons::Unmet>)>,
) -> Html {
    let cl = &all[index];
    let l = &cl.lesson;
    let hint = {
        let ui = ui.clone();
        Callback::from(move |_| ui.set(LessonUi { hints: ui.hints + 1, ..(*ui).clone() }))
    };
    let show_solution = {
        let ui = ui.clone();
        Callback::from(move |_| ui.set(LessonUi { solution: true, ..(*ui).clone() }))
    };
    let reset = {
        let (ws, ui) = (ws.clone(), ui.clone());
        Callback::from(move |_| start(&ws, &ui, index))
    };
    let next = {
        let (ws, ui) = (ws.clone(), ui.clone());
        Callback::from(move |_| start(&ws, &ui, index + 1))
    };
    let close = {
        let ui = ui.clone();
        Callback::from(move |_| {
            let mut next = (*ui).clone();
            next.progress.open = None;
            save_progress(&next.progress);
            ui.set(next)
        })
    };
    let status = match &goal {
        Some((used, Ok(()))) => html! {
            <div class="lesson-success" role="status">
                <strong>{ "Goal met!" }</strong>
                { format!(" {used} command{} used, par {}.", if *used == 1 { "" } else { "s" }, l.par) }
                if index + 1 < all.len() { { " " }<button class="primary next-lesson" onclick={next}>{ "Next lesson" }</button> }
            </div>
        },
        Some((_, Err(unmet))) if unmet.found != "nothing done yet" => html! { <p class="lesson-unmet">{ unmet.to_string() }</p> },
        _ => Html::default(),
    };
    let hints = l.hints.iter().take(ui.hints).map(|h| html! { <li>{ spans(&story::spans(h)) }</li> });
    html! {
        <section class="lesson-panel" aria-labelledby="lesson-h">
            <h2 id="lesson-h">{ format!("Lesson {} of {}: {}", index + 1, all.len(), l.title) }</h2>
            <div class="story">{ story(&l.story) }</div>
            <div class="lesson-goal">
                <h3>{ "Goal" }</h3>
                <ul>{ for l.goal.iter().map(|p| html! { <li>{ spans(&story::spans(&lessons::describe(p))) }</li> }) }</ul>
                if !l.disabled.is_empty() { <p>{ format!("Switched off in this lesson: {}", l.disabled.join(", ")) }</p> }
            </div>
            { status }
            if ui.hints > 0 { <ol class="hints">{ for hints }</ol> }
            if ui.solution { <ol class="solution">{ for l.solution.iter().map(describe_move) }</ol> }
            <p class="lesson-actions">
                if ui.hints < l.hints.len() { <button class="hint" onclick={hint}>{ format!("Hint ({} of {})", ui.hints + 1, l.hints.len()) }</button> }
                if !ui.solution { <button class="show-solution" onclick={show_solution}>{ "Show solution" }</button> }
                <button class="reset-lesson" onclick={reset}>{ "Reset lesson" }</button>
                <button class="close-lesson" onclick={close}>{ "Leave lesson" }</button>
            </p>
        </section>
    }
}
