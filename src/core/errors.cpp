#include "core/errors.hpp"

namespace shisetsu {

std::string InputProblem::to_string() const {
    std::string out = file;
    if (row > 0) out += ":" + std::to_string(row);
    if (!column.empty()) out += ":" + column;
    if (!out.empty()) out += ": ";
    return out + message;
}

static std::string join_problems(const std::vector<InputProblem>& problems) {
    std::string out;
    for (const auto& p : problems) {
        if (!out.empty()) out += '\n';
        out += p.to_string();
    }
    return out;
}

InputError::InputError(std::vector<InputProblem> problems)
    : std::runtime_error(join_problems(problems)), problems_(std::move(problems)) {}

InputError::InputError(const std::string& message)
    : std::runtime_error(message), problems_{InputProblem{"", 0, "", message}} {}

} // namespace shisetsu
