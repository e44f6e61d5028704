"""The pages of the audit trail, one module per subject: `history` (an item's Ändringshistorik and the
administrators' log) and `deleted` (Borttaget: deleted items and restoring them)."""
