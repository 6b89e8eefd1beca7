#include "export/export.hpp"

#include "storage/settings.hpp"

#include "core/errors.hpp"
#include "core/files.hpp"
#include "core/lang.hpp"
#include "core/output_file.hpp"
#include "core/paths.hpp"
#include "core/population.hpp"
#include "core/text.hpp"
#include "core/years.hpp"
#include "export/postgis_layers.hpp"
#include "export/qgis_project.hpp"
#include "gisio/gdal_env.hpp"
#include "gisio/geometry.hpp"
#include "lifecycle/scenario.hpp"
#include "network/access.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <deque>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <variant>

namespace shisetsu::exporter {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

using Value = std::variant<std::monostate, long long, double, std::string>;

struct Field {
    const char* name;
    OGRFieldType type;
};

// One layer being written: its OGR layer and the order of its fields.
class LayerWriter {
public:
    LayerWriter(GDALDataset& ds, const std::string& name, OGRwkbGeometryType type, OGRSpatialReference* srs,
                std::vector<Field> fields)
        : fields_(std::move(fields)) {
        char** options = CSLSetNameValue(nullptr, "SPATIAL_INDEX", "YES");
        layer_ = ds.CreateLayer(name.c_str(), type == wkbNone ? nullptr : srs, type, options);
        CSLDestroy(options);
        if (!layer_) throw GisError("cannot create layer " + name + ": " + CPLGetLastErrorMsg());
        for (const auto& f : fields_) {
            OGRFieldDefn def(f.name, f.type);
            if (layer_->CreateField(&def) != OGRERR_NONE) throw GisError(std::string("cannot create field ") + f.name);
        }
    }

    void add(const std::vector<Value>& values, const Wkb& geometry) {
        OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(layer_->GetLayerDefn()));
        for (std::size_t i = 0; i < values.size() && i < fields_.size(); ++i) {
            const int index = static_cast<int>(i);
            std::visit(
                [&](const auto& v) {
                    using T = std::decay_t<decltype(v)>;
                    if constexpr (std::is_same_v<T, std::monostate>) feature->SetFieldNull(index);
                    else if constexpr (std::is_same_v<T, long long>) feature->SetField(index, static_cast<GIntBig>(v));
                    else if constexpr (std::is_same_v<T, double>) feature->SetField(index, v);
                    else feature->SetField(index, v.c_str());
                },
                values[i]);
        }
        if (!geometry.empty()) {
            OGRGeometry* geom = nullptr;
            if (OGRGeometryFactory::createFromWkb(geometry.data(), nullptr, &geom, geometry.size()) == OGRERR_NONE &&
                geom) {
                // Layers of one geometry type: a polygon in a multipolygon layer is promoted.
                const auto want = wkbFlatten(layer_->GetGeomType());
                if (want == wkbMultiPolygon) geom = OGRGeometryFactory::forceToMultiPolygon(geom);
                else if (want == wkbMultiLineString) geom = OGRGeometryFactory::forceToMultiLineString(geom);
                feature->SetGeometryDirectly(geom);
            }
        }
        if (layer_->CreateFeature(feature.get()) != OGRERR_NONE)
            throw GisError(std::string("cannot write a feature: ") + CPLGetLastErrorMsg());
        ++count_;
    }

    long long count() const noexcept { return count_; }

private:
    OGRLayer* layer_ = nullptr;
    std::vector<Field> fields_;
    long long count_ = 0;
};

Value opt(const std::optional<double>& v) { return v ? Value(*v) : Value(); }
Value opt(const std::optional<int>& v) { return v ? Value(static_cast<long long>(*v)) : Value(); }
Value text_or_null(const std::string& s) { return s.empty() ? Value() : Value(s); }

std::string join(const std::vector<std::string>& items, const char* sep = ";") {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : sep) + s;
    return out;
}

// Age classes the facility style colours by (gis/facilities.qml).
std::string age_class(std::optional<int> age) {
    if (!age) return "unknown";
    if (*age < 30) return "0-29";
    if (*age < 40) return "30-39";
    if (*age < 50) return "40-49";
    if (*age < 60) return "50-59";
    return "60+";
}

std::string seismic_label(const std::string& s) {
    if (s == "new_standard") return tr("新耐震", "post-1981 code");
    if (s == "retrofitted") return tr("耐震補強済", "retrofitted");
    if (s == "not_retrofitted") return tr("未補強", "not retrofitted");
    return tr("不明", "unknown");
}

