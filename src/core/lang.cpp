#include "core/lang.hpp"

#include "core/errors.hpp"

#include <atomic>
#include <cstdlib>
#include <cstring>

namespace shisetsu {

namespace {
Lang initial_language() {
    const char* env = std::getenv("SHISETSU_LANG");
    return (env && std::strncmp(env, "en", 2) == 0) ? Lang::en : Lang::ja;
}
std::atomic<Lang> current{initial_language()};
} // namespace

Lang language() noexcept { return current.load(std::memory_order_relaxed); }
void set_language(Lang lang) noexcept { current.store(lang, std::memory_order_relaxed); }

Lang parse_language(const std::string& text) {
    if (text == "ja") return Lang::ja;
    if (text == "en") return Lang::en;
    throw UsageError("--lang: expected ja or en, got \"" + text + "\"");
}

} // namespace shisetsu
