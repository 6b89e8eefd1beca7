#include "pg_server.hpp"

#include "storage/pg_handle.hpp"

#include <libpq-fe.h>

#include <iostream>
#include <map>
#include <memory>
#include <stdexcept>
#include <unistd.h>

namespace test_pg {

namespace {

std::map<std::string, std::string> parse(const std::string& conninfo) {
    char* err = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &err);
    if (!options) {
        std::string msg = err ? err : "cannot parse";
        PQfreemem(err);
        throw std::runtime_error("test_pg: " + msg);
    }
    std::map<std::string, std::string> out;
    for (auto* o = options; o->keyword; ++o)
        if (o->val && *o->val) out[o->keyword] = o->val;
    PQconninfoFree(options);
    return out;
}

std::string keywords(const std::map<std::string, std::string>& values) {
    std::string out;
    for (const auto& [k, v] : values) {
        if (!out.empty()) out += ' ';
        out += k + "='";
        for (char c : v) {
            if (c == '\'' || c == '\\') out += '\\';
            out += c;
        }
        out += '\'';
    }
    return out;
}

// postgresql://user@%2Fsocket%2Ffolder/dbname: no ?, & or space, so the
// tests can put it on a shell command line as it is.
std::string url_of(const std::map<std::string, std::string>& values) {
    std::string host;
    for (char c : values.count("host") ? values.at("host") : std::string()) {
        if (c == '/') host += "%2F";
        else host += c;
    }
    std::string user = values.count("user") ? values.at("user") + "@" : std::string();
    return "postgresql://" + user + host + "/" + values.at("dbname");
}

} // namespace

std::optional<std::string> server() {
    const char* url = std::getenv("SHISETSU_TEST_PG");
    if (!url || !*url) {
        std::cout << kSkipMessage << std::endl;
        return std::nullopt;
    }
    return std::string(url);
}

void admin_exec(const std::string& sql, const std::optional<std::string>& url) {
    const char* admin = std::getenv("SHISETSU_TEST_PG");
    if (!admin) throw std::runtime_error("test_pg: SHISETSU_TEST_PG is not set");
    shisetsu::pg::Connection c(url ? *url : std::string(admin));
    c.exec(sql);
}

std::string fresh_database(const std::string& name) {
    const char* admin = std::getenv("SHISETSU_TEST_PG");
    if (!admin) throw std::runtime_error("test_pg: SHISETSU_TEST_PG is not set");
    std::string db = "t_" + name + "_" + std::to_string(getpid());
    for (char& c : db)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    shisetsu::pg::Connection c(admin);
    c.exec("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
    c.exec("CREATE DATABASE " + db);
    auto values = parse(admin);
    values["dbname"] = db;
    return url_of(values);
}

struct Session::Connection {
    shisetsu::pg::Connection c;
};

Session::Session(const std::string& url) : c_(new Connection{shisetsu::pg::Connection(url)}) {}
Session::~Session() = default;
void Session::exec(const std::string& sql) { c_->c.exec(sql); }

std::string keyword_form(const std::string& url) { return "PG:" + keywords(parse(url)); }

std::string as_user(const std::string& url, const std::string& user, const std::string& password) {
    auto values = parse(url);
    values["user"] = user;
    values["password"] = password;
    return "PG:" + keywords(values);
}

} // namespace test_pg
