#include "core/errors.hpp"
#include "core/files.hpp"
#include "core/output_file.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace shisetsu;

namespace {

struct ScratchDir {
    fs::path path;
    ScratchDir() {
        path = fs::temp_directory_path() / ("shisetsu-output-" + std::to_string(::getpid()));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~ScratchDir() { fs::remove_all(path); }
    std::size_t entries() const {
        return static_cast<std::size_t>(std::distance(fs::directory_iterator(path), fs::directory_iterator{}));
    }
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

TEST_CASE("an output file replaces its target only when committed", "[output]") {
    ScratchDir dir;
    auto target = (dir.path / "result.json").string();
    write_file_atomically(target, "old");
    {
        OutputFile out(target);
        CHECK(fs::path(out.temp_path()).parent_path() == dir.path);
        CHECK(fs::path(out.temp_path()).extension() == ".json");
        out.write("new, half written");
        CHECK(slurp(target) == "old");
        // destroyed without commit: a failure on the way
    }
    CHECK(slurp(target) == "old");
    CHECK(dir.entries() == 1);  // no temporary file left behind

    OutputFile out(target);
    out.write("new");
    out.commit();
    CHECK(slurp(target) == "new");
    CHECK(dir.entries() == 1);
}

TEST_CASE("a library writing by path writes the temporary file", "[output]") {
    ScratchDir dir;
    auto target = (dir.path / "report.pdf").string();
    OutputFile out(target);
    { std::ofstream(out.temp_path()) << "%PDF"; }
    CHECK_FALSE(fs::exists(target));
    out.commit();
    CHECK(slurp(target) == "%PDF");
}

TEST_CASE("a symbolic link at the target is replaced, not written through", "[output]") {
    ScratchDir dir;
    auto elsewhere = dir.path / "elsewhere.txt";
    write_file_atomically(elsewhere.string(), "keep me");
    auto link = dir.path / "out.txt";
    fs::create_symlink(elsewhere, link);
    write_file_atomically(link.string(), "output");
    CHECK_FALSE(fs::is_symlink(link));
    CHECK(slurp(link) == "output");
    CHECK(slurp(elsewhere) == "keep me");
}

TEST_CASE("an existing file keeps its permissions", "[output]") {
    ScratchDir dir;
    auto target = dir.path / "shared.csv";
    write_file_atomically(target.string(), "a");
    fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                                fs::perms::group_write);
    write_file_atomically(target.string(), "b");
    CHECK((fs::status(target).permissions() & fs::perms::all) ==
          (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::group_write));
}

TEST_CASE("a folder that does not exist is an output error naming the file", "[output]") {
    ScratchDir dir;
    auto target = (dir.path / "missing" / "x.json").string();
    try {
        write_file_atomically(target, "x");
        FAIL("no error");
    } catch (const OutputError& e) {
        CHECK(std::string(e.what()).find(target) != std::string::npos);
    }
}

TEST_CASE("a full disk leaves the previous file whole and is an error", "[output]") {
    ScratchDir dir;
    auto target = (dir.path / "big.json").string();
    write_file_atomically(target, "previous");
    // RLIMIT_FSIZE makes writes past 4 KiB fail with EFBIG, as a full disk
    // makes them fail with ENOSPC.
    auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit old_limit{};
    ::getrlimit(RLIMIT_FSIZE, &old_limit);
    rlimit small = old_limit;
    small.rlim_cur = 4096;
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
    bool threw = false;
    try {
        write_json_file(target, nlohmann::json(std::string(100000, 'x')));
    } catch (const OutputError&) {
        threw = true;
    }
    ::setrlimit(RLIMIT_FSIZE, &old_limit);
    std::signal(SIGXFSZ, old_handler);
    CHECK(threw);
    CHECK(slurp(target) == "previous");
    CHECK(dir.entries() == 1);
}
