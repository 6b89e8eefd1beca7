// Text normalisation for Japanese spreadsheets (inventory.md "Reading rules").
// UTF-8 is decoded by hand (no encoder needed: every mapping produces ASCII
// or copies the input bytes). The rules only need a handful of code points, and
// bytes that are not UTF-8 (a CP932 cell read with the wrong encoding) must
// pass through unchanged rather than throw.
#include "core/text.hpp"

#include <cctype>

namespace shisetsu::text {

namespace {

constexpr char32_t invalid_cp = 0xFFFFFFFF;

// Decodes one code point at s[i], advancing i. Malformed input (bad lead
// byte, missing continuation, overlong form, surrogate, > U+10FFFF) yields
// invalid_cp and advances by one byte, so callers can copy that byte as is.
char32_t decode(std::string_view s, std::size_t& i) noexcept {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
        ++i;
        return b0;
    }
    std::size_t len = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2; cp = b0 & 0x1F; min = 0x80;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3; cp = b0 & 0x0F; min = 0x800;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4; cp = b0 & 0x07; min = 0x10000;
    } else {
        ++i;
        return invalid_cp;
    }
    if (i + len > s.size()) {
        ++i;
        return invalid_cp;
    }
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) {
            ++i;
            return invalid_cp;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++i;
        return invalid_cp;
    }
    i += len;
    return cp;
}

bool is_ascii_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// Ideographic space U+3000 in UTF-8.
constexpr std::string_view ideographic_space = "\xE3\x80\x80";

} // namespace

std::string to_half_width(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    std::size_t i = 0;
    while (i < utf8.size()) {
        const std::size_t start = i;
        const char32_t cp = decode(utf8, i);
        if (cp == invalid_cp) {
            out.append(utf8.substr(start, i - start));
        } else if (cp >= 0xFF01 && cp <= 0xFF5E) {
            out += static_cast<char>(cp - 0xFEE0);
        } else if (cp == 0x3000) {
            out += ' ';
        } else {
            out.append(utf8.substr(start, i - start));
        }
    }
    return out;
}

std::string match_key(std::string_view utf8) {
    const std::string half = to_half_width(utf8);
    std::string out;
    out.reserve(half.size());
    std::size_t i = 0;
    while (i < half.size()) {
        const std::size_t start = i;
        const char32_t cp = decode(half, i);
        if (cp == invalid_cp) {
            out.append(half.substr(start, i - start));
            continue;
        }
        if (cp < 0x80) {
            const char c = static_cast<char>(cp);
            if (is_ascii_space(c) || c == '_' || c == '-' || c == '(' || c == ')') continue;
            out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
            continue;
        }
        // ・ (U+30FB) and its half-width form ･ (U+FF65) are the same mark.
        if (cp == 0x30FB || cp == 0xFF65) continue;
        out.append(half.substr(start, i - start));
    }
    return out;
}

std::string trim(std::string_view utf8) {
    for (;;) {
        if (!utf8.empty() && is_ascii_space(utf8.front())) {
            utf8.remove_prefix(1);
        } else if (utf8.starts_with(ideographic_space)) {
            utf8.remove_prefix(ideographic_space.size());
        } else {
            break;
        }
    }
    for (;;) {
        if (!utf8.empty() && is_ascii_space(utf8.back())) {
            utf8.remove_suffix(1);
        } else if (utf8.ends_with(ideographic_space)) {
            utf8.remove_suffix(ideographic_space.size());
        } else {
            break;
        }
    }
    return std::string(utf8);
}

bool is_valid_utf8(std::string_view bytes) noexcept {
    std::size_t i = 0;
    while (i < bytes.size()) {
        if (decode(bytes, i) == invalid_cp) return false;
    }
    return true;
}

std::string_view strip_bom(std::string_view bytes) noexcept {
    constexpr std::string_view bom = "\xEF\xBB\xBF";
    if (bytes.starts_with(bom)) bytes.remove_prefix(bom.size());
    return bytes;
}

std::vector<std::string> split_list(std::string_view utf8, std::string_view separators) {
    // The default separators include 、 and ， which are multi-byte in UTF-8,
    // so separators are compared as code points, not bytes: splitting on
    // their single bytes would cut other Japanese characters apart.
    std::vector<char32_t> seps;
    for (std::size_t i = 0; i < separators.size();) seps.push_back(decode(separators, i));

    std::vector<std::string> parts;
    auto flush = [&](std::string_view piece) {
        std::string part = trim(piece);
        if (!part.empty()) parts.push_back(std::move(part));
    };
    std::size_t part_start = 0;
    std::size_t i = 0;
    while (i < utf8.size()) {
        const std::size_t start = i;
        const char32_t cp = decode(utf8, i);
        bool is_sep = false;
        if (cp != invalid_cp) {
            for (char32_t s : seps) {
                if (s == cp) {
                    is_sep = true;
                    break;
                }
            }
        }
        if (is_sep) {
            flush(utf8.substr(part_start, start - part_start));
            part_start = i;
        }
    }
    flush(utf8.substr(part_start));
    return parts;
}

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
    if (from.empty()) return;
    for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

namespace {

constexpr std::string_view kFormulaStart = "=+-@\t\r";

// -12, +3.5, 1e-3: a number, which a spreadsheet reads as one, not a formula.
bool plain_number(std::string_view s) {
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t digits = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
    }
    if (digits == 0) return false;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
        std::size_t exponent = 0;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++exponent;
        if (exponent == 0) return false;
    }
    return i == s.size();
}

bool formula_like(std::string_view s) {
    return !s.empty() && kFormulaStart.find(s.front()) != std::string_view::npos && !plain_number(s);
}

} // namespace

std::string_view csv_unneutralise(std::string_view cell) {
    if (cell.size() >= 2 && cell.front() == '\'' && formula_like(cell.substr(1))) return cell.substr(1);
    return cell;
}

std::string csv_field(std::string_view text) {
    const bool formula = formula_like(text);
    if (!formula && text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
    std::string out = formula ? "\"'" : "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

} // namespace shisetsu::text
