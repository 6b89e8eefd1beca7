#pragma once
// The PostgreSQL server the tests may use: tools/test.sh starts a throwaway
// cluster and passes its superuser URL as SHISETSU_TEST_PG. Without it the
// PostgreSQL tests print kSkipMessage and pass; CTest reports them skipped.
#include <memory>
#include <optional>
#include <string>

namespace test_pg {

inline constexpr const char* kSkipMessage =
    "SKIPPED: no PostgreSQL server (SHISETSU_TEST_PG is not set; tools/test.sh starts one)";

// The server's superuser URL, or nullopt after printing kSkipMessage.
std::optional<std::string> server();

// A new, empty database (dropped first if a previous run left it), owned by
// the superuser; returns its URL (postgresql://…). `name` is made unique per
// process.
std::string fresh_database(const std::string& name);

// The same connection in the other spelling: `PG:dbname=… host=… user=…`.
std::string keyword_form(const std::string& url);

// Runs SQL as the superuser on the server's `postgres` database or on `url`.
void admin_exec(const std::string& sql, const std::optional<std::string>& url = std::nullopt);

// A connection a test keeps open, e.g. to hold a lock while a command runs.
class Session {
public:
    explicit Session(const std::string& url);
    ~Session();
    void exec(const std::string& sql);
private:
    struct Connection;
    std::unique_ptr<Connection> c_;
};

// `url` with its user and password replaced (keyword form).
std::string as_user(const std::string& url, const std::string& user, const std::string& password);

} // namespace test_pg
