//! Where each value of a YAML document starts, so that a problem found after
//! deserializing can still point at the exact line and column in the file.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser};

use crate::diagnostic::Position;

/// How deeply front matter may nest mappings and lists. Real fields need at most
/// four levels (`exercises` → entry → `dosage` → value); the limit stops a hostile
/// file (`- - - - ...` or `[[[[...]]]]`) before any walk whose cost grows with depth.
pub const MAX_NESTING: usize = 10;

/// A document nested deeper than [`MAX_NESTING`], at the node that went too deep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooDeep {
    pub at: Position,
}

impl TooDeep {
    pub fn message(&self) -> String {
        format!(
            "the front matter nests lists and fields more than {MAX_NESTING} levels deep; no field needs more than 4"
        )
    }
}

/// Maps a dotted path (`dosage.reps`, `exercises.2.exercise`) to the position of its value.
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub struct YamlPositions {
    values: HashMap<String, Position>,
    keys: HashMap<String, Position>,
    /// Where the document starts, used when nothing better is known.
    start: Position,
}

enum Frame {
    Mapping { path: String, key: Option<String> },
    Sequence { path: String, index: usize },
}

fn join(parent: &str, child: &str) -> String {
    if parent.is_empty() {
        child.to_string()
    } else {
        format!("{parent}.{child}")
    }
}

impl YamlPositions {
    /// Reads `yaml`, whose first line is line `first_line` of the file. A document the
    /// parser rejects gives the positions read so far: serde_yaml reports the syntax
    /// error itself. A document nested too deeply is refused as soon as it goes too deep.
    pub fn read(yaml: &str, first_line: usize) -> Result<Self, TooDeep> {
        let mut map = YamlPositions {
            start: Position::new(first_line, 1),
            ..Default::default()
        };
        let to_pos = |line: usize, col: usize| Position::new(line + first_line - 1, col + 1);
        let mut stack: Vec<Frame> = Vec::new();
        for event in Parser::new_from_str(yaml) {
            let (event, span) = match event {
                Ok(found) => found,
                // The scanner looks ahead and gives up on very deep flow nesting
                // (`[[[[...`) before it reports a single node of it.
                Err(e) if e.info().contains("recursion limit") => {
                    let mark = e.marker();
                    return Err(TooDeep {
                        at: to_pos(mark.line(), mark.col()),
                    });
                }
                Err(_) => break,
            };
            let pos = to_pos(span.start.line(), span.start.col());
            let starts_node = matches!(
                event,
                Event::Scalar(..)
                    | Event::MappingStart(..)
                    | Event::SequenceStart(..)
                    | Event::Alias(..)
            );
            if !starts_node {
                if matches!(event, Event::MappingEnd | Event::SequenceEnd) {
                    stack.pop();
                    map.finish_value(&mut stack);
                }
                continue;
            }
            // Is this node a mapping key, or a value at some path?
            let value_path = match stack.last_mut() {
                Some(Frame::Mapping { path, key }) if key.is_none() => {
                    if let Event::Scalar(text, ..) = &event {
                        let k = text.to_string();
                        map.keys.insert(join(path, &k), pos);
                        *key = Some(k);
                    }
                    continue;
                }
                Some(Frame::Mapping { path, key }) => join(path, key.as_deref().unwrap_or("")),
                Some(Frame::Sequence { path, index }) => join(path, &index.to_string()),
                None => String::new(),
            };
            map.values.insert(value_path.clone(), pos);
            let opens = matches!(event, Event::MappingStart(..) | Event::SequenceStart(..));
            if opens && stack.len() >= MAX_NESTING {
                return Err(TooDeep { at: pos });
            }
            match event {
                Event::MappingStart(..) => stack.push(Frame::Mapping {
                    path: value_path,
                    key: None,
                }),
                Event::SequenceStart(..) => stack.push(Frame::Sequence {
                    path: value_path,
                    index: 0,
                }),
                _ => map.finish_value(&mut stack),
            }
        }
        Ok(map)
    }

    /// After a complete value, the enclosing mapping expects a key, or the sequence moves on.
    fn finish_value(&mut self, stack: &mut [Frame]) {
        match stack.last_mut() {
            Some(Frame::Mapping { key, .. }) => *key = None,
            Some(Frame::Sequence { index, .. }) => *index += 1,
            None => {}
        }
    }

    /// Position of the value at `path`, else of its nearest ancestor, else the document start.
    pub fn value(&self, path: &str) -> Position {
        let mut p = path;
        loop {
            if let Some(pos) = self.values.get(p) {
                return *pos;
            }
            match p.rfind('.') {
                Some(i) => p = &p[..i],
                None => return self.values.get("").copied().unwrap_or(self.start),
            }
        }
    }

    /// Position of the key at `path` (for "unknown field" style problems), else of its value.
    pub fn key(&self, path: &str) -> Position {
        self.keys
            .get(path)
            .copied()
            .unwrap_or_else(|| self.value(path))
    }

    pub fn start(&self) -> Position {
        self.start
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values_counted_from_the_file_top() {
        let yaml = "title: Bridge\ndosage:\n  reps: 8-10\n  sets: 3\nregions: [hip, core]\nexercises:\n  - bridge\n  - exercise: clamshell\n    note: slow\n";
        let map = YamlPositions::read(yaml, 2).unwrap();
        assert_eq!(map.value("title"), Position::new(2, 8));
        assert_eq!(map.value("dosage.reps"), Position::new(4, 9));
        assert_eq!(map.value("dosage.sets"), Position::new(5, 9));
        assert_eq!(map.value("regions.1"), Position::new(6, 16));
        assert_eq!(map.value("exercises.0"), Position::new(8, 5));
        assert_eq!(map.value("exercises.1.exercise"), Position::new(9, 15));
        assert_eq!(map.value("exercises.1.note"), Position::new(10, 11));
        assert_eq!(map.key("dosage.sets"), Position::new(5, 3));
        // Missing paths fall back to the nearest ancestor.
        assert_eq!(map.value("dosage.hold"), map.value("dosage"));
    }

    #[test]
    fn broken_yaml_gives_the_start() {
        let map = YamlPositions::read("a: [unclosed\nb: 1", 2).unwrap();
        assert_eq!(map.value("b"), Position::new(2, 1));
    }

    #[test]
    fn deep_nesting_is_refused_where_it_goes_too_deep() {
        let ok = "a:\n  b: [[[[[[[[1]]]]]]]]\n";
        assert!(YamlPositions::read(ok, 2).is_ok(), "ten levels are allowed");
        let flow = |depth| {
            format!(
                "title: x\nbad: {}1{}\n",
                "[".repeat(depth),
                "]".repeat(depth)
            )
        };
        assert_eq!(
            YamlPositions::read(&flow(30), 2).unwrap_err().at,
            Position::new(3, 15),
            "the tenth bracket opens the eleventh level"
        );
        // Far deeper, the scanner gives up inside the run of brackets, on the right line.
        assert_eq!(
            YamlPositions::read(&flow(500_000), 2).unwrap_err().at.line,
            3
        );
        let block = "- ".repeat(100_000) + "x\n";
        assert_eq!(
            YamlPositions::read(&block, 5).unwrap_err().at,
            Position::new(5, 21)
        );
        let maps: String = (0..1000)
            .map(|i| format!("{}k{i}:\n", "  ".repeat(i)))
            .collect();
        assert_eq!(
            YamlPositions::read(&maps, 2).unwrap_err().at,
            Position::new(12, 21)
        );
    }
}
