#pragma once
// Every output file (JSON, CSV, XLSX, PDF, HTML, GeoPackage, .qgs) is written
// beside its target under a unique temporary name, checked, flushed to disk
// and renamed over the target only when complete. A failure at any point
// leaves the previous file whole and throws OutputError; a target that is a
// symbolic link is replaced, never written through.
#include <fstream>
#include <string>
#include <string_view>

namespace shisetsu {

class OutputFile {
public:
    // Reserves `<dir>/.<stem>.tmp-XXXXXX<ext>` beside `target` (same folder,
    // so the rename is atomic; the extension kept, for libraries that choose
    // a format by it). OutputError when the folder cannot take a file.
    explicit OutputFile(std::string target);
    ~OutputFile();  // not committed: the temporary file is removed
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    const std::string& target() const noexcept { return target_; }
    // For libraries that write by path (cairo, libxlsxwriter, GDAL): they
    // write here, then commit() publishes it.
    const std::string& temp_path() const noexcept { return temp_; }

    // A stream on the temporary file, for writers that stream; its state is
    // checked by commit().
    std::ostream& stream();
    void write(std::string_view bytes) { stream().write(bytes.data(), static_cast<std::streamsize>(bytes.size())); }

    // Flushes and checks the stream (if used), fsyncs the file, renames it
    // over the target and fsyncs the folder. OutputError on any failure, the
    // temporary file removed and the target untouched.
    void commit();
    bool committed() const noexcept { return committed_; }

private:
    std::string target_;
    std::string temp_;
    std::ofstream out_;
    bool stream_open_ = false;
    bool committed_ = false;
};

// The whole file at once, through an OutputFile.
void write_file_atomically(const std::string& path, std::string_view bytes);

} // namespace shisetsu
