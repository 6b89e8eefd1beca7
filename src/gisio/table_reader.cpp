#include "gisio/table_reader.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"
#include "core/text.hpp"
#include "gisio/crs.hpp"
#include "gisio/gdal_env.hpp"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <new>
#include <cstring>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace shisetsu::gis {

namespace {

std::string lower_extension(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext;
}

bool is_text_table(const std::string& ext) { return ext == ".csv" || ext == ".txt" || ext == ".tsv"; }
bool is_spreadsheet(const std::string& ext) { return ext == ".xlsx" || ext == ".ods" || ext == ".xls"; }

std::string canonical_encoding(const std::string& enc) {
    std::string k = text::match_key(enc);
    if (k == "utf8") return "UTF-8";
    if (k == "cp932" || k == "shiftjis" || k == "sjis" || k == "windows31j" || k == "ms932") return "CP932";
    throw InputError(std::string("--encoding: ") + tr("UTF-8 か CP932 (Shift_JIS) を指定してください: ",
                                                      "expected UTF-8 or CP932 (Shift_JIS), got ") + enc);
}

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path + ": " + tr("ファイルを開けません", "cannot open the file"));
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Cells reach the importer as UTF-8 whatever the file held: bytes that are
// not UTF-8 (a Shift_JIS .dbf without .cpg) are read as CP932, and anything
// still invalid (a name cut mid-character) becomes '?'.
std::string ensure_utf8(std::string value) {
    if (text::is_valid_utf8(value)) return value;
    char* recoded = CPLRecode(value.c_str(), "CP932", CPL_ENC_UTF8);
    std::string out = recoded;
    CPLFree(recoded);
    if (text::is_valid_utf8(out)) return out;
    for (auto& c : value)
        if (static_cast<unsigned char>(c) >= 0x80) c = '?';
    return value;
}

// Why a geometry (in the target CRS) cannot be used: a coordinate that is not
// finite, or an extent outside the CRS's area of use.
std::optional<std::string> outside_area(const OGRGeometry& geom, const AreaOfUse* area, const std::string& crs) {
    OGREnvelope e;
    geom.getEnvelope(&e);
    char extent[200];
    auto usable = [](double v) { return std::isfinite(v) && std::abs(v) < 1e12; };
    if (!usable(e.MinX) || !usable(e.MaxX) || !usable(e.MinY) || !usable(e.MaxY)) {
        std::snprintf(extent, sizeof extent, "x %g … %g, y %g … %g", e.MinX, e.MaxX, e.MinY, e.MaxY);
        return std::string(tr("座標が数値として使えません (", "coordinates are not usable numbers (")) + extent + ")";
    }
    if (area && !(area->contains(e.MinX, e.MinY) && area->contains(e.MaxX, e.MaxY))) {
        std::snprintf(extent, sizeof extent, tr("経度 %.6g〜%.6g, 緯度 %.6g〜%.6g", "longitude %.6g to %.6g, latitude %.6g to %.6g"),
                      e.MinX, e.MaxX, e.MinY, e.MaxY);
        return std::string(tr("座標が座標系の適用範囲外です: ", "coordinates outside the CRS's area of use: ")) + extent +
               " (" + crs + ": " + area->name + ")";
    }
    return std::nullopt;
}

struct DatasetCloser {
    void operator()(GDALDataset* ds) const noexcept { GDALClose(ds); }
};

} // namespace

struct TableReader::Impl {
    ReadOptions options;
    std::string memory_path;  // /vsimem copy of a recoded text file
    GDALDatasetUniquePtr dataset;
    OGRLayer* layer = nullptr;
    std::vector<std::string> columns;
    std::string encoding;
    std::string source_crs;
    bool tabular = false;
    bool text_table = false;  // CSV/TSV: cells may carry csv_field's formula quote
    long index = 0;
    OGRSpatialReference target_srs;
    std::unique_ptr<OGRCoordinateTransformation> transform;
    std::unique_ptr<AreaOfUse> target_area;  // degrees; set when the target CRS is geographic

    ~Impl() {
        dataset.reset();
        if (!memory_path.empty()) VSIUnlink(memory_path.c_str());
    }
};