// The latest consolidation plan's sites, if a plan exists.
json latest_plan(Store& store) {
    auto plan = store.latest_result("consolidate");
    if (!plan) return nullptr;
    json doc = json::parse(plan->document, nullptr, false);
    if (doc.is_discarded() || !doc.contains("sites")) return nullptr;
    doc["run_id"] = plan->run_id;
    return doc;
}

// The latest lifecycle run's per-facility figures (lifecycle step:
// cost in the horizon, residual value, next work, best priority rank).
json latest_lifecycle_figures(Store& store) {
    auto run = store.latest_result("lifecycle");
    if (!run) return json::object();
    json doc = json::parse(run->document, nullptr, false);
    if (doc.is_discarded() || !doc.contains("facilities") || !doc["facilities"].is_object()) return json::object();
    return doc["facilities"];
}

std::string action_label(const std::string& action) {
    static const std::map<std::string, std::pair<const char*, const char*>> labels = {
        {"keep", {"存続", "keep"}},       {"close", {"廃止", "close"}},
        {"convert", {"転用", "convert"}}, {"new_complex", {"複合化 (新)", "new complex"}},
        {"new", {"新設", "new"}}};
    auto it = labels.find(action);
    return it == labels.end() ? action : tr(it->second.first, it->second.second);
}

// 大分類 names of the category keys (data/lifecycle/unit_costs.json).
std::map<std::string, std::string> category_names() {
    std::map<std::string, std::string> names;
    std::ifstream in(data_path("lifecycle/unit_costs.json"));
    json doc = json::parse(in, nullptr, false);
    if (doc.is_discarded() || !doc.contains("categories")) return names;
    for (const auto& c : doc.at("categories"))
        names[c.value("key", std::string())] = language() == Lang::en ? c.value("name_en", std::string())
                                                                      : c.value("name_ja", std::string());
    return names;
}

// 自治体標準オープンデータセット 公共施設一覧: the column order of the standard
// (data/export/opendata_public_facilities.json), filled where the data allow.
void write_opendata_csv(const std::string& path, Store& store, const std::vector<Facility>& facilities,
                        const std::map<std::string, double>& floor_area) {
    json def = read_json_file(data_path("export/opendata_public_facilities.json"));
    const auto columns = def.at("columns").get<std::vector<std::string>>();
    // Whose facilities these are: the project's settings (`init --municipality`,
    // `settings`, or an imported N03 boundary); empty when the project does not say.
    const ProjectSettings settings = load_settings(store);
    const std::string code = settings.code.value_or("");
    const std::string municipality = settings.full_name();
    OutputFile file(path);
    std::ostream& out = file.stream();
    out << "\xEF\xBB\xBF";  // UTF-8 BOM, as these files are published
    for (std::size_t i = 0; i < columns.size(); ++i) out << (i ? "," : "") << text::csv_field(columns[i]);
    out << "\r\n";
    char buf[64];
    const auto names = category_names();
    for (const auto& f : facilities) {
        std::map<std::string, std::string> v;
        v["全国地方公共団体コード"] = code;
        v["ID"] = f.facility_id;
        v["地方公共団体名"] = municipality;
        v["名称"] = f.name;
        auto name = names.find(f.category);
        v["種別"] = name != names.end() && !name->second.empty() ? name->second : f.category;
        v["住所"] = f.address;
        if (auto p = gis::centroid_xy(f.location)) {
            std::snprintf(buf, sizeof buf, "%.6f", p->second);
            v["緯度"] = buf;
            std::snprintf(buf, sizeof buf, "%.6f", p->first);
            v["経度"] = buf;
        }
        if (auto it = floor_area.find(f.facility_id); it != floor_area.end()) {
            std::snprintf(buf, sizeof buf, "%.2f", it->second);
            v["備考"] = std::string("延床面積 ") + buf + " m2";
        }
        for (std::size_t i = 0; i < columns.size(); ++i) out << (i ? "," : "") << text::csv_field(v[columns[i]]);
        out << "\r\n";
    }
    file.commit();
}

} // namespace

std::string ExportOutcome::summary() const {
    std::ostringstream out;
    out << gpkg_path << tr(" に書き出しました:", ": written:") << "\n";
    for (const auto& l : layers)
        out << "  " << l.title << " (" << l.name << "): " << l.features << tr(" 件", " features") << "\n";
    if (!qgs_path.empty()) out << tr("  QGIS プロジェクト: ", "  QGIS project: ") << qgs_path << "\n";
    if (!csv_path.empty()) out << tr("  公共施設一覧 (オープンデータ CSV): ", "  Open-data facility list (CSV): ") << csv_path << "\n";
    return out.str();
}

