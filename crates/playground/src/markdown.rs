//! The Markdown of lesson stories and scenario READMEs, as far as they use it: `#` headings, paragraphs,
//! `-` and `1.` lists (indented lines continue an item), and inline `code`, **strong** and
//! *emphasis*. Every text is escaped in `to_html`: nothing in a README or a story becomes
//! markup. No dependencies: `web/build.rs` includes this file to render the bundled READMEs
//! when the page is built, so the page carries HTML and no Markdown reader.

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Span {
    Text(String),
    Code(String),
    Strong(String),
    Em(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Heading(Vec<Span>),
    Paragraph(Vec<Span>),
    Bullets(Vec<Vec<Span>>),
    Numbered(Vec<Vec<Span>>),
}

/// A list item's text after its marker, and whether the list is numbered.
fn item(line: &str) -> Option<(bool, &str)> {
    if let Some(rest) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
        return Some((false, rest));
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0).then(|| line[digits..].strip_prefix(". ")).flatten().map(|rest| (true, rest))
}

pub fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    // The paragraph or list item being gathered, and the list being built.
    let mut para: Vec<&str> = Vec::new();
    let mut list: Option<(bool, Vec<String>)> = None;
    let flush_para = |para: &mut Vec<&str>, out: &mut Vec<Block>| {
        if !para.is_empty() {
            out.push(Block::Paragraph(spans(&para.join(" "))));
            para.clear();
        }
    };
    let flush_list = |list: &mut Option<(bool, Vec<String>)>, out: &mut Vec<Block>| {
        if let Some((numbered, items)) = list.take() {
            let items = items.iter().map(|i| spans(i)).collect();
            out.push(if numbered { Block::Numbered(items) } else { Block::Bullets(items) });
        }
    };
    for raw in markdown.lines() {
        let line = raw.trim_end();
        if line.trim().is_empty() {
            flush_para(&mut para, &mut out);
            flush_list(&mut list, &mut out);
        } else if let Some(heading) = line.strip_prefix('#') {
            flush_para(&mut para, &mut out);
            flush_list(&mut list, &mut out);
            out.push(Block::Heading(spans(heading.trim_start_matches('#').trim())));
        } else if let Some((numbered, rest)) = item(line) {
            flush_para(&mut para, &mut out);
            match &mut list {
                Some((n, items)) if *n == numbered => items.push(rest.to_string()),
                _ => {
                    flush_list(&mut list, &mut out);
                    list = Some((numbered, vec![rest.to_string()]));
                }
            }
        } else if let (Some((_, items)), true) = (&mut list, raw.starts_with(' ')) {
            if let Some(last) = items.last_mut() {
                last.push(' ');
                last.push_str(line.trim());
            }
        } else {
            flush_list(&mut list, &mut out);
            para.push(line.trim());
        }
    }
    flush_para(&mut para, &mut out);
    flush_list(&mut list, &mut out);
    out
}

