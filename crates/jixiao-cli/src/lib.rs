//! The glue behind the `jixiao` binary: finding inputs, running each file
//! through extract → align → normalize, and writing the sinks. The binary
//! only parses arguments and maps the outcome to an exit code.

pub mod inputs;
pub mod inspect;
pub mod pipeline;
pub mod schema;

pub use pipeline::{convert, ConvertOptions, RunOutcome};