ExportOutcome run_export(Store& store, const ExportRequest& req) {
    gis::ensure_gdal();
    ExportOutcome outcome;
    outcome.gpkg_path = req.gpkg_path;
    outcome.qgs_path = req.qgs_path;
    const int year = req.reference_year ? req.reference_year : current_fiscal_year();

    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (!driver) throw GisError("GDAL has no GPKG driver");
    if (auto dir = fs::path(req.gpkg_path).parent_path(); !dir.empty()) {
        std::error_code error;
        fs::create_directories(dir, error);
        if (error)
            throw InputError(req.gpkg_path + ": " + tr("出力先のフォルダを作れません: ", "cannot create the output folder: ") +
                             error.message());
    }
    // The GeoPackage, the QGIS project and the open-data CSV are published
    // together when all are complete; each is written under a unique
    // temporary name beside its target (two exports at once never share one,
    // and no file of the user's is touched), so a failed export leaves the
    // previous files as they were.
    OutputBatch outputs;
    OutputFile gpkg(req.gpkg_path);
    GDALDatasetUniquePtr ds;
    {
        gis::CplErrorCapture errors;
        ds.reset(driver->Create(gpkg.temp_path().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!ds) throw OutputError(req.gpkg_path + ": " + tr("作成できません: ", "cannot create: ") + errors.last());
    }
    OGRSpatialReference srs;
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    srs.importFromEPSG(store.project_srid());
    ds->StartTransaction();

    struct Written {
        std::string name, title_ja, title_en, geometry;
        long long count;
        std::string style;  // gis/<style>.qml
    };
    std::vector<Written> written;
    auto finish = [&](const std::string& name, const char* ja, const char* en, const char* geometry,
                      const LayerWriter& w) {
        if (w.count() > 0)
            written.push_back({name, ja, en, geometry, w.count(),
                               name == "demand" && std::string(geometry) == "Point" ? "demand_points" : name});
    };

    // Facilities with what a planner colours and filters by.
    const auto facilities = store.facilities();
    const auto buildings = store.buildings();
    const json plan = latest_plan(store);
    std::map<std::string, const json*> plan_site;
    if (!plan.is_null())
        for (const auto& s : plan.at("sites")) plan_site[s.at("id").get<std::string>()] = &s;
    std::map<std::string, std::vector<const Building*>> by_facility;
    for (const auto& b : buildings) by_facility[b.facility_id].push_back(&b);
    std::map<std::string, double> floor_area;
    std::map<std::string, Wkb> location;
    {
        LayerWriter w(*ds, "facilities", wkbPoint, &srs,
                      {{"facility_id", OFTString}, {"name", OFTString}, {"category", OFTString},
                       {"services", OFTString}, {"district", OFTString}, {"address", OFTString},
                       {"buildings", OFTInteger}, {"floor_area_m2", OFTReal}, {"main_year_built", OFTInteger},
                       {"oldest_year_built", OFTInteger}, {"age_years", OFTInteger}, {"age_class", OFTString},
                       {"condition", OFTReal}, {"seismic", OFTString}, {"operating_cost_yen", OFTReal},
                       {"revenue_yen", OFTReal}, {"annual_users", OFTReal}, {"plan_action", OFTString},
                       {"services_after", OFTString}, {"next_work", OFTString}, {"next_work_year", OFTInteger},
                       {"next_work_cost_yen", OFTReal}, {"renewal_cost_yen", OFTReal}, {"residual_value_yen", OFTReal},
                       {"priority_rank", OFTInteger}});
        const json figures = latest_lifecycle_figures(store);
        const lifecycle::Scenario labels = lifecycle::load_defaults();
        for (const auto& f : facilities) {
            location[f.facility_id] = f.location;
            const auto& bs = by_facility[f.facility_id];
            double area = 0, condition_area = 0, condition_sum = 0;
            const Building* main = nullptr;
            std::optional<int> oldest;
            std::string seismic;
            for (const Building* b : bs) {
                area += b->floor_area_m2;
                if (!main || b->floor_area_m2 > main->floor_area_m2) main = b;
                if (!oldest || b->year_built < *oldest) oldest = b->year_built;
                if (b->condition) {
                    condition_sum += *b->condition * b->floor_area_m2;
                    condition_area += b->floor_area_m2;
                }
                if (b->seismic == "not_retrofitted" || seismic.empty()) seismic = b->seismic;
            }
            floor_area[f.facility_id] = area;
            std::optional<int> age;
            if (main) age = year - main->year_built;
            Value action, after;
            const json fig = figures.value(f.facility_id, json::object());
            if (auto it = plan_site.find(f.facility_id); it != plan_site.end()) {
                action = it->second->value("action", std::string());
                if (it->second->contains("services_after"))
                    after = join(it->second->at("services_after").get<std::vector<std::string>>());
            }
            w.add({f.facility_id, text_or_null(f.name), text_or_null(f.category), join(f.services),
                   text_or_null(f.district), text_or_null(f.address), static_cast<long long>(bs.size()),
                   area > 0 ? Value(area) : Value(), main ? Value(static_cast<long long>(main->year_built)) : Value(),
                   opt(oldest), opt(age), age_class(age),
                   condition_area > 0 ? Value(condition_sum / condition_area) : Value(),
                   bs.empty() ? Value() : Value(seismic_label(seismic)), opt(f.operating_cost_yen),
                   opt(f.revenue_yen), opt(f.annual_users), action, after,
                   // The latest lifecycle run (lifecycle.md "Output" and "Condition").
                   fig.contains("next") && fig["next"].is_object() ? Value(labels.kind_label(fig["next"]["kind"].get<std::string>())) : Value(),
                   fig.contains("next") && fig["next"].is_object() ? Value(fig["next"]["year"].get<long long>()) : Value(),
                   fig.contains("next") && fig["next"].is_object() ? Value(fig["next"]["cost_yen"].get<double>()) : Value(),
                   fig.contains("cost_yen") ? Value(fig["cost_yen"].get<double>()) : Value(),
                   fig.contains("residual_value_yen") ? Value(fig["residual_value_yen"].get<double>()) : Value(),
                   fig.contains("rank") && fig["rank"].is_number() ? Value(fig["rank"].get<long long>()) : Value()},
                  f.location);
        }
        finish("facilities", "施設", "facilities", "Point", w);
    }
    {
        LayerWriter w(*ds, "buildings", wkbPoint, &srs,
                      {{"building_id", OFTString}, {"facility_id", OFTString}, {"name", OFTString},
                       {"category", OFTString}, {"floor_area_m2", OFTReal}, {"year_built", OFTInteger},
                       {"age_years", OFTInteger}, {"age_class", OFTString}, {"structure", OFTString},
                       {"floors", OFTInteger}, {"seismic", OFTString}, {"condition", OFTReal},
                       {"last_renovation_year", OFTInteger}, {"status", OFTString}, {"part_ratings", OFTString}});
        for (const auto& b : buildings) {
            const int age = year - b.year_built;
            w.add({b.building_id, b.facility_id, text_or_null(b.name), text_or_null(b.category), b.floor_area_m2,
                   static_cast<long long>(b.year_built), static_cast<long long>(age), age_class(age),
                   text_or_null(b.structure), opt(b.floors), seismic_label(b.seismic), opt(b.condition),
                   opt(b.last_renovation_year), b.status, text_or_null(b.part_ratings)},
                  location[b.facility_id]);
        }
        finish("buildings", "棟", "buildings", "Point", w);
    }
    {
        // One population layer: the latest not after the reference year.
        auto demand = store.demand();
        if (!demand.empty()) demand = population_layer(std::move(demand), choose_population_year(demand, std::nullopt, year));
        const bool points = !demand.empty() && std::all_of(demand.begin(), demand.end(),
                                                           [](const Demand& d) { return d.kind == "point"; });
        // With a plan: per service of the plan, the distance to the nearest
        // provider and whether it is within the catchment, before and after
        // (outputs.md "GIS layers carry the figures"), over the project's OD table.
        std::vector<network::PlanNearest> nearest;
        if (!plan.is_null())
            if (auto od = store.od()) nearest = network::plan_nearest(*od, plan);
        std::vector<Field> fields{{"demand_id", OFTString}, {"kind", OFTString}, {"total", OFTReal}, {"age_0_14", OFTReal},
                                  {"age_15_64", OFTReal}, {"age_65_over", OFTReal}, {"weight", OFTReal}};
        std::deque<std::string> names;  // the fields' names live as long as the writer
        std::vector<std::map<std::string, const network::Nearest*>> by_origin;
        for (const auto& n : nearest)
            for (const auto* side : {&n.before, &n.after}) {
                const std::string when = side == &n.before ? "before" : "after";
                fields.push_back({names.emplace_back(n.service_key + "_dist_" + when + "_m").c_str(), OFTReal});
                fields.push_back({names.emplace_back(n.service_key + "_covered_" + when).c_str(), OFTInteger});
                auto& index = by_origin.emplace_back();
                for (const auto& e : *side) index[e.origin_id] = &e;
            }
        LayerWriter w(*ds, "demand", points ? wkbPoint : wkbMultiPolygon, &srs, fields);
        for (const auto& d : demand) {
            if (!points && d.kind == "point") continue;
            std::vector<Value> values{d.demand_id, d.kind, opt(d.total), opt(d.age_0_14), opt(d.age_15_64), opt(d.age_65_over), d.weight};
            for (std::size_t i = 0; i < by_origin.size(); ++i) {
                auto it = by_origin[i].find(d.demand_id);
                const bool reached = it != by_origin[i].end() && !it->second->facility_id.empty();
                values.push_back(reached ? Value(it->second->distance_m) : Value());
                values.push_back(it == by_origin[i].end() ? Value()
                                                          : Value(static_cast<long long>(reached && it->second->distance_m <= nearest[i / 2].catchment_m)));
            }
            w.add(values, d.geometry);
        }
        finish("demand", "需要 (人口)", "demand (population)", points ? "Point" : "MultiPolygon", w);
    }
    {
        LayerWriter w(*ds, "service_areas", wkbMultiPolygon, &srs,
                      {{"site_id", OFTString}, {"service_key", OFTString}, {"distance_m", OFTReal}, {"mode", OFTString}});
        for (const auto& a : store.service_areas())
            w.add({a.site_id, a.service_key, a.distance_m, a.mode}, a.geometry);
        finish("service_areas", "到達圏", "service areas", "MultiPolygon", w);
    }
    {
        LayerWriter w(*ds, "roads", wkbLineString, &srs,
                      {{"road_id", OFTInteger64}, {"highway", OFTString}, {"name", OFTString}, {"oneway", OFTString},
                       {"length_m", OFTReal}});
        for (const auto& r : store.roads())
            w.add({r.road_id, text_or_null(r.highway), text_or_null(r.name), text_or_null(r.oneway), r.length_m},
                  r.geometry);
        finish("roads", "道路", "roads", "LineString", w);
    }
    {
        LayerWriter w(*ds, "boundary", wkbMultiPolygon, &srs, {{"name", OFTString}, {"code", OFTString}});
        for (const auto& b : store.boundaries()) w.add({text_or_null(b.name), text_or_null(b.code)}, b.geometry);
        finish("boundary", "区域", "boundary", "MultiPolygon", w);
    }
    std::map<std::string, Wkb> site_geometry;
    {
        LayerWriter w(*ds, "sites", wkbMultiPolygon, &srs,
                      {{"site_id", OFTString}, {"name", OFTString}, {"area_m2", OFTReal},
                       {"max_floor_area_ratio", OFTReal}, {"land_value_yen", OFTReal}});
        for (const auto& s : store.sites()) {
            site_geometry[s.site_id] = s.geometry;
            if (s.geometry.empty() || !gis::centroid_xy(s.geometry)) continue;
            OGRGeometry* raw = nullptr;
            OGRGeometryFactory::createFromWkb(s.geometry.data(), nullptr, &raw, s.geometry.size());
            std::unique_ptr<OGRGeometry> g(raw);
            const auto type = g ? wkbFlatten(g->getGeometryType()) : wkbUnknown;
            if (type != wkbPolygon && type != wkbMultiPolygon)
                continue;  // candidate sites given as points appear in the plan layer only
            w.add({s.site_id, text_or_null(s.name), opt(s.area_m2), opt(s.max_floor_area_ratio), opt(s.land_value_yen)},
                  s.geometry);
        }
        finish("sites", "用地", "sites", "MultiPolygon", w);
    }
    if (!plan.is_null()) {
        LayerWriter w(*ds, "plan", wkbPoint, &srs,
                      {{"site_id", OFTString}, {"name", OFTString}, {"action", OFTString}, {"action_label", OFTString},
                       {"services_before", OFTString}, {"services_after", OFTString},
                       {"floor_area_before_m2", OFTReal}, {"floor_area_after_m2", OFTReal},
                       {"cost_before_yen", OFTReal}, {"cost_after_yen", OFTReal}, {"plan_run_id", OFTInteger64}});
        auto strings = [](const json& s, const char* key) {
            return s.contains(key) && s.at(key).is_array() ? join(s.at(key).get<std::vector<std::string>>()) : "";
        };
        auto number = [](const json& s, const char* key) {
            return s.contains(key) && s.at(key).is_number() ? Value(s.at(key).get<double>()) : Value();
        };
        for (const auto& s : plan.at("sites")) {
            const std::string id = s.at("id").get<std::string>();
            Wkb where;
            if (auto it = location.find(id); it != location.end()) where = it->second;
            else if (auto st = site_geometry.find(id); st != site_geometry.end())
                if (auto p = gis::centroid_xy(st->second)) where = gis::point_wkb(p->first, p->second);
            const std::string action = s.value("action", std::string());
            w.add({id, s.value("name", std::string()), action, action_label(action), strings(s, "services_before"),
                   strings(s, "services_after"), number(s, "floor_area_before_m2"), number(s, "floor_area_after_m2"),
                   number(s, "cost_before_yen"), number(s, "cost_after_yen"), plan.at("run_id").get<long long>()},
                  where);
        }
        finish("plan", "配置計画", "placement plan", "Point", w);
    }

    // Layers with nothing in them (no roads imported, no sites) are left out.
    for (int i = ds->GetLayerCount() - 1; i >= 0; --i)
        if (ds->GetLayer(i)->GetFeatureCount() == 0) ds->DeleteLayer(i);

    // Styles: QGIS applies the default row of layer_styles when the
    // GeoPackage alone is opened.
    {
        LayerWriter styles(*ds, "layer_styles", wkbNone, nullptr,
                           {{"f_table_catalog", OFTString}, {"f_table_schema", OFTString}, {"f_table_name", OFTString},
                            {"f_geometry_column", OFTString}, {"styleName", OFTString}, {"styleQML", OFTString},
                            {"styleSLD", OFTString}, {"useAsDefault", OFTInteger}, {"description", OFTString},
                            {"owner", OFTString}, {"ui", OFTString}, {"update_time", OFTDateTime}});
        for (const auto& l : written) {
            const std::string qml = read_style(l.style);
            styles.add({"", "", l.name, "geom", l.name, qml, "", 1LL, std::string("shisetsu ") + program_version(), "",
                        Value(), Value()},
                       {});
        }
    }
    {
        // SQLite writes the pages at commit and when GDAL closes the file
        // (spatial index, statistics): a failure in either is a failed export.
        gis::CplErrorCapture errors;
        if (ds->CommitTransaction() != OGRERR_NONE)
            throw OutputError(req.gpkg_path + ": " + tr("書き込めません: ", "cannot be written: ") + errors.last());
        ds.reset();
        if (!errors.errors().empty())
            throw OutputError(req.gpkg_path + ": " + tr("書き込めません: ", "cannot be written: ") + errors.last());
    }
    gpkg.commit();

    for (const auto& l : written)
        outcome.layers.push_back({l.name, tr(l.title_ja.c_str(), l.title_en.c_str()), l.geometry, l.count});

    if (!req.postgis_db.empty()) {
        std::vector<std::string> names;
        for (const auto& l : outcome.layers) names.push_back(l.name);
        publish_layers(gpkg.temp_path(), names, req.postgis_db);  // complete, published with the batch below
    }
    if (!req.qgs_path.empty()) {
        ProjectLayers project;
        project.gpkg_path = req.gpkg_path;
        project.postgis_db = req.postgis_db;
        project.work_crs = store.meta("work_crs").value_or("EPSG:6668");
        project.title = tr("shisetsu 公共施設", "shisetsu public facilities");
        for (std::size_t i = 0; i < outcome.layers.size(); ++i) {
            const auto& l = outcome.layers[i];
            project.layers.push_back({l.name, l.title, l.geometry_type, written[i].style});
        }
        if (auto e = store.extent()) project.extent = *e;
        write_qgis_project(req.qgs_path, project);
    }
    if (req.csv_path != "-") {
        outcome.csv_path = req.csv_path.empty()
                               ? (fs::path(req.gpkg_path).parent_path() /
                                  (fs::path(req.gpkg_path).stem().string() + "_公共施設一覧.csv"))
                                     .string()
                               : req.csv_path;
        write_opendata_csv(outcome.csv_path, store, facilities, floor_area);
    }
    outputs.publish();
    return outcome;
}

} // namespace shisetsu::exporter
