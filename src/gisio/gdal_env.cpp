#include "gisio/gdal_env.hpp"

#include "core/lang.hpp"
#include "core/output_file.hpp"

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <unistd.h>

#include <cstring>
#include <mutex>

namespace shisetsu::gis {

namespace {

// GDAL ends the process after a fatal error (CE_Fatal: CPLMalloc out of
// memory, mostly) with abort(). Before it does, say what happened, remove
// the unfinished output files and exit as main() does for a lack of memory
// (5), or as an internal error (1) for anything else.
void fatal(CPLErrorNum number, const char* message) {
    remove_unfinished_outputs();
    const bool memory = number == CPLE_OutOfMemory || (message && std::strstr(message, "memory") != nullptr);
    const char* text = memory ? tr("メモリが足りません (GDAL)。データベースは変更しておらず、以前の出力ファイルもそのままです。\n",
                                   "not enough memory (GDAL); the database was not changed and previous output files are whole.\n")
                              : tr("内部エラー (GDAL): ", "internal error (GDAL): ");
    (void)!::write(STDERR_FILENO, text, std::strlen(text));
    if (!memory && message) {
        (void)!::write(STDERR_FILENO, message, std::strlen(message));
        (void)!::write(STDERR_FILENO, "\n", 1);
    }
    ::_exit(memory ? 5 : 1);
}

void CPL_STDCALL default_handler(CPLErr level, CPLErrorNum number, const char* message) {
    if (level == CE_Fatal) fatal(number, message);
    CPLDefaultErrorHandler(level, number, message);
}

void CPL_STDCALL collect(CPLErr level, CPLErrorNum number, const char* message) {
    if (level == CE_Fatal) fatal(number, message);
    auto* self = static_cast<std::vector<std::string>*>(CPLGetErrorHandlerUserData());
    if (self && level >= CE_Failure) self->emplace_back(message ? message : "");
}

} // namespace

void ensure_gdal() {
    static std::once_flag once;
    std::call_once(once, [] {
        CPLSetErrorHandler(default_handler);
        GDALAllRegister();
    });
}

CplErrorCapture::CplErrorCapture() { CPLPushErrorHandlerEx(collect, &errors_); }
CplErrorCapture::~CplErrorCapture() { CPLPopErrorHandler(); }

} // namespace shisetsu::gis
