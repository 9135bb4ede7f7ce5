//! A bounded list of findings shared by the trackers.

use crate::report::{At, Finding, Severity};

/// Findings in the order they were found, at most `cap` kept; the rest counted.
#[derive(Debug, Clone, Default)]
pub(crate) struct Findings {
    cap: usize,
    list: Vec<Finding>,
    dropped: u64,
}

impl Findings {
    pub(crate) fn new(cap: usize) -> Self {
        Findings {
            cap,
            list: Vec::new(),
            dropped: 0,
        }
    }

    /// Records a finding.
    pub(crate) fn push(
        &mut self,
        at: At,
        severity: Severity,
        kind: &str,
        ssrc: Option<u32>,
        message: String,
    ) {
        if self.list.len() < self.cap {
            self.list.push(Finding {
                at,
                severity,
                kind: kind.to_owned(),
                ssrc,
                message,
            });
        } else {
            self.dropped += 1;
        }
    }

    pub(crate) fn list(&self) -> &[Finding] {
        &self.list
    }

    pub(crate) fn dropped(&self) -> u64 {
        self.dropped
    }
}
