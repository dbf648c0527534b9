//! Inline markup inside a paragraph: bold, italic, links and line breaks, folded
//! into runs of one style with white space collapsed as HTML does.

use super::{LINE_BREAK, MarkupError, Run, error_at};

/// Bold and italic for an inline element, or None if it is not inline.
pub(super) fn inline_style(name: &str) -> Option<(bool, bool)> {
    match name {
        "b" | "strong" => Some((true, false)),
        "i" | "em" => Some((false, true)),
        "span" | "br" | "a" => Some((false, false)),
        _ => None,
    }
}

pub(super) fn inline(
    doc: &roxmltree::Document,
    node: roxmltree::Node,
    ink: &Run,
    out: &mut Vec<Run>,
) -> Result<(), MarkupError> {
    if node.is_text() {
        let text = node.text().unwrap_or_default().to_string();
        out.push(Run {
            text,
            ..ink.clone()
        });
        return Ok(());
    }
    if !node.is_element() {
        return Ok(());
    }
    let name = node.tag_name().name();
    if name == "br" {
        out.push(Run {
            text: LINE_BREAK.to_string(),
            ..ink.clone()
        });
        return Ok(());
    }
    let Some((b, i)) = inline_style(name) else {
        return Err(error_at(
            doc,
            node,
            format!(
                "<{name}> cannot be inside a paragraph; inline elements are b, strong, i, em, a, span and br"
            ),
        ));
    };
    // Only web and mail addresses can open from paper; other links keep their text.
    let href = node.attribute("href").filter(|h| {
        name == "a"
            && (h.starts_with("https://") || h.starts_with("http://") || h.starts_with("mailto:"))
    });
    let ink = Run {
        text: String::new(),
        bold: ink.bold || b,
        italic: ink.italic || i,
        link: href.map(str::to_string).or_else(|| ink.link.clone()),
    };
    for child in node.children() {
        inline(doc, child, &ink, out)?;
    }
    Ok(())
}

/// Spaces that join what they separate: kept as they are, as HTML keeps `&nbsp;`.
const NO_BREAK_SPACES: [char; 3] = ['\u{a0}', '\u{2007}', '\u{202f}'];

/// Collapses white space as HTML does, keeping `<br/>` line breaks and no-break
/// spaces, and merges runs of one style.
pub(super) fn normalize(runs: Vec<Run>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut last_space = true;
    for run in runs {
        let mut text = String::with_capacity(run.text.len());
        for c in run.text.chars() {
            if c == LINE_BREAK {
                text.push(c);
                last_space = true;
            } else if c.is_whitespace() && !NO_BREAK_SPACES.contains(&c) {
                if !last_space {
                    text.push(' ');
                }
                last_space = true;
            } else {
                text.push(c);
                last_space = false;
            }
        }
        match out.last_mut() {
            Some(prev)
                if prev.bold == run.bold && prev.italic == run.italic && prev.link == run.link =>
            {
                prev.text.push_str(&text)
            }
            _ if text.is_empty() => {}
            _ => out.push(Run { text, ..run }),
        }
    }
    if let Some(last) = out.last_mut() {
        let trimmed = last.text.trim_end_matches(' ').len();
        last.text.truncate(trimmed);
    }
    out.retain(|r| !r.text.is_empty());
    out
}
