#include "strict_csv.h"

#include <fstream>
#include <sstream>

namespace mlgen_test {

bool parse_strict_csv(std::string_view text, CsvTable& table, std::string& error) {
  size_t pos = 0, line = 1;
  bool first = true;
  while (pos < text.size()) {
    std::vector<std::string> fields;
    for (;;) {
      std::string field;
      if (pos < text.size() && text[pos] == '"') {
        ++pos;
        bool closed = false;
        while (pos < text.size()) {
          if (text[pos] == '"') {
            if (pos + 1 < text.size() && text[pos + 1] == '"') {
              field.push_back('"');
              pos += 2;
              continue;
            }
            ++pos;
            closed = true;
            break;
          }
          field.push_back(text[pos++]);
        }
        if (!closed) {
          error = "line " + std::to_string(line) + ": unterminated quoted field";
          return false;
        }
        if (field.find_first_of(",\"\r\n") == std::string::npos) {
          error = "line " + std::to_string(line) + ": needless quotes around '" + field + "'";
          return false;
        }
        ++table.quoted_fields;
      } else {
        while (pos < text.size() && text[pos] != ',' && text[pos] != '\r' && text[pos] != '\n') {
          if (text[pos] == '"') {
            error = "line " + std::to_string(line) + ": quote inside an unquoted field";
            return false;
          }
          field.push_back(text[pos++]);
        }
      }
      fields.push_back(std::move(field));
      if (pos < text.size() && text[pos] == ',') {
        ++pos;
        continue;
      }
      break;
    }
    if (text.substr(pos, 2) != "\r\n") {
      error = "line " + std::to_string(line) + ": record does not end with CRLF";
      return false;
    }
    pos += 2;
    if (first) {
      table.header = std::move(fields);
      first = false;
    } else {
      if (fields.size() != table.header.size()) {
        error = "line " + std::to_string(line) + ": " + std::to_string(fields.size()) + " fields, header has " +
                std::to_string(table.header.size());
        return false;
      }
      table.rows.push_back(std::move(fields));
    }
    ++line;
  }
  return true;
}

std::string serialise_csv_row(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out.push_back(',');
    const std::string& f = fields[i];
    if (f.find_first_of(",\"\r\n") == std::string::npos) {
      out += f;
    } else {
      out.push_back('"');
      for (char c : f) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
      }
      out.push_back('"');
    }
  }
  out += "\r\n";
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace mlgen_test
