#!/usr/bin/env python3
"""Generate the sample ward used by `shisetsu demo`: Ota City (大田区), Tokyo.

Reads the REAL open data copied into data/ota/ (ward boundary, 500 m mesh
population, P29 school points, P05 offices and meeting facilities, 町丁目
representative points) and writes

  data/ota/facilities.csv   one row per facility (施設), UTF-8 with BOM
  data/ota/buildings.csv    one row per building (棟), UTF-8 with BOM
  data/ota/ward.json        ward metadata, calibration targets and results

The ward's 59 elementary and 28 junior-high schools and the 77 offices and
meeting facilities of P05 (names, addresses, points) are real.  Everything
else about the buildings -- floor areas, construction years, structures,
seismic status, conditions, costs, users -- and the names and positions of
the other facilities are ILLUSTRATIVE: generated here,
deterministically, and calibrated to Ota's published aggregates
(about 1,230,000 m2 of floor area, about 53 % of it 40+ years old as of
FY2021, schools about 76 % of that 40+ stock, 573 facilities).

Standard library only, fixed seed, no network.  Running it twice gives
byte-identical files.  Usage:  python3 tools/gen_sample_ward.py
"""

import csv
import io
import json
import math
import os
import random
import re
import sys

SEED = 20210401
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "data", "ota")

# ---------------------------------------------------------------- targets
TARGET_TOTAL_M2 = 1_230_000          # 約123万㎡
TARGET_OLD_M2 = 654_000              # 約65.4万㎡ built FY1981 or earlier (40+ at FY2021)
TARGET_OLD_SHARE = 0.53              # 約53 %
TARGET_SCHOOL_SHARE_OF_OLD = 0.76    # schools 約76 % of the 40+ stock
TARGET_SCHOOL_OLD_M2 = TARGET_OLD_M2 * TARGET_SCHOOL_SHARE_OF_OLD
TARGET_SCHOOL_TOTAL_M2 = 700_000     # our choice: 88 schools x about 8,000 m2
OLD_CUTOFF_FY = 1981                 # 40+ years old as of FY2021 (2021-04-01)
REFERENCE_FY = 2021
LAST_ALLOWED_FY = 2024
TOL_TOTAL = 0.01                     # +-1 %
TOL_OLD_SHARE = 0.01                 # +-1 percentage point
TOL_SCHOOL_SHARE = 0.02              # +-2 percentage points

# 2015 white paper facility mix (the other 217 are spread over other types)
PUBLISHED_MIX = {"小学校・特別支援学校": 60, "中学校": 28, "児童館等": 75, "保育園": 50,
                 "住宅施設": 53, "集会等施設": 35, "防災倉庫等": 30, "庁舎施設": 25}

# Illustrative past-five-year average annual investment in public facilities.
PAST_FIVE_YEAR_INVESTMENT_YEN = 6_500_000_000

# The city hall, when the P05 file has none (it has: 大田区役所, P05_002 = 1).
HONCHOSHA = {"name": "大田区役所本庁舎", "address": "大田区蒲田5-13-14",
             "lat": 35.5613, "lon": 139.7160}

# ----------------------------------------------------------- 地区 (4 地域)
# Rule: a facility's 地区 is the 地域 of the 町名 of the NEAREST 町丁目
# representative point in towns_chome_points.csv (great-circle distance),
# with 町名 = the 町丁目 name without its "…丁目" suffix.  The 町名 -> 地域
# table follows the grouping of Ota's 18 特別出張所 into its four 地域
# (approximate at the edges: the real boundaries follow 出張所 areas, not
# nearest points).
DISTRICT_OF_TOWN = {
    "大森": ["大森東", "大森西", "大森南", "大森北", "大森中", "大森本町", "山王",
             "中央", "北馬込", "中馬込", "南馬込", "東馬込", "西馬込", "池上",
             "仲池上", "平和島", "昭和島", "東海", "京浜島", "城南島",
             "平和の森公園", "ふるさとの浜辺公園"],
    "調布": ["田園調布", "田園調布本町", "田園調布南", "東嶺町", "西嶺町", "北嶺町",
             "鵜の木", "久が原", "南久が原", "千鳥", "東雪谷", "南雪谷",
             "雪谷大塚町", "石川町", "上池台", "北千束", "南千束"],
    "蒲田": ["蒲田", "西蒲田", "東蒲田", "南蒲田", "新蒲田", "蒲田本町", "仲六郷",
             "東六郷", "西六郷", "南六郷", "矢口", "東矢口", "多摩川", "下丸子"],
    "糀谷・羽田": ["東糀谷", "西糀谷", "北糀谷", "萩中", "羽田", "本羽田", "羽田旭町",
                 "羽田空港"],
}
TOWN_TO_DISTRICT = {t: d for d, ts in DISTRICT_OF_TOWN.items() for t in ts}

# 町名 typical of Ota's industrial and waterfront areas (used to place
# industry and waste facilities).
INDUSTRIAL_TOWNS = {"京浜島", "昭和島", "城南島", "平和島", "東海", "大森南", "東糀谷",
                    "羽田旭町", "下丸子", "矢口", "南六郷", "本羽田", "萩中", "南蒲田",
                    "東六郷", "大森東"}
PARK_POINTS = {"平和の森公園", "ふるさとの浜辺公園"}

# ------------------------------------------------------------ categories
# 大分類 -> lifecycle category key (lifecycle.md), for the cost estimate only.
CATEGORY_KEY = {
    "市民文化系施設": "civic_culture", "社会教育系施設": "social_education",
    "スポーツ・レクリエーション系施設": "sports_recreation", "産業系施設": "industry",
    "学校教育系施設": "school", "子育て支援施設": "childcare",
    "保健・福祉施設": "health_welfare", "医療施設": "medical",
    "行政系施設": "administration", "公営住宅": "public_housing", "公園": "park",
    "供給処理施設": "supply_processing", "その他": "other",
}
# MIC default unit costs (yen/m2): rebuild R, renovation M (lifecycle.md).
UNIT_COST = {
    "civic_culture": (400_000, 250_000), "social_education": (400_000, 250_000),
    "sports_recreation": (360_000, 200_000), "industry": (400_000, 250_000),
    "school": (330_000, 170_000), "childcare": (330_000, 170_000),
    "health_welfare": (360_000, 200_000), "medical": (400_000, 250_000),
    "administration": (400_000, 250_000), "public_housing": (280_000, 170_000),
    "park": (330_000, 170_000), "supply_processing": (360_000, 200_000),
    "other": (360_000, 200_000),
}

# Non-school facility types.  Each: (group label of the 2015 white paper,
# count, 大分類, 中分類, name suffixes, 機能, placement pool, floor-area
# (median, min, max) per facility, building-count weights, structure
# weights, probability the (first) building is FY1981 or older,
# management weights, users per m2 per year, O&M yen/m2, fee model).
# The counts of the first eight groups are the published mix; the 217
# "その他の施設" are spread over the rest in plausible proportions.
T = []


def ftype(**kw):
    T.append(kw)


# 児童館等 75
ftype(group="児童館等", n=68, cat="子育て支援施設", sub="児童館", names=["児童館"],
      fn="children_centre", pool="res", area=(600, 300, 1400), nb={1: 1.0},
      st={"RC": 7, "S": 2, "SRC": 1}, p_old=0.50,
      mg={"直営": 3, "指定管理": 6, "委託": 1}, users=(40, 90), om=(9000, 15000), fee="none")
