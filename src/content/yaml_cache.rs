//! Front matter an earlier build parsed, kept by a hash of its text: a rebuild
//! parses again only the files whose front matter changed.
//!
//! Each entry holds exactly what [`crate::content::load::parse_yaml`] returned for
//! that text (serde_yaml's values and every value's position), encoded with bincode.
//! The file lives beside the output folder, like the build cache; one written by
//! another build of handout, or unreadable, is ignored, and so is any entry whose
//! bytes no longer match the hash stored with them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bincode::Options;
use serde::{Deserialize, Serialize};
use serde_yaml::value::{Tag, TaggedValue};
use serde_yaml::{Mapping, Value};

use crate::content::yaml_positions::YamlPositions;

/// The largest cache file read, and the largest entry decoded: a damaged length
/// can never make a build allocate without bound.
const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;
const MAX_ENTRY_BYTES: u64 = 4 * 1024 * 1024;

/// A YAML value as stored: serde_yaml's own values cannot go through bincode,
/// which has no self-describing form. Read back by [`Decoded`], straight into
/// serde_yaml's values.
#[derive(Debug, Serialize)]
enum Node {
    Null,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
    Tagged(String, Box<Node>),
}

impl Node {
    fn of(value: &Value) -> Node {
        match value {
            Value::Null => Node::Null,
            Value::Bool(b) => Node::Bool(*b),
            Value::Number(n) => match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => Node::Int(i),
                (None, Some(u)) => Node::Uint(u),
                _ => Node::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            Value::String(s) => Node::Str(s.clone()),
            Value::Sequence(items) => Node::Seq(items.iter().map(Node::of).collect()),
            Value::Mapping(map) => Node::Map(Node::pairs(map)),
            Value::Tagged(tagged) => {
                Node::Tagged(tagged.tag.to_string(), Box::new(Node::of(&tagged.value)))
            }
        }
    }

    fn pairs(map: &Mapping) -> Vec<(Node, Node)> {
        map.iter()
            .map(|(k, v)| (Node::of(k), Node::of(v)))
            .collect()
    }
}

/// The variants of [`Node`], in order: bincode stores a variant by its index.
const NODE_VARIANTS: &[&str] = &[
    "Null", "Bool", "Int", "Uint", "Float", "Str", "Seq", "Map", "Tagged",
];

/// A [`Node`] decoded straight into serde_yaml's value, without building the
/// node first. A damaged entry may hold an empty tag, which serde_yaml refuses:
/// it fails to decode.
struct Decoded(Value);

impl<'de> Deserialize<'de> for Decoded {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_enum("Node", NODE_VARIANTS, NodeVisitor)
            .map(Decoded)
    }
}

struct NodeVisitor;

impl<'de> serde::de::Visitor<'de> for NodeVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a stored YAML value")
    }

    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        use serde::de::{Error, VariantAccess};
        let (index, node): (u32, _) = data.variant()?;
        Ok(match index {
            0 => node.unit_variant().map(|()| Value::Null)?,
            1 => Value::Bool(node.newtype_variant()?),
            2 => Value::Number(node.newtype_variant::<i64>()?.into()),
            3 => Value::Number(node.newtype_variant::<u64>()?.into()),
            4 => Value::Number(node.newtype_variant::<f64>()?.into()),
            5 => Value::String(node.newtype_variant()?),
            6 => Value::Sequence(
                (node.newtype_variant::<Vec<Decoded>>()?.into_iter())
                    .map(|d| d.0)
                    .collect(),
            ),
            7 => Value::Mapping(node.newtype_variant::<DecodedMapping>()?.0),
            8 => {
                let (tag, value) = node.tuple_variant(2, TaggedVisitor)?;
                if tag.is_empty() {
                    return Err(A::Error::custom("an empty tag"));
                }
                Value::Tagged(Box::new(TaggedValue {
                    tag: Tag::new(tag),
                    value,
                }))
            }
            _ => return Err(A::Error::custom("an unknown kind of value")),
        })
    }
}

struct TaggedVisitor;

impl<'de> serde::de::Visitor<'de> for TaggedVisitor {
    type Value = (String, Value);

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a tag and its value")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        use serde::de::Error;
        let tag: String = seq
            .next_element()?
            .ok_or_else(|| A::Error::custom("no tag"))?;
        let value: Decoded = (seq.next_element()?).ok_or_else(|| A::Error::custom("no value"))?;
        Ok((tag, value.0))
    }
}

/// Stored key and value pairs ([`Node::pairs`]) decoded into a mapping.
struct DecodedMapping(Mapping);

impl<'de> Deserialize<'de> for DecodedMapping {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_seq(MappingVisitor).map(DecodedMapping)
    }
}

struct MappingVisitor;

