//! A row struct as the text of its CSV fields, so that the CSV writer can
//! see (and guard) every cell of every CSV, whatever the row type.

use serde::ser::{self, Impossible, Serialize};

/// Why a row could not be flattened: it is not a flat struct of scalars.
#[derive(Debug)]
pub struct NotFlat(String);

impl std::fmt::Display for NotFlat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a CSV row must be a flat struct of text and numbers: {}", self.0)
    }
}

impl std::error::Error for NotFlat {}

impl ser::Error for NotFlat {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        NotFlat(msg.to_string())
    }
}

/// The fields of `row`, a struct of strings, numbers, booleans and options,
/// in declaration order, as the csv crate would write them.
pub fn to_fields<T: Serialize>(row: &T) -> Result<Vec<String>, NotFlat> {
    let mut out = Vec::new();
    for_each_field(row, &mut |f| out.push(f.to_string()))?;
    Ok(out)
}

/// Calls `visit` with the text of each field of `row`, in declaration
/// order, exactly as [`to_fields`] gives them, without a string per field:
/// text fields are passed as they are, numbers through one reused buffer
/// (the CSV writer's allocations were a good part of a worker's).
pub fn for_each_field<T: Serialize>(row: &T, visit: &mut dyn FnMut(&str)) -> Result<(), NotFlat> {
    let mut number = String::new();
    row.serialize(Row { visit, number: &mut number })
}

/// A row: each of its fields goes to the visitor.
struct Row<'a> {
    visit: &'a mut dyn FnMut(&str),
    number: &'a mut String,
}

impl<'a> ser::SerializeStruct for Row<'a> {
    type Ok = ();
    type Error = NotFlat;

    fn serialize_field<V: ?Sized + Serialize>(&mut self, _key: &'static str, value: &V) -> Result<(), NotFlat> {
        value.serialize(Visit { visit: &mut *self.visit, number: &mut *self.number })
    }

    fn end(self) -> Result<(), NotFlat> {
        Ok(())
    }
}

macro_rules! not_flat {
    ($($method:ident($($arg:ty),*) -> $ret:ty;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ret, NotFlat> {
            Err(NotFlat(stringify!($method).into()))
        })*
    };
}

impl<'a> ser::Serializer for Row<'a> {
    type Ok = ();
    type Error = NotFlat;
    type SerializeSeq = Impossible<(), NotFlat>;
    type SerializeTuple = Impossible<(), NotFlat>;
    type SerializeTupleStruct = Impossible<(), NotFlat>;
    type SerializeTupleVariant = Impossible<(), NotFlat>;
    type SerializeMap = Impossible<(), NotFlat>;
    type SerializeStruct = Row<'a>;
    type SerializeStructVariant = Impossible<(), NotFlat>;

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Row<'a>, NotFlat> {
        Ok(self)
    }

    not_flat! {
        serialize_bool(bool) -> ();
        serialize_i8(i8) -> ();
        serialize_i16(i16) -> ();
        serialize_i32(i32) -> ();
        serialize_i64(i64) -> ();
        serialize_u8(u8) -> ();
        serialize_u16(u16) -> ();
        serialize_u32(u32) -> ();
        serialize_u64(u64) -> ();
        serialize_f32(f32) -> ();
        serialize_f64(f64) -> ();
        serialize_char(char) -> ();
        serialize_str(&str) -> ();
        serialize_bytes(&[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_unit_variant(&'static str, u32, &'static str) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }

    fn serialize_some<V: ?Sized + Serialize>(self, _: &V) -> Result<(), NotFlat> {
        Err(NotFlat("a row, not a field, is optional".into()))
    }

    fn serialize_newtype_struct<V: ?Sized + Serialize>(self, _: &'static str, value: &V) -> Result<(), NotFlat> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<V: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &V,
    ) -> Result<(), NotFlat> {
        Err(NotFlat("serialize_newtype_variant".into()))
    }
}

/// One field handed to a visitor: text as it is, scalars as the csv crate
/// writes them (their `Display` text), formatted into a reused buffer.
struct Visit<'a> {
    visit: &'a mut dyn FnMut(&str),
    number: &'a mut String,
}

