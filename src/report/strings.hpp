#pragma once
// The report's words: string tables reports/strings.<lang>.json and the HTML
// template reports/report.html (outputs.md: report text is data, not code).
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace shisetsu::report {

// reports/: $SHISETSU_REPORTS if set, else the source tree's reports/.
std::string reports_dir();

class Strings {
public:
    // The table of the current language; throws InputError if it is missing
    // or not JSON.
    static Strings load();

    // The text of a key; a missing key is an error (so a typo shows in tests).
    const std::string& operator[](const std::string& key) const;
    bool has(const std::string& key) const { return table_.contains(key); }
    // The text with {name} replaced by the given values.
    std::string format(const std::string& key, const std::vector<std::pair<std::string, std::string>>& values) const;

private:
    std::unordered_map<std::string, std::string> table_;
};

// Replaces every {name} in text.
std::string fill(std::string text, const std::vector<std::pair<std::string, std::string>>& values);

std::string read_text_file(const std::string& path);

} // namespace shisetsu::report
