//! Lenient values: a string, a list or a table of the format, or a note of what was written
//! instead. Deserializing into these cannot fail once the TOML syntax is sound, so that
//! `check` can report every value of the wrong type in one pass, in its own words
//! ("dates are strings: write …"), rather than serde's first complaint.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// What a value was, when it was not what the format wants there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    String,
    Integer,
    Float,
    Boolean,
    /// A bare TOML date, such as `2024-12-01` without quotes.
    Date,
    /// A bare TOML date-time or time.
    Datetime,
    Array,
    Table,
}

impl Found {
    /// "a string", "an integer", …, as a message names it.
    pub fn a(self) -> &'static str {
        match self {
            Self::String => "a string",
            Self::Integer => "a number",
            Self::Float => "a decimal number",
            Self::Boolean => "`true` or `false`",
            Self::Date => "a bare date",
            Self::Datetime => "a bare date and time",
            Self::Array => "a list",
            Self::Table => "a table",
        }
    }
}

/// A string value, or what was written instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Str {
    Ok(compact_str::CompactString),
    Wrong(Found),
}

impl Default for Str {
    fn default() -> Self {
        Self::Ok(compact_str::CompactString::default())
    }
}

/// A list, or what was written instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum List<T> {
    Ok(Vec<T>),
    Wrong(Found),
}

impl<T> Default for List<T> {
    fn default() -> Self {
        Self::Ok(Vec::new())
    }
}

impl<T> List<T> {
    /// The items, or none when the value was not a list.
    pub fn items(&self) -> &[T] {
        match self {
            Self::Ok(v) => v,
            Self::Wrong(_) => &[],
        }
    }

    pub fn len(&self) -> usize {
        self.items().len()
    }
}

/// A table of the format (an item, a citation), or what was written instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tab<T> {
    Ok(T),
    Wrong(Found),
}

/// Builds the "wrong type" value of a lenient type.
trait FromFound {
    fn found(f: Found) -> Self;
}

impl FromFound for Str {
    fn found(f: Found) -> Self {
        Self::Wrong(f)
    }
}

impl<T> FromFound for List<T> {
    fn found(f: Found) -> Self {
        Self::Wrong(f)
    }
}

impl<T> FromFound for Tab<T> {
    fn found(f: Found) -> Self {
        Self::Wrong(f)
    }
}

/// Visitor methods for the scalars, each recording what it saw.
macro_rules! forward_scalars {
    () => {
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok(FromFound::found(Found::Integer))
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok(FromFound::found(Found::Integer))
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok(FromFound::found(Found::Float))
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(FromFound::found(Found::Boolean))
        }
    };
}

/// The marker key under which toml hands a bare date or time to serde.
const DATETIME_KEY: &str = "$__toml_private_datetime";

/// Consumes any value without reporting it as an ignored key: a value of the wrong type
/// is reported once, as such, not as a heap of unknown keys inside it.
struct Swallow;

impl<'de> Deserialize<'de> for Swallow {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Shape).map(|_| Self)
    }
}

/// A visitor that only says what kind of value it saw.
struct Shape;

impl<'de> Visitor<'de> for Shape {
    type Value = Found;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Found, E> {
        Ok(Found::String)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Found, E> {
        Ok(Found::Integer)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Found, E> {
        Ok(Found::Integer)
    }

    fn visit_i128<E: de::Error>(self, _: i128) -> Result<Found, E> {
        Ok(Found::Integer)
    }

    fn visit_u128<E: de::Error>(self, _: u128) -> Result<Found, E> {
        Ok(Found::Integer)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Found, E> {
        Ok(Found::Float)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Found, E> {
        Ok(Found::Boolean)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Found, E> {
        Ok(Found::Table)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Found, A::Error> {
        while seq.next_element::<Swallow>()?.is_some() {}
        Ok(Found::Array)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Found, A::Error> {
        let mut found = Found::Table;
        if let Some(key) = map.next_key::<String>()? {
            if key == DATETIME_KEY {
                let value: String = map.next_value()?;
                found = if is_plain_date(&value) {
                    Found::Date
                } else {
                    Found::Datetime
                };
            } else {
                map.next_value::<Swallow>()?;
            }
            while map.next_key::<Swallow>()?.is_some() {
                map.next_value::<Swallow>()?;
            }
        }
        Ok(found)
    }
}

/// `YYYY-MM-DD` and nothing more.
fn is_plain_date(s: &str) -> bool {
    s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            matches!(i, 4 | 7) == (b == b'-') && (matches!(i, 4 | 7) || b.is_ascii_digit())
        })
}

impl<'de> Deserialize<'de> for Str {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Str;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Str, E> {
                Ok(Str::Ok(v.into()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Str, E> {
                Ok(Str::Ok(v.into()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Str, A::Error> {
                Shape.visit_seq(seq).map(Str::Wrong)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Str, A::Error> {
                Shape.visit_map(map).map(Str::Wrong)
            }
            forward_scalars!();
        }
        d.deserialize_any(V)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = List<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<List<T>, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(x) = seq.next_element()? {
                    items.push(x);
                }
                Ok(List::Ok(items))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<List<T>, E> {
                Ok(List::Wrong(Found::String))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<List<T>, A::Error> {
                Shape.visit_map(map).map(List::Wrong)
            }
            forward_scalars!();
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Tab<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Tab<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a table")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Tab<T>, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Tab::Ok)
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Tab<T>, E> {
                Ok(Tab::Wrong(Found::String))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Tab<T>, A::Error> {
                Shape.visit_seq(seq).map(Tab::Wrong)
            }
            forward_scalars!();
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}
