#!/usr/bin/env python3
"""Writes a synthetic inventory of N facilities (one building each) for the
import and lifecycle benchmarks: Japanese headers, 和暦 and western years,
numbers with separators and units, as planners' files have them, and the
five part ratings A–D of a 劣化状況調査 (drawn from the age, from a generator
of their own so the other columns are as before). Deterministic: the same N
gives the same bytes.

usage: python3 tools/gen_bench_inventory.py N OUT.csv
"""
import random
import sys

CATEGORIES = ["学校教育系施設", "子育て支援施設", "公営住宅", "市民文化系施設", "社会教育系施設",
              "スポーツ・レクリエーション系施設", "保健・福祉施設", "行政系施設", "産業系施設",
              "公園", "供給処理施設", "その他"]
STRUCTURES = ["RC", "RC", "RC", "SRC", "S", "W", "LGS", "CB"]
ERAS = [("昭和", 1925), ("平成", 1988), ("令和", 2018)]
INITIALS = {"昭和": "S", "平成": "H", "令和": "R"}


def year_text(rng, year):
    form = rng.randrange(4)
    if form == 0:
        return str(year)
    if form == 1:
        return f"{year}年度"
    era, base = ERAS[0] if year <= 1988 else ERAS[1] if year <= 2018 else ERAS[2]
    n = year - base
    if form == 2:
        return f"{era}{'元' if n == 1 else n}年度"
    return f"{INITIALS[era]}{n}"


def ratings(rng, age):
    out = []
    for _ in range(5):
        x = age / 40 + rng.gauss(0, 0.25)
        out.append("A" if x < 0.5 else "B" if x < 0.95 else "C" if x < 1.45 else "D")
    return ",".join(out)


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    rng = random.Random(20261124)
    ratings_rng = random.Random(13)
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("施設ID,施設名,大分類,緯度,経度,延床面積,建築年度,構造,最終改修年度,健全度,"
                "屋根・屋上,外壁,内部仕上,電気設備,機械設備\n")
        for i in range(1, n + 1):
            year = rng.randint(1956, 2023)
            area = rng.uniform(80, 12000)
            area_text = f"\"{area:,.2f}㎡\"" if rng.random() < 0.3 else f"{area:.2f}"
            renov = ""
            if year < 2000 and rng.random() < 0.3:
                renov = str(rng.randint(year + 15, 2024))
            lat = 35.50 + rng.random() * 0.15
            lon = 139.65 + rng.random() * 0.20
            f.write(f"B{i:06d},施設{i},{rng.choice(CATEGORIES)},{lat:.6f},{lon:.6f},{area_text},"
                    f"{year_text(rng, year)},{rng.choice(STRUCTURES)},{renov},{rng.randint(20, 100)},"
                    f"{ratings(ratings_rng, 2026 - year)}\n")


if __name__ == "__main__":
    main()