ftype(group="児童館等", n=7, cat="子育て支援施設", sub="子ども家庭支援センター",
      names=["子ども家庭支援センター"], fn="children_centre;nursery", pool="res",
      area=(900, 500, 1600), nb={1: 1.0}, st={"RC": 8, "S": 2}, p_old=0.25,
      mg={"直営": 6, "委託": 4}, users=(25, 50), om=(11000, 17000), fee="none")
# 保育園 50
ftype(group="保育園", n=50, cat="子育て支援施設", sub="保育園", names=["保育園"],
      fn="nursery", pool="res", area=(780, 450, 1500), nb={1: 0.9, 2: 0.1},
      st={"RC": 12, "S": 4, "W": 3, "LGS": 1}, p_old=0.50,
      mg={"直営": 6, "指定管理": 2, "委託": 2}, users=(150, 260), om=(10000, 16000),
      fee="nursery")
# 住宅施設 53
ftype(group="住宅施設", n=45, cat="公営住宅", sub="区営住宅", names=["区営住宅"],
      fn="public_housing", pool="res", area=(2300, 800, 12000),
      nb={1: 0.55, 2: 0.33, 3: 0.12}, st={"RC": 8, "SRC": 2}, p_old=0.40,
      mg={"指定管理": 9, "直営": 1}, users=(0, 0), om=(2500, 4500), fee="housing")
ftype(group="住宅施設", n=8, cat="公営住宅", sub="高齢者住宅（シルバーピア）",
      names=["シルバーピア"], fn="public_housing;elderly_centre", pool="res",
      area=(1500, 700, 3500), nb={1: 1.0}, st={"RC": 9, "SRC": 1}, p_old=0.12,
      mg={"指定管理": 8, "委託": 2}, users=(0, 0), om=(3500, 6000), fee="housing")
# 集会等施設 35
ftype(group="集会等施設", n=29, cat="市民文化系施設", sub="集会施設",
      names=["区民センター", "文化センター", "区民活動施設", "集会室"],
      fn="community_hall", pool="res", area=(900, 300, 3500), nb={1: 1.0},
      st={"RC": 8, "SRC": 1, "S": 1}, p_old=0.35,
      mg={"指定管理": 7, "直営": 3}, users=(35, 90), om=(8000, 14000), fee="hall")
ftype(group="集会等施設", n=6, cat="市民文化系施設", sub="区民センター（体育室併設）",
      names=["区民センター"], fn="community_hall;sports", pool="res",
      area=(2300, 1500, 4500), nb={1: 1.0}, st={"RC": 7, "SRC": 3}, p_old=0.40,
      mg={"指定管理": 9, "直営": 1}, users=(30, 70), om=(9000, 14000), fee="hall")
# 防災倉庫等 30
ftype(group="防災倉庫等", n=30, cat="行政系施設", sub="防災倉庫", names=["防災備蓄倉庫"],
      fn="disaster_storage", pool="any", area=(140, 40, 600), nb={1: 1.0},
      st={"S": 5, "LGS": 3, "CB": 1, "RC": 1}, p_old=0.04,
      mg={"直営": 10}, users=(0, 0), om=(800, 2000), fee="none")
# 庁舎施設 25 (本庁舎 is added separately)
ftype(group="庁舎施設", n=18, cat="行政系施設", sub="庁舎・特別出張所",
      names=["特別出張所"], fn="office;community_hall", pool="res",
      area=(750, 400, 1500), nb={1: 1.0}, st={"RC": 9, "SRC": 1}, p_old=0.45,
      mg={"直営": 10}, users=(40, 90), om=(11000, 17000), fee="small")
ftype(group="庁舎施設", n=6, cat="行政系施設", sub="庁舎・特別出張所",
      names=["分庁舎", "地域庁舎"], fn="office", pool="res",
      area=(2600, 1200, 6000), nb={1: 1.0}, st={"RC": 6, "SRC": 4}, p_old=0.35,
      mg={"直営": 10}, users=(20, 50), om=(12000, 18000), fee="none")
# ---- the remaining 217 facilities (その他の施設)
ftype(group="図書館", n=16, cat="社会教育系施設", sub="図書館", names=["図書館"],
      fn="library", pool="res", area=(1200, 700, 3200), nb={1: 1.0},
      st={"RC": 8, "SRC": 2}, p_old=0.40,
      mg={"指定管理": 9, "直営": 1}, users=(120, 220), om=(12000, 18000), fee="none")
ftype(group="博物館等", n=4, cat="社会教育系施設", sub="博物館・記念館",
      names=["郷土資料館", "記念館"], fn="culture_hall", pool="res",
      area=(1100, 400, 2500), nb={1: 1.0}, st={"RC": 9, "W": 1}, p_old=0.35,
      mg={"直営": 5, "指定管理": 5}, users=(15, 40), om=(12000, 18000), fee="museum")
ftype(group="文化ホール", n=6, cat="市民文化系施設", sub="文化ホール",
      names=["区民ホール", "文化ホール"], fn="culture_hall;community_hall", pool="res",
      area=(6000, 3500, 16000), nb={1: 1.0}, st={"SRC": 6, "RC": 4}, p_old=0.15,
      mg={"指定管理": 10}, users=(30, 60), om=(12000, 18000), fee="hall_big")
ftype(group="スポーツ施設", n=10, cat="スポーツ・レクリエーション系施設", sub="体育館",
      names=["体育館", "スポーツセンター"], fn="sports", pool="res",
      area=(3200, 1500, 14000), nb={1: 0.8, 2: 0.2}, st={"RC": 6, "SRC": 2, "S": 2},
      p_old=0.30, mg={"指定管理": 10}, users=(30, 70), om=(10000, 16000), fee="sports")
ftype(group="スポーツ施設", n=6, cat="スポーツ・レクリエーション系施設", sub="温水プール",
      names=["温水プール"], fn="sports", pool="res", area=(2300, 1200, 4500),
      nb={1: 1.0}, st={"RC": 8, "SRC": 2}, p_old=0.20,
      mg={"指定管理": 10}, users=(40, 80), om=(18000, 26000), fee="sports")
ftype(group="スポーツ施設", n=8, cat="スポーツ・レクリエーション系施設", sub="運動場・野球場付属棟",
      names=["運動場管理棟"], fn="sports", pool="any", area=(180, 60, 450),
      nb={1: 1.0}, st={"RC": 3, "S": 4, "CB": 1, "W": 2}, p_old=0.35,
      mg={"指定管理": 8, "委託": 2}, users=(200, 500), om=(3000, 7000), fee="sports")
ftype(group="高齢者施設", n=40, cat="保健・福祉施設", sub="高齢者福祉施設",
      names=["老人いこいの家", "シニアステーション"], fn="elderly_centre", pool="res",
      area=(460, 200, 1100), nb={1: 1.0}, st={"RC": 6, "S": 2, "W": 2}, p_old=0.35,
      mg={"指定管理": 7, "直営": 1, "委託": 2}, users=(40, 90), om=(9000, 14000),
      fee="none")
ftype(group="障害者施設", n=12, cat="保健・福祉施設", sub="障害者福祉施設",
      names=["福祉センター", "生活実習所", "就労支援センター"], fn="health_centre",
      pool="res", area=(1200, 500, 3000), nb={1: 1.0}, st={"RC": 8, "S": 2},
      p_old=0.25, mg={"指定管理": 6, "委託": 4}, users=(20, 45), om=(11000, 17000),
      fee="none")
