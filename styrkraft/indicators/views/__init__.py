"""The pages of the indicators, one module per subject: `indicators` (an indicator's page, adding,
changing and deleting it), `figures` (its yearly values and targets, the targets' records state, decision
and new version), `imports` (values and targets from a file) and `kpi` (searching Kolada's catalogue)."""
