#pragma once
// Maps drawn with cairo in the work CRS (metres): ward boundary, roads in
// light grey, service areas, facilities as marks; legend, scale bar and
// north arrow (outputs.md). Private to the report module.
#include "report/charts.hpp"
#include "report/wkb.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace shisetsu::gis {
class Transformer;
}

namespace shisetsu::report {

// EPSG:6668 WKB → shapes in the work CRS.
class Projector {
public:
    explicit Projector(const std::string& work_crs);
    ~Projector();
    Projector(Projector&&) noexcept;
    Projector& operator=(Projector&&) noexcept;

    Shape project(const Wkb& wkb) const;
    std::optional<std::pair<double, double>> point(const Wkb& wkb) const;

private:
    std::unique_ptr<gis::Transformer> transformer_;
};

struct MapArea {
    Shape shape;
    Rgb colour;
    double alpha = 0.3;
};

struct MapMark {
    double x = 0, y = 0;
    double size_pt = 4;
    LegendEntry style;   // colour and mark
};

struct MapSpec {
    std::vector<Shape> boundary;
    std::vector<Shape> roads;
    std::vector<MapArea> areas;
    std::vector<MapMark> marks;
    std::string legend_title;
    std::vector<LegendEntry> legend;
    std::string north;        // "北" / "N"
    std::string note;         // small print under the legend (CRS, source)
};

void draw_map(cairo_t* cr, double width, double height, const MapSpec& map);
// The figure height at which the map fills its frame at this width (the
// boundary's aspect ratio), between min_pt and max_pt.
double map_height(const MapSpec& map, double width, double min_pt = 220, double max_pt = 400);

} // namespace shisetsu::report
