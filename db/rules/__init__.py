"""The editable rules: the rule book's versions, fee schedules, scheduling policies, inspection
catalogs (each first version a JSON file here) and trade classes."""
