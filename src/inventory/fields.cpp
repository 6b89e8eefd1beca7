#include "inventory/fields.hpp"

#include "core/lang.hpp"
#include "core/text.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <regex>

namespace shisetsu::inventory {

namespace {

// Building fields; also accepted in a facilities file, where a row with floor
// area and year built creates its building (inventory.md "Entities").
const std::vector<FieldDef> kBuildingFields = {
    {"building_id", "棟ID", {"棟ID", "棟番号", "棟コード", "建物ID", "建物番号", "建物コード"}},
    {"building_name", "棟名", {"棟名", "棟名称", "建物名", "建物名称"}},
    {"floor_area_m2", "延床面積", {"floor_area", "延床面積", "延べ床面積", "延面積", "延べ面積", "床面積", "総延床面積"}},
    {"year_built", "建築年度", {"建築年度", "建築年", "竣工年", "竣工年度", "建設年度", "建設年", "建築年月日", "竣工年月日", "建築年月", "竣工年月"}},
    {"structure", "構造", {"構造", "構造種別", "建物構造", "主体構造"}},
    {"floors", "階数", {"階数", "地上階数"}},
    {"seismic", "耐震", {"耐震", "耐震性", "耐震化", "耐震状況", "耐震基準", "耐震診断"}},
    {"last_renovation_year", "最終改修年度", {"最終改修年度", "最終改修年", "大規模改修年度", "改修年度", "直近改修年度"}},
    {"concrete_strength", "コンクリート強度", {"コンクリート強度", "圧縮強度", "コンクリート圧縮強度"}},
    {"condition", "健全度", {"健全度", "健全度点数"}},
    {"grade_roof", "屋根・屋上", {"屋根・屋上", "屋根屋上", "屋根"}},
    {"grade_exterior", "外壁", {"外壁"}},
    {"grade_interior", "内部仕上", {"内部仕上", "内部仕上げ", "内装"}},
    {"grade_electrical", "電気設備", {"電気設備"}},
    {"grade_mechanical", "機械設備", {"機械設備"}},
    {"life_extension", "長寿命化", {"長寿命化", "長寿命化対象", "長寿命化改修対象"}},
    {"status", "状態", {"状態", "供用状況", "利用状況", "供用状態", "施設状態"}},
    {"demolish_year", "解体予定年度", {"解体予定年度", "除却予定年度", "解体年度", "除却年度"}},
};

const std::vector<FieldDef> kFacilityFields = {
    {"facility_id", "施設ID", {"施設ID", "施設番号", "施設コード", "施設No"}},
    {"name", "施設名", {"施設名", "名称", "施設名称"}},
    {"category", "大分類", {"用途", "施設分類", "大分類", "施設大分類", "施設類型", "分類"}},
    {"subcategory", "中分類", {"中分類", "施設中分類", "小分類"}},
    {"services", "機能", {"機能", "サービス", "提供機能"}},
    {"latitude", "緯度", {"lat", "緯度"}},
    {"longitude", "経度", {"lon", "lng", "long", "経度"}},
    {"address", "所在地", {"所在地", "住所", "所在"}},
    {"site_area_m2", "敷地面積", {"site_area", "敷地面積", "土地面積"}},
    {"land_owned", "土地所有", {"土地所有", "土地所有区分", "土地区分", "所有区分"}},
    {"annual_users", "年間利用者数", {"年間利用者数", "利用者数", "年間利用者"}},
    {"operating_cost_yen", "維持管理費", {"operating_cost", "維持管理費", "管理運営費", "運営費", "維持管理経費"}},
    {"revenue_yen", "使用料収入", {"revenue", "使用料収入", "使用料", "収入", "利用料収入"}},
    {"management", "運営形態", {"運営形態", "管理形態", "運営方式", "管理運営形態"}},
    {"district", "地区", {"地区", "地域", "地区名"}},
};

std::vector<FieldDef> facility_file_fields() {
    std::vector<FieldDef> out = kFacilityFields;
    out.insert(out.end(), kBuildingFields.begin(), kBuildingFields.end());
    return out;
}

std::vector<FieldDef> building_file_fields() {
    std::vector<FieldDef> out = {kFacilityFields[0]};
    out.insert(out.end(), kBuildingFields.begin(), kBuildingFields.end());
    out[1].aliases.push_back("id");  // in a buildings file a bare id is the building's
    return out;
}

const std::vector<FieldDef> kServiceFields = {
    {"key", "機能キー", {"service_key", "service", "機能キー", "機能コード", "キー"}},
    {"name", "機能名", {"機能名", "名称", "サービス名"}},
    {"catchment_m", "誘致距離", {"catchment", "誘致距離", "誘致圏", "誘致距離m"}},
    {"coverage_target", "カバー率目標", {"coverage", "カバー率目標", "カバー率", "目標カバー率"}},
    {"standard_floor_area_m2", "標準床面積", {"standard_floor_area", "標準床面積", "標準面積"}},
    {"capacity", "定員", {"定員", "容量", "収容人数"}},
    {"demand_cohort", "対象人口", {"cohort", "対象人口", "対象年齢", "対象"}},
    {"compatible", "併設可能機能", {"compatible_services", "併設可能機能", "複合化可能機能", "併設可能"}},
};

const std::vector<FieldDef> kPopulationFields = {
    {"mesh_code", "メッシュコード", {"KEY_CODE", "mesh", "meshcode", "メッシュコード", "地域メッシュコード", "メッシュ"}},
    {"demand_id", "ID", {"id", "地区ID", "町丁目コード"}},
    {"total", "人口総数", {"population", "pop", "人口総数", "総人口", "人口", "人口（総数）", "人口総数（人）"}},
    {"age_0_14", "0～14歳人口", {"0～14歳人口", "0〜14歳人口", "0-14歳人口", "年少人口", "0～14歳", "0-14"}},
    {"age_15_64", "15～64歳人口", {"15～64歳人口", "15〜64歳人口", "15-64歳人口", "生産年齢人口", "15～64歳", "15-64"}},
    {"age_65_over", "65歳以上人口", {"65歳以上人口", "老年人口", "高齢者人口", "65歳以上", "65+"}},
    {"year", "年", {"年", "年度", "推計年", "対象年"}},
    // Point demand (町丁目 representative points and the like).
    {"latitude", "緯度", {"lat", "緯度"}},
    {"longitude", "経度", {"lon", "lng", "経度"}},
};

const std::vector<FieldDef> kBoundaryFields = {
    {"name", "名称", {"N03_004", "名称", "市区町村名"}},
    {"code", "コード", {"N03_007", "団体コード", "行政区域コード", "市区町村コード"}},
    // The rest of N03's attributes: they name the municipality in the
    // project's settings (storage/settings.hpp).
    {"prefecture", "都道府県名", {"N03_001", "都道府県名", "都道府県"}},
    {"city", "郡・政令市名", {"N03_003", "郡・政令市名", "政令市名"}},
};

const std::vector<FieldDef> kSiteFields = {
    {"site_id", "用地ID", {"id", "用地ID", "候補地ID", "用地番号", "候補地番号"}},
    {"name", "名称", {"名称", "用地名", "候補地名"}},
    {"area_m2", "面積", {"area", "面積", "敷地面積", "土地面積"}},
    {"max_floor_area_ratio", "容積率", {"max_far", "far", "容積率", "指定容積率"}},
    {"land_value_yen", "土地評価額", {"land_value", "土地評価額", "評価額", "地価", "土地価格"}},
    {"latitude", "緯度", {"lat", "緯度"}},
    {"longitude", "経度", {"lon", "lng", "経度"}},
};

const std::vector<FieldDef> kInfrastructureFields = {
    {"asset_id", "資産ID", {"id", "資産ID", "資産番号", "施設ID"}},
    {"asset_type", "種別", {"type", "種別", "区分", "資産種別"}},
    {"name", "名称", {"名称", "路線名", "橋梁名"}},
    {"quantity", "数量", {"数量", "面積", "延長", "管路延長", "道路面積"}},
    {"year_built", "建設年度", {"建設年度", "布設年度", "架設年度", "整備年度", "建設年"}},
    {"unit_cost_yen", "単価", {"unit_cost", "単価", "更新単価"}},
    {"method", "工法", {"工法", "更新工法"}},
};

// Header → (key) with its bracketed suffix split off: 延床面積（㎡） → 延床面積, ㎡.
std::pair<std::string, std::string> split_header_unit(const std::string& header) {
    std::string h = text::trim(text::to_half_width(header));
    for (const char* open : {"(", "（", "[", "［", "【"}) {
        auto pos = h.find(open);
        if (pos != std::string::npos && pos > 0) {
            std::string inner = h.substr(pos + std::string(open).size());
            for (const char* close : {")", "）", "]", "］", "】"}) {
                auto c = inner.find(close);
                if (c != std::string::npos) inner = inner.substr(0, c);
            }
            return {h.substr(0, pos), text::trim(inner)};
        }
    }
    return {h, ""};
}

double unit_multiplier(const std::string& unit) {
    if (unit == "千円") return 1e3;
    if (unit == "万円") return 1e4;
    if (unit == "百万円") return 1e6;
    if (unit == "億円") return 1e8;
    return 1.0;
}

} // namespace

Kind parse_kind(const std::string& text) {
    static const std::pair<const char*, Kind> kinds[] = {
        {"facilities", Kind::facilities}, {"buildings", Kind::buildings},   {"services", Kind::services},
        {"population", Kind::population}, {"boundary", Kind::boundary},     {"sites", Kind::sites},
        {"infrastructure", Kind::infrastructure}, {"roads", Kind::roads}};
    for (const auto& [name, kind] : kinds)
        if (text == name) return kind;
    throw UsageError(std::string(tr("KIND は次のいずれかです: ", "KIND must be one of: ")) +
                     "facilities, buildings, services, population, roads, boundary, sites, infrastructure (" + text + ")");
}

const char* kind_name(Kind kind) noexcept {
    switch (kind) {
    case Kind::facilities: return "facilities";
    case Kind::buildings: return "buildings";
    case Kind::services: return "services";
    case Kind::population: return "population";
    case Kind::boundary: return "boundary";
    case Kind::sites: return "sites";
    case Kind::infrastructure: return "infrastructure";
    case Kind::roads: return "roads";
    }
    return "?";
}

const std::vector<FieldDef>& fields_for(Kind kind) {
    static const std::vector<FieldDef> facilities = facility_file_fields();
    static const std::vector<FieldDef> buildings = building_file_fields();
    switch (kind) {
    case Kind::facilities: return facilities;
    case Kind::buildings: return buildings;
    case Kind::services: return kServiceFields;
    case Kind::population: return kPopulationFields;
    case Kind::boundary: return kBoundaryFields;
    case Kind::sites: return kSiteFields;
    case Kind::infrastructure: return kInfrastructureFields;
    case Kind::roads: break;  // read by the network module (network.md)
    }
    return kBoundaryFields;
}

ColumnMap match_columns(Kind kind, const std::vector<std::string>& headers,
                        const std::map<std::string, std::string>& mapping, const std::string& file,
                        std::vector<InputProblem>& problems) {
    const auto& fields = fields_for(kind);
    std::map<std::string, std::string> field_of_key;  // match key → field
    for (const auto& f : fields) {
        field_of_key.emplace(text::match_key(f.name), f.name);
        // "floor_area_m2" also matches "floor area" (units dropped)
        std::string bare = f.name;
        for (const char* suffix : {"_m2", "_yen", "_m"})
            if (bare.size() > std::string(suffix).size() && bare.ends_with(suffix))
                bare = bare.substr(0, bare.size() - std::string(suffix).size());
        field_of_key.emplace(text::match_key(bare), f.name);
        for (const char* a : f.aliases) field_of_key.emplace(text::match_key(a), f.name);
    }

    ColumnMap map;
    map.field_of_column.assign(headers.size(), "");
    map.multiplier.assign(headers.size(), 1.0);
    std::map<std::string, std::string> header_of_field;

    for (const auto& [source, field] : mapping) {
        bool known = false;
        for (const auto& f : fields) known = known || field == f.name;
        if (!known) {
            std::string names;
            for (const auto& f : fields) names += (names.empty() ? "" : ", ") + std::string(f.name);
            problems.push_back({file, 0, source,
                                std::string(tr("対応表の項目名が不明です: ", "unknown field in the mapping: ")) + field +
                                    " (" + tr("使える項目: ", "fields: ") + names + ")"});
        }
        bool present = false;
        for (const auto& h : headers) present = present || h == source;
        if (!present)
            problems.push_back({file, 0, source, tr("対応表の列がファイルにありません", "mapped column is not in the file")});
    }

    for (size_t i = 0; i < headers.size(); ++i) {
        std::string field;
        auto mapped = mapping.find(headers[i]);
        auto [base, unit] = split_header_unit(headers[i]);
        if (mapped != mapping.end()) {
            field = mapped->second;
        } else {
            auto it = field_of_key.find(text::match_key(headers[i]));
            if (it == field_of_key.end()) it = field_of_key.find(text::match_key(base));
            if (it != field_of_key.end()) field = it->second;
        }
        if (field.empty()) continue;
        if (auto prev = header_of_field.find(field); prev != header_of_field.end()) {
            // A second column for the same field: an explicit mapping wins,
            // otherwise the file is ambiguous.
            if (mapped == mapping.end()) {
                problems.push_back({file, 1, headers[i],
                                    std::string(tr("同じ項目の列が二つあります: ", "two columns for the same field: ")) +
                                        prev->second + " / " + headers[i] + " → " + field + " (" +
                                        tr("--mapping で指定してください", "choose one with --mapping") + ")"});
                continue;
            }
            map.field_of_column[static_cast<size_t>(map.column_of_field[field])] = "";
        }
        header_of_field[field] = headers[i];
        map.column_of_field[field] = static_cast<int>(i);
        map.field_of_column[i] = field;
        map.multiplier[i] = unit_multiplier(unit);
    }
    return map;
}

std::map<std::string, std::string> read_mapping(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw InputError(path + ": " + tr("対応表ファイルを開けません", "cannot open the mapping file"));
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw InputError(path + ": " + tr("JSON として読めません: ", "not valid JSON: ") + e.what());
    }
    if (!j.is_object())
        throw InputError(path + ": " + tr("{\"元の列名\": \"項目名\"} の形の JSON が必要です",
                                          "expected a JSON object {\"source header\": \"field\"}"));
    std::map<std::string, std::string> out;
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (!it.value().is_string())
            throw InputError(path + ": " + it.key() + ": " + tr("項目名は文字列で指定してください", "the field must be a string"));
        out[it.key()] = it.value().get<std::string>();
    }
    return out;
}

