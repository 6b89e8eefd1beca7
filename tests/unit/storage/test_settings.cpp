// Project settings (overview.md "The municipality, once"): checked values,
// the kind from the name, and a boundary's N03 attributes filling only what
// is unset.
#include "storage/settings.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace shisetsu;

namespace {

std::unique_ptr<Store> fresh(const char* name) {
    auto dir = std::filesystem::temp_directory_path() / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return open_store((dir / "p.sqlite").string(), OpenMode::create);
}

} // namespace

TEST_CASE("settings are checked, stored as given and read back typed", "[storage][settings]") {
    set_language(Lang::en);
    auto store = fresh("shisetsu_settings_typed");
    CHECK(store->schema_version() >= 4);
    ProjectSettings none = load_settings(*store);
    CHECK_FALSE(none.name);
    CHECK(none.display_name().empty());
    set_setting(*store, "code", "１３２０２１");  // full-width digits as typed in Japanese
    set_setting(*store, "name", "立川市");
    set_setting(*store, "population", "184,000");
    set_setting(*store, "budget_yen", "120億円");
    ProjectSettings s = load_settings(*store);
    CHECK(s.code == "132021");
    CHECK(s.kind == MunicipalityKind::city);  // from the name
    CHECK(s.population == 184000.0);
    CHECK(s.budget_yen == 1.2e10);
    CHECK(s.source["name"] == "user");
    CHECK(s.full_name() == "立川市");
    set_setting(*store, "prefecture", "東京都");
    CHECK(load_settings(*store).full_name() == "東京都立川市");
    CHECK(load_settings(*store).display_name() == "立川市");  // no English name set
    set_setting(*store, "name_en", "Tachikawa City");
    CHECK(load_settings(*store).display_name() == "Tachikawa City");
    set_setting(*store, "kind", "区");
    CHECK(load_settings(*store).kind == MunicipalityKind::ward);  // an explicit kind wins
    set_setting(*store, "kind", "");
    CHECK(load_settings(*store).kind == MunicipalityKind::city);

    auto refused = [&](const char* key, const char* value, const char* text) {
        try {
            set_setting(*store, key, value);
            FAIL("accepted " << key << " = " << value);
        } catch (const InputError& e) {
            CHECK(std::string(e.what()).find(text) != std::string::npos);
        }
    };
    refused("code", "132022", "wrong check digit");
    refused("population", "-5", "positive number");
    refused("kind", "県", "one of 区, 市, 町, 村");
    refused("populaton", "1", "did you mean population?");
    CHECK(load_settings(*store).code == "132021");  // unchanged
    set_language(Lang::ja);
}

TEST_CASE("a boundary's N03 attributes fill what is unset, and only for the same municipality", "[storage][settings]") {
    set_language(Lang::en);
    auto store = fresh("shisetsu_settings_boundary");
    std::vector<std::string> warnings;
    auto filled = fill_from_boundary(*store, "立川市", "13202", "東京都", warnings);
    CHECK(filled == std::vector<std::string>{"code", "name", "prefecture"});
    ProjectSettings s = load_settings(*store);
    CHECK(s.code == "132021");  // N03's five digits + the check digit
    CHECK(s.full_name() == "東京都立川市");
    CHECK(s.source["name"] == "boundary");
    // A name the user set stays; a second import fills nothing.
    set_setting(*store, "name", "立川市役所管内");
    CHECK(fill_from_boundary(*store, "立川市", "13202", "東京都", warnings).empty());
    CHECK(load_settings(*store).name == "立川市役所管内");
    CHECK(warnings.empty());
    // Another city's boundary: nothing taken, and a warning.
    CHECK(fill_from_boundary(*store, "大田区", "13111", "東京都", warnings).empty());
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].find("131113") != std::string::npos);
    set_language(Lang::ja);
}
