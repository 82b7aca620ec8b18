//! The glue behind the `jixiao` binary. Runs live in `jixiao-run`; this
//! crate adds what only the command needs: `inspect` and `schema`.

pub mod inspect;
pub mod schema;
