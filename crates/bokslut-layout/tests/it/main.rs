//! The integration tests of bokslut-layout, one module per area, in one test binary (linking Typst once).

mod common;
mod contrast;
mod coverage;
mod golden;
mod publisher;
mod reuse;