TableReader::TableReader(const ReadOptions& options) : impl_(std::make_unique<Impl>()) {
    ensure_gdal();
    auto& m = *impl_;
    m.options = options;
    const std::string ext = lower_extension(options.path);
    m.tabular = is_text_table(ext) || is_spreadsheet(ext);
    m.text_table = is_text_table(ext);
    if (!std::filesystem::exists(options.path))
        throw InputError(options.path + ": " + tr("ファイルがありません", "no such file"));

    std::string open_path = options.path;
    CPLStringList open_options;
    if (is_text_table(ext)) {
        // GDAL reads CSV as bytes; Shift_JIS files are recoded to UTF-8 first
        // (CPLRecode, iconv) into an in-memory copy so every cell is UTF-8.
        std::string bytes = read_all(options.path);
        std::string_view body = text::strip_bom(bytes);
        m.encoding = options.encoding.empty() ? (text::is_valid_utf8(body) ? "UTF-8" : "CP932")
                                              : canonical_encoding(options.encoding);
        std::string utf8;
        if (m.encoding == "CP932") {
            std::string input(body);
            char* recoded = CPLRecode(input.c_str(), "CP932", CPL_ENC_UTF8);
            utf8 = recoded;
            CPLFree(recoded);
        } else {
            utf8 = std::string(body);
        }
        if (!text::is_valid_utf8(utf8))
            throw InputError(options.path + ": " + tr("文字コードを UTF-8 / CP932 として読めません (--encoding で指定してください)",
                                                      "cannot be read as UTF-8 or CP932 (name it with --encoding)"));
        static std::atomic<int> counter{0};
        m.memory_path = "/vsimem/shisetsu_" + std::to_string(counter++) + "/" +
                        std::filesystem::path(options.path).stem().string() + (ext == ".tsv" ? ".tsv" : ".csv");
        auto* buffer = static_cast<GByte*>(VSIMalloc(utf8.size() + 1));
        if (!buffer) throw std::bad_alloc();  // low memory: main() says so (exit 5)
        std::memcpy(buffer, utf8.data(), utf8.size());
        VSILFILE* f = VSIFileFromMemBuffer(m.memory_path.c_str(), buffer, utf8.size(), TRUE);
        if (!f) throw GisError("cannot create an in-memory copy of " + options.path);
        VSIFCloseL(f);
        open_path = m.memory_path;
        open_options.SetNameValue("HEADERS", "YES");
        open_options.SetNameValue("AUTODETECT_TYPE", "NO");
        open_options.SetNameValue("EMPTY_STRING_AS_NULL", "YES");
        // The file is in memory already: a line of any length is read whole
        // (GDAL stops at 10 MB by default and the rows after it were lost).
        open_options.SetNameValue("MAX_LINE_SIZE", "-1");
    } else if (ext == ".shp" || ext == ".dbf") {
        if (!options.encoding.empty()) open_options.SetNameValue("ENCODING", canonical_encoding(options.encoding).c_str());
    }
    if (is_spreadsheet(ext)) {
        // Keep every cell as text: numbers and dates are parsed by our rules.
        // Process-wide and left set: the XLSX driver reads them lazily, when a
        // sheet is first used, and shisetsu always wants them.
        CPLSetConfigOption("OGR_XLSX_HEADERS", "FORCE");
        CPLSetConfigOption("OGR_XLSX_FIELD_TYPES", "STRING");
        CPLSetConfigOption("OGR_ODS_HEADERS", "FORCE");
        CPLSetConfigOption("OGR_ODS_FIELD_TYPES", "STRING");
    }

    CplErrorCapture errors;
    m.dataset.reset(GDALDataset::Open(open_path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr,
                                      open_options.List(), nullptr));
    if (!m.dataset)
        throw InputError(options.path + ": " + tr("GDAL で読めない形式です", "GDAL cannot read this file") +
                         (errors.last().empty() ? "" : " (" + errors.last() + ")"));
    if (options.layer.empty()) {
        if (m.dataset->GetLayerCount() == 0)
            throw InputError(options.path + ": " + tr("レイヤがありません", "has no layer"));
        m.layer = m.dataset->GetLayer(0);
    } else {
        m.layer = m.dataset->GetLayerByName(options.layer.c_str());
        if (!m.layer) {
            std::string names;
            for (auto* l : m.dataset->GetLayers()) names += (names.empty() ? "" : ", ") + std::string(l->GetName());
            throw InputError(options.path + ": " + tr("レイヤがありません: ", "no layer named ") + options.layer +
                             " (" + tr("あるレイヤ: ", "layers: ") + names + ")");
        }
    }
    OGRFeatureDefn* defn = m.layer->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) m.columns.push_back(ensure_utf8(defn->GetFieldDefn(i)->GetNameRef()));

    // Source CRS: --crs wins, then the file's own, then the default.
    m.target_srs.SetFromUserInput(options.target_crs.c_str());
    m.target_srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (m.target_srs.IsGeographic()) m.target_area = area_of_use(options.target_crs);
    OGRSpatialReference source_srs;
    const OGRSpatialReference* file_srs = m.layer->GetSpatialRef();
    if (!options.source_crs.empty()) {
        source_srs.SetFromUserInput(options.source_crs.c_str());
        m.source_crs = options.source_crs;
    } else if (file_srs) {
        source_srs = *file_srs;
        const char* auth = source_srs.GetAuthorityName(nullptr);
        const char* code = source_srs.GetAuthorityCode(nullptr);
        m.source_crs = (auth && code) ? std::string(auth) + ":" + code : std::string(source_srs.GetName());
    } else {
        source_srs.SetFromUserInput(options.default_crs.c_str());
        m.source_crs = options.default_crs;
    }
    source_srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (m.layer->GetGeomType() != wkbNone && !source_srs.IsSame(&m.target_srs)) {
        m.transform.reset(OGRCreateCoordinateTransformation(&source_srs, &m.target_srs));
        if (!m.transform)
            throw InputError(options.path + ": " + tr("座標変換ができません: ", "no transformation from ") +
                             m.source_crs + " → " + options.target_crs);
    }
    m.layer->ResetReading();
}

