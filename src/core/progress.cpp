#include "core/progress.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdio>

namespace shisetsu {

namespace {
std::atomic<bool> quiet_flag{false};
}

void set_quiet(bool q) noexcept { quiet_flag = q; }
bool quiet() noexcept { return quiet_flag; }

Progress::Progress(std::string label, std::size_t total)
    : label_(std::move(label)), total_(total),
      enabled_(!quiet() && isatty(STDERR_FILENO) == 1 && total > 0),
      start_(std::chrono::steady_clock::now()) {}

Progress::~Progress() { finish(); }

void Progress::update(std::size_t done) {
    if (!enabled_ || finished_) return;
    int percent = static_cast<int>(100.0 * static_cast<double>(done) / static_cast<double>(total_));
    if (percent == last_percent_) return;
    // Only draw once the work has taken a noticeable time.
    auto elapsed = std::chrono::steady_clock::now() - start_;
    if (elapsed < std::chrono::milliseconds(300) && percent < 100) return;
    last_percent_ = percent;
    const int width = 30;
    int filled = percent * width / 100;
    std::fprintf(stderr, "\r%s [", label_.c_str());
    for (int i = 0; i < width; ++i) std::fputc(i < filled ? '#' : '.', stderr);
    std::fprintf(stderr, "] %3d%%", percent);
    std::fflush(stderr);
}

void Progress::finish() {
    if (!enabled_ || finished_) return;
    finished_ = true;
    if (last_percent_ >= 0) std::fputc('\n', stderr);
}

} // namespace shisetsu
