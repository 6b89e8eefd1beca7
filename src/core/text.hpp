#pragma once
// Text normalisation for Japanese spreadsheets (inventory.md "Reading rules").
#include <string>
#include <string_view>
#include <vector>

namespace shisetsu::text {

// Full-width ASCII (U+FF01–U+FF5E) → ASCII, ideographic space U+3000 → ' ',
// full-width yen/minus variants (￥, −, ー used as minus, ―) left to callers.
// Everything else unchanged. Input and output UTF-8.
std::string to_half_width(std::string_view utf8);

// Key for matching headers and enumerations case- and width-insensitively:
// half-width, ASCII lower case, with spaces, '_', '-', '・', '（', '）', '(', ')'
// removed.
std::string match_key(std::string_view utf8);

// Trims ASCII whitespace and U+3000 at both ends.
std::string trim(std::string_view utf8);

// True if bytes are valid UTF-8.
bool is_valid_utf8(std::string_view bytes) noexcept;

// Strips a leading UTF-8 byte-order mark.
std::string_view strip_bom(std::string_view bytes) noexcept;

// Splits on any of the given single-byte separators, trimming each part and
// dropping empty parts.
std::vector<std::string> split_list(std::string_view utf8, std::string_view separators = ",;、，|");

// Escapes &, <, > and " for XML and HTML text and attribute values.
std::string xml_escape(std::string_view text);

// Replaces every occurrence of `from` (not empty) in `s`, left to right;
// replaced text is not searched again.
void replace_all(std::string& s, std::string_view from, std::string_view to);

// One CSV text field (RFC 4180): quoted, with quotes doubled, when it holds a
// comma, a quote or a line break. Every CSV writer goes through it. A text
// that a spreadsheet would run as a formula (it begins with = + - @, a tab or
// a carriage return, and is not a plain number) is written after a single
// quote and quoted, as OWASP recommends against CSV injection: Excel and
// LibreOffice show it as the text it is. Numbers are written as they are.
std::string csv_field(std::string_view text);

// A cell read from a CSV file without the single quote csv_field put before
// a formula-like text ("'=A" → "=A"), so shisetsu's own files read back as
// written; anything else unchanged.
std::string_view csv_unneutralise(std::string_view cell);

} // namespace shisetsu::text
