//! Capture filters.

/// A capture filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter;

/// A filter expression that could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError;
