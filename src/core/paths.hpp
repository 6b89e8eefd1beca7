#pragma once
#include <string>

namespace shisetsu {

// The program's version (CMake project version).
const char* program_version() noexcept;

// data/ directory: $SHISETSU_DATA if set, else the source tree's data/.
std::string data_dir();

// A path inside data/.
std::string data_path(const std::string& relative);
// A file of the program's other resource folders beside data/ (gis/ for
// QGIS styles, reports/ for report templates): <data_dir>/../<relative>.
std::string resource_path(const std::string& relative);

} // namespace shisetsu
