#include "inventory/importer.hpp"


#include "core/checksum.hpp"
#include "core/lang.hpp"
#include "core/output_file.hpp"
#include "core/mesh.hpp"
#include "core/numbers.hpp"
#include "core/paths.hpp"
#include "core/progress.hpp"
#include "core/text.hpp"
#include "core/years.hpp"
#include "gisio/crs.hpp"
#include "gisio/geometry.hpp"
#include "gisio/table_reader.hpp"
#include "lifecycle/condition.hpp"
#include "storage/settings.hpp"
#include "storage/transaction.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace shisetsu::inventory {

namespace {

using json = nlohmann::json;

// Plausibility limits of inventory.md "Checked".
constexpr double kMaxFloorAreaM2 = 1'000'000.0;
constexpr int kFirstYear = 1868;  // 明治元年

std::string in_quotes(const std::string& s) { return "\"" + s + "\""; }

// One row being read: cell access by field, with problems collected.
class RowReader {
public:
    RowReader(const gis::TableRow& row, const ColumnMap& map, const std::vector<std::string>& headers,
              const std::string& file, std::vector<InputProblem>& problems)
        : row_(row), map_(map), headers_(headers), file_(file), problems_(problems) {}

    bool has(const std::string& field) const { return cell(field).has_value(); }

    std::optional<std::string> cell(const std::string& field) const {
        auto c = map_.column(field);
        if (!c) return std::nullopt;
        const auto& v = row_.values[static_cast<size_t>(*c)];
        if (!v) return std::nullopt;
        std::string t = text::trim(*v);
        if (t.empty()) return std::nullopt;
        return t;
    }

    std::string text_or_empty(const std::string& field) const { return cell(field).value_or(""); }

    void problem(const std::string& field, const std::string& message) {
        auto c = map_.column(field);
        problems_.push_back({file_, row_.row, c ? headers_[static_cast<size_t>(*c)] : field, message});
        ++count_;
    }
    void column_problem(std::size_t column, const std::string& message) {
        problems_.push_back({file_, row_.row, headers_[column], message});
        ++count_;
    }
    void row_problem(const std::string& message) {
        problems_.push_back({file_, row_.row, "", message});
        ++count_;
    }
    int problem_count() const { return count_; }

    std::string required(const std::string& field, const char* label) {
        auto v = cell(field);
        if (!v) {
            if (map_.column(field)) problem(field, tr("値がありません (必須項目)", "missing value (required)"));
            else row_problem(std::string(label) + tr(" がありません (必須項目)", " is missing (required)"));
            return "";
        }
        return *v;
    }

    // A number in the expected unit (or none); the column's header unit
    // (千円 …) applies when the cell has none.
    std::optional<double> number(const std::string& field, Unit expected) {
        auto v = cell(field);
        if (!v) return std::nullopt;
        std::string why;
        auto n = parse_number(*v, &why);
        if (!n) {
            problem(field, in_quotes(*v) + tr(" は数値として読めません", " is not a number") + (why.empty() ? "" : ": " + why));
            return std::nullopt;
        }
        if (n->unit != Unit::none && n->unit != expected && !(expected == Unit::none)) {
            problem(field, in_quotes(*v) + tr(" の単位が違います", " has the wrong unit"));
            return std::nullopt;
        }
        double value = n->value;
        if (n->unit == Unit::none) value *= map_.multiplier[static_cast<size_t>(*map_.column(field))];
        if (n->unit == Unit::percent && expected == Unit::none) value /= 100.0;
        return value;
    }

    std::optional<int> year(const std::string& field) {
        auto v = cell(field);
        if (!v) return std::nullopt;
        std::string why;
        auto y = parse_year(*v, &why);
        if (!y) {
            problem(field, in_quotes(*v) + tr(" は年として読めません", " is not a valid year") + (why.empty() ? "" : ": " + why) +
                               tr(" (例: 1975, 1975年度, 昭和50年, S50, 1975/6/1)", " (e.g. 1975, 1975年度, 昭和50年, S50, 1975/6/1)"));
            return std::nullopt;
        }
        return y->fiscal_year;
    }

    std::optional<int> plausible_year(const std::string& field) {
        auto y = year(field);
        if (!y) return std::nullopt;
        int now = current_fiscal_year();
        if (*y < kFirstYear || *y > now) {
            problem(field, std::to_string(*y) + tr(" 年度は範囲外です (1868〜", " is out of range (expected 1868–") +
                               std::to_string(now) + ")");
            return std::nullopt;
        }
        return y;
    }

    // Columns no field claimed, kept as extra attributes.
    std::string extra_json() const {
        json extra = json::object();
        for (size_t i = 0; i < headers_.size(); ++i)
            if (map_.field_of_column[i].empty() && row_.values[i]) extra[headers_[i]] = *row_.values[i];
        return extra.dump();
    }

