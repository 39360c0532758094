"""User-facing words of the screens, one module per area, with the policy citations beside them."""