/// Scalars through the reused buffer.
macro_rules! visit_as_text {
    ($($method:ident($arg:ty);)*) => {
        $(fn $method(self, v: $arg) -> Result<(), NotFlat> {
            use std::fmt::Write;
            self.number.clear();
            let _ = write!(self.number, "{v}");
            (self.visit)(self.number);
            Ok(())
        })*
    };
}

impl ser::Serializer for Visit<'_> {
    type Ok = ();
    type Error = NotFlat;
    type SerializeSeq = Impossible<(), NotFlat>;
    type SerializeTuple = Impossible<(), NotFlat>;
    type SerializeTupleStruct = Impossible<(), NotFlat>;
    type SerializeTupleVariant = Impossible<(), NotFlat>;
    type SerializeMap = Impossible<(), NotFlat>;
    type SerializeStruct = Impossible<(), NotFlat>;
    type SerializeStructVariant = Impossible<(), NotFlat>;

    visit_as_text! {
        serialize_bool(bool);
        serialize_i8(i8);
        serialize_i16(i16);
        serialize_i32(i32);
        serialize_i64(i64);
        serialize_u8(u8);
        serialize_u16(u16);
        serialize_u32(u32);
        serialize_u64(u64);
        serialize_f64(f64);
        serialize_char(char);
    }

    /// The text of the last `f32` is kept: a table's one float (an
    /// indicator's confidence) repeats row after row, and formatting a
    /// float its shortest way was a fifth of the time spent on fields.
    fn serialize_f32(self, v: f32) -> Result<(), NotFlat> {
        thread_local! {
            static LAST: std::cell::RefCell<Option<(u32, String)>> = const { std::cell::RefCell::new(None) };
        }
        LAST.with_borrow_mut(|last| {
            if last.as_ref().is_none_or(|(bits, _)| *bits != v.to_bits()) {
                *last = Some((v.to_bits(), v.to_string()));
            }
            if let Some((_, text)) = last {
                (self.visit)(text);
            }
        });
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), NotFlat> {
        (self.visit)(v);
        Ok(())
    }

    fn serialize_none(self) -> Result<(), NotFlat> {
        (self.visit)("");
        Ok(())
    }

    fn serialize_some<V: ?Sized + Serialize>(self, value: &V) -> Result<(), NotFlat> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), NotFlat> {
        (self.visit)("");
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), NotFlat> {
        (self.visit)("");
        Ok(())
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), NotFlat> {
        (self.visit)(variant);
        Ok(())
    }

    fn serialize_newtype_struct<V: ?Sized + Serialize>(self, _: &'static str, value: &V) -> Result<(), NotFlat> {
        value.serialize(self)
    }

    not_flat! {
        serialize_bytes(&[u8]) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct(&'static str, usize) -> Self::SerializeStruct;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }

    fn serialize_newtype_variant<V: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &V,
    ) -> Result<(), NotFlat> {
        Err(NotFlat("serialize_newtype_variant".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct R {
        a: String,
        n: usize,
        o: Option<f64>,
        e: Option<String>,
    }

    #[test]
    fn struct_fields_in_order() {
        let r = R { a: "=1+1".into(), n: 3, o: Some(2.5), e: None };
        assert_eq!(to_fields(&r).expect("flat"), vec!["=1+1", "3", "2.5", ""]);
        let mut visited = Vec::new();
        for_each_field(&r, &mut |f| visited.push(f.to_string())).expect("flat");
        assert_eq!(visited, to_fields(&r).expect("flat"), "visiting gives what collecting does");
        assert!(to_fields(&vec![1, 2]).is_err());
    }

    #[derive(serde::Serialize)]
    struct F {
        a: f32,
        b: f32,
    }

    #[test]
    fn floats_read_as_displayed_whether_they_repeat_or_not() {
        let values = [0.9f32, 0.9, 1.0, 1.0, 0.75, 0.1 + 0.2, -0.0, 0.0, 1e-7, 3.4e38, f32::NAN, f32::INFINITY, 0.9];
        for pair in values.windows(2) {
            let fields = to_fields(&F { a: pair[0], b: pair[1] }).expect("flat");
            assert_eq!(fields, vec![pair[0].to_string(), pair[1].to_string()]);
        }
    }
}
