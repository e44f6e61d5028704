"""The pages of the steering chain, one module per subject: the chain as a whole (`chain`: Styrkedjan, Vem
kör?, an organ's page), `goals`, `assignments`, steering `documents`, deciding an organ's `plan_year`
and `my_work` (Mitt arbete). Each module holds its subject's reading page and its editing, deleting,
records-state, decision and new-version views; the flows they share live in styrkraft.core.web,
styrkraft.core.refusals and styrkraft.org.web."""
