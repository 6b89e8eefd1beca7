#pragma once
// GDAL set-up (drivers registered once per process) and captured CPL errors
// turned into exceptions (STYLE.md 5).
#include <string>
#include <vector>

namespace shisetsu::gis {

// Registers every GDAL/OGR driver; safe to call many times from any thread.
void ensure_gdal();

// Collects CPL errors raised while it lives (on this thread) instead of
// letting GDAL print them.
class CplErrorCapture {
public:
    CplErrorCapture();
    ~CplErrorCapture();
    CplErrorCapture(const CplErrorCapture&) = delete;
    CplErrorCapture& operator=(const CplErrorCapture&) = delete;

    const std::vector<std::string>& errors() const noexcept { return errors_; }
    std::string last() const { return errors_.empty() ? std::string() : errors_.back(); }
    void clear() noexcept { errors_.clear(); }

private:
    std::vector<std::string> errors_;
};

} // namespace shisetsu::gis
