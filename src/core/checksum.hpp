#pragma once
#include <string>

namespace shisetsu {

// SHA-256 of a file's bytes, lower-case hex. Throws InputError if unreadable.
std::string sha256_file(const std::string& path);
// SHA-256 of a string, lower-case hex.
std::string sha256_text(const std::string& bytes);

} // namespace shisetsu
