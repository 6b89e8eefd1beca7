#include "export/qgis_project.hpp"
#include "export/postgis_layers.hpp"

#include "core/errors.hpp"
#include "core/files.hpp"
#include "core/lang.hpp"
#include "core/output_file.hpp"
#include "core/paths.hpp"
#include "core/text.hpp"
#include "gisio/crs.hpp"

#include <nlohmann/json.hpp>
#include <ogr_spatialref.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace shisetsu::exporter {

namespace fs = std::filesystem;

namespace {

using text::replace_all;
using text::xml_escape;

// <spatialrefsys> as QGIS writes it; QGIS reads the WKT and the authority id.
std::string spatialrefsys(const std::string& crs) {
    OGRSpatialReference srs;
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (srs.SetFromUserInput(crs.c_str()) != OGRERR_NONE) throw GisError("unknown CRS " + crs);
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2018", nullptr};
    srs.exportToWkt(&wkt, options);
    char* proj4 = nullptr;
    srs.exportToProj4(&proj4);
    std::ostringstream out;
    out << "<spatialrefsys nativeFormat=\"Wkt\"><wkt>" << xml_escape(wkt ? wkt : "") << "</wkt><proj4>"
        << xml_escape(proj4 ? proj4 : "") << "</proj4><authid>" << xml_escape(crs) << "</authid><description>"
        << xml_escape(srs.GetName() ? srs.GetName() : crs) << "</description><geographicflag>"
        << (srs.IsGeographic() ? "true" : "false") << "</geographicflag></spatialrefsys>";
    CPLFree(wkt);
    CPLFree(proj4);
    return out.str();
}

// The body of a QML document: what a <maplayer> holds besides its source.
std::string qml_body(const std::string& qml) {
    auto root = qml.find("<qgis");
    if (root == std::string::npos) throw InputError("not a QML style");
    auto open_end = qml.find('>', root);
    auto close = qml.rfind("</qgis>");
    if (open_end == std::string::npos || close == std::string::npos || close < open_end) throw InputError("not a QML style");
    return qml.substr(open_end + 1, close - open_end - 1);
}

// Groups of the layer tree, top to bottom (drawing order too).
const std::vector<std::pair<std::pair<const char*, const char*>, std::vector<std::string>>>& groups() {
    static const std::vector<std::pair<std::pair<const char*, const char*>, std::vector<std::string>>> g = {
        {{"配置計画", "placement plan"}, {"plan"}},
        {{"施設", "facilities"}, {"facilities", "buildings"}},
        {{"区域・用地", "boundary and sites"}, {"boundary", "sites"}},
        {{"到達圏・道路", "service areas and roads"}, {"service_areas", "roads"}},
        {{"需要 (人口)", "demand (population)"}, {"demand"}},
    };
    return g;
}

} // namespace

std::string localise_style(const std::string& qml) {
    if (language() == Lang::ja) return qml;
    const std::string path = resource_path("gis/strings_en.json");
    std::ifstream in(path);
    if (!in) return qml;
    auto strings = nlohmann::json::parse(in, nullptr, false);
    if (strings.is_discarded()) return qml;
    std::string out = qml;
    for (const auto& [ja, en] : strings.items()) {
        if (ja.front() == '_') continue;
        const std::string to = xml_escape(en.get<std::string>());
        replace_all(out, "name=\"" + ja + "\"", "name=\"" + to + "\"");
        replace_all(out, "label=\"" + ja + "\"", "label=\"" + to + "\"");
    }
    return out;
}

std::string read_style(const std::string& style) {
    return localise_style(read_text_file(resource_path("gis/" + style + ".qml")));
}

