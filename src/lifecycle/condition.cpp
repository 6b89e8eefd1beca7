#include "lifecycle/condition.hpp"

#include "core/errors.hpp"
#include "core/files.hpp"
#include "core/lang.hpp"
#include "core/paths.hpp"
#include "core/text.hpp"

#include <nlohmann/json.hpp>

namespace shisetsu::lifecycle {

const std::array<Part, kPartCount>& parts() {
    static const std::array<Part, kPartCount> list = {{{"roof", "屋根・屋上", "roof"},
                                                       {"exterior", "外壁", "exterior walls"},
                                                       {"interior", "内部仕上", "interior finishes"},
                                                       {"electrical", "電気設備", "electrical systems"},
                                                       {"mechanical", "機械設備", "mechanical systems"}}};
    return list;
}

namespace {

ConditionWeights load_weights() {
    const std::string path = data_path("lifecycle/condition_grades.json");
    const nlohmann::json doc = read_json_file(path);
    std::vector<InputProblem> problems;
    auto problem = [&](const std::string& key, const std::string& what) { problems.push_back({path, 0, key, what}); };
    ConditionWeights w;
    if (!doc.is_object()) throw InputError({InputProblem{path, 0, "", tr("オブジェクトが必要です", "expected an object")}});
    for (const auto& [key, value] : doc.items())
        if (key != "source" && key != "points" && key != "weights")
            problem(key, tr("不明なキーです (source, points, weights)", "unknown key (source, points, weights)"));
    if (doc.contains("source") && doc["source"].is_string()) w.source = doc["source"].get<std::string>();
    const char* letters[] = {"A", "B", "C", "D"};
    for (std::size_t i = 0; i < 4; ++i) {
        const auto& points = doc.value("points", nlohmann::json::object());
        if (!points.contains(letters[i]) || !points[letters[i]].is_number())
            problem(std::string("points.") + letters[i], tr("数値が必要です", "a number is required"));
        else w.points[i] = points[letters[i]].get<double>();
    }
    double sum = 0;
    for (std::size_t i = 0; i < kPartCount; ++i) {
        const auto& weights = doc.value("weights", nlohmann::json::object());
        const char* key = parts()[i].key;
        if (!weights.contains(key) || !weights[key].is_number() || !(weights[key].get<double>() >= 0))
            problem(std::string("weights.") + key, tr("0 以上の数値が必要です", "a number ≥ 0 is required"));
        else sum += w.weights[i] = weights[key].get<double>();
    }
    if (problems.empty() && !(sum > 0)) problem("weights", tr("合計が正でなければなりません", "the weights must add up to more than 0"));
    if (!problems.empty()) throw InputError(std::move(problems));
    return w;
}

} // namespace

const ConditionWeights& condition_weights() {
    static const ConditionWeights weights = load_weights();
    return weights;
}

std::optional<char> part_rating(std::string_view cell) {
    const std::string text = text::to_half_width(text::trim(cell));
    if (text.size() != 1) return std::nullopt;
    char c = text[0];
    if (c >= 'a' && c <= 'd') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'D') return std::nullopt;
    return c;
}

double condition_from_ratings(std::string_view ratings, const ConditionWeights& w) {
    double sum = 0, weight_sum = 0;
    for (std::size_t i = 0; i < kPartCount && i < ratings.size(); ++i) {
        const char c = ratings[i];
        if (c < 'A' || c > 'D') throw std::invalid_argument("part rating is not A–D");
        sum += w.points[static_cast<std::size_t>(c - 'A')] * w.weights[i];
        weight_sum += w.weights[i];
    }
    return weight_sum > 0 ? sum / weight_sum : 0.0;
}

bool has_d_part(std::string_view ratings) noexcept { return ratings.find('D') != std::string_view::npos; }

bool is_urgent(const Building& b, double urgent_condition) noexcept {
    return has_d_part(b.part_ratings) || (b.condition && *b.condition < urgent_condition);
}

} // namespace shisetsu::lifecycle
