"""Dates as a Danish reader reads them: '26. november 2026', not '2026-11-26'."""

from __future__ import annotations

from datetime import date

MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
          "oktober", "november", "december")


def danish(day: date | str | None) -> str:
    """'26. november 2026'; text that is not an ISO date is returned as it is."""
    if isinstance(day, str):
        try:
            day = date.fromisoformat(day)
        except ValueError:
            return day
    if day is None:
        return ""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"
