//! Splits a content file into its YAML front matter and its Markdown body.

/// A content file cut in two, remembering on which line of the file each part starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// 1-based line of the file where the YAML starts (the line after the opening `---`).
    pub yaml_line: usize,
    pub body: &'a str,
    /// 1-based line of the file where the body starts.
    pub body_line: usize,
}

/// Why a file could not be split; each has the 1-based line it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    Missing,
    Unclosed { opened_at: usize },
}

impl SplitError {
    pub fn line(&self) -> usize {
        match self {
            SplitError::Missing => 1,
            SplitError::Unclosed { opened_at } => *opened_at,
        }
    }

    pub fn message(&self) -> &'static str {
        match self {
            SplitError::Missing => {
                "no front matter: the file must start with a line `---`, then the fields (title, dosage, ...), then another `---`"
            }
            SplitError::Unclosed { .. } => {
                "front matter is not closed: add a line `---` after the last field"
            }
        }
    }
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().ok_or(SplitError::Missing)?;
    if !is_fence(first) {
        return Err(SplitError::Missing);
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    for (line_no, line) in (2..).zip(lines) {
        if is_fence(line) || line.trim_end() == "..." {
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[offset + line.len()..],
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(SplitError::Unclosed { opened_at: 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_lines() {
        let s = split("---\ntitle: A\nkind: stretch\n---\n\n1. Lie down.\n").unwrap();
        assert_eq!(s.yaml, "title: A\nkind: stretch\n");
        assert_eq!(s.yaml_line, 2);
        assert_eq!(s.body, "\n1. Lie down.\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn crlf_bom_and_empty_front_matter() {
        let s = split("\u{feff}---\r\ntitle: A\r\n---\r\nBody").unwrap();
        assert_eq!(s.yaml, "title: A\r\n");
        assert_eq!(s.body, "Body");
        assert_eq!(split("---\n---\n").unwrap().yaml, "");
    }

    #[test]
    fn problems() {
        assert_eq!(split(""), Err(SplitError::Missing));
        assert_eq!(split("# Title\n"), Err(SplitError::Missing));
        assert_eq!(
            split("---\ntitle: A\n"),
            Err(SplitError::Unclosed { opened_at: 1 })
        );
    }
}