impl<'de> serde::de::Visitor<'de> for MappingVisitor {
    type Value = Mapping;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("key and value pairs")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Mapping, A::Error> {
        // The stored length is not trusted for more than a modest start.
        let mut map = Mapping::with_capacity(seq.size_hint().unwrap_or(0).min(256));
        while let Some((key, value)) = seq.next_element::<(Decoded, Decoded)>()? {
            map.insert(key.0, value.0);
        }
        Ok(map)
    }
}

/// One file's parsed front matter, as stored.
#[derive(Serialize)]
struct Parsed {
    fields: Vec<(Node, Node)>,
    positions: YamlPositions,
}

/// [`Parsed`] as decoded.
#[derive(Deserialize)]
struct DecodedParsed {
    fields: DecodedMapping,
    positions: YamlPositions,
}

/// The whole file: which handout wrote it, then its entries, sorted by key, each
/// with a hash of its bytes: a damaged entry is never decoded.
#[derive(Serialize, Deserialize)]
struct Stored {
    tool: String,
    entries: Vec<(u64, u64, Vec<u8>)>,
}

fn checksum(bytes: &[u8]) -> u64 {
    crate::build::cache::hash_of(bytes)
}

fn options() -> impl Options {
    bincode::DefaultOptions::new().with_limit(MAX_ENTRY_BYTES)
}

/// The key of front matter `yaml` that starts on line `first_line` of its file
/// (positions count from there).
pub fn key(yaml: &str, first_line: usize) -> u64 {
    crate::build::cache::hash_of((yaml, first_line))
}

/// Parsed front matter, encoded, by key: what one build read, for the next.
#[derive(Debug, Default)]
pub struct YamlCache {
    /// Shared, not copied, from one build's cache to the next in `serve`.
    entries: HashMap<u64, Arc<[u8]>>,
}

impl YamlCache {
    pub fn new() -> Self {
        YamlCache::default()
    }

    /// The cache saved beside the output folder `target`; empty when there is none
    /// to use.
    pub fn load(target: &Path) -> Self {
        let path = path_for(target);
        let too_big = std::fs::metadata(&path).map_or(true, |m| m.len() > MAX_FILE_BYTES);
        let stored = (!too_big)
            .then(|| std::fs::read(&path).ok())
            .flatten()
            .and_then(|bytes| {
                bincode::DefaultOptions::new()
                    .with_limit(MAX_FILE_BYTES)
                    .deserialize::<Stored>(&bytes)
                    .ok()
            })
            .filter(|stored| stored.tool == crate::build::cache::tool_id());
        let entries = stored.map_or_else(Vec::new, |s| s.entries);
        YamlCache {
            entries: entries
                .into_iter()
                .filter(|(_, sum, bytes)| checksum(bytes) == *sum)
                .map(|(key, _, bytes)| (key, bytes.into()))
                .collect(),
        }
    }

    /// The front matter stored under `key`, decoded; none if absent or damaged.
    pub fn get(&self, key: u64) -> Option<(Mapping, YamlPositions)> {
        let parsed: DecodedParsed = options().deserialize(self.entries.get(&key)?).ok()?;
        Some((parsed.fields.0, parsed.positions))
    }

    /// The stored bytes under `key`, to keep for the next build.
    pub fn bytes(&self, key: u64) -> Option<&Arc<[u8]>> {
        self.entries.get(&key)
    }

