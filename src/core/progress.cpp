#include "core/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>

namespace shisetsu {

namespace {
std::atomic<bool> quiet_flag{false};
}

void set_quiet(bool q) noexcept { quiet_flag = q; }
bool quiet() noexcept { return quiet_flag; }

void note(const std::string& line) {
    std::fprintf(stderr, "%s\n", line.c_str());
    std::fflush(stderr);
}

Progress::Progress(std::string label, std::size_t total)
    : label_(std::move(label)), total_(total),
      enabled_(!quiet() && isatty(STDERR_FILENO) == 1 && total > 0),
      start_(std::chrono::steady_clock::now()) {}

Progress::~Progress() { finish(); }

void Progress::update(std::size_t done) { update(done, note_); }

void Progress::update(std::size_t done, const std::string& note) {
    if (!enabled_ || finished_) return;
    int percent = static_cast<int>(100.0 * static_cast<double>(std::min(done, total_)) / static_cast<double>(total_));
    if (percent == last_percent_ && note == note_) return;
    // Only draw once the work has taken a noticeable time.
    auto now = std::chrono::steady_clock::now();
    if (now - start_ < std::chrono::milliseconds(300) && percent < 100) return;
    // A solver's note changes at every node: keep the terminal readable.
    if (percent == last_percent_ && now - last_draw_ < std::chrono::milliseconds(200)) return;
    last_draw_ = now;
    last_percent_ = percent;
    note_ = note;
    const int width = 30;
    int filled = percent * width / 100;
    std::string line = "\r" + label_ + " [";
    for (int i = 0; i < width; ++i) line += i < filled ? '#' : '.';
    char pct[16];
    std::snprintf(pct, sizeof pct, "] %3d%%", percent);
    line += pct;
    if (!note_.empty()) line += "  " + note_;
    // Blank what a longer previous line left behind.
    std::size_t w = line.size();
    if (w < drawn_width_) line.append(drawn_width_ - w, ' ');
    drawn_width_ = std::max(drawn_width_, w);
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
}

void Progress::finish() {
    if (!enabled_ || finished_) return;
    finished_ = true;
    if (last_percent_ >= 0) std::fputc('\n', stderr);
}

} // namespace shisetsu