void write_qgis_project(const std::string& path, const ProjectLayers& project) {
    // Relative to the project file, so the pair can be moved together.
    fs::path qgs_dir = fs::absolute(path).parent_path();
    std::string source = fs::relative(fs::absolute(project.gpkg_path), qgs_dir).generic_string();
    if (source.rfind("..", 0) != 0) source = "./" + source;

    std::map<std::string, const ProjectLayer*> by_name;
    for (const auto& l : project.layers) by_name[l.name] = &l;
    const std::string layer_srs = spatialrefsys("EPSG:6668");
    const std::string map_srs = spatialrefsys(project.work_crs);

    // The ward's extent in the map CRS, with a small margin.
    double xs[4] = {project.extent[0], project.extent[2], project.extent[0], project.extent[2]};
    double ys[4] = {project.extent[1], project.extent[1], project.extent[3], project.extent[3]};
    gis::Transformer to_map("EPSG:6668", project.work_crs);
    double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
    for (int i = 0; i < 4; ++i) {
        to_map.transform(xs[i], ys[i]);
        x0 = std::min(x0, xs[i]), y0 = std::min(y0, ys[i]), x1 = std::max(x1, xs[i]), y1 = std::max(y1, ys[i]);
    }
    const double margin = 0.03 * std::max(x1 - x0, y1 - y0);
    x0 -= margin, y0 -= margin, x1 += margin, y1 += margin;

    std::ostringstream tree, layers, order;
    for (const auto& [group, names] : groups()) {
        std::ostringstream members;
        for (const auto& name : names) {
            auto it = by_name.find(name);
            if (it == by_name.end()) continue;
            const ProjectLayer& l = *it->second;
            const std::string id = "shisetsu_" + l.name;
            const bool server = !project.postgis_db.empty();
            const std::string datasource = server ? postgis_datasource(project.postgis_db, l.name, l.geometry_type)
                                                  : source + "|layername=" + l.name;
            const char* provider = server ? "postgres" : "ogr";
            // Buildings sit on their facility's point, and hundreds of
            // overlapping service areas hide the map: both off by default,
            // a click away (filter service_areas by service_key to compare).
            // With a plan, the plan layer shows the same sites by action; the
            // age colours then stay a click away.
            const bool off = l.name == "buildings" || l.name == "service_areas" ||
                             (l.name == "facilities" && by_name.contains("plan"));
            const char* checked = off ? "Qt::Unchecked" : "Qt::Checked";
            members << "    <layer-tree-layer id=\"" << id << "\" name=\"" << xml_escape(l.title) << "\" source=\""
                    << xml_escape(datasource) << "\" providerKey=\"" << provider << "\" checked=\"" << checked
                    << "\" expanded=\"0\" legend_exp=\"\"><customproperties/></layer-tree-layer>\n";
            order << "    <item>" << id << "</item>\n";
            const std::string qml = read_style(l.style);
            layers << "  <maplayer type=\"vector\" geometry=\""
                   << (l.geometry_type.find("Polygon") != std::string::npos      ? "Polygon"
                       : l.geometry_type.find("LineString") != std::string::npos ? "Line"
                                                                                  : "Point")
                   << "\" wkbType=\"" << l.geometry_type << "\" styleCategories=\"AllStyleCategories\">\n"
                   << "    <id>" << id << "</id>\n    <datasource>" << xml_escape(datasource) << "</datasource>\n"
                   << "    <layername>" << xml_escape(l.title) << "</layername>\n    <srs>" << layer_srs
                   << "</srs>\n    <provider encoding=\"UTF-8\">" << provider << "</provider>\n"
                   << qml_body(qml) << "\n  </maplayer>\n";
        }
        if (members.str().empty()) continue;
        tree << "  <layer-tree-group name=\"" << xml_escape(tr(group.first, group.second))
             << "\" checked=\"Qt::Checked\" expanded=\"1\">\n    <customproperties/>\n" << members.str()
             << "  </layer-tree-group>\n";
    }

    std::string text = read_text_file(resource_path("gis/project_template.qgs"));
    char extent[256];
    std::snprintf(extent, sizeof extent, "<xmin>%.3f</xmin><ymin>%.3f</ymin><xmax>%.3f</xmax><ymax>%.3f</ymax>", x0,
                  y0, x1, y1);
    replace_all(text, "{{TITLE}}", xml_escape(project.title));
    replace_all(text, "{{MAP_SRS}}", map_srs);
    replace_all(text, "{{EXTENT}}", extent);
    replace_all(text, "{{LAYER_TREE}}", tree.str());
    replace_all(text, "{{LAYER_ORDER}}", order.str());
    replace_all(text, "{{PROJECT_LAYERS}}", layers.str());
    write_file_atomically(path, text);
}

} // namespace shisetsu::exporter