    /// Keeps `bytes` (from [`encode`] or [`YamlCache::bytes`]) under `key`.
    pub fn insert(&mut self, key: u64, bytes: impl Into<Arc<[u8]>>) {
        self.entries.insert(key, bytes.into());
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Saves the cache beside the output folder `target`, in key order, so that the
    /// same content gives the same file.
    pub fn save(self, target: &Path) -> std::io::Result<()> {
        let mut entries: Vec<(u64, u64, &[u8])> = (self.entries.iter())
            .map(|(key, bytes)| (*key, checksum(bytes), &bytes[..]))
            .collect();
        entries.sort_unstable_by_key(|(key, ..)| *key);
        // Encoded as [`Stored`] is, without copying the entries.
        let stored = (crate::build::cache::tool_id(), entries);
        let bytes = bincode::DefaultOptions::new()
            .serialize(&stored)
            .map_err(std::io::Error::other)?;
        crate::build::output::write_atomically(&path_for(target), &bytes)
    }
}

/// `fields` and `positions` as a cache entry; none if they cannot be encoded.
pub fn encode(fields: &Mapping, positions: &YamlPositions) -> Option<Vec<u8>> {
    let parsed = Parsed {
        fields: Node::pairs(fields),
        positions: positions.clone(),
    };
    options().serialize(&parsed).ok()
}

/// Where the parsed front matter of the output folder `target` is kept: beside it.
pub fn path_for(target: &Path) -> PathBuf {
    let name = crate::build::lock::name_of(target);
    target.with_file_name(format!(".{name}.handout-yaml.bin"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::load::parse_yaml;

    const TRICKY: &str = r#"title: "Bridge: hips up"
reps: 10
hold: -3
big: 18446744073709551615
ratio: 1.5
nothing: ~
flag: true
not_a_number: "10"
inf: .inf
tagged: !custom value
list: [1, two, {three: 3}]
nested:
  dosage: {reps: "8-12", sets: 2}
  "a key with spaces": yes
10: numeric key
"#;

    #[test]
    fn a_stored_entry_gives_back_what_was_parsed() {
        let (fields, positions) = parse_yaml(TRICKY, 2, Path::new("x.md")).unwrap();
        let mut cache = YamlCache::new();
        let key = key(TRICKY, 2);
        cache.insert(key, encode(&fields, &positions).unwrap());
        let (again, again_positions) = cache.get(key).unwrap();
        assert_eq!(again, fields);
        // Order is kept, as serde_yaml keeps it.
        let keys = |m: &Mapping| m.keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(&again), keys(&fields));
        for path in [
            "title",
            "nested.dosage.reps",
            "list.2.three",
            "tagged",
            "10",
        ] {
            assert_eq!(again_positions.value(path), positions.value(path), "{path}");
        }
        assert_eq!(
            again_positions.key("nested.dosage"),
            positions.key("nested.dosage")
        );
        assert_eq!(again_positions.start(), positions.start());
    }

    #[test]
    fn saved_and_loaded_beside_the_output_and_only_by_the_same_handout() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("output");
        let (fields, positions) = parse_yaml(TRICKY, 2, Path::new("x.md")).unwrap();
        let mut cache = YamlCache::new();
        cache.insert(7, encode(&fields, &positions).unwrap());
        cache.save(&target).unwrap();
        let first = std::fs::read(path_for(&target)).unwrap();
        let loaded = YamlCache::load(&target);
        assert_eq!(loaded.len(), 1);
        assert_eq!(loaded.get(7).unwrap().0, fields);
        assert!(loaded.get(8).is_none());
        loaded.save(&target).unwrap();
        assert_eq!(
            std::fs::read(path_for(&target)).unwrap(),
            first,
            "same bytes"
        );
        // Damaged: ignored whole, or entry by entry.
        std::fs::write(path_for(&target), &first[..first.len() / 2]).unwrap();
        assert!(YamlCache::load(&target).is_empty());
        let mut damaged = YamlCache::new();
        damaged.insert(7, vec![0xff; 16]);
        assert!(damaged.get(7).is_none());
        // An empty tag deep inside, as a key, or a kind of value that does not
        // exist (the variant after Tagged) is not decoded either.
        let deep = Parsed {
            fields: vec![(
                Node::Str("a".into()),
                Node::Seq(vec![Node::Map(vec![(
                    Node::Tagged(String::new(), Box::new(Node::Null)),
                    Node::Null,
                )])]),
            )],
            positions: YamlPositions::default(),
        };
        damaged.insert(8, options().serialize(&deep).unwrap());
        assert!(damaged.get(8).is_none());
        let mut unknown = encode(&Mapping::new(), &YamlPositions::default()).unwrap();
        unknown[0] = 1; // one pair, whose key is variant 9
        unknown.insert(1, 9);
        damaged.insert(9, unknown);
        assert!(damaged.get(9).is_none());
        // An entry whose bytes changed is dropped, the others kept; one with an
        // empty tag (which serde_yaml would refuse) is never turned into values.
        let good = encode(&fields, &positions).unwrap();
        let empty_tag = Parsed {
            fields: vec![(
                Node::Str("a".into()),
                Node::Tagged(String::new(), Box::new(Node::Null)),
            )],
            positions: YamlPositions::default(),
        };
        let empty_tag = options().serialize(&empty_tag).unwrap();
        let mut flipped = good.clone();
        flipped[3] ^= 1;
        let stored = Stored {
            tool: crate::build::cache::tool_id().to_string(),
            entries: vec![
                (1, checksum(&good), good.clone()),
                (2, checksum(&good), flipped),
                (3, checksum(&empty_tag), empty_tag),
            ],
        };
        let bytes = bincode::DefaultOptions::new().serialize(&stored).unwrap();
        std::fs::write(path_for(&target), bytes).unwrap();
        let loaded = YamlCache::load(&target);
        assert_eq!(loaded.len(), 2, "the flipped entry is dropped");
        assert_eq!(loaded.get(1).unwrap().0, fields);
        assert!(loaded.get(3).is_none());
        // Another handout's cache is not used.
        let other = Stored {
            tool: "handout 0.0.0".into(),
            entries: vec![(7, checksum(&good), good)],
        };
        let bytes = bincode::DefaultOptions::new().serialize(&other).unwrap();
        std::fs::write(path_for(&target), bytes).unwrap();
        assert!(YamlCache::load(&target).is_empty());
    }
}
