//! `phonescreen schema NAME`: the JSON Schema of what a command writes.

use crate::cli::SchemaName;
use crate::review::schema;

/// The schema called `name`, as printed.
pub fn text(name: SchemaName) -> String {
    match name {
        SchemaName::Export => schema::text(&schema::export()),
        SchemaName::Sessions => schema::text(&schema::sessions()),
        SchemaName::Compare => schema::text(&schema::compare()),
        SchemaName::Report => schema::text(&schema::report()),
        SchemaName::Bank => crate::bank::schema::schema_text(),
    }
}