namespace {
std::string vocab_key(const std::string& cell) { return text::match_key(text::trim(cell)); }
} // namespace

std::optional<std::string> structure_key(const std::string& cell) {
    std::string k = vocab_key(cell);
    if (k.ends_with("造")) k = k.substr(0, k.size() - std::string("造").size());
    static const std::pair<const char*, const char*> table[] = {
        {"rc", "RC"}, {"鉄筋コンクリート", "RC"}, {"src", "SRC"}, {"鉄骨鉄筋コンクリート", "SRC"},
        {"s", "S"}, {"鉄骨", "S"}, {"重量鉄骨", "S"}, {"w", "W"}, {"木", "W"}, {"木質", "W"},
        {"cb", "CB"}, {"コンクリートブロック", "CB"}, {"補強コンクリートブロック", "CB"}, {"ブロック", "CB"},
        {"lgs", "LGS"}, {"軽量鉄骨", "LGS"}, {"other", "other"}, {"その他", "other"}, {"pc", "other"},
        {"プレキャストコンクリート", "other"}};
    for (const auto& [from, to] : table)
        if (k == text::match_key(from)) return std::string(to);
    return std::nullopt;
}

std::optional<std::string> seismic_key(const std::string& cell) {
    std::string k = vocab_key(cell);
    static const std::pair<const char*, const char*> table[] = {
        {"new_standard", "new_standard"}, {"新耐震", "new_standard"}, {"新耐震基準", "new_standard"}, {"新基準", "new_standard"},
        {"retrofitted", "retrofitted"}, {"耐震補強済", "retrofitted"}, {"耐震改修済", "retrofitted"},
        {"補強済", "retrofitted"}, {"改修済", "retrofitted"}, {"耐震化済", "retrofitted"}, {"済", "retrofitted"},
        {"not_retrofitted", "not_retrofitted"}, {"未補強", "not_retrofitted"}, {"未改修", "not_retrofitted"},
        {"未耐震", "not_retrofitted"}, {"耐震性なし", "not_retrofitted"}, {"未", "not_retrofitted"},
        {"unknown", "unknown"}, {"不明", "unknown"}, {"未診断", "unknown"}};
    for (const auto& [from, to] : table)
        if (k == text::match_key(from)) return std::string(to);
    return std::nullopt;
}

