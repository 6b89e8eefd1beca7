#include "gisio/crs.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"

#include <proj.h>

#include <cmath>
#include <limits>
#include <utility>

namespace shisetsu::gis {

namespace {

struct ContextDeleter {
    void operator()(PJ_CONTEXT* c) const noexcept { proj_context_destroy(c); }
};
struct PjDeleter {
    void operator()(PJ* p) const noexcept { proj_destroy(p); }
};
using Context = std::unique_ptr<PJ_CONTEXT, ContextDeleter>;
using Pj = std::unique_ptr<PJ, PjDeleter>;

Context new_context() {
    Context ctx(proj_context_create());
    if (!ctx) throw GisError("PROJ: cannot create a context");
    proj_log_level(ctx.get(), PJ_LOG_NONE);
    return ctx;
}

std::string errno_text(PJ_CONTEXT* ctx) {
    return proj_context_errno_string(ctx, proj_context_errno(ctx));
}

} // namespace

Transformer::Transformer(const std::string& source_crs, const std::string& target_crs) {
    Context ctx = new_context();
    Pj raw(proj_create_crs_to_crs(ctx.get(), source_crs.c_str(), target_crs.c_str(), nullptr));
    if (!raw)
        throw GisError("PROJ: no transformation from " + source_crs + " to " + target_crs + ": " +
                       errno_text(ctx.get()));
    // Always lon/lat (x, y) order, whatever the CRS's axis order says.
    Pj norm(proj_normalize_for_visualization(ctx.get(), raw.get()));
    if (!norm) throw GisError("PROJ: cannot normalise axis order: " + errno_text(ctx.get()));
    pj_ = norm.release();
    ctx_ = ctx.release();
}

Transformer::~Transformer() {
    if (pj_) proj_destroy(pj_);
    if (ctx_) proj_context_destroy(ctx_);
}

Transformer::Transformer(Transformer&& other) noexcept
    : ctx_(std::exchange(other.ctx_, nullptr)), pj_(std::exchange(other.pj_, nullptr)) {}

Transformer& Transformer::operator=(Transformer&& other) noexcept {
    if (this != &other) {
        if (pj_) proj_destroy(pj_);
        if (ctx_) proj_context_destroy(ctx_);
        ctx_ = std::exchange(other.ctx_, nullptr);
        pj_ = std::exchange(other.pj_, nullptr);
    }
    return *this;
}

void Transformer::transform(double& x, double& y) const {
    PJ_COORD c = proj_coord(x, y, 0, 0);
    PJ_COORD out = proj_trans(pj_, PJ_FWD, c);
    if (!std::isfinite(out.xy.x) || !std::isfinite(out.xy.y) || out.xy.x == HUGE_VAL)
        throw GisError("PROJ: cannot transform (" + std::to_string(x) + ", " + std::to_string(y) + ")");
    x = out.xy.x;
    y = out.xy.y;
}

void Transformer::transform(std::vector<double>& xs, std::vector<double>& ys) const {
    proj_trans_generic(pj_, PJ_FWD, xs.data(), sizeof(double), xs.size(), ys.data(), sizeof(double), ys.size(),
                       nullptr, 0, 0, nullptr, 0, 0);
}

std::unique_ptr<AreaOfUse> area_of_use(const std::string& crs) {
    Context ctx = new_context();
    Pj pj(proj_create(ctx.get(), crs.c_str()));
    if (!pj) return nullptr;
    double w, s, e, n;
    const char* name = nullptr;
    if (!proj_get_area_of_use(ctx.get(), pj.get(), &w, &s, &e, &n, &name) || w < -1000) return nullptr;
    return std::make_unique<AreaOfUse>(AreaOfUse{w, s, e, n, name ? name : ""});
}

std::string plane_rectangular_zone(double lon, double lat) {
    Context ctx = new_context();
    std::string best;
    double best_d2 = std::numeric_limits<double>::infinity();
    bool best_contains = false;
    for (int code = 6669; code <= 6687; ++code) {  // JGD2011 / Japan Plane Rectangular CS I–XIX
        std::string id = "EPSG:" + std::to_string(code);
        Pj crs(proj_create(ctx.get(), id.c_str()));
        if (!crs) continue;
        Pj op(proj_crs_get_coordoperation(ctx.get(), crs.get()));
        if (!op) continue;
        auto param = [&](const char* name) {
            int i = proj_coordoperation_get_param_index(ctx.get(), op.get(), name);
            double value = 0;
            if (i >= 0)
                proj_coordoperation_get_param(ctx.get(), op.get(), i, nullptr, nullptr, nullptr, &value, nullptr,
                                              nullptr, nullptr, nullptr, nullptr, nullptr);
            return value;
        };
        double lat0 = param("Latitude of natural origin");
        double lon0 = param("Longitude of natural origin");
        double w, s, e, n;
        bool contains = proj_get_area_of_use(ctx.get(), crs.get(), &w, &s, &e, &n, nullptr) && lon >= w &&
                        lon <= e && lat >= s && lat <= n;
        double dx = (lon - lon0) * std::cos(lat * M_PI / 180.0), dy = lat - lat0;
        double d2 = dx * dx + dy * dy;
        if ((contains && !best_contains) || (contains == best_contains && d2 < best_d2)) {
            best = id;
            best_d2 = d2;
            best_contains = contains;
        }
    }
    if (best.empty()) throw GisError("PROJ: the JGD2011 plane-rectangular zones are not in the PROJ database");
    return best;
}

std::string normalise_crs(const std::string& user_crs) {
    std::string crs = user_crs;
    bool digits = !crs.empty() && crs.find_first_not_of("0123456789") == std::string::npos;
    if (digits) crs = "EPSG:" + crs;
    Context ctx = new_context();
    Pj pj(proj_create(ctx.get(), crs.c_str()));
    if (!pj || !proj_is_crs(pj.get()))
        throw InputError(std::string("--crs: ") + tr("座標参照系として認識できません: ", "not a coordinate reference system: ") +
                         "\"" + user_crs + "\" (" + tr("例", "e.g.") + " EPSG:6668, EPSG:6677, EPSG:4326)");
    return crs;
}

} // namespace shisetsu::gis
