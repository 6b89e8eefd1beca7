#pragma once
// A progress bar on stderr for long work, shown only when stderr is a
// terminal and --quiet was not given (overview.md).
#include <chrono>
#include <cstddef>
#include <string>

namespace shisetsu {

void set_quiet(bool quiet) noexcept;
bool quiet() noexcept;

// One line on stderr about a wait the user should know of (a writer waiting
// for another planner's command). Shown even with --quiet: a silent wait
// looks like a hang.
void note(const std::string& line);

class Progress {
public:
    Progress(std::string label, std::size_t total);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    void update(std::size_t done);   // cheap when called often
    // With a short text after the bar (e.g. an optimizer's best plan,
    // bound and gap); redrawn when the text changes, at most every 0.2 s
    // while the share stays the same.
    void update(std::size_t done, const std::string& note);
    void finish();

private:
    std::string label_;
    std::size_t total_;
    bool enabled_;
    bool finished_ = false;
    int last_percent_ = -1;
    std::string note_;
    std::size_t drawn_width_ = 0;
    std::chrono::steady_clock::time_point last_draw_;
    std::chrono::steady_clock::time_point start_;
};

} // namespace shisetsu