ftype(group="保健施設", n=5, cat="保健・福祉施設", sub="保健施設",
      names=["地域健康課", "保健センター"], fn="health_centre", pool="res",
      area=(2000, 1200, 3500), nb={1: 1.0}, st={"RC": 7, "SRC": 3}, p_old=0.40,
      mg={"直営": 10}, users=(20, 45), om=(12000, 18000), fee="small")
ftype(group="産業施設", n=7, cat="産業系施設", sub="産業支援施設",
      names=["産業支援センター", "創業支援施設", "工場アパート"], fn="industry",
      pool="ind", area=(2300, 800, 14000), nb={1: 1.0}, st={"RC": 5, "SRC": 3, "S": 2},
      p_old=0.15, mg={"指定管理": 8, "直営": 2}, users=(10, 40), om=(9000, 15000),
      fee="industry")
ftype(group="公園施設", n=60, cat="公園", sub="公園施設",
      names=["公園管理棟", "公園休憩所", "公園便所"], fn="park_facility", pool="park",
      area=(110, 25, 400), nb={1: 1.0}, st={"RC": 4, "CB": 2, "S": 2, "W": 2},
      p_old=0.30, mg={"委託": 6, "指定管理": 3, "直営": 1}, users=(0, 0),
      om=(4000, 9000), fee="none")
ftype(group="清掃施設", n=8, cat="供給処理施設", sub="清掃事務所・資源化施設",
      names=["清掃事務所", "資源化センター"], fn="waste", pool="ind",
      area=(1300, 500, 3500), nb={1: 0.75, 2: 0.25}, st={"RC": 6, "S": 4},
      p_old=0.40, mg={"直営": 7, "委託": 3}, users=(0, 0), om=(8000, 13000),
      fee="none")
ftype(group="その他", n=14, cat="その他", sub="自転車駐車場", names=["自転車駐車場"],
      fn="", pool="res", area=(300, 80, 1600), nb={1: 1.0}, st={"S": 7, "RC": 3},
      p_old=0.15, mg={"委託": 7, "指定管理": 3}, users=(0, 0), om=(2500, 5000),
      fee="parking")
ftype(group="その他", n=12, cat="その他", sub="公衆便所", names=["公衆便所"],
      fn="", pool="any", area=(30, 12, 70), nb={1: 1.0}, st={"RC": 5, "CB": 3, "S": 2},
      p_old=0.35, mg={"委託": 10}, users=(0, 0), om=(15000, 30000), fee="none")
ftype(group="その他", n=5, cat="その他", sub="旧施設（未利用）",
      names=["旧保育園", "旧児童館", "旧出張所", "旧会館"],
      fn="", pool="res", area=(1400, 600, 3000), nb={1: 1.0}, st={"RC": 10},
      p_old=0.85, mg={"直営": 10}, users=(0, 0), om=(800, 1600), fee="none")
ftype(group="その他", n=4, cat="その他", sub="職員住宅", names=["職員住宅"],
      fn="", pool="res", area=(1000, 500, 2000), nb={1: 1.0}, st={"RC": 10},
      p_old=0.50, mg={"直営": 10}, users=(0, 0), om=(2000, 4000), fee="staff_housing")

# ----------------------------------------------------------------- helpers


def town_base(name):
    return re.sub(r"[一二三四五六七八九十]+丁目$", "", name)


def chome_to_address(town):
    """'蒲田五丁目' -> '大田区蒲田五丁目' (town-level only: no 番地)."""
    return "大田区" + town


def haversine_m(lat1, lon1, lat2, lon2):
    r = 6_371_000.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def point_in_ring(lon, lat, ring):
    """Ray casting (even-odd rule) against one closed ring of (lon, lat)."""
    inside = False
    n = len(ring)
    j = n - 1
    for i in range(n):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat):
            x_cross = (xj - xi) * (lat - yi) / (yj - yi) + xi
            if lon < x_cross:
                inside = not inside
        j = i
    return inside


def point_in_multipolygon(lon, lat, mpoly):
    for poly in mpoly:
        if point_in_ring(lon, lat, poly[0]) and not any(
                point_in_ring(lon, lat, hole) for hole in poly[1:]):
            return True
    return False


def mesh500(lat, lon):
    """JIS X 0410 level-4 (500 m, 9-digit) mesh code of a point."""
    p = int(lat * 1.5)
    u = int(lon) - 100
    la = lat * 1.5 - p
    lo = lon - int(lon)
    q, v = int(la * 8), int(lo * 8)
    la2, lo2 = la * 8 - q, lo * 8 - v
    r, w = int(la2 * 10), int(lo2 * 10)
    la3, lo3 = la2 * 10 - r, lo2 * 10 - w
    m = 1 + (2 if la3 >= 0.5 else 0) + (1 if lo3 >= 0.5 else 0)
    return f"{p}{u}{q}{v}{r}{w}{m}"


def wareki_fy(fy):
    """Fiscal year -> 和暦 年度 string.  The era is the one in force on April 1
    of the fiscal year, except that FY2019 is 令和元年度 (official usage after
    the May 2019 era change)."""
    if fy >= 2019:
        era, n = "令和", fy - 2018
    elif fy >= 1989:
        era, n = "平成", fy - 1988
    elif fy >= 1927:
        era, n = "昭和", fy - 1925
    elif fy >= 1912:
        era, n = "大正", fy - 1911
    else:
        era, n = "明治", fy - 1867
    return f"{era}{'元' if n == 1 else n}年度"


# 劣化状況調査 (MEXT 2017): each part of a building rated A (good) to D
# (urgent).  Drawn from the building's effective age (years since it was
# built, or since 12 years before its last renovation) against a typical
# life of the part, with noise: older buildings rate worse, and the roof and
# the equipment age faster than the walls and the interior.  About one in
# eight non-school buildings has had no survey (empty ratings).  Illustrative.
RATING_SEED = SEED + 13
PART_LIFE_YEARS = (32, 45, 48, 36, 36)  # roof, exterior, interior, electrical, mechanical


def part_ratings(rng, b):
    if not b["school"] and not b.get("hq") and rng.random() < 0.125:
        return ""
    eff = 2025 - max(b["year"], b["reno"] - 12 if b["reno"] else b["year"])
    out = ""
    for life in PART_LIFE_YEARS:
        x = eff / life + rng.gauss(0, 0.22)
        out += "A" if x < 0.5 else "B" if x < 0.95 else "C" if x < 1.45 else "D"
    return out


def choice_w(rng, weights):
    """Weighted choice from a dict {value: weight} (insertion order)."""
    items = list(weights.items())
    total = sum(w for _, w in items)
    x = rng.random() * total
    acc = 0.0
    for k, w in items:
        acc += w
        if x < acc:
            return k
    return items[-1][0]


def tri_area(rng, med, lo, hi):
    """A right-skewed size: log-normal around the median, clipped."""
    v = med * math.exp(rng.gauss(0.0, 0.38))
    return min(hi, max(lo, v))


def weighted_sample(rng, items, weights, k):
    """k distinct items, weighted without replacement (Efraimidis-Spirakis)."""
    keyed = []
    for it, w in zip(items, weights):
        if w <= 0:
            continue
        u = rng.random()
        keyed.append((math.log(u if u > 0 else 1e-300) / w, it))
    keyed.sort(key=lambda t: t[0], reverse=True)
    if len(keyed) < k:
        raise SystemExit(f"not enough candidate places ({len(keyed)} < {k})")
    return [it for _, it in keyed[:k]]


