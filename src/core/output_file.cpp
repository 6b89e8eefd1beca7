#include "core/output_file.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace shisetsu {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const std::string& path, const char* what_ja, const char* what_en, int err) {
    std::string message = path + ": " + tr(what_ja, what_en);
    if (err != 0) message += std::string(" (") + std::strerror(err) + ")";
    throw OutputError(message);
}

// The mode a new file gets from open(…, 0666) under the current umask.
mode_t default_mode() {
    mode_t mask = ::umask(0);
    ::umask(mask);
    return 0666 & ~mask;
}

void fsync_path(const std::string& path, int flags, const std::string& target) {
    int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0) fail(target, "書き込んだファイルを確認できません", "cannot check the written file", errno);
    int rc = ::fsync(fd);
    int err = errno;
    ::close(fd);
    // Folders on some file systems do not support fsync; the rename is done.
    if (rc != 0 && !(flags & O_DIRECTORY && (err == EINVAL || err == EBADF)))
        fail(target, "ディスクへの書き込みに失敗しました", "writing to disk failed", err);
}

} // namespace

OutputFile::OutputFile(std::string target) : target_(std::move(target)) {
    fs::path t(target_);
    fs::path dir = t.has_parent_path() ? t.parent_path() : fs::path(".");
    std::string ext = t.extension().string();
    std::string pattern = (dir / ("." + t.stem().string() + ".tmp-XXXXXX" + ext)).string();
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    int fd = ::mkstemps(buf.data(), static_cast<int>(ext.size()));
    if (fd < 0) fail(target_, "書き込めません", "cannot be written", errno);
    temp_.assign(buf.data());
    // Keep the mode of the file being replaced, else what a new file gets.
    struct stat st {};
    mode_t mode = (::stat(target_.c_str(), &st) == 0 && S_ISREG(st.st_mode)) ? (st.st_mode & 07777) : default_mode();
    ::fchmod(fd, mode);
    ::close(fd);
}

OutputFile::~OutputFile() {
    if (committed_) return;
    if (out_.is_open()) out_.close();
    ::unlink(temp_.c_str());
}

std::ostream& OutputFile::stream() {
    if (!stream_open_) {
        out_.open(temp_, std::ios::binary | std::ios::trunc);
        if (!out_) fail(target_, "書き込めません", "cannot be written", errno);
        stream_open_ = true;
    }
    return out_;
}

void OutputFile::commit() {
    if (committed_) return;
    if (stream_open_) {
        out_.flush();
        bool ok = static_cast<bool>(out_);
        int err = errno;
        out_.close();
        if (!ok || out_.fail()) {
            ::unlink(temp_.c_str());
            fail(target_, "書き込みに失敗しました。以前のファイルはそのままです",
                 "writing failed; the previous file is unchanged", ok ? 0 : err);
        }
    }
    try {
        fsync_path(temp_, O_RDONLY, target_);
    } catch (...) {
        ::unlink(temp_.c_str());
        throw;
    }
    if (::rename(temp_.c_str(), target_.c_str()) != 0) {
        int err = errno;
        ::unlink(temp_.c_str());
        fail(target_, "ファイルを置き換えられません。以前のファイルはそのままです",
             "cannot replace the file; the previous file is unchanged", err);
    }
    committed_ = true;
    fs::path t(target_);
    fsync_path(t.has_parent_path() ? t.parent_path().string() : ".", O_RDONLY | O_DIRECTORY, target_);
}

void write_file_atomically(const std::string& path, std::string_view bytes) {
    OutputFile file(path);
    file.write(bytes);
    file.commit();
}

} // namespace shisetsu
