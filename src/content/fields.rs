//! Reads the fields of one YAML mapping, reporting each problem at its exact
//! position and carrying on, so a single run lists every problem in a file.

use serde_yaml::{Mapping, Value};

use crate::content::yaml_positions::YamlPositions;
use crate::diagnostic::{Diagnostic, Position};

/// Yes or no, as people write it: true/false, yes/no, in any case.
pub fn parse_yes_no(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" => Some(true),
        "false" | "no" => Some(false),
        _ => None,
    }
}

/// One YAML mapping being read: `prefix` is its dotted path in the document.
pub struct Fields<'a> {
    pub map: &'a Mapping,
    pub prefix: String,
    pub positions: &'a YamlPositions,
    pub path: &'a std::path::Path,
    pub diagnostics: &'a mut Vec<Diagnostic>,
}

pub fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a set of fields",
        Value::Tagged(_) => "a tagged value",
    }
}

/// A scalar as text: strings as they are, numbers written out.
pub fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl<'a> Fields<'a> {
    /// The top-level fields of a content file's front matter.
    pub fn for_file(
        file: &'a crate::content::load::ContentFile,
        diagnostics: &'a mut Vec<Diagnostic>,
    ) -> Self {
        Fields {
            map: &file.fields,
            prefix: String::new(),
            positions: &file.positions,
            path: &file.display,
            diagnostics,
        }
    }

    pub fn full_path(&self, key: &str) -> String {
        if self.prefix.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.prefix)
        }
    }

    pub fn pos(&self, key: &str) -> Position {
        self.positions.value(&self.full_path(key))
    }

    pub fn error(&mut self, pos: Position, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::error(self.path, pos, message));
    }

    pub fn warning(&mut self, pos: Position, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::warning(self.path, pos, message));
    }

    /// Reports every key not in `known`, with a suggestion when one is close.
    pub fn reject_unknown(&mut self, what: &str, known: &[&str]) {
        for key in self.map.keys() {
            let name = scalar_text(key).unwrap_or_default();
            if known.contains(&name.as_str()) {
                continue;
            }
            let pos = self.positions.key(&self.full_path(&name));
            let hint = crate::diagnostic::field_hint(&name, known.iter().copied(), || {
                format!("; known fields are: {}", known.join(", "))
            });
            self.error(pos, format!("unknown {what} field `{name}`{hint}"));
        }
    }

    pub fn get(&self, key: &str) -> Option<&'a Value> {
        match self.map.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    /// A text field; numbers are accepted as text, anything else is reported.
    pub fn text(&mut self, key: &str) -> Option<String> {
        let value = self.get(key)?;
        match scalar_text(value) {
            Some(s) if s.trim().is_empty() => None,
            Some(s) => Some(s.trim().to_string()),
            None => {
                let pos = self.pos(key);
                self.error(
                    pos,
                    format!("`{key}` must be text, not {}", describe(value)),
                );
                None
            }
        }
    }

    /// A true/false field (`yes`/`no` accepted too).
    pub fn bool(&mut self, key: &str) -> Option<bool> {
        match self.get(key)? {
            Value::Bool(b) => Some(*b),
            Value::String(s) if parse_yes_no(s).is_some() => parse_yes_no(s),
            other => {
                let (pos, what) = (self.pos(key), describe(other));
                self.error(pos, format!("`{key}` must be true or false, not {what}"));
                None
            }
        }
    }

    /// A whole number from `min` to `max` (written as a number or as text).
    pub fn whole_number(&mut self, key: &str, min: u32, max: u32) -> Option<u32> {
        let value = self.get(key)?;
        let number = match value {
            Value::Number(n) => n.as_u64(),
            Value::String(s) => s.trim().parse::<u64>().ok(),
            _ => None,
        };
        match number.filter(|n| (min as u64..=max as u64).contains(n)) {
            Some(n) => Some(n as u32),
            None => {
                let (pos, what) = (self.pos(key), describe(value));
                self.error(
                    pos,
                    format!("`{key}` must be a whole number from {min} to {max}, not {what}"),
                );
                None
            }
        }
    }

    /// A required text field.
    pub fn required_text(&mut self, key: &str, at: Position) -> Option<String> {
        let had_value = self.get(key).is_some();
        let text = self.text(key);
        if text.is_none() && !had_value {
            self.error(at, format!("missing required field `{key}`"));
        }
        text
    }

    /// A list of texts; a single text is taken as a list of one. Each item keeps its position.
    pub fn list(&mut self, key: &str) -> Vec<(String, Position)> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        match value {
            Value::Sequence(items) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let pos = self.positions.value(&self.full_path(&format!("{key}.{i}")));
                    match scalar_text(item) {
                        Some(s) if !s.trim().is_empty() => out.push((s.trim().to_string(), pos)),
                        Some(_) => {}
                        None => self.error(
                            pos,
                            format!("each item of `{key}` must be text, not {}", describe(item)),
                        ),
                    }
                }
                out
            }
            other => match scalar_text(other) {
                Some(s) => vec![(s.trim().to_string(), self.pos(key))],
                None => {
                    let pos = self.pos(key);
                    self.error(
                        pos,
                        format!(
                            "`{key}` must be a list like [a, b], not {}",
                            describe(other)
                        ),
                    );
                    Vec::new()
                }
            },
        }
    }

    /// A nested mapping, read with the same position map.
    pub fn nested<'b>(&'b mut self, key: &str, value: &'b Mapping) -> Fields<'b> {
        Fields {
            map: value,
            prefix: self.full_path(key),
            positions: self.positions,
            path: self.path,
            diagnostics: self.diagnostics,
        }
    }
}
