//! Markdown bodies rendered two ways: HTML for the website, and the small sheet
//! markup (`<p>`, `<ol>`, `<li>`, `<b>`, ...) that the PDF typesetter reads.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

fn options() -> Options {
    Options::ENABLE_STRIKETHROUGH | Options::ENABLE_SMART_PUNCTUATION
}

/// Raw HTML in content is shown as text, so content can never inject markup.
fn without_raw_html(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Html(text) | Event::InlineHtml(text) => Event::Text(text),
        other => other,
    }
}

/// Markdown as HTML. Raw HTML in the Markdown is shown as text unless the site
/// allows it (site.yaml `raw_html: true`).
pub fn to_html(markdown: &str, raw_html: bool) -> String {
    let parser = Parser::new_ext(markdown, options())
        .map(|e| if raw_html { e } else { without_raw_html(e) });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, parser);
    html
}

/// Escapes text for HTML or for the sheet markup (which is XML).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
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
    out
}

/// Lists and quotes deeper than this are flattened on sheets: they add nothing
/// on paper, and unbounded nesting would exhaust the typesetter's stack.
const MAX_SHEET_NESTING: usize = 12;

/// Markdown as sheet markup. Headings inside a body become `<h3>`; links keep their text.
pub fn to_sheet(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    // For each open list, item or quote: whether its tags were written.
    let mut containers: Vec<bool> = Vec::new();
    // For each open link: whether its <a> was written.
    let mut links: Vec<bool> = Vec::new();
    for event in Parser::new_ext(markdown, options()).map(without_raw_html) {
        match event {
            Event::Start(tag @ (Tag::List(_) | Tag::Item | Tag::BlockQuote(_))) => {
                // An item is always written inside a written list, so lists stay well-formed.
                let emit = containers.len() < MAX_SHEET_NESTING
                    || (matches!(tag, Tag::Item) && containers.last() == Some(&true));
                containers.push(emit);
                if emit {
                    out.push_str(&match tag {
                        Tag::List(Some(start)) => format!("<ol start=\"{start}\">"),
                        Tag::List(None) => "<ul>".into(),
                        Tag::Item => "<li>".into(),
                        _ => "<div>".into(),
                    });
                }
            }
            // Closing a container pops it; its tag is written only if the opening one was.
            Event::End(tag @ (TagEnd::List(_) | TagEnd::Item | TagEnd::BlockQuote(_)))
                if containers.pop() == Some(true) =>
            {
                out.push_str(match tag {
                    TagEnd::List(true) => "</ol>",
                    TagEnd::List(false) => "</ul>",
                    TagEnd::Item => "</li>",
                    _ => "</div>",
                });
            }
            // Web and mail links stay clickable on sheets; other links keep their text.
            Event::Start(Tag::Link { dest_url, .. }) => {
                let web = ["https://", "http://", "mailto:"]
                    .iter()
                    .any(|p| dest_url.starts_with(p));
                links.push(web);
                if web {
                    out.push_str(&format!("<a href=\"{}\">", escape(&dest_url)));
                }
            }
            // Closing a link pops it; `</a>` is written only if `<a>` was.
            Event::End(TagEnd::Link) if links.pop() == Some(true) => out.push_str("</a>"),
            Event::Start(tag) => out.push_str(match tag {
                Tag::Paragraph | Tag::CodeBlock(_) => "<p>",
                Tag::Heading { level, .. } => match level {
                    HeadingLevel::H1 | HeadingLevel::H2 => "<h3>",
                    _ => "<h4>",
                },
                Tag::Strong => "<b>",
                Tag::Emphasis => "<i>",
                _ => "",
            }),
            Event::End(tag) => out.push_str(match tag {
                TagEnd::Paragraph | TagEnd::CodeBlock => "</p>",
                TagEnd::Heading(level) => match level {
                    HeadingLevel::H1 | HeadingLevel::H2 => "</h3>",
                    _ => "</h4>",
                },
                TagEnd::Strong => "</b>",
                TagEnd::Emphasis => "</i>",
                _ => "",
            }),
            Event::Text(text) | Event::Code(text) => out.push_str(&escape(&text)),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push_str("<br/>"),
            Event::Rule => out.push_str("<hr/>"),
            _ => {}
        }
    }
    out
}

/// A condition body cut at its `## ` headings: the introduction, then titled sections.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Section {
    pub title: String,
    pub body: String,
    /// An id for links to it: "section-when-to-seek-help", unique in the body.
    pub id: String,
}

