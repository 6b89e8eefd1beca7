#include "storage/pg_handle.hpp"

#include "core/lang.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <regex>
#include <stdexcept>

namespace shisetsu::pg {

namespace {

const char* kHex = "0123456789abcdef";

void append_hex(std::string& out, const std::vector<unsigned char>& bytes) {
    out.reserve(out.size() + bytes.size() * 2);
    for (unsigned char c : bytes) {
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    throw StoreError(std::string("PostgreSQL: not a hex digit: ") + c);
}

// A libpq message on one line: without its trailing newline, its hint
// lines joined with a space.
std::string one_line(const char* message) {
    std::string m = message ? message : "";
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    std::string out;
    for (std::size_t i = 0; i < m.size(); ++i) {
        if (m[i] != '\n') {
            out += m[i];
            continue;
        }
        out += ' ';
        while (i + 1 < m.size() && (m[i + 1] == '\t' || m[i + 1] == ' ')) ++i;
    }
    return out;
}

void ignore_notice(void*, const char*) {}

} // namespace

std::string number_text(double value) {
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    if (ec != std::errc()) throw std::runtime_error("number_text: cannot format");
    return std::string(buffer, end);
}

// ---- Params

Params& Params::add(std::nullopt_t) {
    values_.emplace_back();
    null_.push_back(true);
    lengths_.push_back(0);
    formats_.push_back(0);
    return *this;
}

Params& Params::add(const std::string& value) {
    values_.push_back(value);
    null_.push_back(false);
    lengths_.push_back(0);
    formats_.push_back(0);
    return *this;
}

Params& Params::add(const char* value) { return value ? add(std::string(value)) : add(std::nullopt); }
Params& Params::add(double value) { return add(number_text(value)); }
Params& Params::add(long long value) { return add(std::to_string(value)); }
Params& Params::add(bool value) { return add(value ? 1LL : 0LL); }

Params& Params::add(const std::vector<unsigned char>& bytes) {
    if (bytes.empty()) return add(std::nullopt);
    values_.emplace_back(bytes.begin(), bytes.end());
    null_.push_back(false);
    lengths_.push_back(static_cast<int>(bytes.size()));
    formats_.push_back(1);
    return *this;
}

std::vector<const char*> Params::pointers() const {
    std::vector<const char*> out;
    out.reserve(values_.size());
    for (std::size_t i = 0; i < values_.size(); ++i) out.push_back(null_[i] ? nullptr : values_[i].data());
    return out;
}

// ---- Result

Result::~Result() {
    if (res_) PQclear(res_);
}

Result::Result(Result&& other) noexcept : res_(std::exchange(other.res_, nullptr)) {}

Result& Result::operator=(Result&& other) noexcept {
    if (this != &other) {
        if (res_) PQclear(res_);
        res_ = std::exchange(other.res_, nullptr);
    }
    return *this;
}

int Result::rows() const noexcept { return PQntuples(res_); }
int Result::columns() const noexcept { return PQnfields(res_); }
std::string Result::column_name(int col) const { return PQfname(res_, col); }
bool Result::is_null(int row, int col) const { return PQgetisnull(res_, row, col) != 0; }

std::string Result::text(int row, int col) const {
    if (is_null(row, col)) return {};
    return std::string(PQgetvalue(res_, row, col), static_cast<std::size_t>(PQgetlength(res_, row, col)));
}

double Result::real(int row, int col) const {
    if (is_null(row, col)) return 0.0;
    return std::stod(PQgetvalue(res_, row, col));
}

long long Result::integer(int row, int col) const {
    if (is_null(row, col)) return 0;
    return std::stoll(PQgetvalue(res_, row, col));
}

std::optional<double> Result::opt_real(int row, int col) const {
    if (is_null(row, col)) return std::nullopt;
    return real(row, col);
}

std::optional<int> Result::opt_int(int row, int col) const {
    if (is_null(row, col)) return std::nullopt;
    return static_cast<int>(integer(row, col));
}

std::optional<bool> Result::opt_bool(int row, int col) const {
    if (is_null(row, col)) return std::nullopt;
    return integer(row, col) != 0;
}

std::vector<unsigned char> Result::hex_bytes(int row, int col) const {
    std::vector<unsigned char> out;
    if (is_null(row, col)) return out;
    const char* p = PQgetvalue(res_, row, col);
    const int n = PQgetlength(res_, row, col);
    out.reserve(static_cast<std::size_t>(n / 2));
    for (int i = 0; i + 1 < n; i += 2)
        out.push_back(static_cast<unsigned char>(hex_value(p[i]) * 16 + hex_value(p[i + 1])));
    return out;
}

// ---- Connection

Connection::Connection(const std::string& conninfo) {
    // Ours first: a value in the user's own string overrides them.
    const char* keywords[] = {"application_name", "client_encoding", "connect_timeout", "dbname", nullptr};
    // GDAL's spelling `PG:dbname=…` is libpq's keyword form behind a prefix.
    const std::string info = conninfo.rfind("PG:", 0) == 0 ? conninfo.substr(3) : conninfo;
    const char* values[] = {"shisetsu", "UTF8", "10", info.c_str(), nullptr};
    conn_ = PQconnectdbParams(keywords, values, 1);
    if (!conn_) throw StoreError("PostgreSQL: out of memory");
    if (PQstatus(conn_) != CONNECTION_OK) {
        const std::string why = one_line(PQerrorMessage(conn_));
        PQfinish(conn_);
        conn_ = nullptr;
        const std::string where = "PostgreSQL " + redact(conninfo) + ": ";
        if (why.find("password authentication failed") != std::string::npos)
            throw StoreError(where + tr("パスワード認証に失敗しました。URL のユーザー名とパスワード (または ~/.pgpass) を確かめてください (",
                                        "password authentication failed; check the user name and password in the URL (or "
                                        "~/.pgpass) (") + why + ")");
        if (why.find("no password supplied") != std::string::npos)
            throw StoreError(where + tr("パスワードが必要です。URL に書くか ~/.pgpass に置いてください (",
                                        "the server asks for a password; give it in the URL or in ~/.pgpass (") + why + ")");
        if (why.find("does not exist") != std::string::npos)
            throw StoreError(where + tr("データベースまたはユーザーがありません。管理者に作成を依頼してください (",
                                        "no such database or user; ask the database administrator to create it (") + why + ")");
        throw StoreError(where + tr("サーバーに接続できません (", "cannot connect to the server (") + why + ")");
    }
    PQsetNoticeProcessor(conn_, ignore_notice, nullptr);
}

Connection::~Connection() {
    if (conn_) PQfinish(conn_);
}

Connection::Connection(Connection&& other) noexcept : conn_(std::exchange(other.conn_, nullptr)) {}

Connection& Connection::operator=(Connection&& other) noexcept {
    if (this != &other) {
        if (conn_) PQfinish(conn_);
        conn_ = std::exchange(other.conn_, nullptr);
    }
    return *this;
}

Result Connection::check(pg_result* res, const std::string& sql) const {
    Result result(res);
    if (!res) throw StoreError("PostgreSQL: " + one_line(PQerrorMessage(conn_)));
    const auto status = PQresultStatus(res);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_COPY_IN) return result;
    const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    std::string message = one_line(PQresultErrorMessage(res));
    if (message.empty()) message = one_line(PQerrorMessage(conn_));
    const std::string sqlstate = state ? state : "";
    const std::string meaning = explain_sqlstate(sqlstate, PQuser(conn_));
    if (!meaning.empty()) throw ServerError(sqlstate, message, meaning + " (" + message + ")");
    // Leave out the SQL of bulk statements; name the statement's start.
    throw ServerError(sqlstate, message, message + " (in: " + sql.substr(0, 80) + ")");
}

std::string explain_sqlstate(const std::string& sqlstate, const std::string& user) {
    const std::string nothing = tr("。このコマンドの書き込みはすべて取り消しました", "; nothing of this command was written");
    if (sqlstate == "42501")
        return (language() == Lang::ja
                    ? "ロール " + user + " にはこのプロジェクトを変更する権限がありません (読み取りのみ)。変更するには管理者に"
                      "計画担当のグループへの追加を依頼してください (README「A shared project on PostgreSQL + PostGIS」)"
                    : "the role " + user + " may read this project but not change it; to change it, ask the "
                      "administrator to add the role to the planners' group (README: A shared project on PostgreSQL + PostGIS)") +
               nothing;
    if (sqlstate == "40001" || sqlstate == "40P01")
        return tr("別のセッションが同時に同じ行を変更しました (競合)", "another session changed the same rows at the same time (a conflict)") +
               nothing + tr("。もう一度実行してください", "; run it again");
    if (sqlstate == "55P03")
        return tr("別のセッション (保存していない QGIS の編集など) がプロジェクトの表をロックしたまま、待ち時間 (lock_timeout) を"
                  "過ぎました",
                  "another session (an unsaved QGIS edit, an open psql transaction …) held a lock on the project's tables "
                  "past the wait allowed (lock_timeout)") +
               nothing + tr("。その編集を保存するか閉じてから、もう一度実行してください", "; save or close it, then run the command again");
    if (sqlstate == "57014")
        return tr("サーバーが文を打ち切りました (statement_timeout または管理者による取り消し)",
                  "the server cancelled the statement (statement_timeout, or an administrator)") + nothing;
    return {};
}

Result Connection::exec(const std::string& sql) { return check(PQexec(conn_, sql.c_str()), sql); }

Result Connection::exec(const std::string& sql, const Params& params) {
    const auto pointers = params.pointers();
    return check(PQexecParams(conn_, sql.c_str(), params.size(), nullptr, pointers.data(), params.lengths().data(),
                              params.formats().data(), 0),
                 sql);
}

void Connection::copy_in(const std::string& sql, const std::string& data) {
    check(PQexec(conn_, sql.c_str()), sql);  // the server now waits for rows
    // Send in pieces so libpq does not double the buffer for one large row set.
    constexpr std::size_t kChunk = 1 << 20;
    for (std::size_t at = 0; at < data.size(); at += kChunk) {
        const std::size_t n = std::min(kChunk, data.size() - at);
        if (PQputCopyData(conn_, data.data() + at, static_cast<int>(n)) != 1)
            throw StoreError("PostgreSQL COPY: " + one_line(PQerrorMessage(conn_)));
    }
    if (PQputCopyEnd(conn_, nullptr) != 1) throw StoreError("PostgreSQL COPY: " + one_line(PQerrorMessage(conn_)));
    // The COPY's own result, then the end of the command.
    while (pg_result* res = PQgetResult(conn_)) check(res, sql);
}

std::string Connection::user() const { return PQuser(conn_); }
std::string Connection::database() const { return PQdb(conn_); }

// ---- COPY text format

void copy_field(std::string& line, const std::optional<std::string>& value, bool first) {
    if (!first) line += '\t';
    if (!value) {
        line += "\\N";
        return;
    }
    for (char c : *value) {
        switch (c) {
        case '\\': line += "\\\\"; break;
        case '\t': line += "\\t"; break;
        case '\n': line += "\\n"; break;
        case '\r': line += "\\r"; break;
        default: line += c;
        }
    }
}

void copy_bytes(std::string& line, const std::vector<unsigned char>& bytes, bool first) {
    if (!first) line += '\t';
    if (bytes.empty()) {
        line += "\\N";
        return;
    }
    line += "\\\\x";  // bytea's hex form, its backslash escaped for COPY
    append_hex(line, bytes);
}

std::string keywords_without_password(const std::string& conninfo) {
    const std::string info = conninfo.rfind("PG:", 0) == 0 ? conninfo.substr(3) : conninfo;
    char* err = nullptr;
    PQconninfoOption* options = PQconninfoParse(info.c_str(), &err);
    if (!options) {
        std::string why = err ? one_line(err) : "cannot parse";
        PQfreemem(err);
        throw StoreError("PostgreSQL " + redact(conninfo) + ": " + why);
    }
    std::string out;
    for (auto* o = options; o->keyword; ++o) {
        if (!o->val || !*o->val || std::string(o->keyword) == "password") continue;
        if (!out.empty()) out += ' ';
        out += std::string(o->keyword) + "='";
        for (const char* c = o->val; *c; ++c) {
            if (*c == '\'' || *c == '\\') out += '\\';
            out += *c;
        }
        out += '\'';
    }
    PQconninfoFree(options);
    return out;
}

std::string redact(const std::string& conninfo) {
    static const std::regex uri_password(R"(^(postgres(?:ql)?://[^:@/?]*):[^@/?]*@)");
    static const std::regex keyword_password(R"(password\s*=\s*('[^']*'|\S*))");
    std::string out = std::regex_replace(conninfo, uri_password, "$1:***@");
    out = std::regex_replace(out, keyword_password, "password=***");
    static const std::regex query_password(R"(([?&]password=)[^&]*)");
    return std::regex_replace(out, query_password, "$1***");
}

} // namespace shisetsu::pg