def old_year(rng, lo=1955, peak=(1963, 1976)):
    """A construction year <= FY1981, concentrated in the 1960s-70s."""
    x = rng.random()
    if x < 0.72:
        return rng.randint(peak[0], peak[1])
    if x < 0.88:
        return rng.randint(peak[1] + 1, OLD_CUTOFF_FY)
    return rng.randint(lo, peak[0] - 1)


def new_year(rng):
    """A construction year >= FY1982 with a tail to FY2023."""
    x = rng.random()
    if x < 0.45:
        return rng.randint(1982, 1995)
    if x < 0.75:
        return rng.randint(1996, 2008)
    return rng.randint(2009, 2023)


def fmt_area(a):
    return f"{a:.2f}"



# ------------------------------------------------------ real facilities
# 国土数値情報 P05 (2022): the ward's real offices and meeting facilities.
# Each is given to one sample type (the sample's type key: 中分類 and its
# first name suffix); the first facilities of that type then take the real
# names, addresses and points, in the P05 file's name order.  Rules in
# order, the first that matches wins.
REAL_TYPE_RULES = [
    (lambda n, c: c == 1, "本庁舎"),
    (lambda n, c: n.endswith("特別出張所"), ("庁舎・特別出張所", "特別出張所")),
    (lambda n, c: c == 2, ("庁舎・特別出張所", "分庁舎")),                    # 地域庁舎 and the like
    (lambda n, c: "体育施設" in n or "スポーツセンター" in n, ("体育館", "体育館")),
    (lambda n, c: n.endswith("保健所"), ("保健施設", "地域健康課")),
    (lambda n, c: any(k in n for k in ("区民ホール", "区民プラザ", "文化の森")), ("文化ホール", "区民ホール")),
    (lambda n, c: "区民センター" in n, ("集会施設", "区民センター")),
    (lambda n, c: any(k in n for k in ("ゆうゆうくらぶ", "シニアステーション", "地域包括支援センター")),
     ("高齢者福祉施設", "老人いこいの家")),
    (lambda n, c: c in (3, 4, 5), ("集会施設", "区民センター")),             # 文化センター, 会館, …
]


def read_real_facilities():
    """P05 facilities by sample type: {type key: [facility, …]} in name order."""
    with open(os.path.join(DATA, "public_facilities_p05_2022.geojson"), encoding="utf-8") as f:
        p05 = json.load(f)
    by_type = {}
    for ft in p05["features"]:
        p = ft["properties"]
        lon, lat = ft["geometry"]["coordinates"][:2]
        name, cls = p["P05_003"], int(p["P05_002"])
        key = next(k for rule, k in REAL_TYPE_RULES if rule(name, cls))
        by_type.setdefault(key, []).append({"name": name, "address": p["P05_004"],
                                            "lat": lat, "lon": lon})
    for v in by_type.values():
        v.sort(key=lambda r: (r["name"], r["address"]))
    return by_type

# ------------------------------------------------------------------- input
def read_inputs():
    with open(os.path.join(DATA, "boundary_n03_2021_simplified.geojson"),
              encoding="utf-8") as f:
        bnd = json.load(f)
    geoms = [ft["geometry"] for ft in bnd["features"]]
    mpoly = []
    for g in geoms:
        if g["type"] == "MultiPolygon":
            mpoly.extend(g["coordinates"])
        elif g["type"] == "Polygon":
            mpoly.append(g["coordinates"])
    with open(os.path.join(DATA, "population_mesh500m_2015.csv"),
              encoding="utf-8-sig", newline="") as f:
        pop = {}
        for r in csv.DictReader(f):
            v = r["人口総数"].strip()
            pop[r["KEY_CODE"].strip()] = int(v) if v else 0
    with open(os.path.join(DATA, "towns_chome_points.csv"),
              encoding="utf-8-sig", newline="") as f:
        towns = [{"town": r["town"], "lat": float(r["lat"]), "lon": float(r["lon"])}
                 for r in csv.DictReader(f)]
    with open(os.path.join(DATA, "schools_p29_2021.geojson"), encoding="utf-8") as f:
        sch = json.load(f)
    schools = []
    for ft in sch["features"]:
        p = ft["properties"]
        if p["P29_006"] == 3 and p["P29_003"] in (16001, 16002):
            lon, lat = ft["geometry"]["coordinates"][:2]
            schools.append({"code": p["P29_002"], "kind": p["P29_003"],
                            "name": p["P29_004"], "address": p["P29_005"],
                            "lat": lat, "lon": lon})
    schools.sort(key=lambda s: (s["kind"], s["code"]))
    return mpoly, pop, towns, schools


