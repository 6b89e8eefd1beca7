// Configuration checked like data (overview.md): a run config whole — every
// step, and the plan, projects, parameters and strategy files it names —
// before the first step runs; a plan file against the project's ids.
#include "pipeline/checks.hpp"

#include "core/files.hpp"
#include "core/lang.hpp"
#include "core/municipality.hpp"
#include "core/text.hpp"
#include "lifecycle/scenario.hpp"
#include "network/access.hpp"
#include "ppp/projects.hpp"

#include <filesystem>

namespace shisetsu::pipeline {

using json = nlohmann::json;
namespace fs = std::filesystem;

schema::Context project_context(Store& store) {
    schema::Context context;
    schema::IdSet services{"機能", "service", {}, {}};
    for (const auto& s : network::service_parameters(store)) services.ids.push_back(s.key);
    // A service written by a name it goes by (図書館, library) means its key.
    for (const auto& [name, key] : network::service_aliases(store)) services.aliases[name] = key;
    context.ids["service"] = std::move(services);
    schema::IdSet sites{"施設・用地 ID", "facility or site id", {}, {}};
    for (const auto& f : store.facilities()) sites.ids.push_back(f.facility_id);
    for (const auto& s : store.sites()) sites.ids.push_back(s.site_id);
    context.ids["site"] = std::move(sites);
    schema::IdSet categories{"分類", "category", {}, {}};
    for (const auto& c : lifecycle::load_defaults().categories) {
        categories.ids.push_back(c.key);
        categories.aliases[c.name_ja] = c.key;
    }
    context.ids["category"] = std::move(categories);
    return context;
}

namespace {

std::string resolve(const std::string& base, const std::string& path) {
    if (path.empty() || fs::path(path).is_absolute()) return path;
    return (fs::path(base) / path).string();
}

// Runs a check that throws InputError and keeps its problems.
template <typename F>
void collect(std::vector<InputProblem>& problems, F check) {
    try {
        check();
    } catch (const InputError& e) {
        problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    }
}

void check_strategy(const json& step, const char* key, const std::string& base, std::vector<InputProblem>& problems,
                    const std::string& file, const std::string& at) {
    if (!step.contains(key) || !step[key].is_string()) return;
    // compare_with names several strategies, comma-separated, as --compare does.
    std::vector<std::string> strategies{step[key].get<std::string>()};
    if (std::string_view(key) == "compare_with") strategies = text::split_list(strategies.front(), ",");
    std::vector<InputProblem> found;
    for (std::string strategy : strategies) {
        if (strategy.ends_with(".json")) strategy = resolve(base, strategy);
        collect(found, [&] { lifecycle::load_scenario(strategy); });
    }
    // A strategy that is not a file is named at the config's key.
    for (auto& p : found)
        if (p.file.empty()) {
            p.file = file;
            p.column = schema::pointer(at, key);
        }
    problems.insert(problems.end(), found.begin(), found.end());
}

} // namespace

void check_plan(json& plan, const std::string& file, const schema::Context& context, std::vector<InputProblem>& problems) {
    schema::load("plan").check(plan, file, context, problems);
}

void check_run_config(json& config, const std::string& file, const std::string& base_dir, Store* existing) {
    std::vector<InputProblem> problems;
    schema::Context paths;
    paths.base_dir = base_dir;
    schema::load("run").check(config, file, paths, problems);
    if (!problems.empty() || !config.contains("steps")) throw InputError(std::move(problems));

    // Ids of the project are known only while no earlier step imports more.
    std::optional<schema::Context> ids;
    if (existing) ids = project_context(*existing);
    const ppp::Defaults ppp_defaults = ppp::load_defaults();
    const ppp::SchemeTable schemes = ppp::load_schemes();
    for (std::size_t i = 0; i < config["steps"].size(); ++i) {
        json& step = config["steps"][i];
        const std::string at = schema::pointer("/steps", i);
        const std::string name = step["step"].get<std::string>();
        if (name == "import") ids.reset();
        if (name == "settings" && step.contains("code") && step["code"].is_string())
            if (auto problem = municipality_code_problem(step["code"].get<std::string>()))
                problems.push_back({file, 0, at + "/code", *problem});
        if (name == "lifecycle" || name == "level") {
            check_strategy(step, "strategy", base_dir, problems, file, at);
            check_strategy(step, "compare_with", base_dir, problems, file, at);
        }
        if (name == "consolidate") {
            const std::string plan_file = resolve(base_dir, step["config"].get<std::string>());
            collect(problems, [&] {
                json plan = read_json_file(plan_file);
                std::vector<InputProblem> found;
                check_plan(plan, plan_file, ids ? *ids : schema::Context{}, found);
                if (!found.empty()) throw InputError(std::move(found));
            });
        }
        if (name == "ppp") {
            if (step.contains("parameters")) {
                ppp::Parameters p = ppp_defaults.parameters;
                ppp::apply_overrides(p, step["parameters"], ppp_defaults, file, at + "/parameters", problems);
            }
            if (step.contains("projects"))
                collect(problems, [&] {
                    const std::string projects = resolve(base_dir, step["projects"].get<std::string>());
                    json doc = read_json_file(projects);
                    std::vector<InputProblem> found;
                    ppp::check_projects(doc, projects, ppp_defaults, schemes, found);
                    if (!found.empty()) throw InputError(std::move(found));
                });
            if (step.contains("parameters_file"))
                collect(problems, [&] {
                    ppp::read_parameters_file(resolve(base_dir, step["parameters_file"].get<std::string>()), ppp_defaults,
                                              ppp_defaults.parameters);
                });
        }
    }
    if (!problems.empty()) throw InputError(std::move(problems));
}

} // namespace shisetsu::pipeline
