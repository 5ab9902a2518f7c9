"""E-permit applications: drafts, plan review and its queue."""
