#include "adapter/duckdb/chunk_reader.h"

#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <memory>

#include "common/sql_quote.h"

namespace strata::adapter::duckdb {

namespace {

struct TypeDeleter {
  void operator()(duckdb_logical_type t) const { duckdb_destroy_logical_type(&t); }
};
using TypePtr = std::unique_ptr<std::remove_pointer_t<duckdb_logical_type>, TypeDeleter>;

std::string take_c_string(char* s) {
  std::string out = s ? s : "";
  if (s) duckdb_free(s);
  return out;
}

const char* simple_type_name(duckdb_type id) {
  switch (id) {
    case DUCKDB_TYPE_BOOLEAN: return "BOOLEAN";
    case DUCKDB_TYPE_TINYINT: return "TINYINT";
    case DUCKDB_TYPE_SMALLINT: return "SMALLINT";
    case DUCKDB_TYPE_INTEGER: return "INTEGER";
    case DUCKDB_TYPE_BIGINT: return "BIGINT";
    case DUCKDB_TYPE_UTINYINT: return "UTINYINT";
    case DUCKDB_TYPE_USMALLINT: return "USMALLINT";
    case DUCKDB_TYPE_UINTEGER: return "UINTEGER";
    case DUCKDB_TYPE_UBIGINT: return "UBIGINT";
    case DUCKDB_TYPE_FLOAT: return "FLOAT";
    case DUCKDB_TYPE_DOUBLE: return "DOUBLE";
    case DUCKDB_TYPE_TIMESTAMP: return "TIMESTAMP";
    case DUCKDB_TYPE_DATE: return "DATE";
    case DUCKDB_TYPE_TIME: return "TIME";
    case DUCKDB_TYPE_INTERVAL: return "INTERVAL";
    case DUCKDB_TYPE_HUGEINT: return "HUGEINT";
    case DUCKDB_TYPE_UHUGEINT: return "UHUGEINT";
    case DUCKDB_TYPE_VARCHAR: return "VARCHAR";
    case DUCKDB_TYPE_BLOB: return "BLOB";
    case DUCKDB_TYPE_TIMESTAMP_S: return "TIMESTAMP_S";
    case DUCKDB_TYPE_TIMESTAMP_MS: return "TIMESTAMP_MS";
    case DUCKDB_TYPE_TIMESTAMP_NS: return "TIMESTAMP_NS";
    case DUCKDB_TYPE_UUID: return "UUID";
    case DUCKDB_TYPE_BIT: return "BIT";
    case DUCKDB_TYPE_TIME_TZ: return "TIME WITH TIME ZONE";
    case DUCKDB_TYPE_TIMESTAMP_TZ: return "TIMESTAMP WITH TIME ZONE";
    case DUCKDB_TYPE_BIGNUM: return "BIGNUM";
    case DUCKDB_TYPE_SQLNULL: return "NULL";
    case DUCKDB_TYPE_TIME_NS: return "TIME_NS";
    default: return nullptr;
  }
}

std::string two(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

std::string format_date(duckdb_date d) {
  duckdb_date_struct s = duckdb_from_date(d);
  char buf[32];
  if (s.year <= 0)
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d (BC)", 1 - s.year, s.month, s.day);
  else
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", s.year, s.month, s.day);
  return buf;
}

std::string format_time_of_day(int hour, int min, int sec, int64_t micros, int digits = 6) {
  std::string out = two(hour) + ":" + two(min) + ":" + two(sec);
  if (micros > 0) {
    char buf[16];
    std::snprintf(buf, sizeof buf, ".%0*" PRId64, digits, micros);
    std::string frac = buf;
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    out += frac;
  }
  return out;
}

std::string format_timestamp_micros(int64_t micros) {
  if (micros == INT64_MAX) return "infinity";
  if (micros == -INT64_MAX) return "-infinity";
  duckdb_timestamp ts{micros};
  duckdb_timestamp_struct s = duckdb_from_timestamp(ts);
  return format_date(duckdb_to_date(s.date)) + " " +
         format_time_of_day(s.time.hour, s.time.min, s.time.sec, s.time.micros);
}

std::string format_interval(duckdb_interval iv) {
  std::string out;
  auto part = [&](int64_t n, const char* unit) {
    if (n == 0) return;
    if (!out.empty()) out += ' ';
    out += std::to_string(n) + " " + unit + (n == 1 || n == -1 ? "" : "s");
  };
  part(iv.months / 12, "year");
  part(iv.months % 12, "month");
  part(iv.days, "day");
  if (iv.micros != 0) {
    int64_t m = iv.micros < 0 ? -iv.micros : iv.micros;
    if (!out.empty()) out += ' ';
    if (iv.micros < 0) out += '-';
    out += format_time_of_day(static_cast<int>(m / 3600000000LL), static_cast<int>(m / 60000000LL % 60),
                              static_cast<int>(m / 1000000LL % 60), m % 1000000LL);
  }
  return out.empty() ? "00:00:00" : out;
}

std::string format_hugeint(duckdb_hugeint h) {
  bool negative = h.upper < 0;
  // two's complement magnitude as unsigned 128
  unsigned __int128 v = (static_cast<unsigned __int128>(static_cast<uint64_t>(h.upper)) << 64) | h.lower;
  if (negative) v = ~v + 1;
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  } while (v != 0);
  return negative ? "-" + digits : digits;
}

std::string format_uuid(duckdb_hugeint h) {
  // DuckDB stores UUIDs with the top bit flipped so they sort as signed integers.
  uint64_t upper = static_cast<uint64_t>(h.upper) ^ (uint64_t(1) << 63);
  char buf[40];
  using ull = unsigned long long;
  std::snprintf(buf, sizeof buf, "%08llx-%04llx-%04llx-%04llx-%012llx", ull(upper >> 32), ull((upper >> 16) & 0xffff),
                ull(upper & 0xffff), ull(h.lower >> 48), ull(h.lower & 0xffffffffffffULL));
  return buf;
}

std::string format_decimal(__int128 value, int scale) {
  bool negative = value < 0;
  unsigned __int128 v = negative ? static_cast<unsigned __int128>(-value) : static_cast<unsigned __int128>(value);
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  } while (v != 0);
  if (scale > 0) {
    if (digits.size() <= static_cast<size_t>(scale)) digits.insert(0, scale + 1 - digits.size(), '0');
    digits.insert(digits.size() - scale, ".");
  }
  return negative ? "-" + digits : digits;
}

// Inside lists/structs DuckDB prints strings quoted only when needed; we always quote
// with single quotes, doubling embedded ones, so the text is unambiguous.
std::string quote_nested_string(const std::string& s) { return sql_literal(s); }

Cell read_cell(duckdb_vector vector, duckdb_logical_type type, idx_t row);

std::string nested_text(duckdb_vector vector, duckdb_logical_type type, idx_t row) {
  Cell c = read_cell(vector, type, row);
  if (is_null(c)) return "NULL";
  if (auto* s = std::get_if<std::string>(&c)) {
    duckdb_type id = duckdb_get_type_id(type);
    if (id == DUCKDB_TYPE_VARCHAR || id == DUCKDB_TYPE_ENUM || id == DUCKDB_TYPE_UUID || id == DUCKDB_TYPE_DATE ||
        id == DUCKDB_TYPE_TIMESTAMP || id == DUCKDB_TYPE_TIME || id == DUCKDB_TYPE_BLOB)
      return quote_nested_string(*s);
    return *s;
  }
  return cell_to_string(c);
}

Cell read_cell(duckdb_vector vector, duckdb_logical_type type, idx_t row) {
  uint64_t* validity = duckdb_vector_get_validity(vector);
  if (validity && !duckdb_validity_row_is_valid(validity, row)) return std::monostate{};
  void* data = duckdb_vector_get_data(vector);
  duckdb_type id = duckdb_get_type_id(type);
  switch (id) {
    case DUCKDB_TYPE_BOOLEAN: return static_cast<const bool*>(data)[row];
    case DUCKDB_TYPE_TINYINT: return static_cast<int64_t>(static_cast<const int8_t*>(data)[row]);
    case DUCKDB_TYPE_SMALLINT: return static_cast<int64_t>(static_cast<const int16_t*>(data)[row]);
    case DUCKDB_TYPE_INTEGER: return static_cast<int64_t>(static_cast<const int32_t*>(data)[row]);
    case DUCKDB_TYPE_BIGINT: return static_cast<const int64_t*>(data)[row];
    case DUCKDB_TYPE_UTINYINT: return static_cast<int64_t>(static_cast<const uint8_t*>(data)[row]);
    case DUCKDB_TYPE_USMALLINT: return static_cast<int64_t>(static_cast<const uint16_t*>(data)[row]);
    case DUCKDB_TYPE_UINTEGER: return static_cast<int64_t>(static_cast<const uint32_t*>(data)[row]);
    case DUCKDB_TYPE_UBIGINT: {
      uint64_t v = static_cast<const uint64_t*>(data)[row];
      if (v <= static_cast<uint64_t>(INT64_MAX)) return static_cast<int64_t>(v);
      return std::to_string(v);
    }
    case DUCKDB_TYPE_HUGEINT: {
      duckdb_hugeint h = static_cast<const duckdb_hugeint*>(data)[row];
      if ((h.upper == 0 && h.lower <= static_cast<uint64_t>(INT64_MAX)) ||
          (h.upper == -1 && h.lower > static_cast<uint64_t>(INT64_MAX)))
        return static_cast<int64_t>(h.lower);
      return format_hugeint(h);
    }
    case DUCKDB_TYPE_UHUGEINT: {
      duckdb_uhugeint h = static_cast<const duckdb_uhugeint*>(data)[row];
      unsigned __int128 v = (static_cast<unsigned __int128>(h.upper) << 64) | h.lower;
      if (v <= static_cast<unsigned __int128>(INT64_MAX)) return static_cast<int64_t>(v);
      return format_hugeint({h.lower, static_cast<int64_t>(h.upper)});  // only reached for huge values
    }
    case DUCKDB_TYPE_FLOAT: return static_cast<double>(static_cast<const float*>(data)[row]);
    case DUCKDB_TYPE_DOUBLE: return static_cast<const double*>(data)[row];
    case DUCKDB_TYPE_VARCHAR:
    case DUCKDB_TYPE_BLOB:
    case DUCKDB_TYPE_BIT: {
      duckdb_string_t* s = static_cast<duckdb_string_t*>(data) + row;
      return std::string(duckdb_string_t_data(s), duckdb_string_t_length(*s));
    }
    case DUCKDB_TYPE_DATE: return format_date(static_cast<const duckdb_date*>(data)[row]);
    case DUCKDB_TYPE_TIME: {
      duckdb_time_struct t = duckdb_from_time(static_cast<const duckdb_time*>(data)[row]);
      return format_time_of_day(t.hour, t.min, t.sec, t.micros);
    }
    case DUCKDB_TYPE_TIMESTAMP:
    case DUCKDB_TYPE_TIMESTAMP_TZ: {
      std::string text = format_timestamp_micros(static_cast<const int64_t*>(data)[row]);
      return id == DUCKDB_TYPE_TIMESTAMP_TZ ? text + "+00" : text;
    }
    case DUCKDB_TYPE_TIMESTAMP_S: return format_timestamp_micros(static_cast<const int64_t*>(data)[row] * 1000000);
    case DUCKDB_TYPE_TIMESTAMP_MS: return format_timestamp_micros(static_cast<const int64_t*>(data)[row] * 1000);
    case DUCKDB_TYPE_TIMESTAMP_NS: {
      int64_t ns = static_cast<const int64_t*>(data)[row];
      int64_t micros = ns / 1000;
      std::string text = format_timestamp_micros(micros);
      if (ns % 1000 != 0) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "%03d", static_cast<int>((ns % 1000 + 1000) % 1000));
        if (text.find('.') == std::string::npos) text += ".000000";
        text += buf;
        while (text.back() == '0') text.pop_back();
      }
      return text;
    }
    case DUCKDB_TYPE_INTERVAL: return format_interval(static_cast<const duckdb_interval*>(data)[row]);
    case DUCKDB_TYPE_UUID: return format_uuid(static_cast<const duckdb_hugeint*>(data)[row]);
    case DUCKDB_TYPE_DECIMAL: {
      int scale = duckdb_decimal_scale(type);
      __int128 v = 0;
      switch (duckdb_decimal_internal_type(type)) {
        case DUCKDB_TYPE_SMALLINT: v = static_cast<const int16_t*>(data)[row]; break;
        case DUCKDB_TYPE_INTEGER: v = static_cast<const int32_t*>(data)[row]; break;
        case DUCKDB_TYPE_BIGINT: v = static_cast<const int64_t*>(data)[row]; break;
        default: {
          duckdb_hugeint h = static_cast<const duckdb_hugeint*>(data)[row];
          v = static_cast<__int128>((static_cast<unsigned __int128>(static_cast<uint64_t>(h.upper)) << 64) | h.lower);
        }
      }
      // Decimals that fit a double exactly enough for arithmetic become numbers; wider
      // ones stay text so no digit is lost.
      if (duckdb_decimal_width(type) <= 15) {
        double d = static_cast<double>(v);
        for (int i = 0; i < scale; ++i) d /= 10;
        return d;
      }
      return format_decimal(v, scale);
    }
    case DUCKDB_TYPE_ENUM: {
      uint64_t index = 0;
      switch (duckdb_enum_internal_type(type)) {
        case DUCKDB_TYPE_UTINYINT: index = static_cast<const uint8_t*>(data)[row]; break;
        case DUCKDB_TYPE_USMALLINT: index = static_cast<const uint16_t*>(data)[row]; break;
        default: index = static_cast<const uint32_t*>(data)[row]; break;
      }
      return take_c_string(duckdb_enum_dictionary_value(type, index));
    }
    case DUCKDB_TYPE_LIST:
    case DUCKDB_TYPE_MAP: {
      const duckdb_list_entry& entry = static_cast<const duckdb_list_entry*>(data)[row];
      duckdb_vector child = duckdb_list_vector_get_child(vector);
      std::string out = id == DUCKDB_TYPE_MAP ? "{" : "[";
      if (id == DUCKDB_TYPE_MAP) {
        TypePtr key_type(duckdb_map_type_key_type(type));
        TypePtr value_type(duckdb_map_type_value_type(type));
        duckdb_vector keys = duckdb_struct_vector_get_child(child, 0);
        duckdb_vector values = duckdb_struct_vector_get_child(child, 1);
        for (idx_t i = 0; i < entry.length; ++i) {
          if (i) out += ", ";
          out += nested_text(keys, key_type.get(), entry.offset + i) + "=" +
                 nested_text(values, value_type.get(), entry.offset + i);
        }
        return out + "}";
      }
      TypePtr child_type(duckdb_list_type_child_type(type));
      for (idx_t i = 0; i < entry.length; ++i) {
        if (i) out += ", ";
        out += nested_text(child, child_type.get(), entry.offset + i);
      }
      return out + "]";
    }
    case DUCKDB_TYPE_ARRAY: {
      idx_t size = duckdb_array_type_array_size(type);
      duckdb_vector child = duckdb_array_vector_get_child(vector);
      TypePtr child_type(duckdb_array_type_child_type(type));
      std::string out = "[";
      for (idx_t i = 0; i < size; ++i) {
        if (i) out += ", ";
        out += nested_text(child, child_type.get(), row * size + i);
      }
      return out + "]";
    }
    case DUCKDB_TYPE_STRUCT: {
      idx_t count = duckdb_struct_type_child_count(type);
      std::string out = "{";
      for (idx_t i = 0; i < count; ++i) {
        if (i) out += ", ";
        TypePtr child_type(duckdb_struct_type_child_type(type, i));
        out += quote_nested_string(take_c_string(duckdb_struct_type_child_name(type, i))) + ": " +
               nested_text(duckdb_struct_vector_get_child(vector, i), child_type.get(), row);
      }
      return out + "}";
    }
    default:
      return "<" + type_name(type) + " value>";
  }
}

}  // namespace

