#include "network/roads.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"
#include "core/output_file.hpp"
#include "core/progress.hpp"
#include "core/checksum.hpp"
#include "core/paths.hpp"
#include "core/text.hpp"
#include "gisio/crs.hpp"
#include "gisio/gdal_env.hpp"
#include "gisio/table_reader.hpp"
#include "core/files.hpp"
#include "network/noding.hpp"
#include "storage/transaction.hpp"

#include <ogr_geometry.h>

#include <algorithm>
#include <charconv>
#include <chrono>
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

std::string fixed_text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

std::string percent_text(double share) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", share * 100);
    return buf;
}

// The road's level from its attributes: a bridge above the ground, a
// tunnel below, an explicit layer as given (OSM bridge/tunnel/layer,
// OpenMapTiles brunnel, 基盤地図情報 state/lvOrder, or 橋/トンネル in rdCtg).
// A crossing with a line off the ground is not a junction.
int level_of(const std::string& bridge, const std::string& tunnel, const std::string& layer, const std::string& brunnel,
             const std::string& state, const std::string& lv_order, const std::string& rd_ctg) {
    auto integer = [](const std::string& v) -> std::optional<int> {
        int n = 0;
        const char* end = v.data() + v.size();
        auto [at, error] = std::from_chars(v.data() + (!v.empty() && v[0] == '+'), end, n);
        if (v.empty() || error != std::errc() || at != end) return std::nullopt;
        return n;
    };
    if (auto n = integer(layer); n && *n != 0) return *n;
    if (auto n = integer(lv_order); n && *n != 0) return *n;
    auto yes = [](const std::string& v) { return !v.empty() && v != "no" && v != "0" && v != "false"; };
    auto has = [](const std::string& v, const char* word) { return v.find(word) != std::string::npos; };
    if (yes(bridge) || brunnel == "bridge" || has(state, "橋") || has(state, "高架") || has(rd_ctg, "橋") || has(rd_ctg, "高架"))
        return 1;
    if (yes(tunnel) || brunnel == "tunnel" || has(state, "トンネル") || has(rd_ctg, "トンネル")) return -1;
    return 0;
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
    using Clock = std::chrono::steady_clock;
    auto seconds_since = [](Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); };
    const auto t_start = Clock::now();
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
    // OpenMapTiles' `class` (motorway, trunk, primary … minor, service)
    // uses OSM's words and stands in too.
    const char* highway_column = column.contains("highway") ? "highway"
                                 : column.contains("rdctg")  ? "rdctg"
                                 : column.contains("class")  ? "class"
                                                             : nullptr;

    std::vector<Road> roads;
    std::vector<std::vector<Point>> lonlat;  // each road's vertices, parsed once
    std::vector<int> levels;                 // each road's level (bridge, tunnel, ground)
    std::vector<InputProblem> problems;
    long not_roads = 0, point_rows = 0;
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
            // A line reduced to a point (pre-noded layers carry a few) is a
            // degenerate piece: dropped and counted, not an error of the file.
            if (row.geometry_type.find("POINT") != std::string::npos) {
                ++point_rows;
                continue;
            }
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
        const int level = level_of(tag("bridge"), tag("tunnel"), tag("layer"), cell(row, "brunnel"), cell(row, "state"),
                                   cell(row, "lvorder"), cell(row, "rdctg"));
        for (auto& part : parts) {
            Road r = road;
            r.geometry = line_wkb(part);
            roads.push_back(std::move(r));
            lonlat.push_back(std::move(part));
            levels.push_back(level);
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

    // The layer in the work CRS: how many ends touch nothing, how many
    // crossings have no node (network.md "Real line layers"), and noding when
    // asked or when the layer needs it.
    gis::Transformer to_work("EPSG:6668", crs);
    std::vector<LayerLine> layer(roads.size());
    for (std::size_t i = 0; i < roads.size(); ++i)
        layer[i] = {projected(std::move(lonlat[i]), to_work), levels[i], roads[i].highway};
    lonlat.clear();
    const nlohmann::json noding_defaults = read_json_file(data_path("network/noding.json"));
    const double auto_share = noding_defaults.at("auto_node_dangling_share").get<double>();
    NodingOptions noding;
    noding.snap_m = noding_defaults.at("snap_m").get<double>();
    noding.bridge_gap_m = noding_defaults.at("bridge_gap_m").get<double>();
    noding.bridge_gap_angle_deg = noding_defaults.at("bridge_gap_angle_deg").get<double>();
    const double snap_m = noding.snap_m;
    const double read_s = seconds_since(t_start);
    auto t0 = Clock::now();
    NodingResult noded = node_layer(layer, noding);
    const double noding_s = seconds_since(t0);
    const LayerSurvey& survey = noded.before;
    const bool node = req.node.value_or(survey.dangling_share() > auto_share);

    // Degenerate pieces (fewer than two distinct vertices at 1 cm) are
    // dropped and counted; noded lines go back to the project CRS.
    gis::Transformer to_project(crs, "EPSG:6668");
    std::vector<Road> kept;
    std::vector<std::vector<Point>> xy_of;
    kept.reserve(roads.size());
    for (std::size_t i = 0; i < roads.size(); ++i) {
        auto& xy = noded.lines[i];
        if (xy.empty()) continue;
        Road r = std::move(roads[i]);
        r.road_id = static_cast<long long>(kept.size()) + 1;
        if (node) r.geometry = line_wkb(projected(xy, to_project));
        r.length_m = polyline_length(xy);
        kept.push_back(std::move(r));
        xy_of.push_back(node ? std::move(xy) : std::move(layer[i].points));
    }
    layer.clear();
    roads = std::move(kept);
    if (roads.empty())
        throw InputError(std::vector<InputProblem>{{req.path, 0, "",
                                                    tr("道路の線がひとつもありません", "the file holds no road lines")}});

    // What a walking graph of these roads keeps (network.md: the largest
    // component; the rest is reported).
    const Profile walk = load_profile("walk");
    std::vector<Line> lines;
    lines.reserve(roads.size());
    for (std::size_t i = 0; i < roads.size(); ++i) lines.push_back({std::move(xy_of[i]), road_use(roads[i], walk), roads[i].road_id});
    t0 = Clock::now();
    auto network = RoadNetwork::build(lines);
    const double graph_s = seconds_since(t0);
    const auto& g = network.report();
    double total_m = 0;
    for (const auto& r : roads) total_m += r.length_m;
    report.entities["road"].added = static_cast<long>(roads.size());
    report.details = {{"roads", roads.size()},
                      {"length_km", total_m / 1000},
                      {"not_roads", not_roads},
                      {"layer",
                       {{"line_ends", survey.line_ends},
                        {"dangling_ends", survey.dangling_ends},
                        {"dangling_share", survey.dangling_share()},
                        {"crossings_without_node", survey.crossings_without_node},
                        {"bridge_tunnel_crossings", survey.level_crossings},
                        {"degenerate_dropped", survey.degenerate + point_rows},
                        {"noded", node},
                        {"noding", req.node ? "asked" : "automatic"},
                        {"auto_node_dangling_share", auto_share},
                        {"snap_m", snap_m},
                        {"crossings_noded", node ? noded.crossings_noded : 0},
                        {"ends_joined", node ? noded.ends_joined : 0},
                        {"bridge_gaps_joined", node ? noded.bridge_gaps_joined : 0},
                        {"bridge_gap_m", noding.bridge_gap_m}}},
                      {"walk_graph",
                       {{"nodes", g.nodes},
                        {"edges", g.edges},
                        {"components", g.components},
                        {"nodes_dropped", g.nodes_dropped},
                        {"dropped_length_share", g.dropped_length_share()},
                        {"largest_component_length_share", 1.0 - g.dropped_length_share()},
                        {"lines_excluded", g.lines_excluded}}}};
    if (survey.dangling_share() > auto_share && !node)
        report.warnings.push_back(std::string(tr("線の端の ", "")) + percent_text(survey.dangling_share()) +
                                  tr(" % がどの線にも接していません (地図用の線データ)。--node で交差部に節点を置けます",
                                     " % of the line ends touch no other line (a layer made for maps): --node gives its crossings nodes"));
    if (node)
        report.warnings.push_back(std::string(tr("交差 ", "")) + std::to_string(noded.crossings_noded) +
                                  tr(" か所に節点を置き、線の端 ", " crossings given a node, ") +
                                  std::to_string(noded.ends_joined) + tr(" か所を ", " line ends joined to a line within ") +
                                  fixed_text(snap_m) + tr(" m 以内の線につなぎました (線の端の ", " m (") +
                                  percent_text(survey.dangling_share()) +
                                  tr(" % がどの線にも接していませんでした)", " % of the line ends touched no other line)") +
                                  (noded.bridge_gaps_joined > 0
                                       ? std::string(tr("。切れた橋 ", "; ")) + std::to_string(noded.bridge_gaps_joined) +
                                             tr(" か所を向かい合う端どうしでつなぎました", " bridges cut by the map's clipping joined across their gap")
                                       : std::string()));
    if (survey.degenerate + point_rows > 0)
        report.warnings.push_back(std::to_string(survey.degenerate + point_rows) +
                                  tr(" 本の退化した線 (点、長さ 0) を除きました", " degenerate pieces (points, zero length) were dropped"));
    if (g.nodes_dropped > 0)
        report.warnings.push_back(
            std::string(tr("最大の連結成分につながらない ", "")) + std::to_string(g.nodes_dropped) +
            tr(" 個の節点 (道路延長の ", " nodes not connected to the largest component (") +
            percent_text(g.dropped_length_share()) +
            tr(" %) は距離計算で除かれます", " % of the length) are left out of distances"));

    t0 = Clock::now();
    Transaction transaction(store);
    RunRecord run;
    run.command = "import";
    run.kind = "roads";
    run.input_path = req.path;
    run.input_sha256 = sha256_file(req.path);
    run.parameters_json =
        nlohmann::json({{"command_line", req.command_line}, {"layer", options.layer}, {"work_crs", crs}, {"noded", node},
                        {"snap_m", snap_m}})
            .dump();
    run.program_version = program_version();
    report.run_id = store.begin_run(run);
    store.replace_roads(roads);
    if (!store.meta("work_crs_user")) store.set_meta("work_crs", crs);
    store.finish_run(report.run_id, report.to_json().dump());
    OutputBatch outputs;  // the command's outputs, published once the import is committed
    if (req.before_commit) req.before_commit(report);
    transaction.commit();
    report.details["timing_s"] = {{"read", read_s}, {"survey_and_noding", noding_s}, {"walk_graph", graph_s},
                                  {"store", seconds_since(t0)}, {"total", seconds_since(t_start)}};
    outputs.publish();
    return report;
}

} // namespace shisetsu::network