pub fn split_sections(markdown: &str) -> (String, Vec<Section>) {
    let mut intro = String::new();
    let mut sections: Vec<Section> = Vec::new();
    let mut fence: Option<&str> = None;
    for line in markdown.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(f) = fence {
            if trimmed.starts_with(f) {
                fence = None;
            }
        } else if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
        } else if let Some(title) = line.strip_prefix("## ") {
            let title = inline_text(title.trim());
            let slug = crate::content::validate::slugify(&title);
            let mut id = format!("section-{slug}").trim_end_matches('-').to_string();
            if sections.iter().any(|s| s.id == id) {
                id = format!("{id}-{}", sections.len() + 1);
            }
            sections.push(Section {
                title,
                body: String::new(),
                id,
            });
            continue;
        }
        match sections.last_mut() {
            Some(s) => s.body.push_str(line),
            None => intro.push_str(line),
        }
    }
    (intro, sections)
}

/// The plain text of a Markdown document, with a space between blocks and list items.
pub fn plain_text(markdown: &str) -> String {
    let mut text = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
            _ => {}
        }
    }
    text
}

/// The plain text of a line of inline Markdown ("**Safety** first" → "Safety first").
pub fn inline_text(markdown: &str) -> String {
    Parser::new(markdown)
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t),
            Event::SoftBreak => Some(CowStr::Borrowed(" ")),
            _ => None,
        })
        .fold(String::new(), |mut text, part| {
            text.push_str(&part);
            text
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_raw_html() {
        let html = to_html("1. Lie <b>down</b>\n2. Lift <script>x</script>\n", false);
        assert!(html.contains("<ol>"));
        assert!(html.contains("&lt;b&gt;down&lt;/b&gt;"));
        assert!(!html.contains("<script>"));
        // A site that allows raw HTML gets it as written.
        assert!(to_html("Lie <b>down</b>", true).contains("<b>down</b>"));
    }

    #[test]
    fn web_links_stay_links_on_sheets() {
        assert_eq!(
            to_sheet(
                "See [our video](https://clinic.example/v?a=1&b=2) or [the bridge](../bridge/)."
            ),
            "<p>See <a href=\"https://clinic.example/v?a=1&amp;b=2\">our video</a> or the bridge.</p>"
        );
    }

    #[test]
    fn sheet_markup_keeps_structure() {
        let sheet = to_sheet("Lie **flat** & relax.\n\n3. One\n4. Two\n\n- a\n");
        assert_eq!(
            sheet,
            "<p>Lie <b>flat</b> &amp; relax.</p><ol start=\"3\"><li>One</li><li>Two</li></ol><ul><li>a</li></ul>"
        );
    }

    /// Whatever the Markdown, the sheet markup is well-formed and uses only known elements.
    #[test]
    fn any_markdown_gives_valid_sheet_markup() {
        let samples = [
            "> quoted\n>\n> > nested **bold _both_**\n",
            "- a\n  > quote in list\n  # heading in list\n\n      code\n",
            "```\n<sheet>&\n```\n\n<div>raw</div>\n\n![alt *text*](x.png)\n\n| a | b |\n|---|---|\n",
            "1. one\n   - two\n     1. three\n\n---\n\nline  \nbreak\n",
            &format!("{} deep\n", ">".repeat(5000)),
            &(0..300)
                .map(|i| format!("{}- level {i}\n", "  ".repeat(i)))
                .collect::<String>(),
        ];
        for md in &samples {
            let markup = format!("<sheet>{}</sheet>", to_sheet(md));
            if let Err(e) = crate::pdf::markup::parse(&markup) {
                panic!("{md:?} gave {markup}: {}", e.message);
            }
        }
    }

    #[test]
    fn sections_split_at_level_two_headings_outside_code() {
        let (intro, sections) = split_sections(
            "Intro\n\n## Safety\nStop.\n```\n## not a heading\n```\n## When to **seek** help\nCall.\n",
        );
        assert_eq!(intro, "Intro\n\n");
        assert_eq!(sections.len(), 2);
        assert_eq!(sections[0].title, "Safety");
        assert!(sections[0].body.contains("## not a heading"));
        assert_eq!(sections[1].title, "When to seek help");
        let ids: Vec<&str> = sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["section-safety", "section-when-to-seek-help"]);
        // Ids stay unique, and exist for titles with no Latin letters.
        let (_, sections) = split_sections(
            "## Notes
## Notes
## 注意
",
        );
        let ids: Vec<&str> = sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["section-notes", "section-notes-2", "section"]);
    }
}
