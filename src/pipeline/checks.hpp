#pragma once
// Configuration files checked like data before anything runs (overview.md
// "Configuration files are checked like data"), with the one validator of
// core/schema.hpp and the schemas of data/schema/.
#include "core/schema.hpp"
#include "storage/store.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace shisetsu::pipeline {

// The ids a file may name in this project: services (their names as the
// project calls them are aliases of the keys), facility and site ids, and
// lifecycle categories (Japanese names as aliases).
schema::Context project_context(Store& store);

// A plan file (data/schema/plan.json) against `context`; aliases replaced.
void check_plan(nlohmann::json& plan, const std::string& file, const schema::Context& context,
                std::vector<InputProblem>& problems);

// A run config whole: its own schema (data/schema/run.json), then each
// step's files (plans, PPP projects and parameters, strategies) and values.
// `existing` is the project when it exists already: a plan's ids are then
// checked too, up to the first import step. Throws InputError with every
// problem; aliases in `config` are replaced.
void check_run_config(nlohmann::json& config, const std::string& file, const std::string& base_dir, Store* existing);

} // namespace shisetsu::pipeline
