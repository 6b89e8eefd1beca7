#pragma once
// Typed exceptions of the library. Only main() turns them into exit codes
// (overview.md: 1 bad input, 2 usage, 3 no feasible plan; 4 an output file
// could not be written).
#include <stdexcept>
#include <string>
#include <vector>

namespace shisetsu {

// One problem found in an input file, reported as
// `file:row:column: what is wrong, what was expected` (inventory.md).
struct InputProblem {
    std::string file;    // file name as the user gave it
    long row = 0;        // 1-based row in the file (header = row 1); 0 = whole file
    std::string column;  // column header as written in the file; empty = whole row
    std::string message; // what is wrong, what was expected

    std::string to_string() const;
};

// Bad input: carries every problem of one run, not only the first.
class InputError : public std::runtime_error {
public:
    explicit InputError(std::vector<InputProblem> problems);
    explicit InputError(const std::string& message);  // one problem, no location
    const std::vector<InputProblem>& problems() const noexcept { return problems_; }
private:
    std::vector<InputProblem> problems_;
};

// The project database refused or failed an operation.
class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// GDAL/OGR or PROJ failed on something that is not the user's input.
class GisError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// An optimization found no feasible plan (exit 3) or the solver failed.
class SolverError : public std::runtime_error {
public:
    explicit SolverError(const std::string& message, bool infeasible = false)
        : std::runtime_error(message), infeasible_(infeasible) {}
    bool infeasible() const noexcept { return infeasible_; }
private:
    bool infeasible_;
};

// An output file could not be written (disk full, no permission, I/O error);
// the previous file is left whole (exit 4).
class OutputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The command line itself is wrong (exit 2).
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace shisetsu