# ---------------------------------------------------------------- generate
def main():
    rng = random.Random(SEED)
    mpoly, pop, towns, schools = read_inputs()
    real_places = read_real_facilities()
    elem = [s for s in schools if s["kind"] == 16001]
    jhs = [s for s in schools if s["kind"] == 16002]
    assert len(elem) == 59 and len(jhs) == 28, (len(elem), len(jhs))

    # Town points: only those inside the ward boundary are usable.
    inside = [t for t in towns if point_in_multipolygon(t["lon"], t["lat"], mpoly)]
    outside = [t["town"] for t in towns if t not in inside]
    for t in inside:
        t["base"] = town_base(t["town"])
        if t["base"] not in TOWN_TO_DISTRICT:
            raise SystemExit(f"町名 {t['base']} has no 地域 in DISTRICT_OF_TOWN")
        t["pop"] = pop.get(mesh500(t["lat"], t["lon"]), 0)
    schools_outside = [s["name"] for s in schools
                       if not point_in_multipolygon(s["lon"], s["lat"], mpoly)]

    def district_of(lat, lon):
        best = min(inside, key=lambda t: (haversine_m(lat, lon, t["lat"], t["lon"]),
                                          t["town"]))
        return TOWN_TO_DISTRICT[best["base"]]

    def jitter(t):
        """The town point moved by <= 90 m, kept inside the ward."""
        for _ in range(50):
            r = 90.0 * math.sqrt(rng.random())
            a = rng.random() * 2 * math.pi
            lat = t["lat"] + r * math.cos(a) / 111_320.0
            lon = t["lon"] + r * math.sin(a) / (111_320.0 * math.cos(math.radians(t["lat"])))
            if point_in_multipolygon(lon, lat, mpoly):
                return lat, lon
        return t["lat"], t["lon"]

    residential = [t for t in inside if t["pop"] > 0 and t["base"] not in PARK_POINTS]
    pools = {
        "res": (residential, [math.sqrt(t["pop"]) for t in residential]),
        "any": ([t for t in inside if t["base"] not in ("羽田空港",) and
                 t["base"] not in PARK_POINTS],
                None),
        "ind": ([t for t in inside if t["base"] in INDUSTRIAL_TOWNS], None),
        "park": ([t for t in inside if t["base"] != "羽田空港"], None),
    }

    facilities = []   # dicts
    names_used = set()
    buildings = []    # dicts

    def add_facility(**kw):
        kw["id"] = f"F{len(facilities) + 1:04d}"
        facilities.append(kw)
        return kw

    # ---------------- schools (real names, addresses and points)
    school_list = [(s, "小学校", "elementary_school") for s in elem]
    # one ILLUSTRATIVE ward special school, placed at a 蒲田-area town point
    kamata = sorted((t for t in residential if TOWN_TO_DISTRICT[t["base"]] == "蒲田"),
                    key=lambda t: t["town"])
    sp_town = kamata[rng.randrange(len(kamata))]
    sp_lat, sp_lon = jitter(sp_town)
    special = {"name": sp_town["town"] + "特別支援学校", "address": chome_to_address(sp_town["town"]),
               "lat": sp_lat, "lon": sp_lon, "illustrative": True}
    school_list.append((special, "特別支援学校", "special_school"))
    school_list += [(s, "中学校", "junior_high_school") for s in jhs]

    for s, sub, fn in school_list:
        pupils = {"小学校": rng.randint(260, 820), "中学校": rng.randint(240, 700),
                  "特別支援学校": rng.randint(60, 110)}[sub]
        fac = add_facility(group="中学校" if sub == "中学校" else "小学校・特別支援学校",
                           name=s["name"], cat="学校教育系施設", sub=sub, fn=fn,
                           lat=s["lat"], lon=s["lon"], address=s["address"],
                           district=district_of(s["lat"], s["lon"]),
                           site=round(rng.uniform(8500, 19000) if sub != "特別支援学校"
                                      else rng.uniform(6000, 9000)),
                           mg="直営", users=pupils * 200, real=not s.get("illustrative"))
        fac["om_unit"] = rng.uniform(5500, 8500)
        fac["fee"] = "school"
        # a school = 校舎 (1-2) + 体育館 (+ 特別教室棟 / 新校舎)
        total = {"小学校": rng.uniform(6600, 9300), "中学校": rng.uniform(7200, 9600),
                 "特別支援学校": rng.uniform(6200, 7000)}[sub]
        rebuilt = rng.random() < (0.27 if sub != "特別支援学校" else 1.0)
        nb = choice_w(rng, {2: 0.25, 3: 0.5, 4: 0.25})
        gym_share = rng.uniform(0.13, 0.19)
        if nb == 2:
            parts = [("校舎", 1 - gym_share), ("体育館", gym_share)]
        elif nb == 3:
            s2 = rng.uniform(0.2, 0.35)
            parts = [("北校舎", 1 - gym_share - s2), ("南校舎", s2), ("体育館", gym_share)]
        else:
            s2 = rng.uniform(0.18, 0.3)
            s4 = rng.uniform(0.07, 0.13)
            parts = [("北校舎", 1 - gym_share - s2 - s4), ("南校舎", s2),
                     ("体育館", gym_share), (rng.choice(["特別教室棟", "給食棟", "西校舎"]), s4)]
        if rebuilt:
            y = choice_w(rng, {1: 0.35, 2: 0.65})
            base = rng.randint(1984, 2002) if y == 1 else rng.randint(2003, 2023)
            years = [base, base, base if rng.random() < 0.6 else min(2023, base + 1), base]
        else:
            y0 = old_year(rng, lo=1955, peak=(1960, 1974))
            y2 = min(OLD_CUTOFF_FY, y0 + rng.randint(2, 12))
            if rng.random() < 0.25:
                gym = new_year(rng)
            else:
                gym = min(OLD_CUTOFF_FY, max(y0, rng.randint(1962, 1981)))
            extra = rng.randint(1982, 2016) if rng.random() < 0.7 else \
                min(OLD_CUTOFF_FY, y0 + rng.randint(5, 15))
            years = [y0, y2, gym, extra]
        for k, (nm, share) in enumerate(parts):
            yb = years[k] if k < 3 else years[3]
            if nm == "体育館":
                yb = years[2]
            st = choice_w(rng, {"RC": 8, "SRC": 1}) if nm != "体育館" else \
                choice_w(rng, {"RC": 6, "S": 3, "SRC": 1})
            floors = (rng.choice([3, 4, 4]) if "校舎" in nm else
                      (rng.choice([1, 2, 2]) if nm == "体育館" else rng.choice([2, 3])))
            buildings.append({"fid": fac["id"], "name": nm, "area": total * share,
                              "year": yb, "st": st, "floors": floors, "school": True,
                              "cat": "学校教育系施設"})

    # ---------------- the other facility types
    for ty in T:
        # 本庁舎 first among the 庁舎施設
        if ty["sub"] == "庁舎・特別出張所" and ty["names"] == ["特別出張所"]:
            hq = (real_places.get("本庁舎") or [HONCHOSHA])[0]
            lat, lon = hq["lat"], hq["lon"]
            assert point_in_multipolygon(lon, lat, mpoly)
            fac = add_facility(group="庁舎施設", name=hq["name"], cat="行政系施設",
                               sub="庁舎・特別出張所", fn="office", lat=lat, lon=lon,
                               address=hq["address"], district=district_of(lat, lon),
                               site=8300, mg="直営", users=1_200_000, real=hq is not HONCHOSHA)
            fac["om_unit"] = 14000.0
            fac["fee"] = "small"
            buildings.append({"fid": fac["id"], "name": "本庁舎", "area": 44000.0,
                              "year": 1996, "st": "SRC", "floors": 20, "school": False,
                              "cat": "行政系施設", "hq": True})
        cands, weights = pools[ty["pool"]]
        if weights is None:
            weights = [1.0] * len(cands)
        chosen = weighted_sample(rng, cands, weights, ty["n"])
        reals = real_places.get((ty["sub"], ty["names"][0]), [])
        assert len(reals) <= ty["n"], (ty["sub"], len(reals), ty["n"])
        for i, t in enumerate(chosen):
            suffix = ty["names"][i % len(ty["names"])]
            if t["base"] in PARK_POINTS:
                name = t["base"] + suffix.replace("公園", "")
            elif suffix.startswith("旧"):
                name = "旧" + t["town"] + suffix[1:]
            else:
                name = t["town"] + suffix
            if name in names_used:
                name = t["town"] + "第二" + suffix
            lat, lon = jitter(t)
            address = chome_to_address(t["town"])
            # A real facility of this type takes the place: its own name,
            # address and point (the random draws above are kept, so the
            # other facilities and every building stay as they were).
            real = i < len(reals)
            if real:
                name, address, lat, lon = (reals[i][k] for k in ("name", "address", "lat", "lon"))
            names_used.add(name)
            area = tri_area(rng, *ty["area"])
            fac = add_facility(group=ty["group"], name=name, cat=ty["cat"], sub=ty["sub"],
                               fn=ty["fn"],
                               lat=lat, lon=lon, address=address,
                               district=district_of(lat, lon), site=None,
                               mg=choice_w(rng, ty["mg"]), users=None, real=real)
            fac["om_unit"] = rng.uniform(*ty["om"])
            fac["fee"] = ty["fee"]
            fac["users_per_m2"] = rng.uniform(*ty["users"])
            nb = choice_w(rng, ty["nb"])
            is_old = rng.random() < ty["p_old"]
            y0 = old_year(rng, lo=1958) if is_old else new_year(rng)
            shares = [1.0] if nb == 1 else \
                ([0.6, 0.4] if nb == 2 else [0.42, 0.33, 0.25])
            for k in range(nb):
                if ty["cat"] == "公営住宅":
                    bname = f"{k + 1}号棟"
                elif nb == 1:
                    bname = "本棟" if ty["sub"] not in ("公園施設", "公衆便所") else suffix.replace("公園", "")
                else:
                    bname = ["本館", "別館", "新館"][k]
                if k == 0:
                    yb = y0
                elif ty["cat"] == "公営住宅":
                    yb = min(2023, y0 + rng.randint(0, 4))
                else:
                    yb = min(2023, y0 + rng.randint(3, 25))
                st = choice_w(rng, ty["st"])
                a = area * shares[k]
                buildings.append({"fid": fac["id"], "name": bname, "area": a, "year": yb,
                                  "st": st, "floors": 0, "school": False, "cat": ty["cat"]})

    assert len(facilities) == 573, len(facilities)

    # ---------------- calibration
    # 1. floor areas: one scale factor for the schools (keeps every school's
    #    total in proportion) and one for the other facilities (本庁舎 kept as
    #    given), so the totals hit their targets.
    hq = [b for b in buildings if b.get("hq")][0]
    raw_school = sum(b["area"] for b in buildings if b["school"])
    raw_other = sum(b["area"] for b in buildings if not b["school"] and not b.get("hq"))
    f_school = TARGET_SCHOOL_TOTAL_M2 / raw_school
    f_other = (TARGET_TOTAL_M2 - TARGET_SCHOOL_TOTAL_M2 - hq["area"]) / raw_other
    for b in buildings:
        if not b.get("hq"):
            b["area"] = round(b["area"] * (f_school if b["school"] else f_other), 2)
    factors = (f_school, f_other)

    # 2. age structure: move a few buildings across the FY1981/FY1982 line
    #    (a new construction year drawn from the same distributions), each time
    #    the building whose floor area best closes the remaining gap, until the
    #    40+ floor area of the group is within 1,000 m2 of its target.
    def calibrate_old(group, target, school):
        flips = 0
        while True:
            old = sum(b["area"] for b in group if b["year"] <= OLD_CUTOFF_FY)
            gap = old - target
            if abs(gap) <= 1000:
                return flips
            want_old = gap < 0
            cands = [b for b in group if (b["year"] <= OLD_CUTOFF_FY) != want_old
                     and not b.get("hq") and b["area"] < 2 * abs(gap)]
            if not cands:
                raise SystemExit(f"cannot calibrate the 40+ floor area (gap {gap:.0f} m2)")
            b = min(cands, key=lambda b: (abs(abs(gap) - b["area"]), b["fid"], b["name"]))
            if want_old:
                b["year"] = old_year(rng, lo=1955 if school else 1958)
            else:
                b["year"] = rng.randint(1982, 2016)
            flips += 1

    flips_school = calibrate_old([b for b in buildings if b["school"]],
                                 TARGET_SCHOOL_OLD_M2, True)
    flips_other = calibrate_old([b for b in buildings if not b["school"]],
                                TARGET_OLD_M2 - TARGET_SCHOOL_OLD_M2, False)

    # ---------------- per-building attributes
    facs = {f["id"]: f for f in facilities}
    for b in buildings:
        f = facs[b["fid"]]
        a, y = b["area"], b["year"]
        # floors
        if not b["school"] and not b.get("hq"):
            if b["cat"] == "公営住宅":
                b["floors"] = max(3, min(14, round(a / rng.uniform(280, 520))))
            elif a < 150:
                b["floors"] = 1
            else:
                foot = max(300.0, a * rng.uniform(0.22, 0.45))
                b["floors"] = max(1, min(6, round(a / foot)))
            if b["st"] in ("W", "LGS", "CB"):
                b["floors"] = min(b["floors"], 2)
            if b["st"] == "S":
                b["floors"] = min(b["floors"], 4)
        # structure: small storage-like buildings are never SRC; big never W/LGS/CB
        if a >= 1500 and b["st"] in ("W", "LGS", "CB"):
            b["st"] = "RC"
        if a < 1000 and b["st"] == "SRC":
            b["st"] = "RC"
        # seismic status
        if y >= 1982:
            b["seismic"] = "新耐震"
        elif b["school"] or b["cat"] == "行政系施設" or a >= 1000:
            # schools (Tokyo finished retrofitting them by 2015), offices and
            # large buildings are all retrofitted
            b["seismic"] = "耐震補強済"
        elif y == 1981:
            b["seismic"] = "不明" if rng.random() < 0.5 else "新耐震"
        else:
            x = rng.random()
            b["seismic"] = "耐震補強済" if x < 0.88 else ("不明" if x < 0.96 else "未補強")
        # last renovation (western FY, after construction)
        reno = None
        age21 = REFERENCE_FY - y
        if age21 >= 20:
            p = 0.55 if b["school"] else 0.35
            if b["seismic"] == "耐震補強済":
                p += 0.15
            if rng.random() < p:
                lo = max(y + 18, 1992)
                hi = 2023
                if lo <= hi:
                    reno = rng.randint(lo, hi)
        b["reno"] = reno
        # concrete strength (N/mm2): tested mainly for pre-1982 RC/SRC (耐震診断)
        cs = None
        if b["st"] in ("RC", "SRC"):
            if y <= OLD_CUTOFF_FY and rng.random() < (0.85 if b["school"] else 0.55):
                cs = round(max(14.0, rng.gauss(21.0, 3.8)), 1)
            elif y <= 1995 and rng.random() < 0.15:
                cs = round(max(15.0, rng.gauss(24.0, 3.5)), 1)
        b["cs"] = cs
        # 健全度 (0-100) from effective age at FY2025
        eff = 2025 - max(y, reno - 12 if reno else y)
        c = 100 - 0.95 * eff + rng.gauss(0, 6)
        b["cond"] = int(max(12, min(100, round(c))))
        b["status"] = "供用中"
        b["demolish"] = None

    # a few RC buildings with weak concrete (< 13.5 N/mm2): not eligible for
    # life extension.  Two school buildings and four others, all pre-1975.
    weak_s = [b for b in buildings if b["school"] and b["st"] == "RC" and b["year"] <= 1972
              and "校舎" in b["name"]]
    weak_o = [b for b in buildings if not b["school"] and b["st"] == "RC"
              and b["year"] <= 1974]
    for b in rng.sample(weak_s, 2) + rng.sample(weak_o, 4):
        b["cs"] = round(rng.uniform(9.8, 13.2), 1)

    # status: 解体予定 (3, with a demolition year) and 休止 (5)
    cand = [b for b in buildings if not b["school"] and b["year"] <= 1975
            and facs[b["fid"]]["sub"] in ("集会施設", "区営住宅", "旧施設（未利用）",
                                           "防災倉庫", "高齢者福祉施設", "公園施設")]
    cand.sort(key=lambda b: (b["year"], b["fid"], b["name"]))
    dem = rng.sample(cand, 3)
    for k, b in enumerate(sorted(dem, key=lambda b: b["fid"])):
        b["status"] = "解体予定"
        b["demolish"] = 2026 + k
        b["cond"] = min(b["cond"], 30)
    unused = [b for b in buildings if facs[b["fid"]]["sub"] == "旧施設（未利用）"
              and b["status"] == "供用中"]
    closed = list(unused)  # former facilities awaiting a decision: all 休止
    # and two small old buildings closed because they were never retrofitted
    rest = [b for b in buildings if not b["school"] and b["status"] == "供用中"
            and b not in closed and b["seismic"] == "未補強"]
    closed += rng.sample(rest, 2)
    for b in closed:
        b["status"] = "休止"

    # ---------------- 劣化状況調査: part ratings A-D (ILLUSTRATIVE)
    # From a generator of their own, after every other draw, so each other
    # column of every row stays as it was.
    rating_rng = random.Random(RATING_SEED)
    for b in buildings:
        b["ratings"] = part_ratings(rating_rng, b)

    # ---------------- facility-level derived values
    by_fac = {}
    for b in buildings:
        by_fac.setdefault(b["fid"], []).append(b)
    for f in facilities:
        bs = by_fac[f["id"]]
        area = sum(b["area"] for b in bs)
        foot = sum(b["area"] / max(1, b["floors"]) for b in bs)
        active = any(b["status"] == "供用中" for b in bs)
        if f["site"] is None:
            f["site"] = round(max(foot * rng.uniform(1.4, 3.0), 30))
        if f["users"] is None:
            f["users"] = round(area * f["users_per_m2"] / 10) * 10 if active else 0
        if f["sub"] == "保育園":
            f["users"] = round(area / 9.5) * 240  # children x days
        f["om"] = round(area * f["om_unit"] * (1.0 if active else 0.25) / 1000) * 1000
        fee = f["fee"]
        if not active:
            rev = 0
        elif fee == "housing":
            units = area / 62.0
            rev = units * 12 * rng.uniform(22000, 36000)
        elif fee == "staff_housing":
            rev = area / 55.0 * 12 * rng.uniform(25000, 40000)
        elif fee == "nursery":
            rev = area / 9.5 * rng.uniform(180000, 260000)
        elif fee in ("hall", "hall_big"):
            rev = area * rng.uniform(1500, 4000) * (2.0 if fee == "hall_big" else 1.0)
        elif fee == "sports":
            rev = area * rng.uniform(2500, 6000)
        elif fee == "museum":
            rev = f["users"] * rng.uniform(50, 150)
        elif fee == "industry":
            rev = area * rng.uniform(3000, 8000)
        elif fee == "parking":
            rev = area * rng.uniform(6000, 14000)
        elif fee == "school":
            rev = rng.uniform(100_000, 600_000)  # 学校施設開放
        elif fee == "small":
            rev = rng.uniform(200_000, 2_000_000)
        else:
            rev = 0
        f["rev"] = round(rev / 1000) * 1000

    # ---------------- aggregates and checks
    total = sum(b["area"] for b in buildings)
    old = sum(b["area"] for b in buildings if b["year"] <= OLD_CUTOFF_FY)
    school_old = sum(b["area"] for b in buildings if b["school"] and b["year"] <= OLD_CUTOFF_FY)
    school_total = sum(b["area"] for b in buildings if b["school"])
    old_share = old / total
    school_share = school_old / old
    per_school = {}
    for b in buildings:
        if b["school"]:
            per_school[b["fid"]] = per_school.get(b["fid"], 0) + b["area"]
    years = [b["year"] for b in buildings]
    decade = {}
    for b in buildings:
        d = b["year"] // 10 * 10
        decade[d] = decade.get(d, 0) + b["area"]
    lc = standard_projection(buildings, facs)
    invest_ratio = PAST_FIVE_YEAR_INVESTMENT_YEN / lc["annual_average_yen"]

    counts = {}
    for f in facilities:
        counts[f["sub"]] = counts.get(f["sub"], 0) + 1
    print(f"facilities: {len(facilities)}  buildings: {len(buildings)}")
    print(f"towns inside the boundary: {len(inside)}/{len(towns)}"
          + (f" (outside: {', '.join(outside)})" if outside else ""))
    print(f"schools outside the simplified boundary (kept at their real points): "
          f"{', '.join(schools_outside) if schools_outside else 'none'}")
    print(f"floor-area scale factors: schools {factors[0]:.3f}, others {factors[1]:.3f}; "
          f"buildings moved across FY1981/82: schools {flips_school}, others {flips_other}")
    print(f"total floor area      {total:14,.2f} m2  (target {TARGET_TOTAL_M2:,} +-1 %)")
    print(f"40+ (FY<=1981)        {old:14,.2f} m2  = {old_share * 100:.2f} % "
          f"(target {TARGET_OLD_SHARE * 100:.0f} % +-1 pt, ~{TARGET_OLD_M2:,} m2)")
    print(f"schools in 40+        {school_old:14,.2f} m2  = {school_share * 100:.2f} % of 40+ "
          f"(target {TARGET_SCHOOL_SHARE_OF_OLD * 100:.0f} % +-2 pt)")
    print(f"schools total         {school_total:14,.2f} m2  per school "
          f"{min(per_school.values()):,.0f}..{max(per_school.values()):,.0f} m2")
    print(f"year built range      {min(years)}..{max(years)}")
    print("floor area by decade: " + ", ".join(
        f"{d}s {decade[d] / total * 100:.1f}%" for d in sorted(decade)))
    bins = [("61+", 0, 1965), ("51-60", 1966, 1975), ("31-50", 1976, 1995),
            ("<=30", 1996, 9999)]
    print("floor area by age at FY2026: " + ", ".join(
        f"{lab} {sum(b['area'] for b in buildings if lo <= b['year'] <= hi) / total * 100:.1f}%"
        for lab, lo, hi in bins))
    print("seismic: " + ", ".join(f"{k} {sum(1 for b in buildings if b['seismic'] == k)}"
                                  for k in ("新耐震", "耐震補強済", "未補強", "不明")))
    print("status: " + ", ".join(f"{k} {sum(1 for b in buildings if b['status'] == k)}"
                                 for k in ("供用中", "休止", "解体予定")))
    print(f"buildings with concrete strength < 13.5 N/mm2: "
          f"{sum(1 for b in buildings if b['cs'] is not None and b['cs'] < 13.5)}")
    surveyed = [b for b in buildings if b["ratings"]]
    print(f"part ratings: {len(surveyed)} buildings surveyed, {len(buildings) - len(surveyed)} not; "
          f"with a part rated D: {sum(1 for b in surveyed if 'D' in b['ratings'])}; ratings "
          + ", ".join(f"{g} {sum(b['ratings'].count(g) for b in surveyed)}" for g in "ABCD"))
    print(f"standard-strategy estimate from FY2026, 40 years: "
          f"{lc['total_yen'] / 1e9:,.1f} bn yen, {lc['annual_average_yen'] / 1e9:,.2f} bn/yr "
          f"(backlog {lc['backlog_yen'] / 1e9:,.1f} bn, scheduled renovations "
          f"{lc['renovation_yen'] / 1e9:,.1f} bn, rebuilds {lc['rebuild_yen'] / 1e9:,.1f} bn)")
    print(f"illustrative past-five-year investment {PAST_FIVE_YEAR_INVESTMENT_YEN / 1e9:.1f} bn/yr"
          f" = {invest_ratio * 100:.0f} % of that average")

    assert abs(total / TARGET_TOTAL_M2 - 1) <= TOL_TOTAL, total
    assert abs(old_share - TARGET_OLD_SHARE) <= TOL_OLD_SHARE, old_share
    assert abs(school_share - TARGET_SCHOOL_SHARE_OF_OLD) <= TOL_SCHOOL_SHARE, school_share
    assert all(6000 <= v <= 10000 for v in per_school.values()), per_school
    assert 1950 <= min(years) and max(years) <= LAST_ALLOWED_FY
    assert all(b["reno"] is None or b["year"] < b["reno"] <= LAST_ALLOWED_FY for b in buildings)
    assert 0.45 <= invest_ratio <= 0.55, invest_ratio
    assert lc["backlog_yen"] > 0 and lc["renovation_yen"] > 0 and lc["rebuild_yen"] > 0
    exp = {"小学校": 59, "特別支援学校": 1, "中学校": 28, "保育園": 50}
    for k, v in exp.items():
        assert counts[k] == v, (k, counts[k])
    mix = {}
    for f in facilities:
        mix[f["group"]] = mix.get(f["group"], 0) + 1
    for k, v in PUBLISHED_MIX.items():
        assert mix.get(k) == v, (k, mix.get(k), v)
    assert len(facilities) - sum(PUBLISHED_MIX.values()) == 217

    # ---------------- write
    def source(f):
        """Where the facility's name, address and point come from."""
        if not f["real"]:
            return "例示 (生成)"
        if f["cat"] == "学校教育系施設":
            return "国土数値情報 P29 (2021)"
        return "国土数値情報 P05 (2022)"

    write_csv(os.path.join(DATA, "facilities.csv"),
              ["施設ID", "施設名", "大分類", "中分類", "機能", "緯度", "経度", "所在地", "地区",
               "敷地面積", "運営形態", "年間利用者数", "維持管理費", "使用料収入", "名称・位置の出典"],
              [[f["id"], f["name"], f["cat"], f["sub"], f["fn"], f"{f['lat']:.6f}",
                f"{f['lon']:.6f}", f["address"], f["district"], str(f["site"]), f["mg"],
                str(int(f["users"])), str(int(f["om"])), str(int(f["rev"])), source(f)]
               for f in facilities])
    rows = []
    for i, b in enumerate(buildings):
        rows.append([f"B{i + 1:04d}", b["fid"], b["name"], fmt_area(b["area"]),
                     wareki_fy(b["year"]), b["st"], str(b["floors"]), b["seismic"],
                     str(b["reno"]) if b["reno"] else "",
                     f"{b['cs']:.1f}" if b["cs"] is not None else "", *(b["ratings"] or [""] * 5),
                     b["status"], str(b["demolish"]) if b["demolish"] else ""])
    # 健全度 is computed from the five ratings on import (lifecycle.md "Condition").
    write_csv(os.path.join(DATA, "buildings.csv"),
              ["棟ID", "施設ID", "棟名", "延床面積", "建築年度", "構造", "階数", "耐震",
               "最終改修年度", "コンクリート強度", "屋根・屋上", "外壁", "内部仕上", "電気設備", "機械設備",
               "状態", "解体予定年度"], rows)

    ward = {
        "name": "大田区",
        "name_en": "Ota City",
        "prefecture": "東京都",
        "local_government_code": "131113",
        "n03_code": "13111",
        "reference_fiscal_year": REFERENCE_FY,
        "calibrated_against": {
            "source": "Ota City's facility plans (公共施設等総合管理計画 / 公共施設白書), "
                      "as summarised in /work/shared/data/README.md",
            "total_floor_area_m2": TARGET_TOTAL_M2,
            "floor_area_40plus_m2": TARGET_OLD_M2,
            "share_40plus": TARGET_OLD_SHARE,
            "as_of": "2021-04-01",
            "schools_share_of_40plus": TARGET_SCHOOL_SHARE_OF_OLD,
            "facility_count_white_paper_2015": 573,
            "facility_mix_white_paper_2015": {
                "小学校・特別支援学校": 60, "中学校": 28, "児童館等": 75, "保育園": 50,
                "住宅施設": 53, "集会等施設": 35, "防災倉庫等": 30, "庁舎施設": 25,
                "その他": 217},
            "tolerances": {"total_floor_area": "±1 %", "share_40plus": "±1 point",
                           "schools_share_of_40plus": "±2 points"},
        },
        "achieved": {
            "facilities": len(facilities),
            "buildings": len(buildings),
            "total_floor_area_m2": round(total, 2),
            "floor_area_40plus_m2": round(old, 2),
            "share_40plus": round(old_share, 4),
            "schools_share_of_40plus": round(school_share, 4),
            "school_floor_area_m2": round(school_total, 2),
        },
        "past_five_year_average_investment_yen": PAST_FIVE_YEAR_INVESTMENT_YEN,
        "past_five_year_average_investment": {
            "value_yen": PAST_FIVE_YEAR_INVESTMENT_YEN,
            "illustrative": True,
            "note": "ILLUSTRATIVE, not Ota's actual figure: chosen at about half of the "
                    "annual average renewal cost of the standard (MIC) strategy for this "
                    "sample's ~1.23 million m2 over 40 years from FY2026 (estimated by "
                    f"tools/gen_sample_ward.py at {lc['annual_average_yen'] / 1e9:.1f} bn yen/yr), "
                    "the kind of gap Japanese municipalities report in their "
                    "公共施設等総合管理計画.",
        },
        "generated_by": "tools/gen_sample_ward.py",
        "seed": SEED,
        "real_vs_illustrative": "See data/README.md: the names/addresses/points of the "
                                "schools (P29) and of 77 offices and meeting facilities "
                                "(P05), 町丁目 names/points, the boundary and mesh "
                                "population are real; all building attributes, the other "
                                "facilities' names and positions, costs and users are "
                                "illustrative (column 名称・位置の出典 of facilities.csv).",
    }
    with open(os.path.join(DATA, "ward.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(ward, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print("wrote data/ota/facilities.csv, data/ota/buildings.csv, data/ota/ward.json")


def write_csv(path, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        f.write(buf.getvalue())


def standard_projection(buildings, facs, y0=2026, horizon=40, backlog_years=10,
                        demolition_yen_m2=30_000):
    """Rough standard-strategy (MIC) projection following lifecycle.md, only
    to print a sanity figure and pick the illustrative investment value."""
    end = y0 + horizon - 1
    tot = backlog = reno_sched = rebuild = 0.0

    def pay(cost, start, n):
        s = 0.0
        for k in range(n):
            if y0 <= start + k <= end:
                s += cost / n
        return s

    for b in buildings:
        a = b["area"]
        if b["status"] == "解体予定":
            if b["demolish"] and y0 <= b["demolish"] <= end:
                tot += a * demolition_yen_m2
            continue
        if b["status"] != "供用中":
            continue
        R, M = UNIT_COST[CATEGORY_KEY[facs[b["fid"]]["cat"]]]
        base = b["year"]
        while base + 30 <= end:
            e_ren, e_reb = base + 30, base + 60
            done = b["reno"] is not None and e_ren <= b["reno"] + 10
            if not done:
                if e_ren >= y0:
                    c = pay(M * a, e_ren, 2)
                    tot += c
                    reno_sched += c
                elif e_reb >= y0 + 10:
                    c = pay(M * a, y0, backlog_years)
                    tot += c
                    backlog += c
            if e_reb >= y0:
                c = pay(R * a, e_reb, 3)
                tot += c
                rebuild += c
                base = e_reb
            else:
                c = pay(R * a, y0, backlog_years)
                tot += c
                backlog += c
                base = y0
    return {"total_yen": tot, "annual_average_yen": tot / horizon, "backlog_yen": backlog,
            "renovation_yen": reno_sched, "rebuild_yen": rebuild}


if __name__ == "__main__":
    sys.exit(main())
