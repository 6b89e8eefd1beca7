#include "pipeline/format.hpp"

#include "core/lang.hpp"

#include <iomanip>
#include <sstream>

namespace shisetsu::pipeline {

std::string money_text(double yen) {
    std::ostringstream s;
    if (language() == Lang::ja) s << std::fixed << std::setprecision(1) << yen / 1e8 << " 億円";
    else s << std::fixed << std::setprecision(2) << yen / 1e9 << " bn yen";
    return s.str();
}

std::string area_text(double m2) {
    std::ostringstream s;
    if (language() == Lang::ja) s << std::fixed << std::setprecision(1) << m2 / 1e4 << " 万㎡";
    else s << std::fixed << std::setprecision(0) << m2 << " m²";
    return s.str();
}

} // namespace shisetsu::pipeline
