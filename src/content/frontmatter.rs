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
    Unclosed {
        opened_at: usize,
    },
    /// Zola- or Hugo-style TOML front matter between `+++` lines.
    Toml {
        at: usize,
    },
}

impl SplitError {
    pub fn line(&self) -> usize {
        match self {
            SplitError::Missing => 1,
            SplitError::Unclosed { opened_at } => *opened_at,
            SplitError::Toml { at } => *at,
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
            SplitError::Toml { .. } => {
                "this front matter is TOML (between `+++` lines); handout reads YAML between `---` lines: write `---`, then the fields as `title: Bridge`, then `---`"
            }
        }
    }
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Splits `text`; a byte-order mark and blank lines before the opening `---` are
/// allowed, as editors and other generators leave them.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = (1..).zip(text.split_inclusive('\n'));
    let mut offset = 0;
    let (opened_at, first) = loop {
        let (line_no, line) = lines.next().ok_or(SplitError::Missing)?;
        if !line.trim().is_empty() {
            break (line_no, line);
        }
        offset += line.len();
    };
    if first.trim_end() == "+++" {
        return Err(SplitError::Toml { at: opened_at });
    }
    if !is_fence(first) {
        return Err(SplitError::Missing);
    }
    let yaml_start = offset + first.len();
    let mut offset = yaml_start;
    for (line_no, line) in lines {
        if is_fence(line) || line.trim_end() == "..." {
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: opened_at + 1,
                body: &text[offset + line.len()..],
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(SplitError::Unclosed { opened_at })
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

    #[test]
    fn blank_lines_and_a_byte_order_mark_may_come_first() {
        let s = split("\u{feff}\n  \n---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!((s.yaml, s.yaml_line), ("title: A\n", 4));
        assert_eq!((s.body, s.body_line), ("Body\n", 6));
        assert_eq!(
            split("\n---\ntitle: A\n"),
            Err(SplitError::Unclosed { opened_at: 2 })
        );
    }

    #[test]
    fn toml_front_matter_is_named_as_such() {
        let err = split("\n+++\ntitle = \"Bridge\"\n+++\n").unwrap_err();
        assert_eq!(err, SplitError::Toml { at: 2 });
        assert!(
            err.message()
                .contains("handout reads YAML between `---` lines")
        );
    }
}
