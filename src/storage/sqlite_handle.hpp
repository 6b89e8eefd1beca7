#pragma once
// RAII wrappers for sqlite3 and sqlite3_stmt (STYLE.md 4). Bound parameters
// only: no value is ever pasted into SQL text.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace shisetsu::sqlite {

class Database {
public:
    explicit Database(const std::string& path, bool create);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;

    sqlite3* get() const noexcept { return db_; }
    void exec(const std::string& sql);   // statements without parameters
    void load_spatialite();
    long long last_insert_rowid() const noexcept;
    [[noreturn]] void fail(const std::string& what) const;

private:
    sqlite3* db_ = nullptr;
};

class Statement {
public:
    Statement(const Database& db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;

    Statement& bind(int index, std::nullopt_t);
    Statement& bind(int index, const std::string& value);
    Statement& bind(int index, const char* value);
    Statement& bind(int index, double value);
    Statement& bind(int index, long long value);
    Statement& bind(int index, int value) { return bind(index, static_cast<long long>(value)); }
    Statement& bind(int index, const std::vector<unsigned char>& blob);  // empty → NULL
    template <typename T>
    Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind(index, std::nullopt);
    }
    Statement& bind(int index, const std::optional<bool>& value);
    // Binds every argument in order, starting at 1.
    template <typename... Args>
    Statement& bind_all(const Args&... args) {
        int i = 0;
        (bind(++i, args), ...);
        return *this;
    }

    bool step();          // true while a row is available
    void run();           // step to completion; resets for reuse
    void reset() noexcept;

    enum class Type { null, integer, real, text, blob };
    Type type(int col) const;  // of the value in this row, as stored
    int columns() const;
    bool is_null(int col) const;
    std::string text(int col) const;
    double real(int col) const;
    long long integer(int col) const;
    std::optional<double> opt_real(int col) const;
    std::optional<int> opt_int(int col) const;
    std::optional<bool> opt_bool(int col) const;
    std::vector<unsigned char> blob(int col) const;

private:
    sqlite3* db_ = nullptr;
    sqlite3_stmt* stmt_ = nullptr;
};

} // namespace shisetsu::sqlite
