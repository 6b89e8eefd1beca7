#include "report/wkb.hpp"

#include "core/errors.hpp"

#include <bit>
#include <cstdint>
#include <cstring>

namespace shisetsu::report {

namespace {

class Reader {
public:
    explicit Reader(const Wkb& wkb) : data_(wkb) {}

    void geometry(Shape& out) {
        const bool little = byte() == 1;
        std::uint32_t type = u32(little);
        // ISO (1000s) and EWKB flags for Z/M: read and drop the extra ordinates.
        int extra = 0;
        if (type & 0x80000000u) ++extra;
        if (type & 0x40000000u) ++extra;
        if (type & 0x20000000u) u32(little);  // EWKB SRID
        type &= 0x0fffffffu;
        if (type >= 3000) { extra = 2; type -= 3000; }
        else if (type >= 2000) { extra = 1; type -= 2000; }
        else if (type >= 1000) { extra = 1; type -= 1000; }
        switch (type) {
        case 1: set(out, Shape::Kind::point); out.paths.push_back({point(little, extra)}); break;
        case 2: set(out, Shape::Kind::line); out.paths.push_back(points(little, extra)); break;
        case 3: {
            set(out, Shape::Kind::polygon);
            for (std::uint32_t rings = u32(little), r = 0; r < rings; ++r) out.paths.push_back(points(little, extra));
            break;
        }
        case 4: case 5: case 6: case 7:
            for (std::uint32_t n = u32(little), i = 0; i < n; ++i) geometry(out);
            break;
        default: throw GisError("WKB: unsupported geometry type " + std::to_string(type));
        }
    }

private:
    static void set(Shape& out, Shape::Kind kind) {
        if (out.kind == Shape::Kind::empty || kind == Shape::Kind::polygon) out.kind = kind;
    }
    void need(std::size_t n) const {
        if (at_ + n > data_.size()) throw GisError("WKB: truncated geometry");
    }
    unsigned char byte() {
        need(1);
        return data_[at_++];
    }
    std::uint32_t u32(bool little) {
        need(4);
        std::uint32_t v;
        std::memcpy(&v, data_.data() + at_, 4);
        at_ += 4;
        if (little != (std::endian::native == std::endian::little)) v = __builtin_bswap32(v);
        return v;
    }
    double f64(bool little) {
        need(8);
        std::uint64_t v;
        std::memcpy(&v, data_.data() + at_, 8);
        at_ += 8;
        if (little != (std::endian::native == std::endian::little)) v = __builtin_bswap64(v);
        return std::bit_cast<double>(v);
    }
    std::pair<double, double> point(bool little, int extra) {
        double x = f64(little), y = f64(little);
        for (int i = 0; i < extra; ++i) f64(little);
        return {x, y};
    }
    std::vector<std::pair<double, double>> points(bool little, int extra) {
        std::uint32_t n = u32(little);
        need(static_cast<std::size_t>(n) * 8 * (2 + extra));
        std::vector<std::pair<double, double>> out;
        out.reserve(n);
        for (std::uint32_t i = 0; i < n; ++i) out.push_back(point(little, extra));
        return out;
    }

    const Wkb& data_;
    std::size_t at_ = 0;
};

} // namespace

Shape parse_wkb(const Wkb& wkb) {
    Shape out;
    if (wkb.empty()) return out;
    Reader(wkb).geometry(out);
    return out;
}

} // namespace shisetsu::report
