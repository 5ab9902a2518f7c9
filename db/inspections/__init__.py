"""Inspections: booking within capacity, the inspector's route, results, notices, calendars, the phone line."""