std::optional<std::string> status_key(const std::string& cell) {
    std::string k = vocab_key(cell);
    static const std::pair<const char*, const char*> table[] = {
        {"in_use", "in_use"}, {"供用中", "in_use"}, {"使用中", "in_use"}, {"稼働中", "in_use"}, {"運営中", "in_use"},
        {"closed", "closed"}, {"休止", "closed"}, {"廃止", "closed"}, {"閉鎖", "closed"}, {"休止中", "closed"},
        {"demolish", "demolish"}, {"解体予定", "demolish"}, {"除却予定", "demolish"}, {"解体", "demolish"}};
    for (const auto& [from, to] : table)
        if (k == text::match_key(from)) return std::string(to);
    return std::nullopt;
}

std::optional<bool> yes_no(const std::string& cell) {
    std::string k = vocab_key(cell);
    for (const char* t : {"true", "yes", "y", "1", "○", "〇", "◯", "有", "あり", "対象", "はい"})
        if (k == text::match_key(t)) return true;
    for (const char* f : {"false", "no", "n", "0", "×", "無", "なし", "対象外", "いいえ", "-"})
        if (k == text::match_key(f)) return false;
    return std::nullopt;
}

std::optional<bool> land_owned_value(const std::string& cell) {
    std::string k = vocab_key(cell);
    for (const char* t : {"区有地", "市有地", "町有地", "村有地", "都有地", "県有地", "府有地", "道有地", "公有地", "所有", "自己所有", "自治体所有"})
        if (k == text::match_key(t)) return true;
    for (const char* f : {"借地", "賃借", "民有地", "借用", "国有地", "貸借"})
        if (k == text::match_key(f)) return false;
    return yes_no(cell);
}

