"""The forms of the organisation, one module per subject: `roles` (giving a role) and `decisions` (the
decision on a plan year or one item: the deciding body is an organ)."""
