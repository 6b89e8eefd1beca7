#pragma once
// Coordinate reference systems through PROJ (inventory.md "Coordinates").
#include <memory>
#include <string>
#include <vector>

struct pj_ctx;
struct PJconsts;

namespace shisetsu::gis {

// A PROJ transformation in traditional GIS order (x = lon / easting,
// y = lat / northing), one per thread (a context of its own).
class Transformer {
public:
    Transformer(const std::string& source_crs, const std::string& target_crs);
    ~Transformer();
    Transformer(const Transformer&) = delete;
    Transformer& operator=(const Transformer&) = delete;
    Transformer(Transformer&& other) noexcept;
    Transformer& operator=(Transformer&& other) noexcept;

    // In place; throws GisError if a point cannot be transformed.
    void transform(double& x, double& y) const;
    // Arrays through proj_trans_generic; non-transformable points become HUGE_VAL.
    void transform(std::vector<double>& xs, std::vector<double>& ys) const;

private:
    pj_ctx* ctx_ = nullptr;
    PJconsts* pj_ = nullptr;
};

// Area of use of a CRS (west, south, east, north in degrees), if PROJ knows it.
struct AreaOfUse {
    double west, south, east, north;
    std::string name;
    bool contains(double lon, double lat) const noexcept {
        return lon >= west && lon <= east && lat >= south && lat <= north;
    }
};
std::unique_ptr<AreaOfUse> area_of_use(const std::string& crs);

// The JGD2011 plane-rectangular zone (EPSG:6669–6687) for data whose extent
// has this centre: among the zones whose area of use contains it, the one
// whose origin is nearest. Returns "EPSG:66xx".
std::string plane_rectangular_zone(double lon, double lat);

// A user-given CRS ("EPSG:6668", "6677", "JGD2011", a WKT or PROJ string)
// normalised to something PROJ and GDAL accept; throws InputError if unknown.
std::string normalise_crs(const std::string& user_crs);

} // namespace shisetsu::gis
