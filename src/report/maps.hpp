#pragma once
// Maps drawn with cairo in the work CRS (metres): ward boundary, roads in
// light grey, service areas, facilities as marks; legend, scale bar and
// north arrow (outputs.md). Private to the report module.
#include "gisio/geometry.hpp"
#include "report/charts.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace shisetsu::gis {
class Transformer;
}

namespace shisetsu::report {

using Shape = gis::Paths;  // drawn as cairo paths

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

// A short label (a number keyed to a table) beside a mark.
struct MapLabel {
    double x = 0, y = 0;      // the mark, in the work CRS
    double mark_pt = 5;       // the mark's size, to keep the label clear of it
    std::string text;
};

struct MapSpec {
    std::string title;        // above the map when it is a panel of a grid
    // Shared by every map of a document (a ward's roads are many shapes).
    std::shared_ptr<const std::vector<Shape>> boundary, roads;
    std::vector<MapArea> areas;
    std::vector<MapMark> marks;
    // Placed where they overlap no other label, labelled mark, scale bar or
    // north arrow; a label with no free place is left out.
    std::vector<MapLabel> labels;
    std::string legend_title;
    std::vector<LegendEntry> legend;
    std::string north;        // "北" / "N"
    std::string note;         // small print under the legend (CRS, source)
};

void draw_map(cairo_t* cr, double width, double height, const MapSpec& map);
// The marks of `map` alone, where draw_map puts them: drawn over the same
// map drawn without marks, the two are the map with them (a map with no
// boundary takes its extent from its marks: draw it whole).
void draw_map_marks(cairo_t* cr, double width, double height, const MapSpec& map);
// The figure height at which the map fills its frame at this width (the
// boundary's aspect ratio), between min_pt and max_pt.
double map_height(const MapSpec& map, double width, double min_pt = 220, double max_pt = 400);

// Where the labels of a map of this size go (map frame coordinates, pt),
// and the boxes of its scale bar and north arrow: for tests.
struct LabelBox {
    std::string text;
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};
std::vector<LabelBox> map_label_boxes(cairo_t* cr, double map_w, double map_h, const MapSpec& map);
std::vector<LabelBox> map_furniture_boxes(cairo_t* cr, double map_w, double map_h, const MapSpec& map);

// Small multiples: maps of the same area side by side, `columns` a row,
// each with its title, scale bar and north arrow, and one legend under them
// all (the panels' own legends are not drawn).
struct MapGrid {
    std::vector<MapSpec> panels;
    int columns = 2;
    std::vector<LegendEntry> legend;
    std::string note;
};
void draw_map_grid(cairo_t* cr, double width, double height, const MapGrid& grid);
double map_grid_height(const MapGrid& grid, double width);

} // namespace shisetsu::report
