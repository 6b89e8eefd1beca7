#pragma once
// Every output file (JSON, CSV, XLSX, PDF, HTML, GeoPackage, .qgs) is written
// beside its target under a unique temporary name, checked, flushed to disk
// and renamed over the target only when complete. A failure at any point
// leaves the previous file whole and throws OutputError; a target that is a
// symbolic link is replaced, never written through.
#include <memory>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace shisetsu {

class OutputFile {
public:
    // Reserves a private folder `<dir>/.<name>.tmp-XXXXXX/` beside `target`
    // (same file system, so the rename is atomic); the temporary file in it
    // has the target's name. OutputError when the folder cannot take a file
    // or the target is a folder.
    explicit OutputFile(std::string target);
    ~OutputFile();  // not committed: the temporary file is removed
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    const std::string& target() const noexcept { return target_; }
    // For libraries that write by path (cairo, libxlsxwriter, GDAL): they
    // create and write this file, then commit() publishes it.
    const std::string& temp_path() const noexcept { return temp_; }

    // A stream on the temporary file, for writers that stream. Every write
    // goes to one descriptor with write(2), and its error (ENOSPC, EFBIG,
    // EIO) is kept for commit() to report.
    std::ostream& stream();
    void write(std::string_view bytes) { stream().write(bytes.data(), static_cast<std::streamsize>(bytes.size())); }

    // Flushes and checks the stream (if used), fsyncs and closes the file,
    // then renames it over the target and fsyncs the folder. OutputError on
    // any failure, the temporary file removed and the target untouched.
    // While an OutputBatch is open on this thread, the rename waits for the
    // batch's publish().
    void commit();
    bool committed() const noexcept { return committed_; }

private:
    class Buffer;
    void finish();
    void publish();
    friend class OutputBatch;

    std::string target_;
    std::string temp_dir_;
    std::string temp_;
    unsigned mode_ = 0644;
    int fd_ = -1;
    std::unique_ptr<Buffer> buffer_;
    std::unique_ptr<std::ostream> stream_;
    bool committed_ = false;
    bool discarded_ = false;
};

// The outputs of one command, published together once the command has
// succeeded (and its run is recorded): while a batch is open, a committed
// OutputFile is complete and on disk but keeps its temporary name; publish()
// renames them all. A batch left without publish() (an exception on the
// way) removes them, and every target keeps its previous file.
class OutputBatch {
public:
    OutputBatch();
    ~OutputBatch();
    OutputBatch(const OutputBatch&) = delete;
    OutputBatch& operator=(const OutputBatch&) = delete;

    // Renames every finished file over its target, in the order committed.
    // OutputError if one cannot be renamed (those before it stay published).
    void publish();

    // While it lives, the files another thread commits join `batch` (a
    // command that writes its outputs on two threads publishes them as one).
    class Joined {
    public:
        explicit Joined(OutputBatch& batch);
        ~Joined();
        Joined(const Joined&) = delete;
        Joined& operator=(const Joined&) = delete;

    private:
        OutputBatch* outer_;
    };

private:
    friend class OutputFile;
    struct Finished {
        std::string target, temp, temp_dir;
    };
    void adopt(Finished file);
    std::mutex mutex_;  // adopt() from a joined thread
    std::vector<Finished> finished_;
    OutputBatch* outer_ = nullptr;
};

// The whole file at once, through an OutputFile.
void write_file_atomically(const std::string& path, std::string_view bytes);

// Removes the temporary files of every output not yet published, for a
// library's fatal-error hook (GLib, GDAL) that ends the process without
// unwinding. Allocates nothing.
void remove_unfinished_outputs() noexcept;

} // namespace shisetsu
