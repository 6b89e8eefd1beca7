#include "core/municipality.hpp"

#include "core/lang.hpp"

#include <array>

namespace shisetsu {

namespace {

bool all_digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}

struct KindRow {
    MunicipalityKind kind;
    const char* text;
    const char* key;
    const char* self_ja;
    const char* self_en;
    const char* residents_ja;
};

constexpr std::array<KindRow, 4> kKinds{{
    {MunicipalityKind::ward, "区", "ward", "区", "the ward", "区民"},
    {MunicipalityKind::city, "市", "city", "市", "the city", "市民"},
    {MunicipalityKind::town, "町", "town", "町", "the town", "町民"},
    {MunicipalityKind::village, "村", "village", "村", "the village", "村民"},
}};

const KindRow& row(MunicipalityKind kind) {
    for (const auto& r : kKinds)
        if (r.kind == kind) return r;
    return kKinds[1];
}

} // namespace

int municipality_check_digit(std::string_view five) {
    static constexpr int weights[] = {6, 5, 4, 3, 2};
    int sum = 0;
    for (std::size_t i = 0; i < 5 && i < five.size(); ++i) sum += (five[i] - '0') * weights[i];
    return (11 - sum % 11) % 10;
}

std::optional<std::string> municipality_code_problem(std::string_view code) {
    if (code.size() == 5 && all_digits(code))
        return std::string(tr("6 桁 (検査数字つき) で指定してください: ", "give all 6 digits, with the check digit: ")) +
               std::string(code) + std::to_string(municipality_check_digit(code));
    if (code.size() != 6 || !all_digits(code))
        return std::string(tr("全国地方公共団体コードは 6 桁の数字です (例 132021): ",
                              "a local government code is 6 digits (e.g. 132021): ")) + std::string(code);
    const int expected = municipality_check_digit(code.substr(0, 5));
    if (code[5] - '0' != expected)
        return std::string(tr("検査数字が違います: ", "wrong check digit: ")) + std::string(code) +
               tr(" (正しくは ", " (expected ") + std::string(code.substr(0, 5)) + std::to_string(expected) + ")";
    if (code.substr(0, 2) == "00" || code.substr(0, 2) > "47")
        return std::string(tr("都道府県の番号 (先頭 2 桁) は 01～47 です: ", "the prefecture digits (first two) must be 01–47: ")) +
               std::string(code);
    return std::nullopt;
}

std::optional<MunicipalityKind> parse_kind(std::string_view text) {
    for (const auto& r : kKinds)
        if (text == r.text || text == r.key) return r.kind;
    return std::nullopt;
}

std::optional<MunicipalityKind> kind_from_name(std::string_view name) {
    // Every kind character is three bytes of UTF-8.
    if (name.size() < 3) return std::nullopt;
    std::string_view last = name.substr(name.size() - 3);
    for (const auto& r : kKinds)
        if (last == r.text) return r.kind;
    return std::nullopt;
}

const char* kind_text(MunicipalityKind kind) { return row(kind).text; }
const char* kind_key(MunicipalityKind kind) { return row(kind).key; }

MunicipalityWords municipality_words(std::optional<MunicipalityKind> kind) {
    if (!kind) return {tr("自治体", "the municipality"), tr("住民", "residents")};
    const KindRow& r = row(*kind);
    return {tr(r.self_ja, r.self_en), tr(r.residents_ja, "residents")};
}

std::string text_for_kind(const nlohmann::json& v, std::optional<MunicipalityKind> kind, const std::string& fallback) {
    if (v.is_string()) return v.get<std::string>();
    if (!v.is_object()) return fallback;
    if (kind && v.contains(kind_text(*kind)) && v[kind_text(*kind)].is_string()) return v[kind_text(*kind)].get<std::string>();
    if (v.contains("default") && v["default"].is_string()) return v["default"].get<std::string>();
    return fallback;
}

} // namespace shisetsu
