#!/usr/bin/env python3
"""The oracle of wasm/tests/holidays_oracle.rs: Vietnam's days off according to the PyPI
package `holidays` (pinned below), as JSON on stdout.

    python3 scripts/holidays_oracle.py FIRST_YEAR LAST_YEAR

`bash scripts/setup.sh --test` installs the pinned version into target/holidays-<version>/
(pip --target: no virtual environment needed, and Debian's externally-managed Python is left
alone); this script loads it from there. What is compared (see the test): the weekdays
(Monday–Friday) that `holidays` lists in its "public" category are our days off on weekdays
(holidays, compensatory days, days moved off); a day it lists as "Ngày nghỉ (thay cho ngày
dd/mm/yyyy)" names in brackets the Saturday worked in exchange. Weekend entries are left out:
a holiday on a Saturday or Sunday changes no working day, its compensatory day does.
"""
import json
import os
import re
import sys

PIN = "0.109"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "target", "holidays-" + PIN))

try:
    import holidays  # noqa: E402
except ImportError as e:  # pragma: no cover - the message is the point
    sys.exit(f"holidays {PIN} is not installed ({e}): run `bash scripts/setup.sh --test`")

if holidays.__version__ != PIN:
    sys.exit(
        f"holidays {holidays.__version__} found at {holidays.__file__}, {PIN} expected: "
        "run `bash scripts/setup.sh --test`"
    )

SWAP = re.compile(r"thay cho ngày (\d{2})/(\d{2})/(\d{4})")


def main() -> None:
    first, last = int(sys.argv[1]), int(sys.argv[2])
    vn = holidays.country_holidays(
        "VN", years=range(first - 1, last + 2), language="vi", categories=("public",)
    )
    off, worked = [], []
    for day, name in sorted(vn.items()):
        for m in SWAP.finditer(name):
            w = f"{m.group(3)}-{m.group(2)}-{m.group(1)}"
            if first <= int(w[:4]) <= last:
                worked.append({"date": w, "for": day.isoformat()})
        if "thay cho" in name and not SWAP.search(name):
            sys.exit(f"unexpected swap label on {day}: {name!r}")
        if first <= day.year <= last and day.weekday() < 5:
            off.append({"date": day.isoformat(), "name": name})
    json.dump(
        {"version": holidays.__version__, "first": first, "last": last, "off": off, "worked": worked},
        sys.stdout,
        ensure_ascii=False,
        indent=1,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
