// OR-Library capacitated warehouse location instance (Beasley 1988:
// cap41–cap134, capa/capb/capc) → the three CSV files of
// `shisetsu locate --model cflp` (optimization.md, "Capacitated location
// with fixed costs").
// Format (whitespace-separated tokens, line breaks carry no meaning):
// "m n"; m × "capacity fixed_cost"; then per customer "demand" followed by
// m costs, each the cost of serving ALL of the customer's demand from that
// warehouse. capa/capb/capc write the word "capacity" instead of a number:
// the capacity is then given on the command line (4 settings each, see
// capopt.txt). Warehouses are sites 1..m, customers origins 1..n.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

bool number(const std::string& token, double& out) {
    char* end = nullptr;
    out = std::strtod(token.c_str(), &end);
    return !token.empty() && end == token.c_str() + token.size();
}

std::FILE* open_out(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "w");
    if (!f) {
        std::cerr << path << ": cannot write\n";
        std::exit(1);
    }
    return f;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 5 && argc != 6) {
        std::cerr << "usage: cap_to_od capXX.txt OD.csv W.csv SITES.csv [CAPACITY]\n"
                     "  CAPACITY replaces the word \"capacity\" (capa, capb, capc)\n";
        return 2;
    }
    std::ifstream in(argv[1]);
    if (!in) {
        std::cerr << argv[1] << ": cannot read\n";
        return 1;
    }
    std::vector<std::string> tokens;
    for (std::string t; in >> t;) tokens.push_back(t);
    std::size_t at = 0;
    auto next = [&](const char* what, double& v) {
        if (at >= tokens.size()) {
            std::cerr << argv[1] << ": ends before " << what << "\n";
            std::exit(1);
        }
        const std::string& t = tokens[at++];
        if (t == "capacity" && std::string(what) == "a capacity") {
            if (argc == 6 && number(argv[5], v) && v > 0) return;
            std::cerr << argv[1] << ": the capacities are the word \"capacity\": give a CAPACITY > 0 on the command line\n";
            std::exit(2);
        }
        if (!number(t, v)) {
            std::cerr << argv[1] << ": token " << at << " (\"" << t << "\") is not a number, expected " << what << "\n";
            std::exit(1);
        }
    };
    double mv = 0, nv = 0;
    next("m", mv);
    next("n", nv);
    const int m = static_cast<int>(mv), n = static_cast<int>(nv);
    if (m <= 0 || n <= 0) {
        std::cerr << argv[1] << ": bad header\n";
        return 1;
    }
    std::vector<double> capacity(static_cast<std::size_t>(m)), fixed(static_cast<std::size_t>(m));
    for (int j = 0; j < m; ++j) {
        next("a capacity", capacity[static_cast<std::size_t>(j)]);
        next("a fixed cost", fixed[static_cast<std::size_t>(j)]);
    }
    std::FILE* od = open_out(argv[2]);
    std::FILE* w = open_out(argv[3]);
    std::fputs("origin_id,destination_id,distance_m\n", od);
    std::fputs("origin_id,weight\n", w);
    for (int i = 0; i < n; ++i) {
        double demand = 0;
        next("a demand", demand);
        std::fprintf(w, "%d,%.17g\n", i + 1, demand);
        for (int j = 0; j < m; ++j) {
            double c = 0;
            next("a cost", c);
            std::fprintf(od, "%d,%d,%.17g\n", i + 1, j + 1, c);
        }
    }
    if (at != tokens.size()) {
        std::cerr << argv[1] << ": " << tokens.size() - at << " tokens left after the last customer\n";
        return 1;
    }
    std::FILE* sites = open_out(argv[4]);
    std::fputs("site_id,fixed_cost,capacity\n", sites);
    for (int j = 0; j < m; ++j)
        std::fprintf(sites, "%d,%.17g,%.17g\n", j + 1, fixed[static_cast<std::size_t>(j)], capacity[static_cast<std::size_t>(j)]);
    for (std::FILE* f : {od, w, sites})
        if (std::fclose(f) != 0) {
            std::cerr << "write failed\n";
            return 1;
        }
    return 0;
}
