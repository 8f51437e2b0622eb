//! Frame changes on the wire.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{PortfolioPartDto, SubFrameDto};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SubFrameInputDto {
    pub part: PortfolioPartDto,
    /// Kronor.
    pub amount: String,
}

/// `frame.set`: the office changes a portfolio's frame for a year, saying why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SetFrameDto {
    pub portfolio: u8,
    pub year: i32,
    /// Kronor.
    pub amount: String,
    #[serde(default)]
    pub sub_frames: Vec<SubFrameInputDto>,
    pub reason: String,
}

/// `frame.history`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct FrameKeyDto {
    pub portfolio: u8,
    pub year: i32,
}

/// The frame as one change left it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FrameChangeDto {
    pub version: u32,
    pub amount: String,
    pub sub_frames: Vec<SubFrameDto>,
    pub reason: String,
    pub changed_by: String,
    pub changed_at: String,
}