TableReader::~TableReader() = default;

const std::vector<std::string>& TableReader::columns() const noexcept { return impl_->columns; }
const std::string& TableReader::encoding() const noexcept { return impl_->encoding; }
const std::string& TableReader::source_crs() const noexcept { return impl_->source_crs; }
bool TableReader::tabular() const noexcept { return impl_->tabular; }
long long TableReader::feature_count() { return impl_->layer->GetFeatureCount(TRUE); }

bool TableReader::next(TableRow& row) {
    auto& m = *impl_;
    OGRFeatureUniquePtr feature;
    {
        // The end of the layer, or a row GDAL could not read: never the
        // silent end of the file.
        CplErrorCapture errors;
        feature.reset(m.layer->GetNextFeature());
        if (!feature && !errors.errors().empty()) {
            const long at = m.tabular ? m.index + 2 : m.index + 1;
            throw InputError({InputProblem{m.options.path, at, "",
                                           tr("この行から先を読めません: ", "cannot read the file from this row on: ") +
                                               errors.last()}});
        }
    }
    if (!feature) return false;
    ++m.index;
    row.row = m.tabular ? m.index + 1 : m.index;  // spreadsheets: row 1 is the header
    row.values.assign(m.columns.size(), std::nullopt);
    for (int i = 0; i < static_cast<int>(m.columns.size()); ++i) {
        if (feature->IsFieldSetAndNotNull(i)) {
            std::string v = ensure_utf8(feature->GetFieldAsString(i));
            if (m.text_table) v = std::string(text::csv_unneutralise(v));
            if (!text::trim(v).empty()) row.values[static_cast<size_t>(i)] = std::move(v);
        }
    }
    row.geometry.clear();
    row.geometry_type.clear();
    row.geometry_problem.clear();
    row.geometry_repaired = false;
    OGRGeometry* g = feature->GetGeometryRef();
    if (g && !g->IsEmpty()) {
        std::unique_ptr<OGRGeometry> geom(g->clone());
        geom->flattenTo2D();
        if (m.transform && geom->transform(m.transform.get()) != OGRERR_NONE) {
            row.geometry_problem = tr("座標を変換できません (座標系の範囲外)", "coordinates cannot be transformed (outside the CRS)");
            return true;
        }
        // Every spatial import is checked as facility coordinates are: a
        // shape outside the project CRS's area of use (a boundary around
        // Paris, ±1e308) is bad input here, not a broken export later.
        if (auto problem = outside_area(*geom, m.target_area.get(), m.options.target_crs)) {
            row.geometry_problem = *problem;
            return true;
        }
        {
            CplErrorCapture quiet;
            if (!geom->IsValid()) {
                std::unique_ptr<OGRGeometry> fixed(geom->MakeValid());
                if (fixed && fixed->IsValid() && !fixed->IsEmpty()) {
                    geom = std::move(fixed);
                    row.geometry_repaired = true;
                } else {
                    row.geometry_problem = tr("図形が不正で修復できません", "invalid geometry that GEOS cannot repair");
                    return true;
                }
            }
        }
        row.geometry.resize(static_cast<size_t>(geom->WkbSize()));
        geom->exportToWkb(wkbNDR, row.geometry.data(), wkbVariantIso);
        row.geometry_type = geom->getGeometryName();  // WKT name: POINT, MULTIPOLYGON …
    }
    return true;
}

std::vector<std::string> layer_names(const std::string& path) {
    ensure_gdal();
    CplErrorCapture quiet;
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    std::vector<std::string> out;
    if (ds)
        for (auto* l : ds->GetLayers()) out.emplace_back(l->GetName());
    return out;
}

} // namespace shisetsu::gis
