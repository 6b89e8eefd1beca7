#include "core/errors.hpp"
#include "core/files.hpp"
#include "core/output_file.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

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
        // In a private folder beside the target, under the target's own name.
        CHECK(fs::path(out.temp_path()).parent_path().parent_path() == dir.path);
        CHECK(fs::path(out.temp_path()).filename() == "result.json");
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
    CHECK_FALSE(fs::exists(out.temp_path()));  // libraries that refuse an existing file (GDAL's GPKG) create it
    { std::ofstream(out.temp_path()) << "%PDF"; }
    { std::ofstream(out.temp_path() + "-journal") << "left by the library"; }
    CHECK_FALSE(fs::exists(target));
    out.commit();
    CHECK(slurp(target) == "%PDF");
    CHECK(dir.entries() == 1);  // the private folder is gone, with what the library left in it
}

TEST_CASE("a library that wrote nothing is a failed output", "[output]") {
    ScratchDir dir;
    auto target = (dir.path / "ward.gpkg").string();
    write_file_atomically(target, "previous");
    OutputFile out(target);
    CHECK_THROWS_AS(out.commit(), OutputError);
    CHECK(slurp(target) == "previous");
    CHECK(dir.entries() == 1);
}

TEST_CASE("two outputs to one target at once each write their own file, the later rename wins whole", "[output]") {
    ScratchDir dir;
    auto target = (dir.path / "report.pdf").string();
    OutputFile first(target), second(target);
    CHECK(first.temp_path() != second.temp_path());
    first.write(std::string(100000, 'a'));
    second.write(std::string(50000, 'b'));
    second.commit();
    first.commit();
    CHECK(slurp(target) == std::string(100000, 'a'));
    CHECK(dir.entries() == 1);
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

TEST_CASE("a full disk while streaming is an error with its cause, the previous file whole", "[output]") {
    ScratchDir dir;
    auto target = (dir.path / "events.csv").string();
    write_file_atomically(target, "previous");
    auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit old_limit{};
    ::getrlimit(RLIMIT_FSIZE, &old_limit);
    rlimit small = old_limit;
    small.rlim_cur = 100000;
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
    std::string message;
    try {
        OutputFile out(target);
        for (int i = 0; i < 100000; ++i) out.stream() << "row," << i << "\r\n";
        out.commit();
    } catch (const OutputError& e) {
        message = e.what();
    }
    ::setrlimit(RLIMIT_FSIZE, &old_limit);
    std::signal(SIGXFSZ, old_handler);
    CHECK(message.find(target) != std::string::npos);
    CHECK(message.find(std::strerror(EFBIG)) != std::string::npos);  // the cause, not a guess
    CHECK(slurp(target) == "previous");
    CHECK(dir.entries() == 1);
}

TEST_CASE("a folder at the target is an output error before anything is written", "[output]") {
    ScratchDir dir;
    fs::create_directories(dir.path / "report.pdf");
    CHECK_THROWS_AS(OutputFile((dir.path / "report.pdf").string()), OutputError);
    CHECK(dir.entries() == 1);
}

TEST_CASE("a batch publishes its files together, or none of them", "[output]") {
    ScratchDir dir;
    auto a = (dir.path / "a.json").string(), b = (dir.path / "b.csv").string();
    write_file_atomically(a, "old a");
    write_file_atomically(b, "old b");
    {
        OutputBatch batch;
        write_file_atomically(a, "new a");
        CHECK(slurp(a) == "old a");  // complete, but not yet in place
        // a failure before publish(): neither file changes
    }
    CHECK(slurp(a) == "old a");
    CHECK(slurp(b) == "old b");
    CHECK(dir.entries() == 2);
    {
        OutputBatch batch;
        write_file_atomically(a, "new a");
        {
            OutputFile out(b);
            out.write("new b");
            out.commit();
        }
        CHECK(slurp(b) == "old b");
        batch.publish();
    }
    CHECK(slurp(a) == "new a");
    CHECK(slurp(b) == "new b");
    CHECK(dir.entries() == 2);
    // With no batch open, a commit publishes at once again.
    write_file_atomically(a, "newer a");
    CHECK(slurp(a) == "newer a");
}

TEST_CASE("a file another thread commits joins the batch it names", "[output]") {
    ScratchDir dir;
    auto a = (dir.path / "a.pdf").string(), b = (dir.path / "b.html").string();
    write_file_atomically(a, "old a");
    write_file_atomically(b, "old b");
    {
        OutputBatch batch;
        std::thread other([&] {
            OutputBatch::Joined joined(batch);
            write_file_atomically(b, "new b");
        });
        other.join();
        write_file_atomically(a, "new a");
        CHECK(slurp(b) == "old b");  // waits for the batch, not for its own thread
        // no publish(): the other thread's file is removed with the batch's
    }
    CHECK(slurp(a) == "old a");
    CHECK(slurp(b) == "old b");
    CHECK(dir.entries() == 2);
    {
        OutputBatch batch;
        std::thread other([&] {
            OutputBatch::Joined joined(batch);
            write_file_atomically(b, "new b");
        });
        write_file_atomically(a, "new a");
        other.join();
        batch.publish();
    }
    CHECK(slurp(a) == "new a");
    CHECK(slurp(b) == "new b");
    CHECK(dir.entries() == 2);
    // After the Joined, the thread's commits publish at once again.
    OutputBatch batch;
    std::thread([&] {
        { OutputBatch::Joined joined(batch); }
        write_file_atomically(b, "newest b");
    }).join();
    CHECK(slurp(b) == "newest b");
}
