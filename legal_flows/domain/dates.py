"""Calendar arithmetic for legal periods (民法典 §§200-204; 民诉法 §85)."""

import calendar
from datetime import date, timedelta


def add_months(start: date, months: int) -> date:
    """The corresponding date `months` later; the month's last day when there is none.

    民法典 §203 (2020): a month or year period ends on the corresponding day of the last
    month; without a corresponding day, on the last day of that month.
    """
    year, month = divmod(start.year * 12 + start.month - 1 + months, 12)
    if start.day <= 28:  # every month has it: skip the month-length lookup (a hot path)
        return date(year, month + 1, start.day)
    last_day = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(start.day, last_day))


def add_years(start: date, years: int) -> date:
    return add_months(start, 12 * years)


def add_days(start: date, days: int) -> date:
    """Day periods start the day after the trigger (民诉法 §85; 民法典 §201), so +N days."""
    return start + timedelta(days=days)


def chinese_date(day: date) -> str:
    """Dates on court documents: 2026年11月29日 (no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"
