#include "report/strings.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace shisetsu::report {

std::string reports_dir() {
    if (const char* env = std::getenv("SHISETSU_REPORTS"); env && *env) return env;
    return SHISETSU_REPORTS_DIR;
}

std::string read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path + ": " + tr("レポートのテンプレートが読めません", "cannot read the report template"));
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

Strings Strings::load() {
    const std::string path = reports_dir() + (language() == Lang::ja ? "/strings.ja.json" : "/strings.en.json");
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(read_text_file(path));
    } catch (const nlohmann::json::exception& e) {
        throw InputError(path + ": " + e.what());
    }
    Strings s;
    for (const auto& [key, value] : j.items()) {
        if (value.is_string()) s.table_[key] = value.get<std::string>();
        else if (value.is_array()) {  // long texts may be kept as a list of lines
            std::string joined;
            for (const auto& line : value) joined += line.get<std::string>();
            s.table_[key] = joined;
        }
    }
    return s;
}

const std::string& Strings::operator[](const std::string& key) const {
    auto it = table_.find(key);
    if (it == table_.end()) throw InputError(reports_dir() + ": " + tr("文字列表にキーがありません: ", "no such key in the string table: ") + key);
    return it->second;
}

std::string Strings::format(const std::string& key, const std::vector<std::pair<std::string, std::string>>& values) const {
    return fill((*this)[key], values);
}

std::string fill(std::string text, const std::vector<std::pair<std::string, std::string>>& values) {
    for (const auto& [name, value] : values) {
        const std::string token = "{" + name + "}";
        for (std::size_t at = text.find(token); at != std::string::npos; at = text.find(token, at + value.size()))
            text.replace(at, token.size(), value);
    }
    return text;
}

} // namespace shisetsu::report
