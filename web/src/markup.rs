//! HTML written as a string, for the few subtrees the page inserts in one `innerHTML` parse
//! instead of node by node (see `components::schema_panel`). Tag and attribute names can only
//! be `'static` strings, the code's own; every text and attribute value is escaped, so a
//! value in the database or a name in a revision file is shown as text, never read as markup.

use std::fmt::Write;

use playground::markdown::escape_into;

/// A fragment under construction.
#[derive(Default)]
pub struct Markup(String);

impl Markup {
    /// `<tag attr="value" ...>`; values escaped.
    pub fn open(&mut self, tag: &'static str, attrs: &[(&'static str, &str)]) -> &mut Self {
        self.0.push('<');
        self.0.push_str(tag);
        for (name, value) in attrs {
            let _ = write!(self.0, " {name}=\"");
            escape_into(&mut self.0, value);
            self.0.push('"');
        }
        self.0.push('>');
        self
    }

    pub fn close(&mut self, tag: &'static str) -> &mut Self {
        let _ = write!(self.0, "</{tag}>");
        self
    }

    /// Text content, escaped.
    pub fn text(&mut self, text: &str) -> &mut Self {
        escape_into(&mut self.0, text);
        self
    }

    /// `<tag attrs>text</tag>`.
    pub fn element(&mut self, tag: &'static str, attrs: &[(&'static str, &str)], text: &str) -> &mut Self {
        self.open(tag, attrs).text(text).close(tag)
    }

    pub fn finish(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::Markup;

    #[test]
    fn text_and_attribute_values_are_escaped() {
        let mut m = Markup::default();
        m.open("td", &[("data-x", "\"><script>x</script>")]).text("<img src=x onerror='y'> & </td>").close("td");
        assert_eq!(
            m.finish(),
            "<td data-x=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\">&lt;img src=x onerror=&#39;y&#39;&gt; &amp; &lt;/td&gt;</td>"
        );
    }
}
