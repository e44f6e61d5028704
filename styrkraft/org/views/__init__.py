"""The pages of the organisation: `roles` (Roller: giving and taking away roles)."""