    const gis::TableRow& row() const { return row_; }

private:
    const gis::TableRow& row_;
    const ColumnMap& map_;
    const std::vector<std::string>& headers_;
    const std::string& file_;
    std::vector<InputProblem>& problems_;
    int count_ = 0;
};

// Location of a row: the file's geometry, or lat/lon columns in the source CRS.
struct Location {
    Wkb point;   // always a point when set
    Wkb shape;   // the polygon when the file gave one
};

class Locator {
public:
    Locator(const std::string& source_crs, const std::string& target_crs)
        : source_crs_(source_crs), area_(gis::area_of_use(source_crs)) {
        if (source_crs != target_crs) transformer_.emplace(source_crs, target_crs);
    }

    std::optional<Location> locate(RowReader& r, bool required) {
        const auto& row = r.row();
        if (!row.geometry_problem.empty()) {
            r.row_problem(row.geometry_problem);
            return std::nullopt;
        }
        if (!row.geometry.empty()) {
            Location loc;
            if (gis::is_polygonal(row.geometry_type)) {
                loc.shape = gis::to_multi_polygon(row.geometry);
                loc.point = gis::representative_point(row.geometry);
            } else if (row.geometry_type == "POINT") {
                loc.point = row.geometry;
            } else {
                loc.point = gis::representative_point(row.geometry);
            }
            return loc;
        }
        bool has_lat = r.has("latitude"), has_lon = r.has("longitude");
        if (!has_lat && !has_lon) {
            if (required)
                r.row_problem(tr("位置がありません (緯度・経度の列か図形が必要です)",
                                 "no location (latitude/longitude columns or a geometry are required)"));
            return std::nullopt;
        }
        auto lat = r.number("latitude", Unit::none);
        auto lon = r.number("longitude", Unit::none);
        if (!has_lat) r.problem("latitude", tr("緯度がありません", "latitude is missing"));
        if (!has_lon) r.problem("longitude", tr("経度がありません", "longitude is missing"));
        if (!lat || !lon) return std::nullopt;
        // Japan lies at 20–46° N, 122–154° E: values the other way round are swapped.
        if (std::abs(*lat) > 90.0 || (*lat > 100.0 && *lon < 60.0) ||
            (area_ && !area_->contains(*lon, *lat) && area_->contains(*lat, *lon))) {
            r.problem("latitude", tr("緯度と経度が入れ替わっているようです (", "latitude and longitude look swapped (") +
                                      std::to_string(*lat) + ", " + std::to_string(*lon) + ")");
            return std::nullopt;
        }
        if (area_ && !area_->contains(*lon, *lat)) {
            r.problem("latitude", tr("座標が座標系の適用範囲外です: ", "coordinates outside the CRS's area of use: ") +
                                      std::to_string(*lat) + ", " + std::to_string(*lon) + " (" + source_crs_ + ": " +
                                      area_->name + ")");
            return std::nullopt;
        }
        double x = *lon, y = *lat;
        if (transformer_) transformer_->transform(x, y);
        return Location{gis::point_wkb(x, y), {}};
    }

private:
    std::string source_crs_;
    std::unique_ptr<gis::AreaOfUse> area_;
    std::optional<gis::Transformer> transformer_;
};

void count(EntityCounts& c, Upsert u) {
    switch (u) {
    case Upsert::added: ++c.added; break;
    case Upsert::changed: ++c.changed; break;
    case Upsert::unchanged: ++c.unchanged; break;
    }
}

// Rows rejected under --skip-invalid, with their reasons, for the user to fix.
void write_rejected(const std::string& path, const std::vector<std::string>& headers,
                    const std::vector<std::pair<gis::TableRow, std::string>>& rows) {
    OutputFile file(path);
    std::ostream& out = file.stream();
    out << "\xEF\xBB\xBF";  // UTF-8 BOM: Excel opens Japanese text correctly
    out << text::csv_field(tr("行", "row")) << ',' << text::csv_field(tr("理由", "reason"));
    for (const auto& h : headers) out << ',' << text::csv_field(h);
    out << "\r\n";
    for (const auto& [row, reason] : rows) {
        out << row.row << ',' << text::csv_field(reason);
        for (const auto& v : row.values) out << ',' << text::csv_field(v.value_or(""));
        out << "\r\n";
    }
    file.commit();
}

std::optional<std::string> infrastructure_type(const std::string& cell) {
    std::string k = text::match_key(cell);
    static const std::pair<const char*, const char*> table[] = {
        {"road", "road"}, {"道路", "road"}, {"一般道路", "road"}, {"cycle_path", "cycle_path"},
        {"自転車歩行者道", "cycle_path"}, {"歩道", "cycle_path"}, {"bridge", "bridge"}, {"橋梁", "bridge"},
        {"橋", "bridge"}, {"water_pipe", "water_pipe"}, {"上水道", "water_pipe"}, {"水道管", "water_pipe"},
        {"上水道管", "water_pipe"}, {"sewer_pipe", "sewer_pipe"}, {"下水道", "sewer_pipe"}, {"下水道管", "sewer_pipe"}};
    for (const auto& [from, to] : table)
        if (k == text::match_key(from)) return std::string(to);
    return std::nullopt;
}

bool suppressed_marker(const std::string& cell) {
    std::string k = text::match_key(cell);
    return k == "*" || k == "-" || k == "x" || k == "秘匿" || k == "…" || k == "***";
}

} // namespace

