#pragma once
// The six sections of outputs.md as document blocks (private to the module).
#include "report/data.hpp"
#include "report/document.hpp"
#include "report/strings.hpp"

#include <string>
#include <vector>

namespace shisetsu::report {

// missing_steps receives the analysis steps whose results are not in the
// database (their sections say so).
Document build_document(const ReportData& data, const Strings& text, std::vector<std::string>& missing_steps);

} // namespace shisetsu::report
