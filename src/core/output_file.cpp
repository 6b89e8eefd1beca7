#include "core/output_file.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <map>
#include <streambuf>
#include <utility>

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

std::string folder_of(const std::string& path) {
    fs::path p(path);
    return p.has_parent_path() ? p.parent_path().string() : std::string(".");
}

// fsync of a file written by a library that opened it by name.
void fsync_path(const std::string& path, const std::string& target) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) fail(target, "書き込んだファイルを確認できません", "cannot check the written file", errno);
    int rc = ::fsync(fd);
    int err = errno;
    ::close(fd);
    if (rc != 0) fail(target, "ディスクへの書き込みに失敗しました", "writing to disk failed", err);
}

// After a rename: the folder entry itself on disk. Folders on some file
// systems do not support fsync; the rename is done either way.
void fsync_folder(const std::string& target) {
    int fd = ::open(folder_of(target).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    int rc = ::fsync(fd);
    int err = errno;
    ::close(fd);
    if (rc != 0 && err != EINVAL && err != EBADF && err != EROFS)
        fail(target, "ディスクへの書き込みに失敗しました", "writing to disk failed", err);
}

thread_local OutputBatch* current_batch = nullptr;

// Temporary folders (and the file in each) not yet published or removed,
// for remove_unfinished_outputs().
std::mutex unfinished_mutex;
std::map<std::string, std::string> unfinished;  // folder → file

void track(const std::string& folder, const std::string& file) {
    std::lock_guard lock(unfinished_mutex);
    unfinished.emplace(folder, file);
}

// The temporary file and its private folder (with whatever a library left
// beside the file: a SQLite journal), gone.
void discard(const std::string& folder, const std::string& file) noexcept {
    ::unlink(file.c_str());
    try {
        std::error_code ignored;
        fs::remove_all(folder, ignored);
    } catch (...) {
        ::rmdir(folder.c_str());
    }
    std::lock_guard lock(unfinished_mutex);
    unfinished.erase(folder);
}

// After the rename: the private folder is empty, or holds what a library
// left beside the file.
void release(const std::string& folder) noexcept {
    if (::rmdir(folder.c_str()) != 0) {
        try {
            std::error_code ignored;
            fs::remove_all(folder, ignored);
        } catch (...) {
        }
    }
    std::lock_guard lock(unfinished_mutex);
    unfinished.erase(folder);
}

} // namespace

// A stream buffer writing straight to the reserved descriptor with write(2),
// so a short or failed write (ENOSPC, EFBIG, EIO) is seen with its errno
// rather than guessed from an ofstream's badbit.
class OutputFile::Buffer : public std::streambuf {
public:
    explicit Buffer(int fd) : fd_(fd), data_(64 * 1024) { setp(data_.data(), data_.data() + data_.size()); }
    int error() const noexcept { return error_; }
    bool drain() { return flush_all() == 0; }

protected:
    int_type overflow(int_type c) override {
        if (flush_all() != 0) return traits_type::eof();
        if (!traits_type::eq_int_type(c, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(c);
            pbump(1);
        }
        return traits_type::not_eof(c);
    }
    int sync() override { return flush_all(); }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        // Large pieces go straight out once the buffer is empty.
        if (n >= static_cast<std::streamsize>(data_.size())) {
            if (flush_all() != 0 || !write_all(s, static_cast<std::size_t>(n))) return 0;
            return n;
        }
        return std::streambuf::xsputn(s, n);
    }

private:
    int flush_all() {
        if (error_ != 0) return -1;
        const std::size_t n = static_cast<std::size_t>(pptr() - pbase());
        const bool ok = write_all(pbase(), n);
        setp(data_.data(), data_.data() + data_.size());
        return ok ? 0 : -1;
    }
    bool write_all(const char* p, std::size_t n) {
        while (n > 0 && error_ == 0) {
            ssize_t w = ::write(fd_, p, n);
            if (w < 0) {
                if (errno == EINTR) continue;
                error_ = errno;
            } else if (w == 0) {
                error_ = EIO;
            } else {
                p += w;
                n -= static_cast<std::size_t>(w);
            }
        }
        return error_ == 0;
    }

    int fd_;
    std::vector<char> data_;
    int error_ = 0;
};

OutputFile::OutputFile(std::string target) : target_(std::move(target)) {
    struct stat st {};
    const bool exists = ::stat(target_.c_str(), &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) fail(target_, "フォルダです。ファイル名を指定してください", "is a folder; give a file name", 0);
    // Keep the mode of the file being replaced, else what a new file gets.
    mode_ = exists && S_ISREG(st.st_mode) ? (st.st_mode & 07777) : default_mode();
    // A private folder beside the target, made by mkdtemp: the file in it
    // has the target's own name (libraries that choose a format by the
    // extension, or that refuse an existing file, as GDAL's GeoPackage
    // driver does, are served), and no other process or file of the user's
    // can share it.
    const fs::path t(target_);
    std::string pattern = (fs::path(folder_of(target_)) / ("." + t.filename().string() + ".tmp-XXXXXX")).string();
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    if (!::mkdtemp(buf.data())) fail(target_, "書き込めません", "cannot be written", errno);
    temp_dir_.assign(buf.data());
    temp_ = (fs::path(temp_dir_) / t.filename()).string();
    try {
        track(temp_dir_, temp_);
    } catch (...) {
        ::rmdir(temp_dir_.c_str());
        throw;
    }
}