json ImportReport::to_json() const {
    json entities_json = json::object();
    for (const auto& [name, c] : entities)
        entities_json[name] = {{"added", c.added}, {"changed", c.changed}, {"unchanged", c.unchanged}};
    json j = {{"kind", kind}, {"file", path}, {"encoding", encoding}, {"source_crs", source_crs},
              {"work_crs", work_crs}, {"rows", rows}, {"rejected", rejected}, {"run_id", run_id},
              {"entities", entities_json}, {"warnings", warnings}, {"details", details}};
    if (!rejected_path.empty()) j["rejected_file"] = rejected_path;
    return j;
}

std::string ImportReport::summary() const {
    static const std::map<std::string, std::pair<const char*, const char*>> names = {
        {"facility", {"施設", "facilities"}},   {"building", {"棟", "buildings"}},
        {"service", {"機能", "services"}},      {"demand", {"需要 (人口)", "demand units"}},
        {"boundary", {"境界", "boundaries"}},   {"site", {"用地", "sites"}},
        {"infrastructure", {"インフラ資産", "infrastructure assets"}}, {"road", {"道路 (線)", "road lines"}}};
    std::string out = path + ": " + std::to_string(rows) + tr(" 行を読み込みました", " rows read");
    if (!encoding.empty()) out += " (" + encoding + ")";
    out += "\n";
    for (const auto& [entity, c] : entities) {
        auto it = names.find(entity);
        std::string label = it != names.end() ? tr(it->second.first, it->second.second) : entity;
        out += "  " + label + ": " + tr("追加 ", "added ") + std::to_string(c.added) + tr(" / 変更 ", ", changed ") +
               std::to_string(c.changed) + tr(" / 変更なし ", ", unchanged ") + std::to_string(c.unchanged) + "\n";
    }
    if (rejected > 0)
        out += "  " + std::string(tr("取り込まなかった行: ", "rows left out: ")) + std::to_string(rejected) + " → " +
               rejected_path + "\n";
    for (const auto& w : warnings) out += "  " + std::string(tr("注意: ", "note: ")) + w + "\n";
    return out;
}

