//! Markdown (`playground::markdown`) drawn as elements: every text is a text node, so
//! nothing in a README or a story becomes markup.

use playground::markdown::{blocks, Block, Span};
use yew::prelude::*;

fn spans(spans: &[Span]) -> Html {
    spans
        .iter()
        .map(|span| match span {
            Span::Text(t) => html! { { t.clone() } },
            Span::Code(t) => html! { <code>{ t.clone() }</code> },
            Span::Strong(t) => html! { <strong>{ t.clone() }</strong> },
            Span::Em(t) => html! { <em>{ t.clone() }</em> },
        })
        .collect()
}

fn items(items: &[Vec<Span>]) -> Html {
    items.iter().map(|item| html! { <li>{ spans(item) }</li> }).collect()
}

pub fn view(markdown: &str) -> Html {
    blocks(markdown)
        .iter()
        .map(|block| match block {
            Block::Heading(s) => html! { <h3>{ spans(s) }</h3> },
            Block::Paragraph(s) => html! { <p>{ spans(s) }</p> },
            Block::Bullets(list) => html! { <ul>{ items(list) }</ul> },
            Block::Numbered(list) => html! { <ol>{ items(list) }</ol> },
        })
        .collect()
}
