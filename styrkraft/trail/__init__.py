"""The audit trail on the site: each item's history (Ändringshistorik), the administrators' log and the
page Borttaget (restore what was deleted). These pages know every app (the permissions, the versions of
goals and documents, the indicators' targets), so they sit above them all; the trail itself, the audit
records and the sentences, is styrkraft.core (audit, history, queries). The URL names keep the namespace
"core" (core:history, core:log, core:deleted, core:restore)."""
