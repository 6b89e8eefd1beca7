#pragma once
// Whole files read (and JSON results written) for the library: parameter tables, configurations,
// templates. A file that cannot be opened or parsed is bad input naming it.
#include <nlohmann/json.hpp>

#include <string>

namespace shisetsu {

// The bytes of a file; InputError "PATH: cannot open the file" if it cannot be read.
std::string read_text_file(const std::string& path);

// A JSON file; InputError naming the file when it cannot be opened or is not JSON.
nlohmann::json read_json_file(const std::string& path);

// Writes a JSON document (indented, UTF-8, final newline) through an
// OutputFile: OutputError when it cannot be written, the previous file whole.
void write_json_file(const std::string& path, const nlohmann::json& j);

} // namespace shisetsu
