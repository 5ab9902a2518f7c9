"""The editable rules: the rule book's versions, fee schedules, scheduling policies, trade classes."""