OutputFile::~OutputFile() {
    stream_.reset();
    buffer_.reset();
    if (fd_ >= 0) ::close(fd_);
    if (!committed_ && !discarded_) discard(temp_dir_, temp_);
}

std::ostream& OutputFile::stream() {
    if (!stream_) {
        if (committed_ || discarded_) fail(target_, "書き込みは終わっています", "is already complete", 0);
        fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd_ < 0) fail(target_, "書き込めません", "cannot be written", errno);
        buffer_ = std::make_unique<Buffer>(fd_);
        stream_ = std::make_unique<std::ostream>(buffer_.get());
    }
    return *stream_;
}

// Everything on disk under the temporary name: the stream drained and
// checked, the file given its mode, fsynced and closed. The temporary file
// is removed on any failure.
void OutputFile::finish() {
    try {
        if (buffer_) {
            const bool drained = buffer_->drain();
            const int err = buffer_->error();
            if (!drained || stream_->bad() || err != 0)
                fail(target_, "書き込みに失敗しました。以前のファイルはそのままです",
                     "writing failed; the previous file is unchanged", err);
            // Our own descriptor: fsync it, and close's error counts too (NFS).
            const int fd = std::exchange(fd_, -1);
            ::fchmod(fd, mode_);
            if (::fsync(fd) != 0) {
                const int err2 = errno;
                ::close(fd);
                fail(target_, "ディスクへの書き込みに失敗しました", "writing to disk failed", err2);
            }
            if (::close(fd) != 0) fail(target_, "ディスクへの書き込みに失敗しました", "writing to disk failed", errno);
        } else {
            // A library wrote by name; nothing there is a failed write too.
            if (::chmod(temp_.c_str(), mode_) != 0)
                fail(target_, "書き込まれていません", "was not written", errno);
            fsync_path(temp_, target_);
        }
    } catch (...) {
        discard(temp_dir_, temp_);
        discarded_ = true;
        throw;
    }
}

void OutputFile::publish() {
    if (::rename(temp_.c_str(), target_.c_str()) != 0) {
        const int err = errno;
        discard(temp_dir_, temp_);
        fail(target_, "ファイルを置き換えられません。以前のファイルはそのままです",
             "cannot replace the file; the previous file is unchanged", err);
    }
    release(temp_dir_);
    fsync_folder(target_);
}

void OutputFile::commit() {
    if (committed_) return;
    if (discarded_) fail(target_, "書き込みに失敗しました。以前のファイルはそのままです",
                         "writing failed; the previous file is unchanged", 0);
    finish();
    committed_ = true;
    if (current_batch) {
        current_batch->adopt({target_, temp_, temp_dir_});
        return;
    }
    publish();
}

OutputBatch::OutputBatch() : outer_(current_batch) { current_batch = this; }

OutputBatch::~OutputBatch() {
    current_batch = outer_;
    for (const auto& f : finished_) discard(f.temp_dir, f.temp);
}

void OutputBatch::adopt(Finished file) {
    std::lock_guard lock(mutex_);
    finished_.push_back(std::move(file));
}

OutputBatch::Joined::Joined(OutputBatch& batch) : outer_(current_batch) { current_batch = &batch; }

OutputBatch::Joined::~Joined() { current_batch = outer_; }

void OutputBatch::publish() {
    std::vector<Finished> files;
    {
        std::lock_guard lock(mutex_);
        files = std::exchange(finished_, {});
    }
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (::rename(files[i].temp.c_str(), files[i].target.c_str()) != 0) {
            const int err = errno;
            for (std::size_t j = i; j < files.size(); ++j) discard(files[j].temp_dir, files[j].temp);
            fail(files[i].target, "ファイルを置き換えられません。以前のファイルはそのままです",
                 "cannot replace the file; the previous file is unchanged", err);
        }
        release(files[i].temp_dir);
    }
    std::vector<std::string> folders;
    for (const auto& f : files) {
        std::string folder = folder_of(f.target);
        if (std::find(folders.begin(), folders.end(), folder) == folders.end()) {
            folders.push_back(folder);
            fsync_folder(f.target);
        }
    }
}

void remove_unfinished_outputs() noexcept {
    std::unique_lock lock(unfinished_mutex, std::try_to_lock);
    if (!lock.owns_lock()) return;
    for (const auto& [folder, file] : unfinished) {
        ::unlink(file.c_str());
        ::rmdir(folder.c_str());
    }
}

void write_file_atomically(const std::string& path, std::string_view bytes) {
    OutputFile file(path);
    file.write(bytes);
    file.commit();
}

} // namespace shisetsu
