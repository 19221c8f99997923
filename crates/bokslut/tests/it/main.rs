//! The end-to-end tests of bokslut, one module per area, in one test binary (linking Typst once).

mod annual;
mod archival;
mod bad_inputs;
mod batch;
mod bound;
mod browser;
mod charts;
mod common;
mod contract_docs;
mod finance;
mod goal_sheets;
mod goals;
mod hostile;
mod html;
mod init;
mod layout_versions;
mod layouts;
mod locales;
mod preview;
mod profile;
mod render;
mod schema;
mod serve_hostile;
mod sheet_limits;
mod sheets;
mod symbols;
