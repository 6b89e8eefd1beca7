#include "core/paths.hpp"

#include <cstdlib>
#include <filesystem>

namespace shisetsu {

const char* program_version() noexcept { return SHISETSU_VERSION; }

std::string data_dir() {
    if (const char* env = std::getenv("SHISETSU_DATA"); env && *env) return env;
    return SHISETSU_DATA_DIR;
}

std::string data_path(const std::string& relative) { return data_dir() + "/" + relative; }

std::string resource_path(const std::string& relative) {
    return (std::filesystem::path(data_dir()).parent_path() / relative).string();
}

} // namespace shisetsu
