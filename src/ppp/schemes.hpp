#pragma once
// Candidate delivery schemes per project type (ppp.md "Output"), read from
// data/ppp/schemes.json: BTO, BOT, BOO, DBO, RO, コンセッション, 指定管理,
// 包括的民間委託, リース, each with one line on why.
#include "ppp/screening.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace shisetsu::ppp {

struct Scheme {
    std::string key;
    std::string name_ja, name_en;
    std::string why_ja, why_en;
    std::vector<std::string> project_types;          // the types it suits
    std::optional<double> min_fee_income_share_of_om;  // only when U ≥ share × O (concession)

    std::string name() const;  // current language
    std::string why() const;
};

struct SchemeTable {
    std::vector<Scheme> schemes;
    std::map<std::string, std::pair<std::string, std::string>> type_labels;  // type → (ja, en)
    std::string source;

    bool known_type(const std::string& type) const { return type_labels.contains(type); }
    std::string type_label(const std::string& type) const;  // current language; the key when unknown
    std::string accepted_types() const;                     // "new, new_complex, …"
    std::vector<const Scheme*> candidates(const Project& project) const;
};

SchemeTable load_schemes();                         // data/ppp/schemes.json
SchemeTable load_schemes(const std::string& path);  // throws InputError naming the file and key

} // namespace shisetsu::ppp