ImportReport import_file(Store& store, const ImportRequest& req, const CategoryVocabulary& categories) {
    if (req.kind == Kind::roads)
        throw std::logic_error("roads are imported through network::import_roads (pipeline::import_file)");
    ImportReport report;
    report.kind = kind_name(req.kind);
    report.path = req.path;

    gis::ReadOptions options;
    options.path = req.path;
    options.layer = req.layer;
    options.encoding = req.encoding;
    if (!req.crs.empty()) options.source_crs = gis::normalise_crs(req.crs);
    options.target_crs = "EPSG:" + std::to_string(store.project_srid());
    gis::TableReader reader(options);
    report.encoding = reader.encoding();
    report.source_crs = reader.source_crs();

    const std::string& file = req.path;
    std::vector<InputProblem> problems;
    auto mapping = req.mapping_path.empty() ? std::map<std::string, std::string>{} : read_mapping(req.mapping_path);
    const auto& headers = reader.columns();
    ColumnMap map = match_columns(req.kind, headers, mapping, file, problems);

    // Required columns, checked once for the whole file.
    auto require_column = [&](const char* field, const char* label, bool also_geometry_ok = false) {
        if (!map.column(field) && !also_geometry_ok)
            problems.push_back({file, 1, "", std::string(tr("必須の列がありません: ", "required column missing: ")) + label +
                                                 " (" + field + ")"});
    };
    switch (req.kind) {
    case Kind::facilities: require_column("facility_id", "施設ID"); break;
    case Kind::buildings:
        require_column("building_id", "棟ID");
        require_column("facility_id", "施設ID");
        require_column("floor_area_m2", "延床面積");
        require_column("year_built", "建築年度");
        break;
    case Kind::services: require_column("key", "機能キー"); break;
    case Kind::sites: require_column("site_id", "用地ID"); break;
    case Kind::infrastructure:
        require_column("asset_id", "資産ID");
        require_column("asset_type", "種別");
        require_column("quantity", "数量");
        break;
    case Kind::population:
        require_column("total", "人口総数");
        break;
    case Kind::boundary: break;
    case Kind::roads: break;
    }
    // Population: columns of finer age bands (0〜4歳, 5〜9歳 …, 85歳以上)
    // beside the three broad groups; they must not overlap.
    std::vector<std::pair<std::size_t, AgeRange>> band_columns;
    if (req.kind == Kind::population) {
        for (std::size_t i = 0; i < headers.size(); ++i) {
            if (!map.field_of_column[i].empty()) continue;
            auto band = age_band_of_header(headers[i]);
            if (!band) continue;
            for (const auto& [k, other] : band_columns) {
                const int hi = band->to_age < 0 ? 1000 : band->to_age, other_hi = other.to_age < 0 ? 1000 : other.to_age;
                if (band->from_age <= other_hi && other.from_age <= hi)
                    problems.push_back({file, 1, headers[i],
                                        std::string(tr("年齢階級が重なっています: ", "age bands overlap: ")) + headers[k] + " / " + headers[i]});
            }
            band_columns.emplace_back(i, *band);
            map.field_of_column[i] = "age_band";  // not an extra attribute
        }
    }
    if (!problems.empty()) throw InputError(problems);

    Locator locator(report.source_crs, options.target_crs);

    std::vector<Facility> facilities;
    std::vector<Building> buildings;
    std::vector<Service> services;
    std::vector<Demand> demand;
    std::vector<Boundary> boundaries;
    std::vector<std::string> municipality;  // name, code, prefecture of the first boundary
    bool municipality_agrees = true;        // every boundary has the same code
    std::vector<Site> sites;
    std::vector<InfraAsset> assets;
    std::vector<std::pair<gis::TableRow, std::string>> rejected;
    std::unordered_map<std::string, long> facility_row;  // id → row of first appearance
    std::unordered_map<std::string, long> building_row;
    std::unordered_set<std::string> ids;
    long missing_category = 0, suppressed = 0, repaired = 0;

    // Building part of a row (facilities and buildings files).
    auto read_building = [&](RowReader& r, const std::string& facility_id, bool required) -> std::optional<Building> {
        bool has_area = r.has("floor_area_m2"), has_year = r.has("year_built");
        if (!required && !has_area && !has_year) return std::nullopt;
        Building b;
        b.facility_id = facility_id;
        b.building_id = r.cell("building_id").value_or(facility_id);
        b.name = r.cell("building_name").value_or(r.text_or_empty("name"));
        const double area = r.number("floor_area_m2", Unit::area_m2).value_or(std::nan(""));
        if (!has_area) r.row_problem(tr("延床面積がありません (建築年度があるのに)", "floor area is missing (year built is given)"));
        else if (!std::isnan(area) && (area <= 0 || area > kMaxFloorAreaM2))
            r.problem("floor_area_m2", in_quotes(r.text_or_empty("floor_area_m2")) +
                                           tr(" は延床面積として不正です (0 より大きく 1,000,000 ㎡ 以下)",
                                              " is not a plausible floor area (expected > 0 and ≤ 1,000,000 m²)"));
        auto year = r.plausible_year("year_built");
        if (!has_year) r.row_problem(tr("建築年度がありません (延床面積があるのに)", "year built is missing (floor area is given)"));
        if (!std::isnan(area)) b.floor_area_m2 = area;
        if (year) b.year_built = *year;
        if (auto s = r.cell("structure")) {
            if (auto k = structure_key(*s)) b.structure = *k;
            else r.problem("structure", in_quotes(*s) + tr(" は構造として不明です (RC, SRC, S, W, CB, LGS, その他)",
                                                         " is not a known structure (RC, SRC, S, W, CB, LGS, other)"));
        }
        if (auto f = r.number("floors", Unit::none)) b.floors = static_cast<int>(std::lround(*f));
        if (auto s = r.cell("seismic")) {
            if (auto k = seismic_key(*s)) b.seismic = *k;
            else r.problem("seismic", in_quotes(*s) + tr(" は耐震の区分として不明です (新耐震 / 耐震補強済 / 未補強 / 不明)",
                                                       " is not a seismic status (new_standard / retrofitted / not_retrofitted / unknown)"));
        }
        b.last_renovation_year = r.plausible_year("last_renovation_year");
        if (b.last_renovation_year && year && *b.last_renovation_year < *year) {
            r.problem("last_renovation_year", std::to_string(*b.last_renovation_year) +
                                                  tr(" 年度の改修は建築 (", ": renovation before construction (") +
                                                  std::to_string(*year) + tr(" 年度) より前です", ")"));
        }
        if (auto c = r.number("concrete_strength", Unit::none)) {
            if (*c <= 0 || *c > 200) r.problem("concrete_strength", tr("コンクリート強度が不正です (N/mm²)", "implausible concrete strength (N/mm²)"));
            else b.concrete_strength = *c;
        }
        // 健全度 given, or computed from the five part ratings A–D of a
        // 劣化状況調査 (lifecycle.md "Condition"); the ratings are kept.
        static const char* const kRatingFields[] = {"grade_roof", "grade_exterior", "grade_interior",
                                                    "grade_electrical", "grade_mechanical"};
        std::string ratings;
        std::vector<std::string> missing;
        bool any_rating = false, bad_rating = false;
        for (std::size_t i = 0; i < lifecycle::kPartCount; ++i) {
            const char* field = kRatingFields[i];
            auto v = r.cell(field);
            if (!v) {
                missing.push_back(lifecycle::parts()[i].label_ja);
                continue;
            }
            any_rating = true;
            if (auto g = lifecycle::part_rating(*v)) ratings += *g;
            else {
                r.problem(field, in_quotes(*v) + tr(" は部位の評価として不正です (A〜D)", " is not a part rating (expected A–D)"));
                bad_rating = true;
            }
        }
        if (any_rating && !missing.empty()) {
            std::string list;
            for (const auto& m : missing) list += (list.empty() ? "" : "・") + m;
            r.row_problem(tr("部位の評価が欠けています: ", "part ratings missing: ") + list +
                          tr(" (屋根・屋上, 外壁, 内部仕上, 電気設備, 機械設備 の5つとも A〜D が必要です)",
                             " (all five of roof, exterior, interior, electrical, mechanical must be A–D)"));
        } else if (any_rating && !bad_rating) {
            b.part_ratings = ratings;
        }
        if (auto c = r.number("condition", Unit::none)) {
            if (*c < 0 || *c > 100) r.problem("condition", tr("健全度は 0〜100 です", "condition (健全度) must be 0–100"));
            else b.condition = *c;
        } else if (!b.part_ratings.empty()) {
            b.condition = lifecycle::condition_from_ratings(b.part_ratings);
        }
        if (auto v = r.cell("life_extension")) {
            if (auto k = yes_no(*v)) b.life_extension = *k;
            else r.problem("life_extension", in_quotes(*v) + tr(" は 対象 / 対象外 で指定してください", " must be yes or no"));
        }
        if (auto v = r.cell("status")) {
            if (auto k = status_key(*v)) b.status = *k;
            else r.problem("status", in_quotes(*v) + tr(" は状態として不明です (供用中 / 休止 / 解体予定)",
                                                     " is not a status (in_use / closed / demolish)"));
        }
        if (r.has("demolish_year")) {
            auto y = r.year("demolish_year");
            if (y && year && *y < *year) r.problem("demolish_year", tr("解体予定が建築より前です", "demolition before construction"));
            b.demolish_year = y;
        }
        b.extra_json = r.extra_json();
        return b;
    };

    Progress progress(tr("読み込み", "reading"), static_cast<size_t>(std::max<long long>(0, reader.feature_count())));
    gis::TableRow row;
    while (reader.next(row)) {
        ++report.rows;
        progress.update(static_cast<size_t>(report.rows));
        const size_t first_problem = problems.size();
        RowReader r(row, map, headers, file, problems);
        if (row.geometry_repaired) ++repaired;

        switch (req.kind) {
        case Kind::facilities: {
            std::string id = r.required("facility_id", "施設ID");
            if (id.empty()) break;
            auto seen = facility_row.find(id);
            bool extra_building = false;
            if (seen != facility_row.end()) {
                // The same facility again: fine as a further building of it.
                if (map.column("building_id") && r.has("building_id")) extra_building = true;
                else {
                    r.problem("facility_id", in_quotes(id) + tr(" は重複しています (最初は ", " is a duplicate id (first at row ") +
                                                 std::to_string(seen->second) + tr(" 行目)", ")"));
                    break;
                }
            }
            std::optional<Facility> facility;
            if (!extra_building) {
                Facility f;
                f.facility_id = id;
                f.name = r.text_or_empty("name");
                if (auto c = r.cell("category")) {
                    if (auto k = categories.key_of(*c)) f.category = *k;
                    else r.problem("category", in_quotes(*c) + tr(" は分類として不明です。使える値: ", " is not a known category; accepted: ") +
                                                   categories.accepted);
                } else {
                    ++missing_category;
                }
                if (auto s = r.cell("services")) f.services = text::split_list(*s);
                if (auto loc = locator.locate(r, true)) {
                    f.location = loc->point;
                    f.site = loc->shape;
                }
                f.address = r.text_or_empty("address");
                f.site_area_m2 = r.number("site_area_m2", Unit::area_m2);
                if (auto v = r.cell("land_owned")) {
                    if (auto k = land_owned_value(*v)) f.land_owned = *k;
                    else r.problem("land_owned", in_quotes(*v) + tr(" は土地所有として不明です (区有地 / 借地)", " must say owned or leased"));
                }
                f.annual_users = r.number("annual_users", Unit::none);
                f.operating_cost_yen = r.number("operating_cost_yen", Unit::yen);
                f.revenue_yen = r.number("revenue_yen", Unit::yen);
                f.management = r.text_or_empty("management");
                f.district = r.text_or_empty("district");
                // Extra columns belong to the facility; building-only ones are fields.
                f.extra_json = r.extra_json();
                facility = std::move(f);
            }
            auto b = read_building(r, id, extra_building);
            if (b) {
                if (auto dup = building_row.find(b->building_id); dup != building_row.end())
                    r.problem(map.column("building_id") ? "building_id" : "facility_id",
                              in_quotes(b->building_id) + tr(" は棟IDが重複しています (最初は ", " is a duplicate building id (first at row ") +
                                  std::to_string(dup->second) + tr(" 行目)", ")"));
            }
            // A row lands whole or not at all: the facility with its building.
            if (r.problem_count() == 0) {
                if (facility) {
                    facility_row.emplace(id, row.row);
                    facilities.push_back(std::move(*facility));
                }
                if (b) {
                    building_row.emplace(b->building_id, row.row);
                    buildings.push_back(std::move(*b));
                }
            }
            break;
        }
        case Kind::buildings: {
            std::string id = r.required("building_id", "棟ID");
            std::string fid = r.required("facility_id", "施設ID");
            if (!id.empty()) {
                if (auto dup = building_row.find(id); dup != building_row.end())
                    r.problem("building_id", in_quotes(id) + tr(" は重複しています (最初は ", " is a duplicate id (first at row ") +
                                                 std::to_string(dup->second) + tr(" 行目)", ")"));
            }
            if (!fid.empty() && !store.facility_exists(fid))
                r.problem("facility_id", in_quotes(fid) + tr(" という施設はデータベースにありません (先に facilities を取り込んでください)",
                                                          " is not a facility in the database (import facilities first)"));
            auto b = read_building(r, fid, true);
            if (b && !id.empty() && r.problem_count() == 0) {
                b->building_id = id;
                building_row.emplace(id, row.row);
                buildings.push_back(std::move(*b));
            }
            break;
        }
        case Kind::services: {
            Service s;
            s.key = r.required("key", "機能キー");
            if (!s.key.empty() && !ids.insert(s.key).second) r.problem("key", in_quotes(s.key) + tr(" は重複しています", " is a duplicate key"));
            s.name = r.text_or_empty("name");
            s.catchment_m = r.number("catchment_m", Unit::length_m);
            s.coverage_target = r.number("coverage_target", Unit::none);
            if (s.coverage_target && *s.coverage_target > 1.0 && *s.coverage_target <= 100.0) *s.coverage_target /= 100.0;
            if (s.coverage_target && (*s.coverage_target < 0 || *s.coverage_target > 1))
                r.problem("coverage_target", tr("カバー率目標は 0〜1 (または 0〜100 %) です", "coverage target must be 0–1 (or 0–100 %)"));
            s.standard_floor_area_m2 = r.number("standard_floor_area_m2", Unit::area_m2);
            s.capacity = r.number("capacity", Unit::none);
            s.demand_cohort = r.cell("demand_cohort").value_or("total");
            if (auto c = r.cell("compatible")) s.compatible = text::split_list(*c);
            s.extra_json = r.extra_json();
            if (r.problem_count() == 0) services.push_back(std::move(s));
            break;
        }
        case Kind::population: {
            Demand d;
            if (auto code = r.cell("mesh_code")) {
                std::string why;
                auto cell = decode_mesh(text::to_half_width(*code), &why);
                if (!cell) {
                    // e-Stat tables carry a second header row with Japanese names
                    // and no code: skip it.
                    if (report.rows == 1 && code->find_first_of("0123456789") == std::string::npos) {
                        --report.rows;
                        continue;
                    }
                    r.problem("mesh_code", in_quotes(*code) + tr(" は地域メッシュコードではありません: ", " is not a JIS X 0410 mesh code: ") + why);
                } else {
                    d.demand_id = text::to_half_width(*code);
                    d.kind = "mesh";
                    d.geometry = gis::rectangle_wkb(cell->west, cell->south, cell->east(), cell->north());
                }
            } else if (map.column("mesh_code")) {
                if (report.rows == 1) {  // e-Stat description row
                    --report.rows;
                    continue;
                }
                r.problem("mesh_code", tr("メッシュコードがありません", "mesh code is missing"));
            } else {
                d.demand_id = r.cell("demand_id").value_or(std::to_string(row.row));
                if (auto loc = locator.locate(r, true)) {
                    d.kind = loc->shape.empty() ? "point" : "polygon";
                    d.geometry = loc->shape.empty() ? loc->point : loc->shape;
                }
            }
            auto total_cell = r.cell("total");
            if (!total_cell || suppressed_marker(*total_cell)) {
                ++suppressed;  // 秘匿: kept as unknown, counted as 0 people
            } else {
                d.total = r.number("total", Unit::none);
                if (d.total && *d.total < 0) r.problem("total", tr("人口が負です", "negative population"));
            }
            for (const char* c : {"age_0_14", "age_15_64", "age_65_over"}) {
                auto v = r.cell(c);
                if (!v || suppressed_marker(*v)) continue;
                auto n = r.number(c, Unit::none);
                if (std::string(c) == "age_0_14") d.age_0_14 = n;
                else if (std::string(c) == "age_15_64") d.age_15_64 = n;
                else d.age_65_over = n;
            }
            for (const auto& [column, band] : band_columns) {
                const auto& v = row.values[column];
                if (!v || text::trim(*v).empty() || suppressed_marker(text::trim(*v))) continue;  // 秘匿: counted as 0
                std::string why;
                auto n = parse_number(text::trim(*v), &why);
                if (!n || n->value < 0) {
                    r.column_problem(column, in_quotes(*v) + tr(" は人数として読めません", " is not a number of people") +
                                                 (why.empty() ? "" : ": " + why));
                    continue;
                }
                d.age_bands.push_back({band.from_age, band.to_age, n->value});
            }
            if (req.year) d.year = *req.year;
            else if (auto y = r.number("year", Unit::none)) d.year = static_cast<int>(*y);
            std::string key = d.demand_id + "@" + std::to_string(d.year);
            if (!d.demand_id.empty() && !ids.insert(key).second)
                r.problem(map.column("mesh_code") ? "mesh_code" : "demand_id", in_quotes(d.demand_id) + tr(" は重複しています", " is a duplicate"));
            d.extra_json = r.extra_json();
            if (r.problem_count() == 0) demand.push_back(std::move(d));
            break;
        }
        case Kind::boundary: {
            if (!row.geometry_problem.empty()) {
                r.row_problem(row.geometry_problem);
            } else if (!gis::is_polygonal(row.geometry_type)) {
                r.row_problem(tr("境界はポリゴンで指定してください (", "a boundary must be a polygon (got ") +
                              (row.geometry_type.empty() ? std::string("no geometry") : row.geometry_type) + ")");
            } else {
                boundaries.push_back(Boundary{r.text_or_empty("name"), r.text_or_empty("code"), row.geometry});
                // A designated city's ward is named with its city (札幌市 + 中央区); a
                // district (郡) is not part of a town's name.
                std::string city = r.text_or_empty("city");
                if (!city.empty() && city.ends_with("市")) boundaries.back().name = city + boundaries.back().name;
                if (municipality.empty()) municipality = {boundaries.back().name, boundaries.back().code, r.text_or_empty("prefecture")};
                else if (municipality[1] != boundaries.back().code) municipality_agrees = false;
            }
            break;
        }
        case Kind::sites: {
            Site s;
            s.site_id = r.required("site_id", "用地ID");
            if (!s.site_id.empty() && !ids.insert(s.site_id).second)
                r.problem("site_id", in_quotes(s.site_id) + tr(" は重複しています", " is a duplicate id"));
            s.name = r.text_or_empty("name");
            s.area_m2 = r.number("area_m2", Unit::area_m2);
            if (s.area_m2 && *s.area_m2 <= 0) r.problem("area_m2", tr("面積は正の値です", "area must be positive"));
            // 容積率 is written in percent (200 %); a bare ratio (2.0) is kept.
            if (auto v = r.cell("max_floor_area_ratio")) {
                auto n = parse_number(*v);
                if (!n) r.problem("max_floor_area_ratio", in_quotes(*v) + tr(" は容積率として読めません", " is not a floor-area ratio"));
                else s.max_floor_area_ratio = (n->unit == Unit::percent || n->value > 20.0) ? n->value / 100.0 : n->value;
            }
            s.land_value_yen = r.number("land_value_yen", Unit::yen);
            if (auto loc = locator.locate(r, true)) s.geometry = loc->shape.empty() ? loc->point : loc->shape;
            s.extra_json = r.extra_json();
            if (r.problem_count() == 0) sites.push_back(std::move(s));
            break;
        }
        case Kind::infrastructure: {
            InfraAsset a;
            a.asset_id = r.required("asset_id", "資産ID");
            if (!a.asset_id.empty() && !ids.insert(a.asset_id).second)
                r.problem("asset_id", in_quotes(a.asset_id) + tr(" は重複しています", " is a duplicate id"));
            if (auto t = r.cell("asset_type")) {
                if (auto k = infrastructure_type(*t)) a.asset_type = *k;
                else r.problem("asset_type", in_quotes(*t) + tr(" は種別として不明です (道路, 自転車歩行者道, 橋梁, 上水道管, 下水道管)",
                                                              " is not an asset type (road, cycle_path, bridge, water_pipe, sewer_pipe)"));
            } else {
                r.required("asset_type", "種別");
            }
            a.name = r.text_or_empty("name");
            Unit unit = (a.asset_type == "water_pipe" || a.asset_type == "sewer_pipe") ? Unit::length_m : Unit::area_m2;
            auto q = r.number("quantity", unit);
            if (!r.has("quantity")) r.required("quantity", "数量");
            else if (q && *q <= 0) r.problem("quantity", tr("数量は正の値です", "quantity must be positive"));
            if (q) a.quantity = *q;
            a.year_built = r.plausible_year("year_built");
            a.unit_cost_yen = r.number("unit_cost_yen", Unit::yen);
            if (auto m = r.cell("method")) {
                std::string k = text::match_key(*m);
                a.method = (k == "rehabilitation" || k == text::match_key("更生管") || k == text::match_key("更生")) ? "rehabilitation" : *m;
            }
            a.extra_json = r.extra_json();
            if (r.problem_count() == 0) assets.push_back(std::move(a));
            break;
        }
        case Kind::roads: break;
        }
        if (problems.size() > first_problem && req.skip_invalid) {
            std::string reasons;
            for (size_t i = first_problem; i < problems.size(); ++i)
                reasons += (reasons.empty() ? "" : "; ") + (problems[i].column.empty() ? "" : problems[i].column + ": ") +
                           problems[i].message;
            rejected.emplace_back(row, reasons);
            problems.resize(first_problem);
        }
    }
    progress.finish();

    if (req.kind == Kind::boundary && boundaries.empty() && problems.empty())
        problems.push_back({file, 0, "", tr("境界ポリゴンが一つもありません", "no boundary polygon in the file")});
    if (!problems.empty()) throw InputError(problems);

    // The side file and the command's outputs are published only once the
    // import is committed.
    OutputBatch outputs;
    if (!rejected.empty()) {
        report.rejected = static_cast<long>(rejected.size());
        report.rejected_path = req.rejected_path.empty()
                                   ? std::filesystem::path(req.path).stem().string() + ".rejected.csv"
                                   : req.rejected_path;
        write_rejected(report.rejected_path, headers, rejected);
    }
    if (missing_category > 0)
        report.warnings.push_back(std::to_string(missing_category) +
                                  tr(" 施設に分類がありません (更新費用の試算では対象外になります)",
                                     " facilities have no category (the lifecycle projection will leave them out)"));
    if (repaired > 0)
        report.warnings.push_back(std::to_string(repaired) + tr(" 件の不正な図形を修復しました", " invalid geometries were repaired"));
    if (suppressed > 0)
        report.warnings.push_back(std::to_string(suppressed) +
                                  tr(" 件は秘匿または空欄の人口です (0 人として扱います)", " population values are suppressed or blank (counted as 0)"));

    // Everything checked: write it all in one transaction.
    Transaction transaction(store);
    RunRecord run;
    run.command = req.command_line.empty() ? "import" : req.command_line;
    run.kind = report.kind;
    run.input_path = std::filesystem::absolute(req.path).string();
    run.input_sha256 = sha256_file(req.path);
    run.parameters_json = json({{"kind", report.kind}, {"layer", req.layer}, {"mapping", req.mapping_path},
                                {"encoding", report.encoding}, {"crs", report.source_crs},
                                {"skip_invalid", req.skip_invalid}, {"area_share", req.area_share}})
                              .dump();
    run.program_version = program_version();
    report.run_id = store.begin_run(run);

    for (const auto& f : facilities) count(report.entities["facility"], store.upsert_facility(f));
    for (const auto& b : buildings) count(report.entities["building"], store.upsert_building(b));
    for (const auto& s : services) count(report.entities["service"], store.upsert_service(s));
    for (const auto& d : demand) count(report.entities["demand"], store.upsert_demand(d));
    for (const auto& s : sites) count(report.entities["site"], store.upsert_site(s));
    for (const auto& a : assets) count(report.entities["infrastructure"], store.upsert_infrastructure(a));
    if (req.kind == Kind::boundary) {
        store.replace_boundaries(boundaries);
        report.entities["boundary"].added = static_cast<long>(boundaries.size());
        // The boundary of one municipality names it in the settings left unset.
        if (!municipality.empty() && municipality_agrees) {
            auto filled = fill_from_boundary(store, municipality[0], municipality[1], municipality[2], report.warnings);
            if (!filled.empty()) report.details["settings_filled"] = filled;
        }
    }
    if (req.kind == Kind::population || req.kind == Kind::boundary) {
        long long inside = store.weight_demand(req.area_share);
        // The layers this file wrote (a boundary re-weights every layer).
        std::set<int> years;
        for (const auto& d : demand) years.insert(d.year);
        double people = 0;
        long long units = 0;
        std::map<std::string, double> by_year;
        for (const auto& d : store.demand()) {
            if (req.kind == Kind::population && !years.count(d.year)) continue;
            ++units;
            people += d.total.value_or(0.0) * d.weight;
            by_year[d.year == 0 ? "undated" : std::to_string(d.year)] += d.total.value_or(0.0) * d.weight;
        }
        report.details["population_by_year"] = by_year;
        report.details["demand_units"] = units;
        report.details["demand_units_in_area"] = inside;
        report.details["population_in_area"] = people;
        report.details["weighting"] = req.area_share ? "area_share" : "centroid";
    }
    // The work CRS for distances: the plane-rectangular zone of the data.
    if (!store.meta("work_crs_user")) {
        if (auto e = store.extent()) {
            std::string zone = gis::plane_rectangular_zone(((*e)[0] + (*e)[2]) / 2, ((*e)[1] + (*e)[3]) / 2);
            store.set_meta("work_crs", zone);
        }
    }
    report.work_crs = store.meta("work_crs").value_or("");
    store.finish_run(report.run_id, report.to_json().dump());
    if (req.before_commit) req.before_commit(report);
    transaction.commit();
    outputs.publish();
    return report;
}

} // namespace shisetsu::inventory
