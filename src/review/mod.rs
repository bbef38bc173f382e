//! Reading saved interviews back after the call: finding them, comparing
//! candidates question by question, and telling the bank's authors how
//! their questions fare.
//!
//! Everything here works on [`Record`](crate::interview::record::Record)s
//! and plain text; nothing draws on a terminal.

pub(crate) mod amend;
pub(crate) mod compare;
pub(crate) mod draft;
pub mod export;
pub(crate) mod facts;
pub(crate) mod in_order;
pub mod index;
pub(crate) mod query;
pub(crate) mod report;
pub(crate) mod schema;
mod table;

pub use amend::AmendError;
pub(crate) use amend::Amendment;
pub(crate) use compare::Grid;
pub(crate) use facts::Facts;
pub use index::Archive;
pub use query::Query;
pub(crate) use report::Report;
