#pragma once
// `shisetsu copy SRC DST`: a project moved between the backends (overview.md
// "The multi-user backend"), every table whole, nothing converted but the
// geometry's container (SpatiaLite blob ↔ PostGIS), so a round trip gives
// the same rows byte for byte.
#include <string>
#include <utility>
#include <vector>

namespace shisetsu {

struct CopyReport {
    std::vector<std::pair<std::string, long long>> rows;  // table → rows copied
};

// Copies the project at `src` into a new project at `dst` (a file that does
// not exist yet, or a PostgreSQL database without a project). The source is
// read under its writer lock, so no command changes it half way; the target
// is written in one transaction and removed again if anything fails.
CopyReport copy_project(const std::string& src, const std::string& dst);

} // namespace shisetsu
