//! The integration tests of bokslut-core, one module per area, in one test binary.

mod common;
mod example;
mod goal_sheets;
mod goals;
mod sheets;
mod statements;
