#pragma once
// Language of the messages and tables a user reads: Japanese by default,
// English on request (--lang en, or SHISETSU_LANG=en).
#include <string>

namespace shisetsu {

enum class Lang { ja, en };

Lang language() noexcept;
void set_language(Lang lang) noexcept;
Lang parse_language(const std::string& text);  // "ja" | "en"; throws UsageError

// Picks the text for the current language.
inline const char* tr(const char* ja, const char* en) noexcept {
    return language() == Lang::ja ? ja : en;
}

} // namespace shisetsu