std::optional<AgeRange> age_band_of_header(const std::string& header) {
    std::string h = text::to_half_width(header);
    // A column of one sex is not a band of the total.
    if ((h.find("男") != std::string::npos || h.find("女") != std::string::npos) && h.find("総数") == std::string::npos)
        return std::nullopt;
    for (const char* dash : {"〜", "―", "−", "ー", "~"}) text::replace_all(h, dash, "-");
    std::string key;
    for (char c : h)
        if (c != ' ') key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    text::replace_all(key, "　", "");
    static const std::regex suffix(R"((人口)?(総数)?(\(人\))?$)");
    key = std::regex_replace(key, suffix, "");
    static const std::regex range_ja(R"(^(\d{1,3})(?:歳)?-(\d{1,3})歳$)"), range_en(R"(^age_?(\d{1,3})_(\d{1,3})$)"),
        over_ja(R"(^(\d{1,3})歳以上$)"), over_en(R"(^(?:age_?)?(\d{1,3})(?:_?over|_?plus|\+)$)");
    constexpr int kOldest = 120;
    std::smatch m;
    if (std::regex_match(key, m, range_ja) || std::regex_match(key, m, range_en)) {
        AgeRange r{std::stoi(m[1]), std::stoi(m[2])};
        if (r.from_age > r.to_age || r.to_age > kOldest) return std::nullopt;
        return r;
    }
    if (std::regex_match(key, m, over_ja) || std::regex_match(key, m, over_en)) {
        AgeRange r{std::stoi(m[1]), -1};
        if (r.from_age > kOldest) return std::nullopt;
        return r;
    }
    return std::nullopt;
}

} // namespace shisetsu::inventory
