#pragma once
// Whose project it is (overview.md "The municipality, once"): the
// 全国地方公共団体コード with its check digit, the kind of municipality
// (区/市/町/村) read from its name, and the words a document uses for it and
// its residents. Pure functions; the values live in the project's settings
// (storage/settings.hpp).
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace shisetsu {

// The check digit of a five-digit code (総務省 全国地方公共団体コード: the
// digits weighted 6, 5, 4, 3, 2, summed, taken mod 11; the check digit is the
// last digit of 11 minus that remainder). "13202" → 1.
int municipality_check_digit(std::string_view five_digits);

// Checks a six-digit code: nullopt when valid, else what is wrong (in the
// current language), e.g. "検査数字が違います (132021)" for 132029.
std::optional<std::string> municipality_code_problem(std::string_view code);

// 区 (special ward or a designated city's ward), 市, 町 or 村.
enum class MunicipalityKind { ward, city, town, village };

// From the name's last character (立川市 → city); nullopt for other names.
std::optional<MunicipalityKind> kind_from_name(std::string_view name);
// "区"/"市"/"町"/"村" ↔ kind; nullopt for other text.
std::optional<MunicipalityKind> parse_kind(std::string_view text);
const char* kind_text(MunicipalityKind kind);  // 区, 市, 町, 村 (the setting's value)
const char* kind_key(MunicipalityKind kind);   // ward, city, town, village

// The words of a document for the municipality, in the current language:
// 区/市 ("the ward"/"the city"), 区民/市民 ("residents"), 区有/市有.
struct MunicipalityWords {
    std::string self;       // 区 / the ward
    std::string residents;  // 区民 / residents
};
MunicipalityWords municipality_words(std::optional<MunicipalityKind> kind);

// A name given once, or per kind of municipality ({"区": "区民活動施設",
// "市": "市民活動施設", …, "default": "地域活動施設"}, data/services.json):
// the text for `kind`, else "default", else `fallback`.
std::string text_for_kind(const nlohmann::json& text_or_by_kind, std::optional<MunicipalityKind> kind,
                          const std::string& fallback);

} // namespace shisetsu