/// Inline code first (nothing inside it is read), then `**strong**`, then `*em*`; a marker
/// without its closing twin is text.
pub fn spans(text: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let found = [("`", "`"), ("**", "**"), ("*", "*")].iter().find_map(|(open, close)| {
            let body = rest.strip_prefix(open)?;
            let end = body.find(close).filter(|&e| e > 0)?;
            Some((*open, &body[..end], &body[end + close.len()..]))
        });
        match found {
            Some((marker, body, after)) => {
                if !plain.is_empty() {
                    out.push(Span::Text(std::mem::take(&mut plain)));
                }
                out.push(match marker {
                    "`" => Span::Code(body.to_string()),
                    "**" => Span::Strong(body.to_string()),
                    _ => Span::Em(body.to_string()),
                });
                rest = after;
            }
            None => {
                let c = rest.chars().next().unwrap_or_default();
                plain.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if !plain.is_empty() {
        out.push(Span::Text(plain));
    }
    out
}

/// `markdown` as HTML: `h3` headings, `p`, `ul`/`ol` with `li`, `code`, `strong`, `em`.
pub fn to_html(markdown: &str) -> String {
    let mut out = String::new();
    let spans = |out: &mut String, spans: &[Span]| {
        for span in spans {
            let (tag, text) = match span {
                Span::Text(t) => ("", t),
                Span::Code(t) => ("code", t),
                Span::Strong(t) => ("strong", t),
                Span::Em(t) => ("em", t),
            };
            if tag.is_empty() {
                escape_into(out, text);
            } else {
                out.push_str(&format!("<{tag}>"));
                escape_into(out, text);
                out.push_str(&format!("</{tag}>"));
            }
        }
    };
    for block in blocks(markdown) {
        let (tag, items, list) = match &block {
            Block::Heading(s) => ("h3", std::slice::from_ref(s), false),
            Block::Paragraph(s) => ("p", std::slice::from_ref(s), false),
            Block::Bullets(l) => ("ul", l.as_slice(), true),
            Block::Numbered(l) => ("ol", l.as_slice(), true),
        };
        out.push_str(&format!("<{tag}>"));
        for item in items {
            out.push_str(if list { "<li>" } else { "" });
            spans(&mut out, item);
            out.push_str(if list { "</li>" } else { "" });
        }
        out.push_str(&format!("</{tag}>"));
    }
    out
}

/// Escapes for text and double- or single-quoted attribute values: `&`, `<`, `>`, `"`, `'`
/// (the page's `markup.rs` writes with it too).
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Span {
        Span::Text(s.into())
    }

    #[test]
    fn html_is_escaped_and_nested_as_the_blocks_are() {
        let html = to_html("# A <b>\n\nText with `x < 1` and **bold** & *em*.\n\n1. one\n2. <script>two</script>\n");
        assert_eq!(
            html,
            "<h3>A &lt;b&gt;</h3><p>Text with <code>x &lt; 1</code> and <strong>bold</strong> &amp; <em>em</em>.</p>\
             <ol><li>one</li><li>&lt;script&gt;two&lt;/script&gt;</li></ol>"
        );
    }

    #[test]
    fn headings_paragraphs_and_lists() {
        let md = "# The chain\n\nOne line\nand the next.\n\n- `upgrade head` runs\n  all of them.\n- two\n\n1. first\n2. second\nAfter.\n";
        assert_eq!(
            blocks(md),
            [
                Block::Heading(vec![t("The chain")]),
                Block::Paragraph(vec![t("One line and the next.")]),
                Block::Bullets(vec![vec![Span::Code("upgrade head".into()), t(" runs all of them.")], vec![t("two")]]),
                Block::Numbered(vec![vec![t("first")], vec![t("second")]]),
                Block::Paragraph(vec![t("After.")]),
            ]
        );
    }

    #[test]
    fn inline_markers_and_unclosed_ones() {
        assert_eq!(
            spans("a **b** *c* `*d*` 2 * 3 and `x"),
            [t("a "), Span::Strong("b".into()), t(" "), Span::Em("c".into()), t(" "), Span::Code("*d*".into()), t(" 2 * 3 and `x")]
        );
        assert_eq!(spans("<b>é</b>"), [t("<b>é</b>")]);
    }

    #[test]
    fn every_story_of_the_course_has_a_heading_and_no_stray_markers() {
        for cl in crate::lessons::course::Course::of_repository().unwrap().lessons {
            let b = blocks(&cl.lesson.story);
            assert!(matches!(b.first(), Some(Block::Heading(_))), "{}", cl.id);
            for block in &b {
                let spans: Vec<&Span> = match block {
                    Block::Heading(s) | Block::Paragraph(s) => s.iter().collect(),
                    Block::Bullets(items) | Block::Numbered(items) => items.iter().flatten().collect(),
                };
                for s in spans {
                    if let Span::Text(text) = s {
                        assert!(!text.contains('`') && !text.contains("**"), "{}: unclosed marker in {text:?}", cl.id);
                    }
                }
            }
        }
    }
}
