#include "gisio/gdal_env.hpp"

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>

#include <mutex>

namespace shisetsu::gis {

void ensure_gdal() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

namespace {
void CPL_STDCALL collect(CPLErr level, CPLErrorNum, const char* message) {
    auto* self = static_cast<std::vector<std::string>*>(CPLGetErrorHandlerUserData());
    if (self && level >= CE_Failure) self->emplace_back(message ? message : "");
}
} // namespace

CplErrorCapture::CplErrorCapture() { CPLPushErrorHandlerEx(collect, &errors_); }
CplErrorCapture::~CplErrorCapture() { CPLPopErrorHandler(); }

} // namespace shisetsu::gis