std::string type_name(duckdb_logical_type type) {
  std::string alias = take_c_string(duckdb_logical_type_get_alias(type));
  if (!alias.empty()) return alias;
  duckdb_type id = duckdb_get_type_id(type);
  if (const char* simple = simple_type_name(id)) return simple;
  switch (id) {
    case DUCKDB_TYPE_DECIMAL:
      return "DECIMAL(" + std::to_string(duckdb_decimal_width(type)) + "," +
             std::to_string(duckdb_decimal_scale(type)) + ")";
    case DUCKDB_TYPE_ENUM: {
      std::string out = "ENUM(";
      uint32_t n = duckdb_enum_dictionary_size(type);
      for (uint32_t i = 0; i < n; ++i) {
        if (i) out += ", ";
        out += quote_nested_string(take_c_string(duckdb_enum_dictionary_value(type, i)));
      }
      return out + ")";
    }
    case DUCKDB_TYPE_LIST: {
      TypePtr child(duckdb_list_type_child_type(type));
      return type_name(child.get()) + "[]";
    }
    case DUCKDB_TYPE_ARRAY: {
      TypePtr child(duckdb_array_type_child_type(type));
      return type_name(child.get()) + "[" + std::to_string(duckdb_array_type_array_size(type)) + "]";
    }
    case DUCKDB_TYPE_MAP: {
      TypePtr k(duckdb_map_type_key_type(type));
      TypePtr v(duckdb_map_type_value_type(type));
      return "MAP(" + type_name(k.get()) + ", " + type_name(v.get()) + ")";
    }
    case DUCKDB_TYPE_STRUCT: {
      std::string out = "STRUCT(";
      idx_t n = duckdb_struct_type_child_count(type);
      for (idx_t i = 0; i < n; ++i) {
        if (i) out += ", ";
        TypePtr child(duckdb_struct_type_child_type(type, i));
        out += "\"" + take_c_string(duckdb_struct_type_child_name(type, i)) + "\" " + type_name(child.get());
      }
      return out + ")";
    }
    case DUCKDB_TYPE_UNION: return "UNION";
    default: return "UNKNOWN";
  }
}

void read_chunk(duckdb_data_chunk chunk, const std::vector<duckdb_logical_type>& types,
                std::vector<std::vector<Cell>>& rows) {
  idx_t size = duckdb_data_chunk_get_size(chunk);
  size_t first = rows.size();
  rows.resize(first + size);
  for (idx_t r = 0; r < size; ++r) rows[first + r].resize(types.size());
  for (size_t c = 0; c < types.size(); ++c) {
    duckdb_vector vector = duckdb_data_chunk_get_vector(chunk, c);
    for (idx_t r = 0; r < size; ++r) rows[first + r][c] = read_cell(vector, types[c], r);
  }
}

}  // namespace strata::adapter::duckdb
