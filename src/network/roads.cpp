#include "network/roads.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"
#include "core/progress.hpp"
#include "core/checksum.hpp"
#include "core/paths.hpp"
#include "core/text.hpp"
#include "gisio/crs.hpp"
#include "gisio/gdal_env.hpp"
#include "gisio/table_reader.hpp"
#include "storage/transaction.hpp"

#include <ogr_geometry.h>

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <filesystem>
#include <map>

namespace shisetsu::network {

namespace {

bool is_osm(const std::string& path) {
    std::string name = std::filesystem::path(path).filename().string();
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    auto ends = [&](const std::string& s) { return name.size() >= s.size() && name.ends_with(s); };
    return ends(".osm") || ends(".osm.pbf") || ends(".pbf");
}

// The value of one key in GDAL's OSM `other_tags` ("k"=>"v","k2"=>"v2").
std::string other_tag(const std::string& tags, const std::string& key) {
    const std::string needle = "\"" + key + "\"=>\"";
    auto at = tags.find(needle);
    if (at == std::string::npos) return {};
    at += needle.size();
    std::string value;
    for (auto i = at; i < tags.size() && tags[i] != '"'; ++i) {
        if (tags[i] == '\\' && i + 1 < tags.size()) ++i;
        value += tags[i];
    }
    return value;
}

Wkb line_wkb(const std::vector<Point>& pts) {
    OGRLineString line;
    for (const auto& p : pts) line.addPoint(p.x, p.y);
    Wkb out(static_cast<std::size_t>(line.WkbSize()));
    line.exportToWkb(wkbNDR, out.data(), wkbVariantIso);
    return out;
}

std::vector<Point> projected(std::vector<Point> pts, const gis::Transformer& t) {
    std::vector<double> xs, ys;
    for (const auto& p : pts) {
        xs.push_back(p.x);
        ys.push_back(p.y);
    }
    t.transform(xs, ys);
    for (std::size_t i = 0; i < pts.size(); ++i) pts[i] = {xs[i], ys[i]};
    return pts;
}

std::string percent_text(double share) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", share * 100);
    return buf;
}

double polyline_length(const std::vector<Point>& pts) {
    double len = 0;
    for (std::size_t i = 1; i < pts.size(); ++i) len += std::hypot(pts[i].x - pts[i - 1].x, pts[i].y - pts[i - 1].y);
    return len;
}

} // namespace

std::vector<std::vector<Point>> line_parts(const Wkb& wkb) {
    std::vector<std::vector<Point>> parts;
    if (wkb.empty()) return parts;
    OGRGeometry* raw = nullptr;
    if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &raw, wkb.size()) != OGRERR_NONE || !raw) return parts;
    std::unique_ptr<OGRGeometry> geom(raw);
    auto add = [&](const OGRLineString* line) {
        std::vector<Point> pts;
        for (const auto& p : *line) pts.push_back({p.getX(), p.getY()});
        parts.push_back(std::move(pts));
    };
    switch (wkbFlatten(geom->getGeometryType())) {
    case wkbLineString: add(geom->toLineString()); break;
    case wkbMultiLineString:
        for (const auto* part : *geom->toMultiLineString()) add(part);
        break;
    default: break;
    }
    return parts;
}

std::string work_crs(Store& store) {
    if (auto crs = store.meta("work_crs"); crs && !crs->empty()) return *crs;
    if (auto e = store.extent()) return gis::plane_rectangular_zone(((*e)[0] + (*e)[2]) / 2, ((*e)[1] + (*e)[3]) / 2);
    throw InputError(tr("プロジェクトに位置を持つデータがありません (境界・施設・人口・道路のいずれかを取り込んでください)",
                        "the project holds nothing with a location yet (import a boundary, facilities, population or roads)"));
}

std::vector<Line> road_lines(const std::vector<Road>& roads, const Profile& profile, const std::string& crs) {
    gis::Transformer to_work("EPSG:6668", crs);
    std::vector<Line> lines;
    lines.reserve(roads.size());
    for (const auto& r : roads) {
        RoadUse use = road_use(r, profile);
        for (auto& part : line_parts(r.geometry)) lines.push_back({projected(std::move(part), to_work), use, r.road_id});
    }
    return lines;
}

