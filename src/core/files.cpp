#include "core/files.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"
#include "core/output_file.hpp"

#include <fstream>
#include <sstream>

namespace shisetsu {

std::string read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path + ": " + tr("ファイルを開けません", "cannot open the file"));
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

nlohmann::json read_json_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw InputError(path + ": " + tr("ファイルを開けません", "cannot open the file"));
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw InputError(path + ": " + tr("JSON として読めません: ", "not valid JSON: ") + e.what());
    }
}

void write_json_file(const std::string& path, const nlohmann::json& j) {
    write_file_atomically(path, j.dump(2) + '\n');
}

} // namespace shisetsu
