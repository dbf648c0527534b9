//! Where each value of a YAML document starts, so that a problem found after
//! deserializing can still point at the exact line and column in the file.

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
    values: Paths,
    keys: Paths,
    /// Where the document starts, used when nothing better is known.
    start: Position,
}

/// Positions by dotted path, sorted by path, one per path. A sorted list rather
/// than a hash map: a rebuild decodes some 60 of them per file from the YAML
/// cache, and a list is decoded without hashing every path, and encoded in the
/// same order every time (a hash map's order changed from run to run, and so did
/// the cache file).
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
#[serde(from = "Vec<(String, Position)>")]
struct Paths(Vec<(String, Position)>);

impl From<Vec<(String, Position)>> for Paths {
    /// Sorted by path; of two positions for one path, the later in the list is kept.
    fn from(mut found: Vec<(String, Position)>) -> Self {
        if !found.is_sorted_by(|a, b| a.0 < b.0) {
            // Reversed, then sorted stably: the last position given for a path
            // comes first among its own, and is the one `dedup_by` keeps.
            found.reverse();
            found.sort_by(|a, b| a.0.cmp(&b.0));
            found.dedup_by(|later, kept| later.0 == kept.0);
        }
        Paths(found)
    }
}

impl Paths {
    fn get(&self, path: &str) -> Option<Position> {
        let at = (self.0).binary_search_by(|(p, _)| p.as_str().cmp(path));
        at.ok().map(|i| self.0[i].1)
    }
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
        let start = Position::new(first_line, 1);
        let (mut values, mut keys) = (Vec::new(), Vec::new());
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
                    finish_value(&mut stack);
                }
                continue;
            }
            // Is this node a mapping key, or a value at some path?
            let value_path = match stack.last_mut() {
                Some(Frame::Mapping { path, key }) if key.is_none() => {
                    if let Event::Scalar(text, ..) = &event {
                        let k = text.to_string();
                        keys.push((join(path, &k), pos));
                        *key = Some(k);
                    }
                    continue;
                }
                Some(Frame::Mapping { path, key }) => join(path, key.as_deref().unwrap_or("")),
                Some(Frame::Sequence { path, index }) => join(path, &index.to_string()),
                None => String::new(),
            };
            values.push((value_path.clone(), pos));
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
                _ => finish_value(&mut stack),
            }
        }
        Ok(YamlPositions {
            values: values.into(),
            keys: keys.into(),
            start,
        })
    }

    /// Position of the value at `path`, else of its nearest ancestor, else the document start.
    pub fn value(&self, path: &str) -> Position {
        let mut p = path;
        loop {
            if let Some(pos) = self.values.get(p) {
                return pos;
            }
            match p.rfind('.') {
                Some(i) => p = &p[..i],
                None => return self.values.get("").unwrap_or(self.start),
            }
        }
    }

    /// Position of the key at `path` (for "unknown field" style problems), else of its value.
    pub fn key(&self, path: &str) -> Position {
        self.keys.get(path).unwrap_or_else(|| self.value(path))
    }

    pub fn start(&self) -> Position {
        self.start
    }
}

/// After a complete value, the enclosing mapping expects a key, or the sequence moves on.
fn finish_value(stack: &mut [Frame]) {
    match stack.last_mut() {
        Some(Frame::Mapping { key, .. }) => *key = None,
        Some(Frame::Sequence { index, .. }) => *index += 1,
        None => {}
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
    fn paths_are_kept_in_order_whatever_order_they_come_in() {
        let yaml = "zeta: 1\nalpha:\n  b: 2\n  a: 3\nmid: [x, y]\n";
        let map = YamlPositions::read(yaml, 2).unwrap();
        let encode = |m: &YamlPositions| bincode::serialize(m).unwrap();
        // Encoded the same way every time, in path order.
        let again = YamlPositions::read(yaml, 2).unwrap();
        assert_eq!(encode(&map), encode(&again));
        let paths: Vec<&str> = map.values.0.iter().map(|(p, _)| p.as_str()).collect();
        assert!(paths.is_sorted(), "{paths:?}");
        // Decoded from a list in any order, with a path given twice: the later wins.
        let shuffled = vec![
            ("zeta".to_string(), Position::new(2, 7)),
            ("alpha.a".to_string(), Position::new(1, 1)),
            ("alpha".to_string(), Position::new(3, 7)),
            ("alpha.a".to_string(), Position::new(5, 6)),
        ];
        let decoded: Paths = bincode::deserialize(&bincode::serialize(&shuffled).unwrap()).unwrap();
        assert_eq!(decoded.get("alpha.a"), Some(Position::new(5, 6)));
        assert_eq!(decoded.get("zeta"), Some(Position::new(2, 7)));
        assert_eq!(decoded.get("alpha"), Some(Position::new(3, 7)));
        assert_eq!(decoded.get("beta"), None);
        assert_eq!(decoded.0.len(), 3);
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
