# datetime: construction, arithmetic, comparison, formatting. The clock is fixed by the
# harness (time.time() = 1765000000.25, pylite's host clock the same).
import time
import datetime as dtm
from datetime import date, datetime, timedelta, timezone


def attempt(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


d = datetime(2024, 2, 29, 13, 5, 9, 120)
print(repr(d), str(d), d.isoformat(), d.isoformat(" "))
print(repr(datetime(2024, 1, 2)), repr(datetime(2024, 1, 2, 3, 4, 5)), str(datetime(2024, 1, 2)))
print(d.year, d.month, d.day, d.hour, d.minute, d.second, d.microsecond, d.tzinfo)
u = datetime(2020, 5, 17, 23, 59, 59, tzinfo=timezone.utc)
print(repr(u), str(u), u.isoformat(), u.tzinfo, repr(timezone.utc), str(timezone.utc))
print(repr(timezone(timedelta(hours=5, minutes=30))), str(timezone(timedelta(hours=-3))))
print(repr(datetime(2021, 1, 1, tzinfo=timezone(timedelta(hours=-3)))), datetime(2021, 1, 1, tzinfo=timezone(timedelta(hours=2))).isoformat())
td = timedelta(days=1, hours=2, minutes=3, seconds=4, microseconds=5)
print(repr(td), str(td), td.days, td.seconds, td.microseconds, td.total_seconds())
print(repr(timedelta()), str(timedelta()), repr(timedelta(seconds=-1)), str(timedelta(seconds=-1)), str(timedelta(days=2)), str(timedelta(milliseconds=1.5)))
print(repr(timedelta(weeks=1, days=-1)), repr(timedelta(hours=1.5)), repr(timedelta(0.5)), repr(timedelta(minutes=90)))
print(d + timedelta(days=1), d - timedelta(hours=14), timedelta(days=1) + d, repr(d - datetime(2024, 1, 1)))
print(u - datetime(2020, 5, 17, tzinfo=timezone(timedelta(hours=2))))
attempt(lambda: d - u)
print(td * 2, 2 * td, td / 2, td // 2, td / timedelta(hours=1), td // timedelta(hours=1), td - td, td + td)
print(date(2024, 3, 1) - date(2024, 2, 1), date(2024, 2, 28) + timedelta(days=1), date(2024, 1, 31) - timedelta(days=31))
print(repr(date(2024, 2, 29)), str(date(2024, 2, 29)), date(2024, 2, 29).isoformat(), date(2024, 2, 29).weekday(), d.weekday(), d.isoweekday())
print(d < d + timedelta(1), d == datetime(2024, 2, 29, 13, 5, 9, 120), d != d, u == u.astimezone(timezone(timedelta(hours=2))), timedelta(1) > timedelta(0))
print(sorted([datetime(2022, 1, 1), datetime(2021, 1, 1)]), max(date(2020, 1, 1), date(2021, 1, 1)))
print(d.strftime("%Y-%m-%d %H:%M:%S.%f|%y|%j|%a %A|%b %B|%I %p|%%|%F %T"), u.strftime("%z %Z"), date(2024, 1, 5).strftime("%d/%m/%Y"))
print(datetime.fromisoformat("2024-01-02T03:04:05.123456+02:00"), datetime.fromisoformat("2024-01-02"), datetime.fromisoformat("2024-01-02 03:04"), date.fromisoformat("2024-01-02"))
print(repr(datetime.fromisoformat("2024-01-02T03:04:05Z")), repr(datetime.fromisoformat("20240102T030405")))
attempt(lambda: datetime.fromisoformat("2024-13-01"))
attempt(lambda: datetime(2023, 2, 29))
attempt(lambda: datetime(2023, 13, 1))
attempt(lambda: datetime(2023, 1, 1, 24))
attempt(lambda: datetime(2023, 1))
attempt(lambda: datetime(2023, 1, 1, tzinfo=5))
attempt(lambda: datetime(9999, 12, 31) + timedelta(days=1))
attempt(lambda: d + 1)
print(d.replace(year=2023, day=28), d.replace(tzinfo=timezone.utc), d.date(), u.timestamp(), datetime(1970, 1, 2).timestamp())
print(datetime.fromtimestamp(0, tz=timezone.utc), datetime.utcfromtimestamp(86400.5), datetime.fromtimestamp(time.time(), timezone.utc))
print(isinstance(d, datetime), isinstance(d, date), isinstance(date(2020, 1, 1), datetime), isinstance(td, timedelta), dtm.datetime is datetime)
print({"at": str(d)}, [d], (td,), dtm.MINYEAR, dtm.MAXYEAR, datetime.min, datetime.max)
