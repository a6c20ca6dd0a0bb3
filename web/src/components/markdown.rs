//! Markdown (`playground::markdown`) drawn as one escaped-markup node (`markup.rs`): every
//! text is escaped, so nothing in a README becomes markup, and the page's wasm carries one
//! string writer instead of a Yew node builder per kind of block.

use playground::markdown::{blocks, Block, Span};
use yew::prelude::*;

use crate::markup::Markup;

fn spans(m: &mut Markup, spans: &[Span]) {
    for span in spans {
        match span {
            Span::Text(t) => m.text(t),
            Span::Code(t) => m.element("code", &[], t),
            Span::Strong(t) => m.element("strong", &[], t),
            Span::Em(t) => m.element("em", &[], t),
        };
    }
}

pub fn view(markdown: &str) -> Html {
    let mut m = Markup::default();
    for block in blocks(markdown) {
        let (tag, items) = match &block {
            Block::Heading(s) => ("h3", std::slice::from_ref(s)),
            Block::Paragraph(s) => ("p", std::slice::from_ref(s)),
            Block::Bullets(list) => ("ul", list.as_slice()),
            Block::Numbered(list) => ("ol", list.as_slice()),
        };
        m.open(tag, &[]);
        let list = matches!(block, Block::Bullets(_) | Block::Numbered(_));
        for item in items {
            if list {
                m.open("li", &[]);
            }
            spans(&mut m, item);
            if list {
                m.close("li");
            }
        }
        m.close(tag);
    }
    Html::from_html_unchecked(AttrValue::from(m.finish()))
}
