// OR-Library p-median instance (Beasley 1985) → OD CSV for `shisetsu locate`.
// Format: "n m p", then m lines "i j c" (1-based, undirected). The published
// optima hold when a repeated edge's LAST line wins (see the data README).
// Distances: all-pairs shortest paths (Floyd–Warshall); every vertex is both
// an origin (weight 1) and a candidate site.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <limits>
#include <vector>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: pmed_to_od pmedN.txt OUT.csv   (prints p on stdout)\n";
        return 2;
    }
    std::ifstream in(argv[1]);
    int n = 0, m = 0, p = 0;
    if (!(in >> n >> m >> p) || n <= 0) {
        std::cerr << argv[1] << ": cannot read the header\n";
        return 1;
    }
    const long inf = std::numeric_limits<long>::max() / 4;
    std::vector<long> d(static_cast<size_t>(n) * n, inf);
    auto at = [&](int i, int j) -> long& { return d[static_cast<size_t>(i) * n + j]; };
    for (int i = 0; i < n; ++i) at(i, i) = 0;
    for (int e = 0; e < m; ++e) {
        int i = 0, j = 0;
        long c = 0;
        if (!(in >> i >> j >> c)) {
            std::cerr << argv[1] << ": edge " << e + 1 << " unreadable\n";
            return 1;
        }
        at(i - 1, j - 1) = c;  // the last occurrence wins
        at(j - 1, i - 1) = c;
    }
    for (int k = 0; k < n; ++k)
        for (int i = 0; i < n; ++i) {
            long dik = at(i, k);
            if (dik >= inf) continue;
            for (int j = 0; j < n; ++j)
                if (dik + at(k, j) < at(i, j)) at(i, j) = dik + at(k, j);
        }
    std::FILE* out = std::fopen(argv[2], "w");
    if (!out) {
        std::cerr << argv[2] << ": cannot write\n";
        return 1;
    }
    std::fputs("origin_id,destination_id,distance_m\n", out);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            if (at(i, j) < inf) std::fprintf(out, "%d,%d,%ld\n", i + 1, j + 1, at(i, j));
    std::fclose(out);
    std::cout << p << '\n';
    return 0;
}
