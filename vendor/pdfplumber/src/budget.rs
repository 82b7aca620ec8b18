//! (jixiao patch) A page's work counted while its content stream is
//! interpreted, against the page's and the document's budgets, so that a
//! hostile page stops at the limit instead of being built whole first.

use pdfplumber_core::{ExtractOptions, PdfError};
use pdfplumber_parse::{BackendError, Work};

/// Bytes of a glyph's text that count as one more unit.
const TEXT_BYTES_PER_UNIT: usize = 16;
/// Bytes of a Form XObject's decoded content that count as one unit.
const FORM_BYTES_PER_UNIT: usize = 1024;

/// The units one page has used, and what it may use.
#[derive(Debug)]
pub(crate) struct PageBudget {
    used: usize,
    page_limit: usize,
    /// The document's limit and the units earlier pages used.
    total: Option<(usize, usize)>,
    max_saved_states: Option<usize>,
}

impl PageBudget {
    /// A page's budget; `earlier` are the units the document's earlier
    /// pages used.
    pub(crate) fn new(options: &ExtractOptions, earlier: usize) -> Self {
        Self {
            used: 0,
            page_limit: options.max_objects_per_page,
            total: options.max_total_objects.map(|limit| (limit, earlier)),
            max_saved_states: options.max_saved_states,
        }
    }

    /// Units this page has used.
    pub(crate) fn used(&self) -> usize {
        self.used
    }

    /// Charges `work`; an error names the limit it would pass.
    pub(crate) fn charge(&mut self, work: Work) -> Result<(), BackendError> {
        let units = match work {
            Work::Operator => 1,
            Work::ShownString { bytes } => bytes,
            Work::Glyph { text_bytes } => text_bytes / TEXT_BYTES_PER_UNIT,
            Work::FormContent { bytes } => bytes / FORM_BYTES_PER_UNIT,
            Work::SavedState { depth } => return self.check_states(depth),
        };
        self.used = self.used.saturating_add(units);
        if self.used > self.page_limit {
            return Err(limit("max_objects_per_page", self.page_limit, self.used));
        }
        if let Some((limit_total, earlier)) = self.total {
            let total = earlier.saturating_add(self.used);
            if total > limit_total {
                return Err(limit("max_total_objects", limit_total, total));
            }
        }
        Ok(())
    }

    fn check_states(&self, depth: usize) -> Result<(), BackendError> {
        match self.max_saved_states {
            Some(max) if depth > max => Err(limit("max_saved_states", max, depth)),
            _ => Ok(()),
        }
    }
}

fn limit(name: &'static str, limit: usize, observed: usize) -> BackendError {
    BackendError::Core(PdfError::limit_exceeded(name, limit, observed))
}

