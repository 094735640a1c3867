"""Lunar (âm lịch) dates to solar ones, as Vietnam reckons them.

Festival and Tết plans schedule by the lunar calendar: "mùng 5 tháng Giêng năm Giáp
Ngọ", "ngày 10 tháng 3 âm lịch", "16/12 năm Canh Dần". The Vietnamese calendar is the
astronomical lunisolar one computed for UTC+7 (it differs from the Chinese one, UTC+8, in
some years): a month starts on the day of the new moon; month 11 holds the winter
solstice; in a year of 13 months the first month with no principal solar term is the
leap month. New moons and the sun's longitude are computed with the truncated series of
Meeus, *Astronomical Algorithms* (ch. 25 and 49), precise to minutes, which is enough to
know the day. Checked in tests against an independent table of month starts.
"""
from __future__ import annotations

import datetime as dt
import math

TZ = 7.0  # hours east of Greenwich
_SYNODIC = 29.530588853
_K0 = 2415021.076998695  # the mean new moon of 1900-01-01, Julian day
_RAD = math.pi / 180

STEMS = ("giáp", "ất", "bính", "đinh", "mậu", "kỷ", "canh", "tân", "nhâm", "quý")
BRANCHES = ("tý", "sửu", "dần", "mão", "thìn", "tỵ", "ngọ", "mùi", "thân", "dậu", "tuất", "hợi")
_BRANCH_ALIAS = {"mẹo": "mão", "tị": "tỵ", "tí": "tý"}


def _jd(d: dt.date) -> int:
    return d.toordinal() + 1721425


def _date(jd: int) -> dt.date:
    return dt.date.fromordinal(jd - 1721425)


def _new_moon(k: int, tz: float) -> int:
    """The local day (Julian day number) of the k-th new moon after 1900-01-01."""
    t = k / 1236.85
    t2, t3 = t * t, t * t * t
    jd = (2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
          + 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * _RAD))
    m = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * _RAD  # the sun's mean anomaly
    mp = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * _RAD  # the moon's
    f = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * _RAD  # its argument of latitude
    c = ((0.1734 - 0.000393 * t) * math.sin(m) + 0.0021 * math.sin(2 * m) - 0.4068 * math.sin(mp)
         + 0.0161 * math.sin(2 * mp) - 0.0004 * math.sin(3 * mp) + 0.0104 * math.sin(2 * f)
         - 0.0051 * math.sin(m + mp) - 0.0074 * math.sin(m - mp) + 0.0004 * math.sin(2 * f + m)
         - 0.0004 * math.sin(2 * f - m) - 0.0006 * math.sin(2 * f + mp) + 0.0010 * math.sin(2 * f - mp)
         + 0.0005 * math.sin(2 * mp + m))
    delta_t = (0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3 if t < -11
               else -0.000278 + 0.000265 * t + 0.000262 * t2)
    return math.floor(jd + c - delta_t + 0.5 + tz / 24)


def _sun_sector(jdn: int, tz: float) -> int:
    """Which twelfth of the ecliptic (0 = from the vernal equinox) the sun is in at local midnight."""
    t = (jdn - 2451545.5 - tz / 24) / 36525
    t2 = t * t
    m = (357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * _RAD
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    dl = ((1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(m) + (0.019993 - 0.000101 * t) * math.sin(2 * m)
          + 0.000290 * math.sin(3 * m))
    lon = ((l0 + dl) * _RAD) % (2 * math.pi)
    return math.floor(lon / math.pi * 6)


def _month11(year: int, tz: float) -> int:
    """The first day of the lunar month that holds the winter solstice of `year`."""
    k = math.floor((_jd(dt.date(year, 12, 31)) - 2415021) / _SYNODIC)
    nm = _new_moon(k, tz)
    return _new_moon(k - 1, tz) if _sun_sector(nm, tz) >= 9 else nm


def _leap_offset(a11: int, tz: float) -> int:
    """Months after month 11 until the first one the sun does not change sector in."""
    k = math.floor((a11 - _K0) / _SYNODIC + 0.5)
    i, arc = 1, _sun_sector(_new_moon(k + 1, tz), tz)
    while True:
        last, i = arc, i + 1
        arc = _sun_sector(_new_moon(k + i, tz), tz)
        if arc == last or i >= 14:
            return i - 1


def to_solar(day: int, month: int, year: int, leap: bool = False, tz: float = TZ) -> dt.date | None:
    """The solar date of lunar `day`/`month` of the lunar year that starts in solar `year`;
    None when there is no such day (a leap month the year lacks, day 30 of a short month).
    `tz` 8 gives the Chinese calendar."""
    if not (1 <= month <= 12 and 1 <= day <= 30):
        return None
    a11, b11 = (_month11(year - 1, tz), _month11(year, tz)) if month < 11 \
        else (_month11(year, tz), _month11(year + 1, tz))
    k = math.floor(0.5 + (a11 - _K0) / _SYNODIC)
    off = (month - 11) % 12
    if b11 - a11 > 365:  # thirteen months: one is leap
        leap_off = _leap_offset(a11, tz)
        leap_month = (leap_off - 2) % 12
        if leap and month != leap_month:
            return None
        if leap or off >= leap_off:
            off += 1
    elif leap:
        return None
    start = _new_moon(k + off, tz)
    if day > _new_moon(k + off + 1, tz) - start:
        return None
    return _date(start + day - 1)


def year_of(stem: str, branch: str, near: int) -> int | None:
    """The year named by its stem and branch ("Giáp Ngọ") nearest to `near`."""
    s, b = stem.lower(), _BRANCH_ALIAS.get(branch.lower(), branch.lower())
    if s not in STEMS or b not in BRANCHES:
        return None
    si, bi = STEMS.index(s), BRANCHES.index(b)
    if si % 2 != bi % 2:  # stems and branches pair by parity: "Giáp Sửu" is no year
        return None
    cycle = next(n for n in range(60) if n % 10 == si and n % 12 == bi)
    base = near - ((near - 4) % 60) + cycle  # years with (y - 4) % 60 == cycle
    return min((base - 60, base, base + 60), key=lambda y: abs(y - near))
