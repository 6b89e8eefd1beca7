#pragma once
// The PostgreSQL + PostGIS backend, reached through open_store (store.hpp)
// when DB is a postgresql:// URL or PG: connection string.
#include "storage/store.hpp"

namespace shisetsu {

std::unique_ptr<Store> open_pg_store(const std::string& url, OpenMode mode);
bool pg_project_exists(const std::string& url);

// The database's connection as keyword='value' pairs without the password
// (a QGIS datasource names the server this way).
std::string postgres_keywords(const std::string& db);

} // namespace shisetsu