inventory::ImportReport import_roads(Store& store, const inventory::ImportRequest& req) {
    inventory::ImportReport report;
    report.kind = "roads";
    report.path = req.path;
    const bool osm = is_osm(req.path);

    gis::ReadOptions options;
    options.path = req.path;
    options.layer = req.layer.empty() && osm ? "lines" : req.layer;
    options.encoding = req.encoding;
    if (!req.crs.empty()) options.source_crs = gis::normalise_crs(req.crs);
    options.target_crs = "EPSG:" + std::to_string(store.project_srid());
    gis::TableReader reader(options);
    report.encoding = reader.encoding();
    report.source_crs = reader.source_crs();

    // Columns by name, case-insensitively; 基盤地図情報's road class (rdCtg)
    // stands in for highway.
    std::map<std::string, std::size_t> column;
    for (std::size_t i = 0; i < reader.columns().size(); ++i) {
        std::string name = reader.columns()[i];
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        column.emplace(name, i);
    }
    auto cell = [&](const gis::TableRow& row, const char* name) -> std::string {
        auto it = column.find(name);
        if (it == column.end() || it->second >= row.values.size() || !row.values[it->second]) return {};
        return text::trim(*row.values[it->second]);
    };
    const char* highway_column = column.contains("highway") ? "highway" : column.contains("rdctg") ? "rdctg" : nullptr;

    std::vector<Road> roads;
    std::vector<std::vector<Point>> lonlat;  // each road's vertices, parsed once
    std::vector<InputProblem> problems;
    long not_roads = 0;
    Progress progress(tr("道路を読み込み", "reading roads"), static_cast<std::size_t>(std::max(0LL, reader.feature_count())));
    // The OSM driver assembles areas while it reads and warns about broken
    // rings; those are not roads, so the warnings are not the user's concern.
    gis::CplErrorCapture quiet_osm;
    gis::TableRow row;
    while (reader.next(row)) {
        ++report.rows;
        progress.update(static_cast<std::size_t>(report.rows));
        Road road;
        road.highway = highway_column ? cell(row, highway_column) : "";
        // An OSM `lines` layer also holds rivers, railways, power lines.
        if (osm && road.highway.empty()) {
            ++not_roads;
            continue;
        }
        if (!row.geometry_problem.empty() || row.geometry.empty()) {
            problems.push_back({req.path, row.row, "geometry",
                                row.geometry_problem.empty() ? tr("線の形状がありません", "no line geometry")
                                                             : row.geometry_problem});
            continue;
        }
        auto parts = line_parts(row.geometry);
        if (parts.empty()) {
            problems.push_back({req.path, row.row, "geometry",
                                std::string(tr("道路は線で与えてください (この行は ", "roads must be lines (this row is ")) +
                                    row.geometry_type + ")"});
            continue;
        }
        road.name = cell(row, "name");
        road.osm_id = cell(row, "osm_id");
        const std::string tags = cell(row, "other_tags");
        auto tag = [&](const char* key) {
            std::string v = cell(row, key);
            return v.empty() ? other_tag(tags, key) : v;
        };
        road.oneway = tag("oneway");
        road.access = tag("access");
        road.foot = tag("foot");
        // A roundabout is one-way in OSM without saying so.
        if (road.oneway.empty() && tag("junction") == "roundabout") road.oneway = "yes";
        for (auto& part : parts) {
            if (part.size() < 2) continue;
            Road r = road;
            r.road_id = static_cast<long long>(roads.size()) + 1;
            r.geometry = line_wkb(part);
            roads.push_back(std::move(r));
            lonlat.push_back(std::move(part));
        }
    }
    progress.finish();
    if (!problems.empty() && !req.skip_invalid) throw InputError(problems);
    report.rejected = static_cast<long>(problems.size());
    for (const auto& p : problems) report.warnings.push_back(p.to_string());
    if (roads.empty())
        throw InputError(std::vector<InputProblem>{{req.path, 0, "",
                                                    tr("道路の線がひとつもありません", "the file holds no road lines")}});

    // The work CRS: the user's, else the zone of everything located, roads
    // included (the other imports choose it the same way).
    std::string crs;
    if (store.meta("work_crs_user")) {
        crs = *store.meta("work_crs");
    } else {
        double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL;
        for (const auto& line : lonlat)
            for (const auto& p : line) {
                x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
            }
        if (auto e = store.extent()) {
            x0 = std::min(x0, (*e)[0]), y0 = std::min(y0, (*e)[1]), x1 = std::max(x1, (*e)[2]), y1 = std::max(y1, (*e)[3]);
        }
        crs = gis::plane_rectangular_zone((x0 + x1) / 2, (y0 + y1) / 2);
    }
    report.work_crs = crs;
    // Lengths in the work CRS, and what a walking graph of these roads keeps
    // (network.md: the largest component; the rest is reported).
    gis::Transformer to_work("EPSG:6668", crs);
    const Profile walk = load_profile("walk");
    std::vector<Line> lines;
    lines.reserve(roads.size());
    for (std::size_t i = 0; i < roads.size(); ++i) {
        auto xy = projected(std::move(lonlat[i]), to_work);
        roads[i].length_m = polyline_length(xy);
        lines.push_back({std::move(xy), road_use(roads[i], walk), roads[i].road_id});
    }
    lonlat.clear();
    auto network = RoadNetwork::build(lines);
    const auto& g = network.report();
    double total_m = 0;
    for (const auto& r : roads) total_m += r.length_m;
    report.entities["road"].added = static_cast<long>(roads.size());
    report.details = {{"roads", roads.size()},
                      {"length_km", total_m / 1000},
                      {"not_roads", not_roads},
                      {"walk_graph",
                       {{"nodes", g.nodes},
                        {"edges", g.edges},
                        {"components", g.components},
                        {"nodes_dropped", g.nodes_dropped},
                        {"dropped_length_share", g.dropped_length_share()},
                        {"lines_excluded", g.lines_excluded},
                        {"lines_degenerate", g.lines_degenerate}}}};
    if (g.nodes_dropped > 0)
        report.warnings.push_back(
            std::string(tr("最大の連結成分につながらない ", "")) + std::to_string(g.nodes_dropped) +
            tr(" 個の節点 (道路延長の ", " nodes not connected to the largest component (") +
            percent_text(g.dropped_length_share()) +
            tr(" %) は距離計算で除かれます", " % of the length) are left out of distances"));

    Transaction transaction(store);
    RunRecord run;
    run.command = "import";
    run.kind = "roads";
    run.input_path = req.path;
    run.input_sha256 = sha256_file(req.path);
    run.parameters_json =
        nlohmann::json({{"command_line", req.command_line}, {"layer", options.layer}, {"work_crs", crs}}).dump();
    run.program_version = program_version();
    report.run_id = store.begin_run(run);
    store.replace_roads(roads);
    if (!store.meta("work_crs_user")) store.set_meta("work_crs", crs);
    store.finish_run(report.run_id, report.to_json().dump());
    transaction.commit();
    return report;
}

} // namespace shisetsu::network
