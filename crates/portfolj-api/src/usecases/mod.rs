//! The use cases, one module per area. Each public function is one transaction.

pub mod application;
pub mod audit;
pub mod backup;
pub mod decision;
pub mod demo;
pub mod export;
pub mod followup;
pub mod frame;
pub mod indicator;
pub mod memo;
pub(crate) mod pdf;
pub mod people;
pub mod prioritise;
pub mod programme;
pub mod programme_report;
pub mod review;
pub mod scenario;
pub mod session;
pub mod status;
pub mod sync;
pub mod valuation;
