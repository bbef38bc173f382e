//! Reading saved interviews back after the call: finding them, comparing
//! candidates question by question, and telling the bank's authors how
//! their questions fare.
//!
//! Everything here works on [`Record`](crate::interview::record::Record)s
//! and plain text; nothing draws on a terminal.

pub mod amend;
pub mod compare;
pub mod draft;
pub mod export;
pub mod facts;
pub mod in_order;
pub mod index;
pub mod query;
pub mod report;
pub mod schema;
mod table;

pub use amend::Amendment;
pub use compare::Grid;
pub use facts::Facts;
pub use index::Archive;
pub use query::Query;
pub use report::Report;
