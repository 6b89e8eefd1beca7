#pragma once
// RAII wrappers for libpq's PGconn and PGresult (STYLE.md 4). Values travel
// as bound parameters in text format (numbers written so they read back
// exactly), byte strings in binary; bulk rows go through COPY. No value is
// ever pasted into SQL text.
#include "core/errors.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

struct pg_conn;
struct pg_result;

namespace shisetsu::pg {

// The parameters of one statement ($1, $2, … in order).
class Params {
public:
    Params& add(std::nullopt_t);
    Params& add(const std::string& value);
    Params& add(const char* value);
    Params& add(double value);
    Params& add(long long value);
    Params& add(int value) { return add(static_cast<long long>(value)); }
    Params& add(bool value);
    // A bytea parameter (WKB); empty → NULL.
    Params& add(const std::vector<unsigned char>& bytes);
    template <typename T>
    Params& add(const std::optional<T>& value) {
        return value ? add(*value) : add(std::nullopt);
    }
    template <typename... Args>
    static Params of(const Args&... args) {
        Params p;
        (p.add(args), ...);
        return p;
    }

    int size() const noexcept { return static_cast<int>(values_.size()); }
    std::vector<const char*> pointers() const;
    const std::vector<int>& lengths() const noexcept { return lengths_; }
    const std::vector<int>& formats() const noexcept { return formats_; }

private:
    std::vector<std::string> values_;
    std::vector<bool> null_;
    std::vector<int> lengths_, formats_;
};

// A number as text that reads back to the same double (shortest round trip).
std::string number_text(double value);

class Result {
public:
    explicit Result(pg_result* res) noexcept : res_(res) {}
    ~Result();
    Result(const Result&) = delete;
    Result& operator=(const Result&) = delete;
    Result(Result&& other) noexcept;
    Result& operator=(Result&& other) noexcept;

    int rows() const noexcept;
    int columns() const noexcept;
    std::string column_name(int col) const;
    bool is_null(int row, int col) const;
    std::string text(int row, int col) const;  // NULL → ""
    double real(int row, int col) const;
    long long integer(int row, int col) const;
    std::optional<double> opt_real(int row, int col) const;
    std::optional<int> opt_int(int row, int col) const;
    std::optional<bool> opt_bool(int row, int col) const;
    // A column selected as encode(…, 'hex'); NULL → empty.
    std::vector<unsigned char> hex_bytes(int row, int col) const;

private:
    pg_result* res_ = nullptr;
};

// A statement the server refused, with its SQLSTATE (42501 insufficient
// privilege, 40001/40P01 conflicts with another session …). what() says what
// it means for the planner where the state is known; server_message() is the
// server's own first line.
class ServerError : public StoreError {
public:
    ServerError(std::string sqlstate, std::string server_message, const std::string& explained)
        : StoreError(explained), sqlstate_(std::move(sqlstate)), server_message_(std::move(server_message)) {}
    const std::string& sqlstate() const noexcept { return sqlstate_; }
    const std::string& server_message() const noexcept { return server_message_; }
private:
    std::string sqlstate_, server_message_;
};

// What a refused statement means for the planner: a write without the right
// to write, a conflict with another session or a lock held too long (nothing
// of the command is written then); empty for any other state.
std::string explain_sqlstate(const std::string& sqlstate, const std::string& user);

class Connection {
public:
    // `conninfo` is a libpq URI (postgresql://…) or keyword=value string.
    // Throws StoreError naming the server (without its password) and why.
    explicit Connection(const std::string& conninfo);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    Connection(Connection&& other) noexcept;
    Connection& operator=(Connection&& other) noexcept;

    pg_conn* get() const noexcept { return conn_; }
    Result exec(const std::string& sql);
    Result exec(const std::string& sql, const Params& params);

    // COPY … FROM STDIN: `sql` is the COPY statement, `data` its rows in
    // COPY text format (see copy_field).
    void copy_in(const std::string& sql, const std::string& data);

    std::string user() const;
    std::string database() const;

private:
    Result check(pg_result* res, const std::string& sql) const;
    pg_conn* conn_ = nullptr;
};

// Appends one field in COPY text format (tab-separated, \N for NULL).
void copy_field(std::string& line, const std::optional<std::string>& value, bool first);
// A bytea field in COPY text format (\\x + hex); empty → NULL.
void copy_bytes(std::string& line, const std::vector<unsigned char>& bytes, bool first);

// The connection as libpq keyword='value' pairs (a URL taken apart), the
// password left out: what a QGIS datasource or GDAL's PG: name holds.
std::string keywords_without_password(const std::string& conninfo);

// The connection string with any password replaced by ***, for messages.
std::string redact(const std::string& conninfo);

} // namespace shisetsu::pg
